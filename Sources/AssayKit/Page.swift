/// A Markdown page of the guide, read but not yet rendered.
public struct Page: Sendable {
    /// Path from the site root, e.g. `content/articles/dopamine.md`.
    public var sourcePath: String
    /// Output path in the site, e.g. `articles/dopamine.html`; `_index.md` gives `index.html`.
    public var outputPath: String
    /// The section folder under `content/` ("" for the top level).
    public var section: String
    public var isSectionIndex: Bool
    public var frontMatter: FrontMatter
    public var body: String
    /// Lines before the body in the file.
    public var bodyLineOffset: Int
    /// Digest of the file's bytes, for the build cache.
    public var fingerprint: UInt64
    /// False when the page came from the build cache: metadata only, body not read.
    public var bodyLoaded = true
    /// The file's modification time (ns) and size when read, for the build cache.
    var fileModified = 0
    var fileSize = 0

    public var title: String { frontMatter.title ?? Page.fallbackTitle(for: sourcePath) }

    /// Folder depth of the output file, for relative links: `articles/x.html` is 1.
    public var depth: Int { outputPath.split(separator: "/").count - 1 }

    static func fallbackTitle(for path: String) -> String {
        let name = path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? path
        return name.replacingAll("-", with: " ").capitalized
    }

    /// `content/a/b.md` → `a/b.html`; `content/a/_index.md` → `a/index.html`.
    static func outputPath(for relative: String) -> String {
        let stem = String(relative.dropLast(3))
        if stem == "_index" { return "index.html" }
        if stem.hasSuffix("/_index") { return String(stem.dropLast("_index".count)) + "index.html" }
        return stem + ".html"
    }
}

/// Relative URLs between output files, so the site works from any sub-path and `file://`.
public enum RelativeURL {
    /// The prefix that leads from a file at `depth` back to the site root: "", "../", …
    public static func root(depth: Int) -> String {
        String(repeating: "../", count: depth)
    }

    /// The URL of `target` (an output path) as seen from `from` (an output path).
    public static func to(_ target: String, from: String) -> String {
        root(depth: from.split(separator: "/").count - 1) + target
    }
}
