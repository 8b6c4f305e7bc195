/// Every key of every template context, declared in one place: its name, its type and
/// what it means. `docs/theme.md` and `assay theme context` are generated from it, the
/// `unknown-template-variable` rule checks templates against it, and a test builds the
/// real contexts of fixture sites and fails on any key produced but not declared here (or
/// declared but never produced), so none of the three can drift from the code.
///
/// To add a key every layout has: one line in `shared`. A key of some layouts only: one
/// line in the `keys:` of each in `layouts`. A layout: one line in `layouts`. A key of an
/// object (a reference, a claim…): one line in that object below.
public enum TemplateContextSchema {
    /// Every template the build fills with a context of its own, in the order the docs list them.
    public static let layouts: [ContextLayout] = [
        ContextLayout("page", "an ordinary page: each Markdown file that is not a section's `_index.md`", keys: [pageKey], without: ["level.count", "level.count_label"]),
        ContextLayout("home", "the home page (`content/_index.md`)", keys: [pageKey, guideProfileKey]),
        ContextLayout("section", "a section's index (`_index.md` of a folder, or one Assay makes)", keys: [pageKey]),
        ContextLayout("claims", "`claims.html`: every claim of the guide, by level", keys: [
            ContextKey("groups", .list(.object(claimGroup)), "One group per evidence level, strongest first."),
            ContextKey("claim_pages", .list(.object(claimPage)), "The pages that have claims, in reading order (for the page filter)."),
            ContextKey("total", .number, "The number of claims in the guide."),
            guideProfileKey,
        ]),
        ContextLayout("sources", "`sources.html`: every work of the bibliography, with the claims that cite it", keys: [
            ContextKey("sources", .list(.object(source)), "Every work in the bibliography, sorted by its short label."),
            ContextKey("total", .number, "The number of works in the bibliography."),
        ]),
        ContextLayout("methodology", "`methodology.html`: the evidence levels explained", keys: [
            guideProfileKey,
            ContextKey("review_period_months", .number, "Months from a page's review date to its next review (site.yml `review.period_months`)."),
        ]),
        ContextLayout("changes", "`changes.html`: every revision the pages list in `changes:`, newest first", keys: [
            ContextKey("days", .list(.object(changeDay)), "One per day with revisions, newest first."),
            ContextKey("has_changes", .boolean, "Whether any page lists a revision."),
            ContextKey("total", .number, "The number of revisions."),
            ContextKey("total_label", .text, "The same in words (`1 change`, `3 changes`)."),
        ]),
        ContextLayout("print", "`print.html`: the whole guide on one page, for printing or saving as PDF", keys: [
            ContextKey("chapters", .list(.object(chapter)), "One per page, in reading order."),
            ContextKey("references", .list(.object(reference)), "Every work the guide cites, numbered in the order first cited."),
            ContextKey("has_references", .boolean, "Whether `references` has any."),
        ]),
        ContextLayout("search", "`search.html`: the search form; `search.js` fills in the results", keys: []),
        ContextLayout("404", "`404.html`: served at any missing address, so its links start at the site's path (with `base_url`) or its root", keys: [
            ContextKey("inline_css", .html, "The theme's `assets/style.css`, to put in a `<style>` element: the page may be served at any depth."),
            ContextKey("find_root_script", .html, "A script that finds the site's root from a deeper missing address and makes it the page's `<base>`.", only: "site.yml has no `base_url`"),
        ], without: ["canonical"]),
        ContextLayout("partials/nav", "the top navigation's items, rendered once per folder depth and current entry into `nav_html`", shared: false, keys: [
            ContextKey("nav", .list(.object(navItem)), "The pages and sections at the top of the guide, in reading order."),
            ContextKey("root", .text, "The way up to the site's root: empty at the root, `../` one folder down."),
        ]),
    ]

    /// The keys every layout but `partials/nav` has (`SiteContext.base`).
    static let shared: [ContextKey] = [
        ContextKey("title", .text, "This page's title: the page's own, the site's on a home page without one, `All claims`, `Sources`…"),
        ContextKey("is_home", .boolean, "Whether this is the home page."),
        ContextKey("site", .object(site), "The site's settings from site.yml."),
        ContextKey("root", .text, "The way up to the site's root from this page: empty at the root, `../` one folder down."),
        ContextKey("assets", .text, "The address of the theme's assets folder (`root` + `assets/`)."),
        ContextKey("levels", .list(.object(level)), "The evidence levels of site.yml, strongest first."),
        ContextKey("level_css", .html, "CSS custom properties of each level (`.level-ID`: colour, dark-scheme colour, marks), for a `<style>` element."),
        ContextKey("nav_html", .html, "The top navigation's list items, made by `partials/nav`, the current page's entry marked."),
        ContextKey("home_url", .text, "The home page's address, relative to this page."),
        ContextKey("claims_url", .text, "The claims register's address (`claims.html`)."),
        ContextKey("sources_url", .text, "The sources page's address (`sources.html`)."),
        ContextKey("methodology_url", .text, "The methodology page's address (`methodology.html`)."),
        ContextKey("search_url", .text, "The search page's address (`search.html`)."),
        ContextKey("changes_url", .text, "The page of revisions' address (`changes.html`)."),
        ContextKey("print_url", .text, "The whole guide on one page (`print.html`).", only: "site.yml does not say `print: false`"),
        ContextKey("feed_url", .text, "The Atom feed of revisions, an absolute address (`feed.xml`).", only: "site.yml has `base_url`"),
        ContextKey("search_index_url", .text, "The search index script's address (`search-index.js`)."),
        ContextKey("favicon_url", .text, "The site icon's address; on the 404 page a `data:` URL, which works at any address."),
        ContextKey("canonical", .text, "This page's absolute address: `base_url` and its path.", only: "site.yml has `base_url`"),
    ]

    static let pageKey = ContextKey("page", .object(page), "The Markdown page this layout shows.")
    static let guideProfileKey = ContextKey("guide_profile", .object(profile), "The evidence profile of the whole guide.")

    // The objects keys hold, each named for the docs and for "did you mean".

    static let site = ContextObject("site", [
        ContextKey("title", .text, "The site's title (`title`)."),
        ContextKey("description", .text, "Its one-line description (`description`)."),
        ContextKey("language", .text, "Its language (`language`), for `<html lang>`."),
        ContextKey("base_url", .text, "Where it is published (`base_url`), as written.", only: "site.yml has `base_url`"),
    ])

    static let level = ContextObject("level", [
        ContextKey("id", .text, "The level's id, as claims name it (`{.preliminary}`)."),
        ContextKey("label", .text, "Its label (`Preliminary study`)."),
        ContextKey("definition", .text, "Its one-line definition."),
        ContextKey("rank", .number, "Its rank from site.yml: higher is stronger."),
        ContextKey("color", .text, "Its colour, a CSS colour value."),
        ContextKey("requires_citation", .boolean, "Whether a claim at this level must cite a source."),
        ContextKey("marks", .text, "Its strength as filled and empty dots (`●●●○`)."),
        ContextKey("strength_label", .text, "Its strength in words (`3 of 4 dots`)."),
        ContextKey("badge", .html, "A claim badge of this level, linking to the methodology page."),
        ContextKey("count", .number, "Claims at this level in the whole guide (pages are made before the guide's totals are known)."),
        ContextKey("count_label", .text, "The same in words (`1 claim`, `3 claims`)."),
    ])

    static let page = ContextObject("page", [
        ContextKey("title", .text, "Its title (front matter `title`; the site's title on a home page without one)."),
        ContextKey("summary", .text, "Front matter `summary`.", only: "the page has one"),
        ContextKey("content", .html, "Its body as HTML, claims and citations marked up."),
        ContextKey("url", .text, "Its path in the site (`remedies/valerian.html`)."),
        ContextKey("source", .text, "The Markdown file it is made from (`content/remedies/valerian.md`)."),
        ContextKey("reviewed", .text, "Front matter `reviewed` (YYYY-MM-DD).", only: "the page has a review date"),
        ContextKey("review_due", .text, "`reviewed` plus site.yml's review period (YYYY-MM-DD).", only: "the page has a review date"),
        ContextKey("key_points", .list(.text), "Front matter `key_points`, in order."),
        ContextKey("has_key_points", .boolean, "Whether `key_points` has any."),
        ContextKey("profile", .object(profile), "The evidence profile of its claims."),
        ContextKey("toc", .list(.object(tocEntry)), "Its level-2 and level-3 headings, in order."),
        ContextKey("has_toc", .boolean, "Whether `toc` has at least two entries, enough for a table of contents."),
        ContextKey("references", .list(.object(reference)), "The works it cites, numbered in the order first cited."),
        ContextKey("has_references", .boolean, "Whether `references` has any."),
        ContextKey("prev", .object(link), "The page before it in reading order.", only: "it is not the first page"),
        ContextKey("next", .object(link), "The page after it in reading order.", only: "it is not the last page"),
        ContextKey("children", .list(.object(child)), "On a section index or the home page: the pages and sections in it, in reading order; elsewhere empty."),
        ContextKey("has_children", .boolean, "Whether `children` has any."),
        ContextKey("breadcrumbs", .list(.object(link)), "The way down from the home page to its section, `Home` first; empty on the home page."),
        ContextKey("changes", .list(.object(pageChange)), "Front matter `changes:`, newest first (the same day: as written)."),
        ContextKey("has_changes", .boolean, "Whether `changes` has any."),
        ContextKey("latest_change", .object(pageChange), "The first of `changes`.", only: "the page lists a revision"),
        ContextKey("jsonld", .html, "schema.org MedicalWebPage JSON-LD (review date, cited works), for `<script type=\"application/ld+json\">`."),
    ])

    static let pageChange = ContextObject("page_change", [
        ContextKey("date", .text, "When (YYYY-MM-DD)."),
        ContextKey("summary", .text, "What changed, as the editor wrote it (plain text)."),
        ContextKey("anchor", .text, "Its id on `changes.html`."),
        ContextKey("url", .text, "Its entry on `changes.html`, relative to this page."),
    ])

    static let changeDay = ContextObject("change_day", [
        ContextKey("date", .text, "The day (YYYY-MM-DD)."),
        ContextKey("changes", .list(.object(changeEntry)), "Its revisions, in reading order of their pages."),
    ])

    static let changeEntry = ContextObject("change_entry", [
        ContextKey("summary", .text, "What changed (plain text)."),
        ContextKey("anchor", .text, "Its id on this page."),
        ContextKey("page_title", .text, "The title of the page revised."),
        ContextKey("page_url", .text, "That page's address."),
        ContextKey("page_path", .text, "That page's path in the site."),
    ])

    static let chapter = ContextObject("chapter", [
        ContextKey("id", .text, "The chapter's id: `ch-` and the page's path as a slug."),
        ContextKey("title", .text, "The page's title."),
        ContextKey("url", .text, "The page's own address in the site."),
        ContextKey("content", .html, "Its body, ids prefixed per page and links between pages made in-page."),
        ContextKey("depth", .number, "1 for a page at the top, one more per section folder."),
        ContextKey("is_section", .boolean, "Whether it is a section's index."),
        ContextKey("profile", .object(profile), "The evidence profile of its claims."),
        ContextKey("key_points", .list(.text), "Front matter `key_points`."),
        ContextKey("has_key_points", .boolean, "Whether `key_points` has any."),
        ContextKey("summary", .text, "Front matter `summary`.", only: "the page has one"),
        ContextKey("reviewed", .text, "Front matter `reviewed`.", only: "the page has a review date"),
        ContextKey("review_due", .text, "`reviewed` plus the review period.", only: "the page has a review date"),
        ContextKey("latest_change", .object(chapterChange), "Its newest revision.", only: "the page lists a revision"),
    ])

    static let chapterChange = ContextObject("chapter_change", [
        ContextKey("date", .text, "When (YYYY-MM-DD)."),
        ContextKey("summary", .text, "What changed (plain text)."),
    ])

    static let link = ContextObject("link", [
        ContextKey("title", .text, "The page's title."),
        ContextKey("url", .text, "Its address, relative to this page."),
    ])

    static let tocEntry = ContextObject("toc_entry", [
        ContextKey("text", .text, "The heading's text."),
        ContextKey("anchor", .text, "Its id, for `#anchor` links."),
        ContextKey("level", .number, "2 or 3."),
        ContextKey("sub", .boolean, "Whether it is a level-3 heading."),
    ])

    static let reference = ContextObject("reference", [
        ContextKey("number", .number, "Its number on this page (1, 2 …), as citations show it."),
        ContextKey("key", .text, "Its cite key."),
        ContextKey("html", .html, "The formatted reference: authors, year, title, where published, link."),
        ContextKey("backlinks", .list(.object(backlink)), "One per citation of it on this page, in order."),
        ContextKey("source_url", .text, "Its entry on the sources page, which lists every claim citing it."),
    ])

    static let backlink = ContextObject("backlink", [
        ContextKey("href", .text, "`#` and the citation's anchor."),
        ContextKey("label", .text, "`a`, `b`, `c` … to tell the citations apart."),
    ])

    static let child = ContextObject("child", [
        ContextKey("title", .text, "The page's or section's title."),
        ContextKey("summary", .text, "Its front matter `summary`.", only: "it has one"),
        ContextKey("url", .text, "Its address, relative to this page."),
        ContextKey("claims", .number, "Its number of claims (a section's: of every page in it, subsections included)."),
        ContextKey("profile", .object(profile), "The evidence profile of those claims."),
    ])

    static let profile = ContextObject("profile", [
        ContextKey("svg", .html, "The bar: an inline SVG, one part per level; empty without claims."),
        ContextKey("total", .number, "The number of claims."),
        ContextKey("has_claims", .boolean, "Whether there are any."),
        ContextKey("items", .list(.object(profileItem)), "One per level, strongest first."),
        ContextKey("summary", .text, "`12 claims: 3 Established, 5 Preliminary study, 4 Anecdotal`."),
        ContextKey("sentence", .text, "The profile in one sentence, naming how many claims sit at each end of the scale."),
        ContextKey("caption", .text, "The figure's title: `Evidence on this page`, `Evidence across the guide`, `Evidence`."),
    ])

    static let profileItem = ContextObject("profile_item", [
        ContextKey("id", .text, "The level's id."),
        ContextKey("label", .text, "Its label."),
        ContextKey("count", .number, "Claims at this level."),
        ContextKey("has", .boolean, "Whether `count` is above 0."),
        ContextKey("marks", .text, "Its strength as dots (`●●●○`)."),
    ])

    static let claimGroup = ContextObject("claim_group", [
        ContextKey("id", .text, "The level's id."),
        ContextKey("label", .text, "Its label."),
        ContextKey("definition", .text, "Its one-line definition."),
        ContextKey("marks", .text, "Its strength as dots (`●●●○`)."),
        ContextKey("badge", .html, "A claim badge of this level."),
        ContextKey("count", .number, "Claims at this level."),
        ContextKey("count_label", .text, "The same in words (`1 claim`, `3 claims`)."),
        ContextKey("claims", .list(.object(claim)), "Its claims, in reading order."),
        ContextKey("has_claims", .boolean, "Whether `claims` has any."),
    ])

    /// Made from `ClaimKey`, which the code that makes a claim's fields switches over.
    static let claim = ContextObject("claim", ClaimKey.allCases.map(\.declaration))

    static let claimSource = ContextObject("claim_source", [
        ContextKey("key", .text, "Its cite key."),
        ContextKey("label", .text, "A short label: first author and year (`Kruegel 2016`)."),
        ContextKey("url", .text, "Its entry on the sources page."),
    ])

    static let claimPage = ContextObject("claim_page", [
        ContextKey("title", .text, "The page's title."),
        ContextKey("path", .text, "Its path in the site, as claims' `page_path` gives it."),
    ])

    static let source = ContextObject("source", [
        ContextKey("key", .text, "Its cite key."),
        ContextKey("anchor", .text, "Its id on the sources page."),
        ContextKey("html", .html, "The formatted reference."),
        ContextKey("claims", .list(.object(claim)), "The claims citing it, in reading order."),
        ContextKey("has_claims", .boolean, "Whether `claims` has any."),
        ContextKey("claim_count", .number, "How many claims cite it."),
        ContextKey("claim_count_label", .text, "The same in words (`1 claim`, `3 claims`)."),
        ContextKey("pages", .list(.object(link)), "The pages citing it, in reading order."),
        ContextKey("has_pages", .boolean, "Whether `pages` has any."),
    ])

    static let navItem = ContextObject("nav_item", [
        ContextKey("title", .text, "The page's or section's title (front matter `nav_title`, else `title`)."),
        ContextKey("url", .text, "Its address, from `root`."),
        ContextKey("current", .boolean, "Whether it is the page being made, or the section that page is in."),
    ])

    /// The fields of a claim on the claims and sources pages. They are made when a
    /// template asks for them (`TemplateValue.fields`), so the code switches over these
    /// cases, and the compiler keeps the two in step.
    enum ClaimKey: String, CaseIterable {
        case text, level, anchor, url
        case pageTitle = "page_title"
        case pageURL = "page_url"
        case pagePath = "page_path"
        case hasSources = "has_sources"
        case sources

        var declaration: ContextKey {
            switch self {
            case .text: ContextKey(rawValue, .text, "The claim's text, without its markup.")
            case .level: ContextKey(rawValue, .text, "Its level's id.")
            case .anchor: ContextKey(rawValue, .text, "Its id on its page.")
            case .url: ContextKey(rawValue, .text, "Its address: its page and `#anchor`.")
            case .pageTitle: ContextKey(rawValue, .text, "The title of the page it is on.")
            case .pageURL: ContextKey(rawValue, .text, "That page's address.")
            case .pagePath: ContextKey(rawValue, .text, "That page's path in the site (for the page filter).")
            case .hasSources: ContextKey(rawValue, .boolean, "Whether it cites a work of the bibliography.")
            case .sources: ContextKey(rawValue, .list(.object(claimSource)), "The works it cites that the bibliography has, in order.")
            }
        }
    }

    /// The layout of that name.
    public static func layout(_ name: String) -> ContextLayout? { layouts.first { $0.name == name } }
}

/// What a context key holds.
public indirect enum ContextType: Sendable, Hashable {
    /// A string, escaped by `{{key}}`.
    case text
    /// A string of HTML (or CSS, JSON, a script) Assay made, inserted by `{{{key}}}`.
    case html
    /// A whole or decimal number.
    case number
    case boolean
    case list(ContextType)
    case object(ContextObject)
}

/// An object a key holds: a name the docs use and its keys.
public struct ContextObject: Sendable, Hashable {
    public let name: String
    public let keys: [ContextKey]

    init(_ name: String, _ keys: [ContextKey]) {
        self.name = name
        self.keys = keys
    }

    public subscript(key: String) -> ContextKey? { keys.first { $0.name == key } }
}

/// One key: name, type, meaning, and when it is there if not always.
public struct ContextKey: Sendable, Hashable {
    public let name: String
    public let type: ContextType
    public let meaning: String
    /// Nil when the key is always there; else when it is ("site.yml has `base_url`").
    public let only: String?

    init(_ name: String, _ type: ContextType, _ meaning: String, only: String? = nil) {
        self.name = name
        self.type = type
        self.meaning = meaning
        self.only = only
    }
}

/// A template the build fills, and its context: the shared keys, less those it has not,
/// and its own.
public struct ContextLayout: Sendable {
    public let name: String
    public let meaning: String
    /// Whether it has `TemplateContextSchema.shared`.
    public let shared: Bool
    /// Its own keys, besides the shared ones.
    public let keys: [ContextKey]
    /// Shared keys it has not: `canonical`, or `object.key` for a key of an object
    /// wherever that object is in this layout's context.
    public let without: [String]
    /// Its whole context.
    public let context: ContextObject

    init(_ name: String, _ meaning: String, shared: Bool = true, keys: [ContextKey], without: [String] = []) {
        self.name = name
        self.meaning = meaning
        self.shared = shared
        self.keys = keys
        self.without = without
        let top = (shared ? TemplateContextSchema.shared : []).filter { !without.contains($0.name) } + keys
        // Not named after the layout: `page` is also the name of an object in it.
        context = ContextObject("layout \(name)", top.map { $0.removing(without) })
    }
}

extension ContextKey {
    /// This key with the keys `without` names (`object.key`) taken out of its objects.
    func removing(_ without: [String]) -> ContextKey {
        ContextKey(name, type.removing(without), meaning, only: only)
    }
}

extension ContextType {
    func removing(_ without: [String]) -> ContextType {
        switch self {
        case .text, .html, .number, .boolean: self
        case .list(let item): .list(item.removing(without))
        case .object(let object):
            .object(ContextObject(object.name, object.keys.filter { !without.contains(object.name + "." + $0.name) }.map { $0.removing(without) }))
        }
    }

    /// The objects inside, itself included, outermost first.
    var objects: [ContextObject] {
        switch self {
        case .text, .html, .number, .boolean: []
        case .list(let item): item.objects
        case .object(let object): [object] + object.keys.flatMap(\.type.objects)
        }
    }
}
