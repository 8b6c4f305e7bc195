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
    /// What every page citing a work repeats, by cite key: made the first time a page
    /// cites the work (a one-page rebuild makes only that page's).
    private let citedWorks = Locked<[String: CitedWork]>([:])
    /// The breadcrumbs of the pages of one folder at one depth, by root and folder:
    /// every ordinary page of a section has the same ones.
    private let sectionCrumbs = Locked<[String: [TemplateValue]]>([:])
    /// The taxonomy's part of every evidence profile, made once.
    let profileParts: EvidenceProfile.Parts

    init(site: SiteContext, pages: [Page]) {
        self.site = site
        self.pages = pages
        profileParts = EvidenceProfile.Parts(site.project.config.taxonomy)
        var indexOf: [String: Int] = [:]
        var children: [Int: [Int]] = [:]
        // Fields read where they lie (`for page in` copied every page, twice, on one core,
        // once before each pass).
        pages.withUnsafeBufferPointer { pages in
            for i in pages.indices where pages[i].isSectionIndex { indexOf[pages[i].section] = i }
            for i in pages.indices {
                let section = pages[i].section
                let parentFolder = pages[i].isSectionIndex ? (section.isEmpty ? nil : SiteFiles.parent(of: section)) : section
                guard let folder = parentFolder, let parent = indexOf[folder], parent != i else { continue }
                children[parent, default: []].append(i)
            }
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
        var context = site.baseFields(for: page.outputPath, title: title)
        // `RelativeURL.to(x, from: page.outputPath)` is `root + RelativeURL.encode(x)`:
        // the page's depth is counted once, not once per link.
        let root = RelativeURL.root(depth: page.outputPath.slashComponentCount - 1)
        let profile = EvidenceProfile(taxonomy: config.taxonomy, claims: rendered.claims)

        // A record, not a dictionary: some 25 fields appended once each, no name hashed
        // to make it, and a template asks for each only a few times.
        var entry: [(String, TemplateValue)] = []
        entry.reserveCapacity(26)
        entry += [
            ("title", ^title), ("content", ^rendered.html), ("url", ^page.outputPath),
            ("profile", profile.context(caption: "Evidence on this page", parts: profileParts)), ("source", ^page.sourcePath),
        ]
        if let summary = page.frontMatter.summary { entry.append(("summary", ^summary)) }
        entry.append(("key_points", ^page.frontMatter.keyPoints.map { ^$0 }))
        entry.append(("has_key_points", ^(!page.frontMatter.keyPoints.isEmpty)))
        if let reviewed = page.frontMatter.reviewed {
            entry.append(("reviewed", ^reviewed.description))
            entry.append(("review_due", ^reviewed.adding(months: config.reviewPeriodMonths).description))
        }
        // Newest first; the first is shown under the review date, the list is there for
        // themes that show the whole history on the page.
        let changesURL = root + SiteFiles.changesPage
        let changes: [TemplateValue] = ChangeLog.changes(of: page).map { item in
            ["date": ^item.change.date.description, "summary": ^item.change.summary, "anchor": ^item.anchor,
             "url": ^(changesURL + "#" + item.anchor)]
        }
        entry.append(("changes", ^changes))
        entry.append(("has_changes", ^(!changes.isEmpty)))
        if let latest = changes.first { entry.append(("latest_change", latest)) }
        let toc: [TemplateValue] = rendered.headings.filter { $0.level >= 2 && $0.level <= 3 }.map { heading in
            ["text": ^heading.text, "anchor": ^heading.anchor, "level": ^heading.level, "sub": ^(heading.level == 3)]
        }
        entry.append(("toc", ^toc))
        entry.append(("has_toc", ^(toc.count >= 2)))
        let sourcesPrefix = root + SiteFiles.sourcesPage + "#"
        let works = citedWorks(of: rendered)
        let references: [TemplateValue] = rendered.citedKeys.enumerated().compactMap { n, key in
            guard let work = works[n] else { return nil }
            let backlinks: [TemplateValue] = (rendered.citeAnchors[key] ?? []).enumerated().map { j, anchor in
                Self.backlink(anchor, j)
            }
            return ["number": ^(n + 1), "key": ^key, "html": ^work.html, "backlinks": ^backlinks,
                    "source_url": ^(sourcesPrefix + work.anchor)]
        }
        entry.append(("references", ^references))
        entry.append(("has_references", ^(!references.isEmpty)))
        if i > 0 {
            entry.append(("prev", ["title": ^pages[i - 1].title(orSite: config), "url": ^(root + RelativeURL.encode(pages[i - 1].outputPath))]))
        }
        if i + 1 < pages.count {
            entry.append(("next", ["title": ^pages[i + 1].title(orSite: config), "url": ^(root + RelativeURL.encode(pages[i + 1].outputPath))]))
        }
        let kids: [TemplateValue] = (children[i] ?? []).map { j in
            let child = pages[j]
            // A section's card sums up the whole section, its subsections included.
            let members = child.isSectionIndex ? [j] + descendants(of: j) : [j]
            let childProfile = EvidenceProfile(taxonomy: config.taxonomy, members: members, metadata: metadata)
            var item: [String: TemplateValue] = [
                "title": ^child.title, "url": ^(root + RelativeURL.encode(child.outputPath)),
                "claims": ^childProfile.total, "profile": childProfile.context(caption: "Evidence", parts: profileParts),
            ]
            if let summary = child.frontMatter.summary { item["summary"] = ^summary }
            return ^item
        }
        entry.append(("children", ^kids))
        entry.append(("has_children", ^(!kids.isEmpty)))
        entry.append(("breadcrumbs", ^breadcrumbs(for: page, root: root)))
        entry.append(("jsonld", ^jsonLD(page: page, works: works, title: title)))
        if isHome, let guide = site.guideProfile {
            context.append(("guide_profile", guide.context(caption: "Evidence across the guide", parts: profileParts)))
        }
        context.append(("page", .record(entry)))
        return .record(context)
    }

    /// Every page below section index `i`, at any depth.
    func descendants(of i: Int) -> [Int] {
        (children[i] ?? []).flatMap { [$0] + (pages[$0].isSectionIndex ? descendants(of: $0) : []) }
    }

    func breadcrumbs(for page: Page, root: String) -> [TemplateValue] {
        guard page.outputPath != "index.html" else { return [] }
        guard !page.isSectionIndex else { return crumbs(for: page, root: root) }
        let key = root + "\u{0}" + page.section
        if let known = sectionCrumbs.withLock({ $0[key] }) { return known }
        let made = crumbs(for: page, root: root)
        sectionCrumbs.withLock { $0[key] = made }
        return made
    }

    /// The links from the home page down to the folder `page` is in.
    private func crumbs(for page: Page, root: String) -> [TemplateValue] {
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

    /// A cited work's part of every page that cites it.
    struct CitedWork: Sendable {
        /// The reference as the bibliography formats it.
        let html: String
        /// Its id on the sources page.
        let anchor: String
        /// Its schema.org item, compact JSON.
        let jsonLD: [UInt8]
    }

    /// Each of the page's cited keys' work, nil for a key the bibliography does not have.
    /// One lock for the works already made, one for those this page made first.
    func citedWorks(of rendered: RenderedPage) -> [CitedWork?] {
        let known = citedWorks.withLock { works in rendered.citedKeys.map { works[$0] } }
        var madeHere: [(String, CitedWork)] = []
        let works: [CitedWork?] = zip(rendered.citedKeys, known).map { key, known in
            if let known { return known }
            guard let reference = site.project.bibliography[key] else { return nil }
            let made = CitedWork(html: reference.formattedHTML, anchor: SourcesAnchor.of(key), jsonLD: Self.citedWork(reference))
            madeHere.append((key, made))
            return made
        }
        if !madeHere.isEmpty {
            citedWorks.withLock { works in for (key, made) in madeHere { works[key] = made } }
        }
        return works
    }

    /// schema.org MedicalWebPage, with the review date and every cited work (`works`,
    /// as `citedWorks(of:)` gave them).
    func jsonLD(page: Page, works: [CitedWork?], title: String) -> String {
        let config = site.project.config
        // Written straight as bytes, field by field, in the order and the compact form
        // `JSONValue.object` gives (a tree of values made and freed for every page was a
        // twentieth of making its context).
        var size = 256 + title.utf8.count + (page.frontMatter.summary?.utf8.count ?? 0)
        for case let work? in works { size += work.jsonLD.count + 1 }
        // Sized once: grown by doubling, the page's few kilobytes were copied again and again.
        var out: [UInt8] = []
        out.reserveCapacity(size)
        out.append(#"{"@context":"https://schema.org","@type":"MedicalWebPage","name":"#)
        JSONValue.quote(title, into: &out)
        out.append(#","inLanguage":"#)
        JSONValue.quote(config.language, into: &out)
        if let summary = page.frontMatter.summary {
            out.append(#","description":"#)
            JSONValue.quote(summary, into: &out)
        }
        if let base = config.baseURL {
            out.append(#","url":"#)
            JSONValue.quote(base + RelativeURL.encode(page.outputPath), into: &out)
        }
        if let reviewed = page.frontMatter.reviewed {
            out.append(#","lastReviewed":"#)
            JSONValue.quote(reviewed.description, into: &out)
        }
        var first = true
        for case let work? in works {
            out.append(first ? #","citation":["# : ",")
            first = false
            out += work.jsonLD
        }
        if !first { out.append(UInt8(ascii: "]")) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
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

    /// The back-link to citation `anchor`, the `n`th of its work on the page. The
    /// renderer numbers citations `cite-1`, `cite-2` … on every page, so the first few
    /// of each work are the same objects on every page: made once, not once per page.
    static func backlink(_ anchor: String, _ n: Int) -> TemplateValue {
        if n < sharedBacklinks.count, let number = citeNumber(anchor), number < sharedBacklinks[n].count {
            return sharedBacklinks[n][number]
        }
        return ["href": ^("#" + anchor), "label": ^backlinkLabel(n)]
    }

    /// `N` of a `cite-N` anchor written as the renderer writes it (no sign, no leading zero).
    private static func citeNumber(_ anchor: String) -> Int? {
        let bytes = anchor.utf8
        guard bytes.count > 5, bytes.count <= 9, bytes.starts(with: "cite-".utf8) else { return nil }
        var number = 0
        for (k, b) in bytes.dropFirst(5).enumerated() {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), k > 0 || b != UInt8(ascii: "0") else { return nil }
            number = number * 10 + Int(b - UInt8(ascii: "0"))
        }
        return number
    }

    /// Back-links `cite-0` … `cite-63` for the first four citations of a work (a page
    /// cites ten times on average): 256 small objects, made when first needed.
    private static let sharedBacklinks: [[TemplateValue]] = (0..<4).map { n in
        (0..<64).map { number in ["href": ^("#cite-" + String(number)), "label": ^backlinkLabel(n)] }
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
