import AssaySupport

/// A Markdown page of the guide, read but not yet rendered.
struct Page: Sendable {
    /// Path from the site root, e.g. `content/articles/dopamine.md`.
    var sourcePath: String
    /// Output path in the site, e.g. `articles/dopamine.html`; `_index.md` gives `index.html`.
    var outputPath: String
    /// The section folder under `content/` ("" for the top level).
    var section: String
    var isSectionIndex: Bool
    var frontMatter: FrontMatter
    var body: String
    /// Lines before the body in the file.
    var bodyLineOffset: Int
    /// Digest of the file's bytes, for the build cache.
    public var fingerprint: UInt64
    /// False when the page came from the build cache: metadata only, body not read.
    var bodyLoaded = true
    /// True when the body was read but is kept on the project's `BodyShelf` (`body` is
    /// empty until `Project.loadingBody` takes it).
    var bodyShelved = false
    /// The file's modification time (ns) and size when read, for the build cache.
    var fileModified = 0
    var fileSize = 0

    var title: String { frontMatter.title ?? Page.fallbackTitle(for: sourcePath) }

    /// Folder depth of the output file, for relative links: `articles/x.html` is 1.
    var depth: Int { outputPath.slashComponentCount - 1 }

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
enum RelativeURL {
    /// The prefix that leads from a file at `depth` back to the site root: "", "../", …
    public static func root(depth: Int) -> String {
        String(repeating: "../", count: depth)
    }

    /// The URL of `target` (an output path) as seen from `from` (an output path).
    static func to(_ target: String, from: String) -> String {
        root(depth: from.split(separator: "/").count - 1) + encode(target)
    }

    /// An output path as a URL path: a page saved as `q&a #2.md` is published as the
    /// file `q&a #2.html` and linked as `q%26a%20%232.html`, so `#`, `?`, `%` and spaces
    /// in file names never cut a link short.
    static func encode(_ path: String) -> String {
        // On the contiguous bytes: over `utf8` the test was not specialised (asked for
        // every link of every page).
        guard path.withUTF8Bytes({ $0.contains(where: { !isPlain($0) }) }) else { return path }
        var out = ""
        for byte in path.utf8 {
            if isPlain(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// A page's output path without `.html`, as an id and a fragment can carry it
    /// (`articles/dopamine`): unreserved characters and `/` as they are, anything else
    /// percent-encoded with `_` for `%`, so a fragment is never decoded into something
    /// else on the way. Made from the page's own path only, so no page's file depends on
    /// another page. The anchors of changes.html and the ids of print.html start with it.
    public static func slug(_ outputPath: String) -> String {
        let stem = outputPath.hasSuffix(".html") ? String(outputPath.dropLast(5)) : outputPath
        return encode(stem).replacingAll("%", with: "_")
    }

    /// Unreserved characters (RFC 3986) and `/`, the only ones a path keeps as they are.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            true
        default: false
        }
    }
}
