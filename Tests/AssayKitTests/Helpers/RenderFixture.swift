@testable import AssayKit

/// Pages rendered with `PageRenderer` alone, without a site on disk.
enum RenderFixture {
    static let config: SiteConfig = try! SiteConfig.load(text: DefaultSite.siteYAML, path: "<default site.yml>")

    static let bibliography: Bibliography = try! Bibliography.parse("""
        - id: kruegel2016
          author: Kruegel AC; Gassaway MM; Kapoor A; Váradi A
          title: "Synthetic explorations"
          issued: 2016
        - id: prozialeck2012
          author: Prozialeck WC
          title: "Pharmacology of kratom"
          issued: 2012

        """, path: "content/sources.yml")

    /// A page at `path` (`content/…md`) with `body`; its output path follows the site's rule.
    static func page(_ body: String, path: String = "content/page.md", lineOffset: Int = 0) -> Page {
        let relative = String(path.dropFirst("content/".count))
        return Page(
            sourcePath: path, outputPath: Page.outputPath(for: relative),
            section: relative.split(separator: "/").dropLast().joined(separator: "/"),
            isSectionIndex: relative.hasSuffix("_index.md"),
            frontMatter: FrontMatter(draft: false, reviewedLine: 1, titleLine: 1), body: body,
            bodyLineOffset: lineOffset, fingerprint: 0)
    }

    /// Renders `body` as page `path` of a site whose pages are `sitePages` (source paths).
    static func render(_ body: String, path: String = "content/page.md", sitePages: [String] = []) -> RenderedPage {
        var outputs: [String: String] = [:]
        for source in sitePages + [path] {
            outputs[source] = Page.outputPath(for: String(source.dropFirst("content/".count)))
        }
        let renderer = PageRenderer(config: config, bibliography: bibliography, outputPaths: outputs)
        return renderer.render(page(body, path: path))
    }
}
