import Foundation

/// `assay render`: one Markdown file to an HTML fragment, with the site's taxonomy and
/// bibliography when run inside a site, the default taxonomy otherwise. No heading ids,
/// so plain CommonMark comes out exactly as the `cmark` CLI prints it.
public struct FragmentRenderer {
    let config: SiteConfig
    let bibliography: Bibliography

    public init(root: URL) throws(BuildFailure) {
        let configURL = root.appending(path: SiteConfig.path)
        if FileManager.default.fileExists(atPath: configURL.path) {
            config = try SiteConfig.load(text: try SourceText.read(configURL, path: SiteConfig.path))
            bibliography = try Bibliography.load(root: root)
        } else {
            config = try SiteConfig.load(text: DefaultSite.siteYAML, path: "<default site.yml>")
            bibliography = Bibliography()
        }
    }

    public func render(_ data: Data, path: String) throws(BuildFailure) -> String {
        let text = try SourceText.decode(data, path: path)
        let (yaml, body, offset) = FrontMatter.split(text)
        let page = Page(
            sourcePath: path, outputPath: "index.html", section: "", isSectionIndex: false,
            frontMatter: try FrontMatter.parse(yaml, path: path), body: offset >= 0 ? String(body) : text,
            bodyLineOffset: max(offset, 0), fingerprint: 0)
        var renderer = PageRenderer(config: config, bibliography: bibliography, outputPaths: [:])
        renderer.requireKnownKeys = bibliography.path != nil
        let rendered = renderer.render(page, headingAnchors: false)
        let errors = rendered.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return rendered.html
    }
}
