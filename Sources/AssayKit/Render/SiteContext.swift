import AssayMarkdown
import AssaySupport
import AssayTemplates

/// The values every template sees, built once per build; page contexts add to a copy.
struct SiteContext {
    let project: Project
    /// Nil while pages are rendered in the first pass: only the home page, section
    /// indexes and the site-wide pages show guide totals.
    let guideProfile: EvidenceProfile?
    /// Top-level entries: the pages and sections under the home page.
    let navEntries: [(title: String, path: String, folder: String?)]
    /// The shared fields for each folder depth (their URLs differ only by `../` prefix).
    private let shared: [[String: TemplateValue]]
    /// The same fields as pairs, for page contexts, which are records.
    private let sharedPairs: [[(String, TemplateValue)]]
    /// The navigation, rendered once per folder depth and current entry (index 0: none)
    /// through the theme's `nav` partial, instead of once per page: a guide with a
    /// hundred sections would otherwise fill every one of 10,000 pages' contexts with a
    /// hundred links.
    private let navHTML: [[String]]
    /// Top-level page path or section folder to its nav entry.
    private let navIndex: [String: Int]
    /// Why the `partials/nav` template could not be rendered (it nests too deep): the
    /// generator fails the build with it.
    let problems: [Diagnostic]

    init(project: Project, guideProfile: EvidenceProfile?) {
        self.project = project
        self.guideProfile = guideProfile
        navEntries = project.pages.compactMap { page in
            guard page.outputPath != "index.html" else { return nil }
            let title = page.frontMatter.navTitle ?? page.title
            if page.isSectionIndex {
                return page.section.contains("/") ? nil : (title, page.outputPath, page.section + "/")
            }
            return page.section.isEmpty ? (title, page.outputPath, nil) : nil
        }
        let maxDepth = max(project.pages.map(\.depth).max() ?? 0, 0)
        let entries = navEntries
        var problems: [Diagnostic] = []
        navHTML = (0...maxDepth).map { depth in
            let root = RelativeURL.root(depth: depth)
            return (-1..<entries.count).map { current in
                let items: [TemplateValue] = entries.enumerated().map { n, entry in
                    ["title": ^entry.title, "url": ^(root + RelativeURL.encode(entry.path)), "current": ^(n == current)]
                }
                guard project.theme.contains("partials/nav") else { return "" }
                do throws(BuildFailure) {
                    return String(decoding: try project.theme.render(["nav": ^items, "root": ^root], layout: "partials/nav"), as: UTF8.self)
                } catch {
                    if problems.isEmpty { problems = error.diagnostics }
                    return ""
                }
            }
        }
        self.problems = problems
        var navIndex: [String: Int] = [:]
        for (n, entry) in entries.enumerated() { navIndex[entry.folder ?? entry.path] = n }
        self.navIndex = navIndex
        (shared, sharedPairs) = Self.sharedFields(project: project, guideProfile: guideProfile, maxDepth: maxDepth)
    }

    /// This site with the guide's totals, for the second pass. The navigation is the same
    /// with or without them, so it is kept, not rendered again: it was rendered (for every
    /// folder depth and nav entry) between the two passes, while nothing else ran.
    func adding(guideProfile: EvidenceProfile) -> SiteContext {
        SiteContext(self, guideProfile: guideProfile)
    }

    private init(_ other: SiteContext, guideProfile: EvidenceProfile) {
        project = other.project
        self.guideProfile = guideProfile
        navEntries = other.navEntries
        navHTML = other.navHTML
        navIndex = other.navIndex
        problems = other.problems
        (shared, sharedPairs) = Self.sharedFields(project: project, guideProfile: guideProfile, maxDepth: other.shared.count - 1)
    }

    /// The fields every context shares, for each folder depth up to `maxDepth`, as a
    /// dictionary and as pairs sorted by name.
    private static func sharedFields(
        project: Project, guideProfile: EvidenceProfile?, maxDepth: Int
    ) -> ([[String: TemplateValue]], [[(String, TemplateValue)]]) {
        let config = project.config
        let levelCSS = Self.levelCSS(config.taxonomy)
        var site: [String: TemplateValue] = [
            "title": ^config.title, "description": ^config.description, "language": ^config.language,
        ]
        if let base = config.baseURL { site["base_url"] = ^base }
        let shared: [[String: TemplateValue]] = (0...maxDepth).map { depth in
            let root = RelativeURL.root(depth: depth)
            let levels: [TemplateValue] = config.taxonomy.levels.map { level in
                var fields: [String: TemplateValue] = [
                    "id": ^level.id, "label": ^level.label, "definition": ^level.definition, "rank": ^level.rank,
                    "color": ^level.color, "requires_citation": ^level.requiresCitation,
                    "marks": ^config.taxonomy.marks(for: level.id),
                    "strength_label": ^"\(config.taxonomy.strength(of: level.id)) of \(config.taxonomy.levels.count) dots",
                    "badge": ^ClaimMarkup.badge(level: level, root: root),
                ]
                if let guideProfile {
                    let count = guideProfile.counts[level.id] ?? 0
                    fields["count"] = ^count
                    fields["count_label"] = ^EvidenceProfile.count(count, "claim")
                }
                return ^fields
            }
            var fields: [String: TemplateValue] = [
                "site": ^site, "root": ^root, "assets": ^(root + SiteFiles.assetsFolder), "levels": ^levels,
                "level_css": ^levelCSS, "home_url": ^(root + "index.html"), "claims_url": ^(root + SiteFiles.claimsPage),
                "sources_url": ^(root + SiteFiles.sourcesPage), "methodology_url": ^(root + SiteFiles.methodologyPage),
                "search_url": ^(root + SiteFiles.searchPage), "search_index_url": ^(root + SiteFiles.searchIndex),
                "favicon_url": ^(root + SiteFiles.assetsFolder + "favicon.svg"),
                "changes_url": ^(root + SiteFiles.changesPage),
            ]
            if config.printPage { fields["print_url"] = ^(root + SiteFiles.printPage) }
            // Absolute, as feed readers need it: the feed exists only with `base_url`.
            if let base = config.baseURL { fields["feed_url"] = ^(base + SiteFiles.feed) }
            return fields
        }
        return (shared, shared.map { fields in fields.keys.sorted().map { ($0, fields[$0]!) } })
    }

    /// Each level's colour, its dark-scheme colour and its strength marks as custom
    /// properties on `.level-ID`, for the theme's badges, bars and legends. Colours were
    /// checked to be plain colour values when site.yml was read; a level without
    /// `color_dark` gets its light colour mixed with white, which keeps it visible on a
    /// dark background.
    static func levelCSS(_ taxonomy: Taxonomy) -> String {
        var light = ""
        var dark = ""
        for level in taxonomy.levels {
            light += ".level-\(level.id){--level-color:\(level.color);--level-marks:\"\(taxonomy.marks(for: level.id))\"}"
            dark += ".level-\(level.id){--level-color:\(level.colorDark ?? "color-mix(in srgb,\(level.color) 45%,#fff)")}"
        }
        return light + "@media (prefers-color-scheme:dark){" + dark + "}"
    }

    /// The shared part of a context, with URLs relative to `outputPath`.
    func base(for outputPath: String, title: String) -> [String: TemplateValue] {
        let depth = outputPath.slashComponentCount - 1
        var context = shared[min(depth, shared.count - 1)]
        let current = navIndex[Self.navKey(outputPath)]
        context["nav_html"] = ^navHTML[min(depth, navHTML.count - 1)][(current ?? -1) + 1]
        context["title"] = ^title
        context["is_home"] = ^(outputPath == "index.html")
        if let base = project.config.baseURL { context["canonical"] = ^(base + RelativeURL.encode(outputPath)) }
        return context
    }

    /// The nav entry a page belongs to: its top folder with `/`, or its own path at the top.
    static func navKey(_ outputPath: String) -> String {
        // The first slash, when something comes before and after it: where
        // `split(separator: "/", maxSplits: 1)` cuts a path that is ASCII and does not
        // start with a slash. Any other path is split by characters, as before.
        let bytes = outputPath.utf8
        if let first = bytes.first, first != UInt8(ascii: "/"), bytes.allSatisfy({ $0 < 0x80 }) {
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), bytes.index(after: slash) != bytes.endIndex else { return outputPath }
            return String(outputPath[..<slash]) + "/"
        }
        let top = outputPath.split(separator: "/", maxSplits: 1)
        return top.count > 1 ? top[0] + "/" : outputPath
    }

    /// The fields of `base(for:title:)` as a record's, to which a page context appends
    /// its own: no dictionary of some twenty fields copied and added to for every page,
    /// and `page`, appended last, is the first name a lookup compares.
    func baseFields(for outputPath: String, title: String) -> [(String, TemplateValue)] {
        let depth = outputPath.slashComponentCount - 1
        var fields: [(String, TemplateValue)] = []
        let shared = sharedPairs[min(depth, sharedPairs.count - 1)]
        fields.reserveCapacity(shared.count + 8)
        fields += shared
        let current = navIndex[Self.navKey(outputPath)]
        fields.append(("nav_html", ^navHTML[min(depth, navHTML.count - 1)][(current ?? -1) + 1]))
        fields.append(("title", ^title))
        fields.append(("is_home", ^(outputPath == "index.html")))
        if let base = project.config.baseURL { fields.append(("canonical", ^(base + RelativeURL.encode(outputPath)))) }
        return fields
    }

    /// The navigation with links from `root` (the 404 page's absolute prefix).
    func navHTML(root: String) -> String {
        let items: [TemplateValue] = navEntries.map { ["title": ^$0.title, "url": ^(root + RelativeURL.encode($0.path)), "current": false] }
        guard project.theme.contains("partials/nav") else { return "" }
        // The same template with the same kind of values already rendered in `init`; had
        // it failed, `problems` has failed the build.
        return String(decoding: (try? project.theme.render(["nav": ^items, "root": ^root], layout: "partials/nav")) ?? [], as: UTF8.self)
    }
}
