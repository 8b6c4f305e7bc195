import AssaySupport
import Foundation

/// The files a build would write, as link checks see them: every path, and the ids and
/// links of each HTML file. Collected from `SiteGenerator.generate` with a sink that keeps
/// no bytes and writes nothing.
struct GeneratedSite: Sendable {
    /// Every output path, e.g. `articles/x.html`, `assets/style.css`.
    let files: Set<String>
    /// The scan of each `.html` file.
    let scans: [String: HTMLLinkScan]
    /// `base_url` from site.yml; links that start with it point into the site.
    let baseURL: String?
    /// The path part of `base_url` (`/guide/`), or `/`: where root-relative links start.
    let basePath: String

    init(generator: SiteGenerator, model: SiteGenerator.Model) {
        let collected = Locked((files: Set<String>(), scans: [String: HTMLLinkScan]()))
        let problems = generator.generate(model) { path, bytes in
            let scan = path.hasSuffix(".html") ? HTMLLinkScan(bytes) : nil
            collected.withLock { value in
                value.files.insert(path)
                if let scan { value.scans[path] = scan }
            }
        }
        let (files, scans) = collected.withLock { ($0.files, $0.scans) }
        self.init(files: files, scans: scans, baseURL: generator.project.config.baseURL)
        renderProblems = problems
    }

    /// Template errors found only while rendering (a recursion that goes too deep), which
    /// `assay check` reports as `assay build` does.
    var renderProblems: [Diagnostic] = []

    init(files: Set<String>, scans: [String: HTMLLinkScan], baseURL: String?) {
        self.files = files
        self.scans = scans
        self.baseURL = baseURL
        var path = "/"
        if let base = baseURL, let schemeEnd = base.firstRange(of: "://") {
            let afterHost = base[schemeEnd.upperBound...].drop { $0 != "/" }
            if !afterHost.isEmpty { path = String(afterHost) }
        }
        basePath = path
    }

    /// Where a link leads.
    enum Target: Hashable {
        /// Another site, another scheme (`mailto:`), or a root-relative path outside the site.
        case external
        /// `..` climbs above the site's root.
        case outside
        /// An output file, and the fragment (percent-decoded) if there is one.
        case file(String, fragment: String?)
    }

    /// What is wrong with a link, if anything.
    enum Problem: Hashable {
        case outside
        case missingFile(String)
        case missingAnchor(file: String, fragment: String)
    }

    /// Resolves `url` as a browser would from the output file `from`: relative to its
    /// folder; a folder URL means its `index.html`; `?query` is ignored.
    func resolve(_ url: String, from: String) -> Target {
        var rest = url
        if let first = url.utf8.first, let last = url.utf8.last, first.isHTMLSpace || last.isHTMLSpace {
            rest = url.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var fromRoot = false
        if let base = baseURL, rest.hasPrefix(base) {
            rest = String(rest.dropFirst(base.count))
            fromRoot = true
        } else if rest.hasPrefix("//") || Self.hasScheme(rest) {
            return .external
        } else if rest.hasPrefix("/") {
            guard rest.hasPrefix(basePath) else { return .external }
            rest = String(rest.dropFirst(basePath.count))
            fromRoot = true
        }
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...]).removingPercentEncodingIfPossible
            rest = String(rest[..<hash])
        }
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        let path = rest.removingPercentEncodingIfPossible
        if path.isEmpty && !fromRoot { return .file(from, fragment: fragment) }

        var parts: [Substring] = fromRoot ? [] : Array(from.split(separator: "/").dropLast())
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            switch segment {
            case "", ".": continue
            case "..":
                guard !parts.isEmpty else { return .outside }
                parts.removeLast()
            default: parts.append(segment)
            }
        }
        var target = parts.joined(separator: "/")
        if target.isEmpty || segments.last.map({ $0.isEmpty || $0 == "." || $0 == ".." }) == true {
            target = target.isEmpty ? "index.html" : target + "/index.html"
        } else if !files.contains(target), files.contains(target + "/index.html") {
            // `articles` for `articles/`: servers redirect it.
            target += "/index.html"
        }
        return .file(target, fragment: fragment)
    }

    /// Whether `target` is missing or lacks its anchor. A fragment is checked only in HTML
    /// files; an empty one and `#top` always work (the HTML standard scrolls to the top).
    func problem(with target: Target) -> Problem? {
        switch target {
        case .external: return nil
        case .outside: return .outside
        case .file(let path, let fragment):
            guard files.contains(path) else { return .missingFile(path) }
            guard let fragment, !fragment.isEmpty, fragment != "top", let scan = scans[path] else { return nil }
            return scan.ids[fragment] == nil ? .missingAnchor(file: path, fragment: fragment) : nil
        }
    }

    /// `https:`, `mailto:`, `data:`…: a scheme is letters, digits, `+ - .` before a colon
    /// that comes before any `/ ? #`.
    static func hasScheme(_ url: String) -> Bool {
        guard let first = url.utf8.first, first.isASCIILetter else { return false }
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { return true }
            if !(byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")) {
                return false
            }
        }
        return false
    }
}
