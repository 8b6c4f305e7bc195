import AssaySupport
import AssayMarkdown
import AssayTemplates

/// The template context of each Markdown page: content, table of contents, evidence
/// profile, references with back-links, review dates, neighbours and JSON-LD.
struct PageContexts {
    let site: SiteContext
    let pages: [Page]
    /// Child pages of each section index, by index position in `model.pages`.
    let children: [Int: [Int]]
    /// Section folder to its index page's title, for breadcrumbs.
    let sectionTitles: [String: String]
    /// The JSON-LD item of each work cited so far, by cite key: made the first time a
    /// page cites the work (a one-page rebuild makes only that page's).
    private let citedWorks = Locked<[String: [UInt8]]>([:])
    /// The taxonomy's part of every evidence profile, made once.
    let profileParts: EvidenceProfile.Parts

    init(site: SiteContext, pages: [Page]) {
        self.site = site
        self.pages = pages
        profileParts = EvidenceProfile.Parts(site.project.config.taxonomy)
        var indexOf: [String: Int] = [:]
        for (i, page) in pages.enumerated() where page.isSectionIndex { indexOf[page.section] = i }
        var children: [Int: [Int]] = [:]
        for (i, page) in pages.enumerated() {
            let parentFolder = page.isSectionIndex ? (page.section.isEmpty ? nil : SiteFiles.parent(of: page.section)) : page.section
            guard let folder = parentFolder, let parent = indexOf[folder], parent != i else { continue }
            children[parent, default: []].append(i)
        }
        self.children = children
        sectionTitles = indexOf.mapValues { pages[$0].title }
    }

    /// `rendered(j)` gives the metadata of page j; section indexes show their children's.
    func context(for i: Int, rendered: RenderedPage, metadata: (Int) -> RenderedPage) -> TemplateValue {
        let page = pages[i]
        let config = site.project.config
        let isHome = page.outputPath == "index.html"
        let title = page.title(orSite: config)
        var context = site.base(for: page.outputPath, title: title)
        // `RelativeURL.to(x, from: page.outputPath)` is `root + RelativeURL.encode(x)`:
        // the page's depth is counted once, not once per link.
        let root = RelativeURL.root(depth: page.outputPath.slashComponentCount - 1)
        let profile = EvidenceProfile(taxonomy: config.taxonomy, claims: rendered.claims)

        // Room for every key up front: growing rehashes every key already in.
        var entry: [String: TemplateValue] = Dictionary(minimumCapacity: 32)
        entry["title"] = ^title
        entry["content"] = ^rendered.html
        entry["url"] = ^page.outputPath
        entry["profile"] = profile.context(caption: "Evidence on this page", parts: profileParts)
        entry["source"] = ^page.sourcePath
        if let summary = page.frontMatter.summary { entry["summary"] = ^summary }
        entry["key_points"] = ^page.frontMatter.keyPoints.map { ^$0 }
        entry["has_key_points"] = ^(!page.frontMatter.keyPoints.isEmpty)
        if let reviewed = page.frontMatter.reviewed {
            entry["reviewed"] = ^reviewed.description
            entry["review_due"] = ^reviewed.adding(months: config.reviewPeriodMonths).description
        }
        // Newest first; the first is shown under the review date, the list is there for
        // themes that show the whole history on the page.
        let changesURL = root + SiteFiles.changesPage
        let changes: [TemplateValue] = ChangeLog.changes(of: page).map { item in
            ["date": ^item.change.date.description, "summary": ^item.change.summary, "anchor": ^item.anchor,
             "url": ^(changesURL + "#" + item.anchor)]
        }
        entry["changes"] = ^changes
        entry["has_changes"] = ^(!changes.isEmpty)
        if let latest = changes.first { entry["latest_change"] = latest }
        let toc: [TemplateValue] = rendered.headings.filter { $0.level >= 2 && $0.level <= 3 }.map { heading in
            ["text": ^heading.text, "anchor": ^heading.anchor, "level": ^heading.level, "sub": ^(heading.level == 3)]
        }
        entry["toc"] = ^toc
        entry["has_toc"] = ^(toc.count >= 2)
        let sourcesPrefix = root + SiteFiles.sourcesPage + "#"
        let references: [TemplateValue] = rendered.citedKeys.enumerated().compactMap { n, key in
            guard let reference = site.project.bibliography[key] else { return nil }
            let backlinks: [TemplateValue] = (rendered.citeAnchors[key] ?? []).enumerated().map { j, anchor in
                ["href": ^("#" + anchor), "label": ^Self.backlinkLabel(j)]
            }
            return ["number": ^(n + 1), "key": ^key, "html": ^reference.formattedHTML, "backlinks": ^backlinks,
                    "source_url": ^(sourcesPrefix + SourcesAnchor.of(key))]
        }
        entry["references"] = ^references
        entry["has_references"] = ^(!references.isEmpty)
        if i > 0 {
            entry["prev"] = ["title": ^pages[i - 1].title(orSite: config), "url": ^(root + RelativeURL.encode(pages[i - 1].outputPath))]
        }
        if i + 1 < pages.count {
            entry["next"] = ["title": ^pages[i + 1].title(orSite: config), "url": ^(root + RelativeURL.encode(pages[i + 1].outputPath))]
        }
        let kids: [TemplateValue] = (children[i] ?? []).map { j in
            let child = pages[j]
            // A section's card sums up the whole section, its subsections included.
            let members = child.isSectionIndex ? [j] + descendants(of: j) : [j]
            let childProfile = EvidenceProfile(taxonomy: config.taxonomy, claims: members.flatMap { metadata($0).claims })
            var item: [String: TemplateValue] = [
                "title": ^child.title, "url": ^(root + RelativeURL.encode(child.outputPath)),
                "claims": ^childProfile.total, "profile": childProfile.context(caption: "Evidence", parts: profileParts),
            ]
            if let summary = child.frontMatter.summary { item["summary"] = ^summary }
            return ^item
        }
        entry["children"] = ^kids
        entry["has_children"] = ^(!kids.isEmpty)
        entry["breadcrumbs"] = ^breadcrumbs(for: page, root: root)
        entry["jsonld"] = ^jsonLD(page: page, rendered: rendered, title: title)
        context["page"] = ^entry
        if isHome, let guide = site.guideProfile {
            context["guide_profile"] = guide.context(caption: "Evidence across the guide", parts: profileParts)
        }
        return ^context
    }

    /// Every page below section index `i`, at any depth.
    func descendants(of i: Int) -> [Int] {
        (children[i] ?? []).flatMap { [$0] + (pages[$0].isSectionIndex ? descendants(of: $0) : []) }
    }

    func breadcrumbs(for page: Page, root: String) -> [TemplateValue] {
        guard page.outputPath != "index.html" else { return [] }
        var crumbs: [TemplateValue] = [["title": "Home", "url": ^(root + "index.html")]]
        var folder = ""
        let folders = page.section.split(separator: "/")
        for (n, part) in folders.enumerated() {
            folder = folder.isEmpty ? String(part) : folder + "/" + part
            if page.isSectionIndex && n == folders.count - 1 { break }
            let title = sectionTitles[folder] ?? String(part)
            crumbs.append(["title": ^title, "url": ^(root + RelativeURL.encode(folder + "/index.html"))])
        }
        return crumbs
    }

    /// schema.org MedicalWebPage, with the review date and every cited work.
    func jsonLD(page: Page, rendered: RenderedPage, title: String) -> String {
        let config = site.project.config
        var fields: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("MedicalWebPage")),
            ("name", .string(title)), ("inLanguage", .string(config.language)),
        ]
        if let summary = page.frontMatter.summary { fields.append(("description", .string(summary))) }
        if let base = config.baseURL { fields.append(("url", .string(base + RelativeURL.encode(page.outputPath)))) }
        if let reviewed = page.frontMatter.reviewed { fields.append(("lastReviewed", .string(reviewed.description))) }
        let citations: [JSONValue] = rendered.citedKeys.compactMap { key in
            if let made = citedWorks.withLock({ $0[key] }) { return .raw(made) }
            guard let reference = site.project.bibliography[key] else { return nil }
            let made = Self.citedWork(reference)
            citedWorks.withLock { $0[key] = made }
            return .raw(made)
        }
        if !citations.isEmpty { fields.append(("citation", .array(citations))) }
        return JSONValue.object(fields).serialized()
    }

    /// A work of the bibliography as a schema.org item, written once per build: pages cite
    /// the same works again and again (it was 0.5 G instructions of a 1,000-page build).
    static func citedWork(_ r: Reference) -> [UInt8] {
        var work: [(String, JSONValue)] = [("@type", .string(r.type == "webpage" ? "WebPage" : r.type == "report" ? "Report" : "ScholarlyArticle"))]
        // No title in the bibliography: leave `name` out rather than make one up.
        if let title = r.title { work.append(("name", .string(title))) }
        if !r.authors.isEmpty {
            work.append(("author", .array(r.authors.map { .object([("@type", .string(Reference.isPersonalName($0) ? "Person" : "Organization")), ("name", .string($0))]) })))
        }
        if let year = r.year { work.append(("datePublished", .string(year))) }
        if let container = r.containerTitle { work.append(("isPartOf", .string(container))) }
        if let link = r.link { work.append(("url", .string(link))) }
        return JSONValue.object(work).bytes()
    }

    /// Back-links read a, b, c … like Wikipedia's, so several are told apart.
    static func backlinkLabel(_ n: Int) -> String {
        n < backlinkLetters.count ? backlinkLetters[n] : String(n + 1)
    }

    /// Made once: the array of letters was built again for every back-link.
    private static let backlinkLetters: [String] = "abcdefghijklmnopqrstuvwxyz".map { String($0) }
}

extension Page {
    func title(orSite config: SiteConfig) -> String {
        outputPath == "index.html" && frontMatter.title == nil ? config.title : title
    }
}

/// Anchors on the sources page are the cite keys, made safe for `id`.
enum SourcesAnchor {
    static func of(_ key: String) -> String {
        // Cite keys are nearly always ASCII, where only letters and digits are
        // alphabetic or numeric: mapped byte by byte, without Unicode properties.
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = Array("src-".utf8)
            bytes.reserveCapacity(key.utf8.count + 4)
            for b in key.utf8 {
                let kept = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
                bytes.append(kept ? b : UInt8(ascii: "-"))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return "src-" + String(key.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "-" })
    }
}
