import AssayMarkdown
import AssaySupport
import AssayTemplates

/// The site-wide pages: claims register, sources, methodology, search, 404, and the
/// machine-readable files (`claims.json`, the search index, `sitemap.xml`).
struct GuidePages: Sendable {
    let site: SiteContext
    let model: SiteGenerator.Model
    /// Every claim, in reading order, as the page it stands on and its place among the
    /// page's claims: positions, not copies (a copy of each of 100,000 claims touched
    /// every string of each).
    private let claimsWithPages: [(page: Int, claim: Int)]
    /// Each claim's template value, made once: the register and the sources page are
    /// both at the site root, so they share it (and its storage) for every listing.
    private let claimItems: [TemplateValue]

    init(site: SiteContext, model: SiteGenerator.Model) {
        self.site = site
        self.model = model
        claimsWithPages = model.rendered.enumerated().flatMap { i, r in r.claims.indices.map { (i, $0) } }
        // Each cited work's entry under a claim, made once per work rather than once per
        // citing claim and page: its short label alone took 12,000 instructions.
        let bibliography = site.project.bibliography
        let sourcesURL = RelativeURL.to(SiteFiles.sourcesPage, from: SiteFiles.claimsPage)
        var sourceItems: [String: TemplateValue] = [:]
        /// The entries of a claim's cited works in the order it cites them, each made the
        /// first time a claim cites it: one lookup per cite key.
        func cited(_ keys: [String]) -> [TemplateValue] {
            keys.compactMap { key in
                if let made = sourceItems[key] { return made }
                guard let reference = bibliography[key] else { return nil }
                let made: TemplateValue = ["key": ^key, "label": ^reference.shortLabel, "url": ^(sourcesURL + "#" + SourcesAnchor.of(key))]
                sourceItems[key] = made
                return made
            }
        }
        var items: [TemplateValue] = []
        items.reserveCapacity(claimsWithPages.count)
        // A page's own fields, made once for all its claims.
        for i in model.rendered.indices {
            // Each claim read where it lies: copied out, all its strings were retained and
            // released again, for every claim of the guide.
            model.rendered[i].claims.withUnsafeBufferPointer { claims in
                guard !claims.isEmpty else { return }
                let p = model.pages[i]
                let fields = PageFields(
                    url: RelativeURL.to(p.outputPath, from: SiteFiles.claimsPage), title: p.title(orSite: site.project.config), path: p.outputPath)
                for k in claims.indices {
                    items.append(
                        Self.claimItem(
                            text: claims[k].claim.text, level: claims[k].claim.level, anchor: claims[k].anchor, page: fields,
                            cited: cited(claims[k].claim.citeKeys)))
                }
            }
        }
        claimItems = items
    }

    var config: SiteConfig { site.project.config }
    /// Site-wide pages are made after every page, so the guide totals are known.
    private var guide: EvidenceProfile { site.guideProfile! }


    /// Path, layout and context of each page; contexts are made when asked for. The first
    /// two are the listings of every claim (the register and the sources page), which
    /// the generator makes as jobs of their own and writes in pieces.
    /// The last field is a generous guess at the page's size (see `Template.render`).
    func pages() -> [(String, String, @Sendable () -> TemplateValue, Int)] {
        let listing = listingCapacity
        return [
            (SiteFiles.claimsPage, "claims", { ^claimsContext() }, listing),
            (SiteFiles.sourcesPage, "sources", { ^sourcesContext() }, listing),
            (SiteFiles.methodologyPage, "methodology", { ^methodologyContext() }, 64 * 1024),
            (SiteFiles.searchPage, "search", { ^site.base(for: SiteFiles.searchPage, title: "Search") }, 64 * 1024),
            (SiteFiles.notFoundPage, "404", { ^notFoundContext() }, 64 * 1024),
            (SiteFiles.changesPage, "changes", { ^changesContext() }, 64 * 1024 + changeCount * 1024),
        ]
    }

    /// How many revisions the pages list, for the size of changes.html.
    private var changeCount: Int { model.pages.reduce(0) { $0 + $1.frontMatter.changes.count } }

    /// Room for a page or file that lists every claim: a kilobyte each, generously.
    private var listingCapacity: Int { 64 * 1024 + claimsWithPages.count * 1024 }

    /// What the claims of one page share in the listings: its address from the root,
    /// its title and its path.
    private struct PageFields {
        let url: String
        let title: String
        let path: String
    }

    /// A claim as the site-wide pages (all at the root) list it. Its fields are made on
    /// demand, but for its address and its cited works, which both listings ask for: made
    /// here once, they cost one string and one list per claim instead of a string, a list
    /// and four dictionary lookups per listing. `cited` holds each cited work's entry
    /// (cite key, short label, link), shared by every claim citing it.
    /// Only what the fields need is passed and captured, not the whole claim.
    private static func claimItem(text: String, level: String, anchor: String, page: PageFields, cited: [TemplateValue]) -> TemplateValue {
        let url = String.concatenated(page.url, "#", anchor)
        // Over the schema's keys, so a field made here is always one the docs list.
        return .fields { field in
            guard let key = claimKey(field) else { return nil }
            return switch key {
            case .text: ^text
            case .level: ^level
            case .anchor: ^anchor
            case .url: ^url
            case .pageTitle: ^page.title
            case .pageURL: ^page.url
            case .pagePath: ^page.path
            case .hasSources: ^(!cited.isEmpty)
            case .sources: ^cited
            }
        }
    }

    /// `ClaimKey(rawValue:)` compares the name with every case in turn; the names all
    /// differ in length, so one comparison tells. Asked for each field of each claim.
    /// A new key whose length is taken goes unanswered here, and the context schema
    /// test fails ("declared but not made") until this switch learns it.
    private static func claimKey(_ field: String) -> TemplateContextSchema.ClaimKey? {
        let key: TemplateContextSchema.ClaimKey
        switch field.utf8.count {
        case 3: key = .url
        case 4: key = .text
        case 5: key = .level
        case 6: key = .anchor
        case 7: key = .sources
        case 8: key = .pageURL
        case 9: key = .pagePath
        case 10: key = .pageTitle
        case 11: key = .hasSources
        default: return nil
        }
        return key.rawValue == field ? key : nil
    }

    func claimsContext() -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.claimsPage, title: "All claims")
        let all = claimsWithPages
        var byLevel: [String: [TemplateValue]] = [:]
        for (n, entry) in all.enumerated() {
            byLevel[model.rendered[entry.page].claims[entry.claim].claim.level, default: []].append(claimItems[n])
        }
        context["groups"] = ^config.taxonomy.levels.map { level -> TemplateValue in
            let items = byLevel[level.id] ?? []
            return ["id": ^level.id, "label": ^level.label, "definition": ^level.definition, "count": ^items.count,
                    "marks": ^config.taxonomy.marks(for: level.id),
                    "count_label": ^EvidenceProfile.count(items.count, "claim"),
                    "claims": ^items, "has_claims": ^(!items.isEmpty), "badge": ^ClaimMarkup.badge(level: level, root: "")]
        }
        var seen = Set<Int>()
        context["claim_pages"] = ^all.compactMap { entry -> TemplateValue? in
            guard seen.insert(entry.page).inserted else { return nil }
            let p = model.pages[entry.page]
            return ["title": ^p.title(orSite: config), "path": ^p.outputPath]
        }
        context["total"] = ^all.count
        context["guide_profile"] = guide.context(caption: "Evidence across the guide")
        return context
    }

    func sourcesContext() -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.sourcesPage, title: "Sources")
        var citing: [String: [TemplateValue]] = [:]
        var pagesCiting: [String: [Int]] = [:]
        for (i, r) in model.rendered.enumerated() {
            for key in r.citedKeys { pagesCiting[key, default: []].append(i) }
        }
        for (n, entry) in claimsWithPages.enumerated() {
            for key in model.rendered[entry.page].claims[entry.claim].claim.citeKeys { citing[key, default: []].append(claimItems[n]) }
        }
        // Each sort key made once, not twice per comparison.
        let references = site.project.bibliography.references.values
            .map { (key: $0.shortLabel.lowercased(), reference: $0) }
            .sorted { ($0.key, $0.reference.id) < ($1.key, $1.reference.id) }
            .map(\.reference)
        // Each citing page's entry made once and shared by every work it cites.
        var pageItems: [Int: TemplateValue] = [:]
        func pageItem(_ i: Int) -> TemplateValue {
            if let made = pageItems[i] { return made }
            let made: TemplateValue = ["title": ^model.pages[i].title(orSite: config), "url": ^model.pages[i].outputPath]
            pageItems[i] = made
            return made
        }
        context["sources"] = ^references.map { r -> TemplateValue in
            let claims = citing[r.id] ?? []
            let pages: [TemplateValue] = (pagesCiting[r.id] ?? []).map(pageItem)
            return ["key": ^r.id, "anchor": ^SourcesAnchor.of(r.id), "html": ^r.formattedHTML, "claims": ^claims,
                    "has_claims": ^(!claims.isEmpty), "claim_count": ^claims.count,
                    "claim_count_label": ^EvidenceProfile.count(claims.count, "claim"),
                    "pages": ^pages, "has_pages": ^(!pages.isEmpty)]
        }
        context["total"] = ^references.count
        return context
    }

    func methodologyContext() -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.methodologyPage, title: "How claims are rated")
        context["guide_profile"] = guide.context(caption: "Evidence across the guide")
        context["review_period_months"] = ^config.reviewPeriodMonths
        return context
    }

    /// The 404 page is served at whatever address was missing, at any depth, under any
    /// sub-path, or opened from `file://`, so it must not depend on relative links to
    /// its assets: its stylesheet and icon are inlined. When the site knows where it
    /// lives (`base_url`) its links start at the site's path. Otherwise they are relative to the site's
    /// root, where 404.html is (right for `file://` and for a missing page one folder
    /// down), and a small script finds the root for deeper addresses: the nearest folder
    /// above the address that holds this site's icon, set as the page's `<base>`.
    func notFoundContext() -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.notFoundPage, title: "Page not found")
        // Served at whatever address was missing: it is the canonical page of none.
        context["canonical"] = nil
        if let base = config.baseURL, let schemeEnd = base.firstRange(of: "://") {
            // From the site's path (`/guide/`), so a mirror on another host still works.
            let afterHost = base[schemeEnd.upperBound...].drop { $0 != "/" }
            let prefix = afterHost.isEmpty ? "/" : String(afterHost)
            for key in ["root", "home_url", "claims_url", "sources_url", "methodology_url", "search_url", "assets", "search_index_url", "changes_url", "print_url"] {
                if case .string(let value)? = context[key] { context[key] = ^(prefix + value) }
            }
            context["nav_html"] = ^site.navHTML(root: prefix)
        } else {
            context["nav_html"] = ^site.navHTML(root: "")
            context["find_root_script"] = ^Self.findRootScript
        }
        let css = site.project.theme.assets["style.css"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        // Inside <style> only `</style` could end the element early; CSS never needs it.
        context["inline_css"] = ^css.replacing("</", with: "<\\/")
        if let icon = site.project.theme.assets["favicon.svg"] {
            context["favicon_url"] = ^("data:image/svg+xml," + Self.percentEncoded(icon))
        }
        return context
    }

    /// Looks for `assets/favicon.svg` in the folders above the missing address, nearest
    /// first, and makes the first folder that has it the base of every relative link.
    static let findRootScript = """
        (function(){if(location.protocol==="file:")return;var d=location.pathname.split("/");d.pop();\
        var c=[];for(var i=d.length;i>0;i--)c.push(d.slice(0,i).join("/")+"/");\
        (function next(k){if(k>=c.length)return;fetch(c[k]+"assets/favicon.svg",{method:"HEAD"}).then(function(r){\
        if(!r.ok)return next(k+1);var b=document.createElement("base");b.href=c[k];document.head.appendChild(b);},function(){next(k+1);});})(0);})();
        """

    /// For a `data:` URL: everything but unreserved bytes percent-encoded, so the result
    /// is also safe inside a quoted attribute.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            if byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Static, as feed.xml: made beside the listings of every claim, without them.
    static func sitemap(pages: [Page], config: SiteConfig) -> String? {
        guard let base = config.baseURL else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let extra = [SiteFiles.claimsPage, SiteFiles.sourcesPage, SiteFiles.methodologyPage, SiteFiles.changesPage]
        for page in pages {
            xml += "  <url><loc>\(HTMLEscape.text(base + RelativeURL.encode(page.outputPath)))</loc>"
            if let reviewed = page.frontMatter.reviewed { xml += "<lastmod>\(reviewed)</lastmod>" }
            xml += "</url>\n"
        }
        for path in extra { xml += "  <url><loc>\(HTMLEscape.text(base + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }
}
