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
    /// Each page's body HTML as `PageRenderer` makes it, in reading order.
    let bodies: [String]

    private var config: SiteConfig { site.project.config }

    static func slug(of outputPath: String) -> String { RelativeURL.slug(outputPath) }

    /// The chapter's own id; the ids inside it are `slug--id`.
    static func chapterID(_ outputPath: String) -> String { "ch-" + slug(of: outputPath) }

    func context() -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.printPage, title: "The whole guide")
        // Numbers of the one reference list: in order of first citation, reading order.
        var number: [String: Int] = [:]
        var order: [String] = []
        var backlinks: [String: [String]] = [:]
        for (page, rendered) in zip(model.pages, model.rendered) {
            let prefix = Self.slug(of: page.outputPath) + "--"
            for key in rendered.citedKeys where site.project.bibliography[key] != nil {
                if number[key] == nil {
                    order.append(key)
                    number[key] = order.count
                }
                backlinks[key, default: []] += (rendered.citeAnchors[key] ?? []).map { prefix + $0 }
            }
        }
        let pagePaths = Set(model.pages.map(\.outputPath))
        context["chapters"] = ^model.pages.indices.map { i -> TemplateValue in
            let page = model.pages[i]
            let rendered = model.rendered[i]
            let id = Self.chapterID(page.outputPath)
            let global = rendered.citedKeys.map { number[$0] ?? 0 }
            let html = Self.rewrite(bodies[i], from: page.outputPath, pages: pagePaths, citationNumbers: global)
            var chapter: [String: TemplateValue] = [
                "id": ^id, "title": ^page.title(orSite: config), "url": ^RelativeURL.encode(page.outputPath),
                "content": ^html, "depth": ^(page.section.isEmpty ? 1 : page.section.split(separator: "/").count + (page.isSectionIndex ? 0 : 1)),
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
    /// escaped, so a `"` never occurs inside one) and on Assay's citation links.
    static func rewrite(_ html: String, from outputPath: String, pages: Set<String>, citationNumbers: [Int]) -> String {
        let prefix = slug(of: outputPath) + "--"
        let folder = outputPath.split(separator: "/").dropLast().joined(separator: "/")
        // The page's own citation links first: both the target and the number shown.
        let cited = html.replacing(/<a href="#ref-(\d+)" id="(cite-\d+)">\d+<\/a>/) { match -> String in
            guard let local = Int(match.output.1), local >= 1, local <= citationNumbers.count else { return String(match.output.0) }
            let global = citationNumbers[local - 1]
            return "<a href=\"#ref-\(global)\" id=\"\(prefix)\(match.output.2)\">\(global)</a>"
        }
        return cited.replacing(/(\s)(id|href|src)="([^"]*)"/) { match -> String in
            let name = String(match.output.2)
            let value = String(match.output.3)
            let new: String
            switch name {
            case "id":
                new = value.hasPrefix(prefix) ? value : prefix + value
            case "href":
                new = rebase(value, folder: folder, prefix: prefix, pages: pages, mapPages: true)
            default:
                new = rebase(value, folder: folder, prefix: prefix, pages: pages, mapPages: false)
            }
            return "\(match.output.1)\(name)=\"\(new)\""
        }
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
