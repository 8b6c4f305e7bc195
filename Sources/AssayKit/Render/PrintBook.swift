import AssayMarkdown
import AssayTemplates

/// print.html: the whole guide on one page, every page in reading order (mdBook's
/// print.html is the model), with one reference list at the end.
///
/// Each page's HTML was made to stand alone, so on one page its ids would collide (every
/// page has its `cite-1`, many a `#summary` heading). Every id of a page is prefixed with
/// the page's own slug (`risks--side-effects`), its in-page links follow, links to other
/// pages of the guide become links within print.html, other relative links are re-based
/// on the site's root (where print.html is), and citation numbers become the numbers of
/// the one reference list.
struct PrintBook {
    let site: SiteContext
    let model: SiteGenerator.Model
    /// Each cited work's number in the one reference list: in order of first citation,
    /// in reading order.
    private let number: [String: Int]
    private let order: [String]
    /// Every place that cites each work, as its id on print.html.
    private let backlinks: [String: [String]]
    private let pagePaths: Set<String>

    private var config: SiteConfig { site.project.config }

    init(site: SiteContext, model: SiteGenerator.Model) {
        self.site = site
        self.model = model
        var number: [String: Int] = [:]
        var order: [String] = []
        var backlinks: [String: [String]] = [:]
        for (page, rendered) in zip(model.pages, model.rendered) {
            let prefix = Self.slug(of: page.outputPath) + "--"
            for key in rendered.citedKeys where site.project.bibliography.contains(key) {
                if number[key] == nil {
                    order.append(key)
                    number[key] = order.count
                }
                backlinks[key, default: []] += (rendered.citeAnchors[key] ?? []).map { prefix + $0 }
            }
        }
        (self.number, self.order, self.backlinks) = (number, order, backlinks)
        pagePaths = Set(model.pages.map(\.outputPath))
    }

    /// Page `i`'s body (as `PageRenderer` makes it) as it reads inside print.html. Safe to
    /// call in parallel; each body is rewritten as soon as it is rendered, so the guide's
    /// HTML is held once, not twice.
    func chapterHTML(_ i: Int, body: String) -> String {
        let page = model.pages[i]
        let global = model.rendered[i].citedKeys.map { number[$0] ?? 0 }
        return Self.rewrite(body, from: page.outputPath, pages: pagePaths, citationNumbers: global)
    }

    static func slug(of outputPath: String) -> String { RelativeURL.slug(outputPath) }

    /// The chapter's own id; the ids inside it are `slug--id`.
    static func chapterID(_ outputPath: String) -> String { "ch-" + slug(of: outputPath) }

    /// The `print` layout's context; `chapters[i]` is `chapterHTML(i, …)`.
    func context(chapters html: [String]) -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.printPage, title: "The whole guide")
        context["chapters"] = ^model.pages.indices.map { i -> TemplateValue in
            let page = model.pages[i]
            let rendered = model.rendered[i]
            let id = Self.chapterID(page.outputPath)
            var chapter: [String: TemplateValue] = [
                "id": ^id, "title": ^page.title(orSite: config), "url": ^RelativeURL.encode(page.outputPath),
                "content": ^html[i], "depth": ^(page.section.isEmpty ? 1 : page.section.split(separator: "/").count + (page.isSectionIndex ? 0 : 1)),
                "is_section": ^page.isSectionIndex,
                "profile": EvidenceProfile(taxonomy: config.taxonomy, claims: rendered.claims).context(caption: "Evidence on this page"),
                "key_points": ^page.frontMatter.keyPoints.map { ^$0 }, "has_key_points": ^(!page.frontMatter.keyPoints.isEmpty),
            ]
            if let summary = page.frontMatter.summary { chapter["summary"] = ^summary }
            if let reviewed = page.frontMatter.reviewed {
                chapter["reviewed"] = ^reviewed.description
                chapter["review_due"] = ^reviewed.adding(months: config.reviewPeriodMonths).description
            }
            if let latest = ChangeLog.changes(of: page).first {
                chapter["latest_change"] = ["date": ^latest.change.date.description, "summary": ^latest.change.summary]
            }
            return ^chapter
        }
        context["references"] = ^order.enumerated().map { n, key -> TemplateValue in
            let links: [TemplateValue] = (backlinks[key] ?? []).enumerated().map { j, anchor in
                ["href": ^("#" + anchor), "label": ^PageContexts.backlinkLabel(j)]
            }
            return ["number": ^(n + 1), "key": ^key, "html": ^(site.project.bibliography[key]?.formattedHTML ?? ""),
                    "backlinks": ^links, "source_url": ^(SiteFiles.sourcesPage + "#" + SourcesAnchor.of(key))]
        }
        context["has_references"] = ^(!order.isEmpty)
        return context
    }

    /// A page's body HTML as it must read inside print.html. Works on the attributes
    /// cmark and Assay emit (`id`, `href`, `src`, always double-quoted, their values
    /// escaped, so a `"` never occurs inside one) and on Assay's citation links. One pass
    /// over the bytes: print.html holds every page, and a regular expression over all of
    /// them took seconds at 1,000 pages.
    static func rewrite(_ html: String, from outputPath: String, pages: Set<String>, citationNumbers: [Int]) -> String {
        let prefix = slug(of: outputPath) + "--"
        let folder = outputPath.split(separator: "/").dropLast().joined(separator: "/")
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<"), let (end, replacement) = citation(bytes, at: i, prefix: prefix, numbers: citationNumbers) {
                out += replacement.utf8
                i = end
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t"),
                let (name, valueStart) = attribute(bytes, at: i + 1),
                let close = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\""))
            {
                let value = String(decoding: bytes[valueStart..<close], as: UTF8.self)
                let new: String
                switch name {
                case "id": new = value.hasPrefix(prefix) ? value : prefix + value
                case "href": new = rebase(value, folder: folder, prefix: prefix, pages: pages, mapPages: true)
                default: new = rebase(value, folder: folder, prefix: prefix, pages: pages, mapPages: false)
                }
                out.append(byte)
                out += "\(name)=\"\(new)\"".utf8
                i = close + 1
                continue
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `id="`, `href="` or `src="` at `i`: the name and where the value starts.
    private static func attribute(_ bytes: [UInt8], at i: Int) -> (String, Int)? {
        for name in ["id", "href", "src"] where has(bytes, name + "=\"", at: i) {
            return (name, i + name.utf8.count + 2)
        }
        return nil
    }

    /// `<a href="#ref-N" id="cite-M">N</a>` as `PageRenderer` writes a citation: its
    /// end and the link with the one reference list's number and a prefixed id.
    private static func citation(_ bytes: [UInt8], at start: Int, prefix: String, numbers: [Int]) -> (Int, String)? {
        var i = start
        func literal(_ text: String) -> Bool {
            guard has(bytes, text, at: i) else { return false }
            i += text.utf8.count
            return true
        }
        func digits() -> Int? {
            var n = 0, count = 0
            while i < bytes.count, bytes[i].isASCIIDigit, count < 9 {
                n = n * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
                count += 1
            }
            return count > 0 ? n : nil
        }
        guard literal("<a href=\"#ref-"), let local = digits(), literal("\" id=\"cite-"), let occurrence = digits(),
            literal("\">"), digits() != nil, literal("</a>"), local >= 1, local <= numbers.count
        else { return nil }
        let global = numbers[local - 1]
        return (i, "<a href=\"#ref-\(global)\" id=\"\(prefix)cite-\(occurrence)\">\(global)</a>")
    }

    private static func has(_ bytes: [UInt8], _ text: String, at i: Int) -> Bool {
        var j = i
        for byte in text.utf8 {
            guard j < bytes.count, bytes[j] == byte else { return false }
            j += 1
        }
        return true
    }

    /// Where a link written on a page in `folder` leads from print.html.
    static func rebase(_ value: String, folder: String, prefix: String, pages: Set<String>, mapPages: Bool) -> String {
        if value.hasPrefix("#") {
            let fragment = value.dropFirst()
            // Already rewritten citation links (global numbers), and the top of the page.
            if fragment.hasPrefix(prefix) || fragment.wholeMatch(of: /ref-\d+/) != nil { return value }
            if fragment.isEmpty || fragment == "top" { return value }
            return "#" + prefix + fragment
        }
        if value.isEmpty || value.hasPrefix("?") || value.hasPrefix("/") || GeneratedSite.hasScheme(value) { return value }
        var path = Substring(value)
        var rest = Substring("")
        if let cut = value.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            path = value[..<cut]
            rest = value[cut...]
        }
        // Climbing above the site's root is left as written: the link checker reports it.
        var parts = folder.isEmpty ? [Substring]() : folder.split(separator: "/")
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "", ".": continue
            case "..":
                guard !parts.isEmpty else { return value }
                parts.removeLast()
            default: parts.append(segment)
            }
        }
        var target = parts.joined(separator: "/")
        if path.hasSuffix("/") || path.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
        let decoded = target.removingPercentEncodingIfPossible
        if mapPages, !rest.hasPrefix("?"), pages.contains(decoded) {
            // Another page of the guide: its chapter, or the id inside it.
            let fragment = rest.dropFirst()
            return "#" + (fragment.isEmpty || fragment == "top" ? chapterID(decoded) : slug(of: decoded) + "--" + fragment)
        }
        return target + rest
    }
}
