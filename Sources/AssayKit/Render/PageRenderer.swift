import AssayMarkdown
import AssaySupport

/// Renders one page's Markdown: claims get badges and anchors, citations get numbers,
/// `.md` links become links to the published pages. Pure: safe to run in parallel.
struct PageRenderer: Sendable {
    let config: SiteConfig
    let bibliography: Bibliography
    /// Source path (`content/…md`) to output path, for `.md` links.
    let outputPaths: [String: String]
    /// Off only for `assay render` outside a site with a bibliography: numbers still come
    /// out, but an unknown key is not an error there.
    var requireKnownKeys = true
    /// Each level's claim markup, made once per renderer rather than once per claim, in
    /// the taxonomy's order: a claim's level is found by comparing it with the few ids,
    /// not by hashing it.
    private let markup: [ClaimMarkup.Parts]
    /// The level of each of `markup`, in a list of their own: a search of a list of
    /// (id, markup) pairs copied each level's markup out of it, for every claim.
    private let markupIDs: [String]
    /// The taxonomy's ids, made once per renderer rather than once per page.
    private let levels: Set<String>

    init(config: SiteConfig, bibliography: Bibliography, outputPaths: [String: String]) {
        self.config = config
        self.bibliography = bibliography
        self.outputPaths = outputPaths
        markup = config.taxonomy.levels.map { ClaimMarkup.Parts($0) }
        markupIDs = config.taxonomy.levels.map(\.id)
        levels = config.taxonomy.ids
    }

    func render(_ page: Page, headingAnchors: Bool = true) -> RenderedPage {
        let document = MarkdownDocument(
            markdown: page.body, options: MarkdownOptions(unsafeHTML: config.unsafeHTML, headingAnchors: headingAnchors))
        let folder = page.sourcePath.slashParentFolder
        // What every rewritten link of the page starts with, worked out once per page.
        let linkRoot = RelativeURL.root(depth: page.outputPath.slashComponentCount - 1)
        document.annotate(levels: levels) { destination in
            rewrite(destination, folder: folder, root: linkRoot)
        }
        var diagnostics = document.diagnostics.map { Diagnostic($0, path: page.sourcePath, lineOffset: page.bodyLineOffset) }
        let root = RelativeURL.root(depth: page.depth)

        // Anchors: the author's `#id`, else one derived from the claim's words, so adding
        // another claim never moves this one.
        var registry = Slug.Registry(reserved: Set(document.headings.map(\.anchor)))
        var claims: [PublishedClaim] = []
        var explicitSeen: [String: Int] = [:]
        var closes = [[UInt8]?](repeating: nil, count: markup.count)
        var open: [UInt8] = []
        // Each claim copied once, into its `PublishedClaim` (taken out of an enumeration
        // first, it was copied twice).
        let found = document.claims
        claims.reserveCapacity(found.count)
        for index in found.indices {
            let claim = found[index]
            let line = claim.location.line + page.bodyLineOffset
            let column = claim.location.column
            let anchor: String
            if let id = claim.explicitID {
                if let first = explicitSeen[id] {
                    diagnostics.append(Diagnostic(.duplicateClaimID, "claim id '#\(id)' is already used on line \(first)", path: page.sourcePath, line: line, column: column))
                }
                explicitSeen[id] = line
                anchor = id
            } else {
                anchor = registry.claim(ClaimMarkup.anchorBase(for: claim.text))
            }
            let level = markupIDs.firstIndex(of: claim.level)
            claims.append(PublishedClaim(claim: consume claim, anchor: anchor, line: line, column: column))
            if let n = level {
                // The close (badge, definition and all) made once per level on the page.
                let close: [UInt8]
                if let made = closes[n] {
                    close = made
                } else {
                    close = Array(markup[n].close(root: root).utf8) + [0]
                    closes[n] = close
                }
                markup[n].openCString(anchor: anchor, into: &open)
                document.setClaimMarkup(index, openCString: open, closeCString: close)
            }
        }

        // Citations: a key's number is the order of its first citation on the page.
        var numbers: [String: Int] = [:]
        var citedKeys: [String] = []
        var citeAnchors: [String: [String]] = [:]
        var occurrence = 0
        for (index, citation) in document.citations.enumerated() {
            var parts: [String] = []
            for item in citation.items {
                guard bibliography.contains(item.key) || !requireKnownKeys else {
                    var message = "unknown cite key '@\(item.key)'"
                    if let close = Suggestion.closest(to: item.key, in: bibliography.references.keys) {
                        message += " — did you mean '@\(close)'?"
                    } else if bibliography.path == nil {
                        message += " (the site has no content/sources.yml)"
                    }
                    diagnostics.append(Diagnostic(.unknownCiteKey, message, path: page.sourcePath, line: citation.location.line + page.bodyLineOffset, column: citation.location.column))
                    continue
                }
                let number: Int
                if let n = numbers[item.key] { number = n } else {
                    citedKeys.append(item.key)
                    number = citedKeys.count
                    numbers[item.key] = number
                }
                occurrence += 1
                let id = "cite-\(occurrence)"
                citeAnchors[item.key, default: []].append(id)
                var part = "<a href=\"#ref-\(number)\" id=\"\(id)\">\(number)</a>"
                if let locator = item.locator { part += ", " + HTMLEscape.text(locator) }
                parts.append(part)
            }
            document.setCitationMarkup(index, html: .concatenated("<sup class=\"cite\">[", parts.joined(separator: "; "), "]</sup>"))
        }
        return RenderedPage(
            html: document.renderHTML(), claims: claims, headings: document.headings, links: document.links,
            citedKeys: citedKeys, citeAnchors: citeAnchors, diagnostics: diagnostics)
    }

    /// `risks.md#liver` written in `content/articles/x.md` → `../risks.html#liver`.
    /// Links that are not to a page of the site are left as written.
    func rewrite(_ destination: String, folder: String, from outputPath: String) -> String? {
        rewrite(destination, folder: folder, root: RelativeURL.root(depth: outputPath.slashComponentCount - 1))
    }

    /// `rewrite(_:folder:from:)` with the page's `../` prefix already made.
    func rewrite(_ destination: String, folder: String, root: String) -> String? {
        let resolved: (source: String, fragment: Substring?)
        switch LinkTarget.asciiSource(destination, folder: folder) {
        case .notAPage?:
            return nil
        case .page(let source, let fragment)?:
            resolved = (source, fragment)
        case nil:
            guard let target = LinkTarget(destination), target.path.hasSuffix(".md") else { return nil }
            resolved = (LinkTarget.normalize(folder + "/" + target.path), target.fragment?[...])
        }
        guard let output = outputPaths[resolved.source] else { return nil }
        var url = root + RelativeURL.encode(output)
        if let fragment = resolved.fragment {
            url += "#"
            url += fragment
        }
        return url
    }
}

/// A relative link split into path and fragment; nil for absolute URLs and bare fragments.
struct LinkTarget {
    var path: String
    var fragment: String?

    init?(_ destination: String) {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("/") || destination.hasPrefix("//") { return nil }
        if let colon = destination.firstIndex(of: ":"), !destination[..<colon].contains("/") { return nil }
        var rest = destination[...]
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] + (rest.firstIndex(of: "#").map { rest[$0...] } ?? "") }
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            path = String(rest[..<hash])
        } else {
            path = String(rest)
        }
        path = path.removingPercentEncodingIfPossible
    }

    var fragmentSuffix: String { fragment.map { "#" + $0 } ?? "" }

    enum ASCIISource {
        /// Not a link to a `.md` file of the site (absolute, a bare fragment, not `.md`).
        case notAPage
        /// The normalized source path it names, and its fragment.
        case page(String, fragment: Substring?)
    }

    /// What `init` and `normalize(folder + "/" + path)` make of a link, worked out on the
    /// bytes: for the links nearly every page has, in plain ASCII without a query or a
    /// percent sign, where a byte is a character and nothing is decoded. Nil for any
    /// other link, which takes the general way. (On Strings it was 80,000 instructions
    /// a link, mostly in walking characters.)
    static func asciiSource(_ destination: String, folder: String) -> ASCIISource? {
        destination.withUTF8Bytes { link in
            folder.withUTF8Bytes { dir -> ASCIISource? in
                var colon = -1, hash = -1, slashBeforeColon = false
                for (i, b) in link.enumerated() {
                    if b >= 0x80 || b == UInt8(ascii: "?") || b == UInt8(ascii: "%") { return nil }
                    if b == UInt8(ascii: "#") { if hash < 0 { hash = i } }
                    else if b == UInt8(ascii: ":") { if colon < 0 { colon = i } }
                    else if b == UInt8(ascii: "/"), colon < 0 { slashBeforeColon = true }
                }
                guard !dir.contains(where: { $0 >= 0x80 }) else { return nil }
                guard let first = link.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "/") else { return .notAPage }
                if colon >= 0, !slashBeforeColon { return .notAPage }
                let pathEnd = hash >= 0 ? hash : link.count
                guard pathEnd >= 3, link[pathEnd - 3] == UInt8(ascii: "."), link[pathEnd - 2] == UInt8(ascii: "m"),
                    link[pathEnd - 1] == UInt8(ascii: "d")
                else { return .notAPage }
                // `.` and `..` resolved over the folder's components and the path's.
                var parts: [(base: UnsafeBufferPointer<UInt8>, start: Int, end: Int)] = []
                func components(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
                    var start = 0
                    for i in 0...end where i == end || bytes[i] == UInt8(ascii: "/") {
                        let n = i - start
                        if n == 1, bytes[start] == UInt8(ascii: ".") {
                        } else if n == 2, bytes[start] == UInt8(ascii: "."), bytes[start + 1] == UInt8(ascii: ".") {
                            if !parts.isEmpty { parts.removeLast() }
                        } else if n > 0 {
                            parts.append((bytes, start, i))
                        }
                        start = i + 1
                    }
                }
                components(dir, upTo: dir.count)
                components(link, upTo: pathEnd)
                var source: [UInt8] = []
                source.reserveCapacity(dir.count + pathEnd + 1)
                for (n, part) in parts.enumerated() {
                    if n > 0 { source.append(UInt8(ascii: "/")) }
                    source.append(contentsOf: UnsafeBufferPointer(rebasing: part.base[part.start..<part.end]))
                }
                let fragment: Substring? = hash >= 0 ? Substring(destination.utf8.dropFirst(hash + 1)) : nil
                return .page(String(decoding: source, as: UTF8.self), fragment: fragment)
            }
        }
    }

    /// Resolves `.` and `..`; never climbs above the first component.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}

extension String {
    var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
