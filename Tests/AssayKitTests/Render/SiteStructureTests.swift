import AssaySupport
import Foundation
import Testing

@testable import AssayKit

/// Properties of the built golden site that hold whatever the recorded bytes are, so a
/// regression is caught even when the golden files are re-recorded without a close look.
@Suite("Site structure")
struct SiteStructureTests {
    static let baseURL = "https://example.org/golden/"
    static let basePath = "/golden/"

    /// The golden site built once into a fresh folder, as path → text.
    struct Built {
        let site: BuildFixture
        let files: [String: [UInt8]]

        init() throws {
            site = try GoldenSiteTests.site()
            try site.build(useCache: false)
            files = BuildFixture.snapshot(site.output)
        }

        var htmlPaths: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

        func text(_ path: String) throws -> String {
            try #require(files[path], "no \(path) in the output").text
        }
    }

    /// A claim as the HTML of a page shows it.
    struct ShownClaim: Hashable, Comparable {
        let page: String
        let anchor: String
        let level: String

        static func < (a: ShownClaim, b: ShownClaim) -> Bool { (a.page, a.anchor) < (b.page, b.anchor) }
    }

    static func shownClaims(in html: String, page: String) -> [ShownClaim] {
        html.matches(of: /<span class="claim level-([a-z0-9-]+)" id="([^"]+)" data-level="([a-z0-9-]+)">/).map { match in
            #expect(match.output.1 == match.output.3)
            return ShownClaim(page: page, anchor: HTMLScan.decode(String(match.output.2)), level: String(match.output.1))
        }
    }

    /// Where a link in output file `from` leads: an output path and fragment, or nil for
    /// another site. Links to the site's own `base_url` and root-relative links under its
    /// path count as internal (the 404 page and canonical links use them).
    static func resolve(_ link: String, from: String) -> (path: String, fragment: String?)? {
        var rest = Substring(link)
        var fromRoot = false
        if rest.hasPrefix(baseURL) {
            rest = rest.dropFirst(baseURL.count)
            fromRoot = true
        } else if rest.hasPrefix(basePath) {
            rest = rest.dropFirst(basePath.count)
            fromRoot = true
        } else if rest.hasPrefix("/") || rest.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.-]*:/) != nil {
            return nil
        }
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        if rest.isEmpty && !fromRoot { return (from, fragment) }
        var parts: [Substring] = fromRoot ? [] : from.split(separator: "/").dropLast()
        for segment in rest.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "", ".": continue
            case "..":
                guard !parts.isEmpty else { return ("<above the site root>", fragment) }
                parts.removeLast()
            default: parts.append(segment)
            }
        }
        var path = parts.joined(separator: "/")
        if path.isEmpty || rest.hasSuffix("/") { path += path.isEmpty ? "index.html" : "/index.html" }
        return (path.removingPercentEncoding ?? path, fragment)
    }

    // MARK: - Links and anchors

    @Test func everyFragmentLinkHasItsTarget() throws {
        let built = try Built()
        #expect(built.htmlPaths.count == 13)
        for path in built.htmlPaths {
            let html = try built.text(path)
            let ids = Set(HTMLScan.ids(html))
            for href in HTMLScan.hrefs(html) where href.hasPrefix("#") && href.count > 1 {
                #expect(ids.contains(String(href.dropFirst())), "\(path): \(href) has no element")
            }
        }
    }

    /// One document per file: `<html>`, `<head>`, `<body>` once each, and nothing after
    /// `</html>` (a script placed after the footer partial once ended up there).
    @Test func everyPageIsOneWellFormedDocument() throws {
        let built = try Built()
        for path in built.htmlPaths {
            let html = try built.text(path)
            #expect(html.hasPrefix("<!doctype html>\n"), "\(path)")
            #expect(html.hasSuffix("</body>\n</html>\n"), "\(path) has content after </body>")
            for tag in ["<html", "<head>", "</head>", "<body", "</body>", "</html>"] {
                #expect(html.components(separatedBy: tag).count == 2, "\(path): \(tag) is not there exactly once")
            }
        }
    }

    @Test func idsAreUniqueOnEveryPage() throws {
        let built = try Built()
        for path in built.htmlPaths {
            let ids = HTMLScan.ids(try built.text(path))
            let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(path) repeats ids \(repeated)")
        }
    }

    /// Every relative link and asset leads to a file the build made, and a fragment to an
    /// element of that file: from every depth, with `../` right.
    @Test func everyInternalLinkResolves() throws {
        let built = try Built()
        var checked = 0
        for path in built.htmlPaths {
            let html = try built.text(path)
            for link in HTMLScan.hrefs(html) + HTMLScan.srcs(html) {
                guard let (target, fragment) = Self.resolve(link, from: path).map({ ($0.path, $0.fragment) }) else { continue }
                checked += 1
                guard let file = built.files[target] else {
                    Issue.record("\(path): \(link) leads to \(target), which the build did not make")
                    continue
                }
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html") {
                    #expect(HTMLScan.ids(file.text).contains(fragment), "\(path): \(link) — no id '\(fragment)' in \(target)")
                }
            }
        }
        #expect(checked > 150)
    }

    /// The 404 page is served at any depth: its links start at the site's path.
    @Test func notFoundPageLinksFromTheSitePath() throws {
        let html = try Built().text("404.html")
        let links = HTMLScan.hrefs(html).filter { !$0.hasPrefix("https://") && !$0.hasPrefix("#") && !$0.hasPrefix("data:") }
        #expect(!links.isEmpty)
        for link in links {
            #expect(link.hasPrefix(Self.basePath), "404.html: \(link)")
        }
    }

    /// Wherever it is served, the 404 page keeps its styles and icon: both are inlined,
    /// and it asks for no asset by a relative path.
    @Test func notFoundPageCarriesItsOwnStyles() throws {
        let html = try Built().text("404.html")
        #expect(html.contains("<style>/* Assay default theme."))
        #expect(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(!html.contains("<script src="))
    }

    /// Without `base_url` the 404 page's links are relative to the root, where it is, and
    /// a script finds the root when it is served deeper.
    @Test func notFoundPageWithoutBaseURL() throws {
        var files = BuildFixture.minimalFiles
        let yaml = try #require(files["content/site.yml"])
        files["content/site.yml"] = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("base_url:") }.joined(separator: "\n")
        #expect(files["content/site.yml"] != yaml)
        let site = try BuildFixture(files)
        try site.build(useCache: false)
        let html = try site.read("public/404.html")
        let links = HTMLScan.hrefs(html).filter { !$0.hasPrefix("data:") && !$0.hasPrefix("#") }
        #expect(links.contains("index.html"))
        #expect(links.allSatisfy { !$0.hasPrefix("/") && !$0.hasPrefix("../") }, "\(links)")
        #expect(html.contains("assets/favicon.svg\",{method:\"HEAD\"}"))
    }

    /// Every page but the 404 links the icon and the shared script from `assets/`.
    @Test func pagesLinkTheIconAndScript() throws {
        let built = try Built()
        #expect(built.files["assets/favicon.svg"] != nil)
        #expect(built.files["assets/site.js"] != nil)
        for path in built.htmlPaths where path != "404.html" {
            let html = try built.text(path)
            let root = String(repeating: "../", count: path.split(separator: "/").count - 1)
            #expect(html.contains("<link rel=\"icon\" href=\"\(root)assets/favicon.svg\" type=\"image/svg+xml\">"), "\(path)")
            #expect(html.contains("<script src=\"\(root)assets/site.js\" defer></script>"), "\(path)")
        }
    }

    /// Level colours, dark colours and strength marks reach every page's CSS.
    @Test func levelStylesHaveMarksAndADarkScheme() throws {
        let html = try Built().text("index.html")
        #expect(html.contains(".level-established{--level-color:#1a7f37;--level-marks:\"●●●●\"}"))
        #expect(html.contains(".level-unsupported{--level-color:"))
        #expect(html.contains("--level-marks:\"●○○○\"}"))
        #expect(html.contains("@media (prefers-color-scheme:dark){.level-established{--level-color:color-mix(in srgb,#1a7f37 45%,#fff)}"))
    }

    @Test func keyPointsShowInABox() throws {
        var files = BuildFixture.minimalFiles
        files["content/guide.md"] = """
            ---
            title: "Guide"
            reviewed: 2026-01-15
            key_points:
              - "First <point> & more"
              - "Second point"
            ---
            [Kratom is an opioid-like plant [@prozialeck2012]]{.established}.
            """
        let site = try BuildFixture(files)
        try site.build(useCache: false)
        let html = try site.read("public/guide.html")
        #expect(html.contains("<section class=\"key-points\" aria-labelledby=\"key-points-title\">"))
        #expect(html.contains("<li>First &lt;point&gt; &amp; more</li>"))
        #expect(html.contains("<li>Second point</li>"))
        let other = try site.read("public/topic/page.html")
        #expect(!other.contains("key-points"))
    }

    /// The register shows each level with its marks and a count the script can update,
    /// and its filter form is hidden until the script shows it.
    @Test func registerGroupsAndHiddenForm() throws {
        let html = try Built().text("claims.html")
        #expect(html.contains("<form class=\"filters\" hidden"))
        #expect(html.contains("<span class=\"marks\" aria-hidden=\"true\">●●●●</span> Established <span class=\"count\" data-total=\""))
        #expect(html.contains("Words in the claim"))
    }

    /// Methodology cards carry their level's class, so the colour bar on each is defined.
    @Test func methodologyCardsHaveTheirLevel() throws {
        let html = try Built().text("methodology.html")
        #expect(html.contains("<div class=\"level level-established\" id=\"level-established\">"))
        #expect(html.contains("<div class=\"level level-unsupported\" id=\"level-unsupported\">"))
    }

    @Test func canonicalLinksUseTheBaseURL() throws {
        let built = try Built()
        for path in built.htmlPaths where path != "404.html" {
            let html = try built.text(path)
            #expect(html.contains("<link rel=\"canonical\" href=\"\(Self.baseURL)\(path)\">"), "\(path)")
        }
    }

    // MARK: - Claims

    @Test func claimsJSONListsEveryClaim() throws {
        let built = try Built()
        var shown: [ShownClaim] = []
        // print.html shows every claim a second time, by design.
        for path in built.htmlPaths where !["claims.html", "sources.html", "methodology.html", "404.html", "search.html", "print.html"].contains(path) {
            shown += Self.shownClaims(in: try built.text(path), page: path)
        }
        #expect(shown.count == 11)

        let object = try JSONSerialization.jsonObject(with: Data(try #require(built.files["claims.json"])))
        let document = try #require(object as? [String: Any])
        #expect(document["title"] as? String == "Tea & sleep: what the evidence says")
        let claims = try #require(document["claims"] as? [[String: Any]])
        var listed: [ShownClaim] = []
        var keys: [String: [String]] = [:]
        for claim in claims {
            let page = try #require(claim["page"] as? String)
            let anchor = try #require(claim["anchor"] as? String)
            let level = try #require(claim["level"] as? String)
            let citeKeys = try #require(claim["cite_keys"] as? [String])
            #expect((claim["text"] as? String)?.isEmpty == false)
            #expect(claim["url"] as? String == page + "#" + anchor)
            #expect(claim["absolute_url"] as? String == Self.baseURL + page + "#" + anchor)
            #expect((claim["source"] as? String)?.hasPrefix("content/") == true)
            listed.append(ShownClaim(page: page, anchor: anchor, level: level))
            keys[anchor] = citeKeys
        }
        #expect(listed.sorted() == shown.sorted())
        #expect(keys["chamomile-trial"] == ["smith2020"])
        #expect(keys["hygiene"] == ["who2021"])
        #expect(keys["valerian-sedatives"] == ["lee2019"])
        #expect(keys["bedtime-tea"] == [])
        #expect(keys.values.contains(["smith2020", "lee2019"]))

        let levels = try #require(document["levels"] as? [[String: Any]])
        #expect(levels.compactMap { $0["id"] as? String } == ["established", "preliminary", "anecdotal", "unsupported"])
        let counts = Dictionary(grouping: shown, by: \.level).mapValues(\.count)
        for level in levels {
            let id = try #require(level["id"] as? String)
            #expect(level["count"] as? Int == counts[id] ?? 0, "\(id)")
        }
    }

    /// Every entry of the register links to an element with that id, of that level.
    @Test func registerLinksLandOnTheirClaims() throws {
        let built = try Built()
        let register = try built.text("claims.html")
        let entries = register.matches(of: /<li data-level="([a-z-]+)" data-page="([^"]+)"><a class="claim-text" href="([^"]+)">/)
        #expect(entries.count == 11)
        for entry in entries {
            let level = String(entry.output.1)
            let link = HTMLScan.decode(String(entry.output.3))
            let (target, fragment) = try #require(Self.resolve(link, from: "claims.html"))
            #expect(target == String(entry.output.2))
            let anchor = try #require(fragment)
            let page = try built.text(target)
            #expect(page.contains("id=\"\(anchor)\" data-level=\"\(level)\">"), "\(link) does not land on a \(level) claim")
        }
    }

    /// Every cited source lists the claims that cite it, each linking to its sentence, and
    /// the pages that cite it.
    @Test func sourcesPageListsCitingClaims() throws {
        let built = try Built()
        let sources = try built.text("sources.html")
        let object = try JSONSerialization.jsonObject(with: Data(try #require(built.files["claims.json"])))
        let claims = try #require((object as? [String: Any])?["claims"] as? [[String: Any]])
        var citing: [String: [String]] = [:]
        for claim in claims {
            for key in claim["cite_keys"] as? [String] ?? [] {
                citing[key, default: []].append("\(claim["page"]!)#\(claim["anchor"]!)")
            }
        }
        #expect(citing.keys.sorted() == ["lee2019", "smith2020", "who2021"])
        for key in ["lee2019", "smith2020", "unused2018", "who2021"] {
            let item = try #require(Self.listItem(id: "src-\(key)", in: sources), "no entry for \(key)")
            let links = Set(HTMLScan.hrefs(item))
            for url in citing[key] ?? [] {
                #expect(links.contains(url), "\(key) does not list \(url)")
            }
            #expect(item.contains("Cited by \(EvidenceProfile.count(citing[key]?.count ?? 0, "claim"))") == (citing[key] != nil))
        }
        // A page that cites a source outside any claim still lists it.
        let who = try #require(Self.listItem(id: "src-who2021", in: sources))
        #expect(who.contains("Cited on <a href=\"overview.html\">Overview</a> <a href=\"remedies/teas/chamomile.html\">Chamomile</a>"))
    }

    /// The `<li id=…>` element and everything in it.
    static func listItem(id: String, in html: String) -> String? {
        guard let start = html.range(of: "<li id=\"\(id)\"") else { return nil }
        var depth = 0
        var index = start.lowerBound
        while index < html.endIndex {
            if html[index...].hasPrefix("<li") {
                depth += 1
            } else if html[index...].hasPrefix("</li>") {
                depth -= 1
                if depth == 0 { return String(html[start.lowerBound..<html.index(index, offsetBy: 5)]) }
            }
            index = html.index(after: index)
        }
        return nil
    }

    // MARK: - Citations on a page

    /// Numbers follow first citation; each reference links back to every place citing it.
    @Test func referencesAreNumberedWithBacklinks() throws {
        let html = try Built().text("overview.html")
        let cites = html.matches(of: /<a href="#ref-(\d+)" id="(cite-\d+)">(\d+)<\/a>/).map { (Int($0.output.1)!, String($0.output.2)) }
        #expect(cites.map(\.0) == [1, 2, 1, 2, 3, 3])
        #expect(cites.map(\.1) == ["cite-1", "cite-2", "cite-3", "cite-4", "cite-5", "cite-6"])
        #expect(html.contains("<sup class=\"cite\">[<a href=\"#ref-1\" id=\"cite-1\">1</a>, p. 47]</sup>"))
        #expect(html.contains("<sup class=\"cite\">[<a href=\"#ref-2\" id=\"cite-4\">2</a>; <a href=\"#ref-3\" id=\"cite-5\">3</a>]</sup>"))

        let expected = [(1, "Smith AB", ["cite-1", "cite-3"]), (2, "Lee K", ["cite-2", "cite-4"]), (3, "World Health Organization", ["cite-5", "cite-6"])]
        for (number, author, backlinks) in expected {
            let item = try #require(Self.listItem(id: "ref-\(number)", in: html))
            #expect(item.contains(author))
            #expect(HTMLScan.hrefs(item).filter { $0.hasPrefix("#cite-") } == backlinks.map { "#" + $0 })
            #expect(item.contains("aria-label=\"Back to citation a\""))
        }
    }

    @Test func reviewDatesAndDrafts() throws {
        let built = try Built()
        let chamomile = try built.text("remedies/teas/chamomile.html")
        // A leap day plus twelve months is the last day of February.
        #expect(chamomile.contains("Reviewed <time datetime=\"2024-02-29\">2024-02-29</time> · next review due <time datetime=\"2025-02-28\">2025-02-28</time>"))
        #expect(built.files["draft.html"] == nil)
        #expect(!(try built.text("claims.json")).contains("draft claim"))

        let sitemap = try built.text("sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://example.org/golden/remedies/teas/chamomile.html</loc><lastmod>2024-02-29</lastmod></url>"))
        #expect(sitemap.contains("<url><loc>https://example.org/golden/remedies/teas/index.html</loc></url>"))
        #expect(!sitemap.contains("draft"))
        let locs = sitemap.matches(of: /<loc>([^<]+)<\/loc>/).map { String($0.output.1) }
        for loc in locs {
            let path = String(loc.dropFirst(Self.baseURL.count))
            #expect(loc.hasPrefix(Self.baseURL) && built.files[path] != nil, "\(loc)")
        }
    }

    /// Text from content and site.yml is escaped wherever it lands.
    @Test func escaping() throws {
        let built = try Built()
        let home = try built.text("index.html")
        #expect(home.contains("<title>Tea &amp; sleep: what the evidence says</title>"))
        let valerian = try built.text("remedies/valerian.html")
        #expect(valerian.contains("<h1>Valerian &quot;root&quot;</h1>"))
        #expect(valerian.contains("<title>Valerian &quot;root&quot; · Tea &amp; sleep: what the evidence says</title>"))
        let overview = try built.text("overview.html")
        #expect(overview.contains("<code>[not a claim]{.established}</code>"))
        #expect(overview.contains("[this]{.anecdotal}"))
        #expect(!overview.contains("<b>Raw HTML</b>"))
        #expect(overview.contains("Chamomile &amp; sleep quality: a &lt;randomised&gt; trial."))
        // JSON-LD in a script element: no '<' that could close it.
        let jsonLD = try #require(overview.firstMatch(of: /<script type="application\/ld\+json">(.*)<\/script>/)?.output.1)
        #expect(!jsonLD.contains("<"))
        let parsed = try JSONSerialization.jsonObject(with: Data(jsonLD.utf8)) as? [String: Any]
        #expect(parsed?["lastReviewed"] as? String == "2026-01-31")
        #expect((parsed?["citation"] as? [Any])?.count == 3)
        let search = try built.text("search-index.js")
        #expect(search.hasPrefix("window.ASSAY_SEARCH="))
        #expect(!search.contains("<"))
        let json = String(search.dropFirst("window.ASSAY_SEARCH=".count).dropLast(2))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }

    // MARK: - Determinism

    @Test func identicalInputGivesIdenticalBytes() throws {
        let site = try GoldenSiteTests.site()
        let a = site.url("out-a"), b = site.url("out-b")
        try site.build(output: a, useCache: false)
        try site.build(output: b, useCache: false)
        #expect(BuildFixture.snapshot(a) == BuildFixture.snapshot(b))
    }

    /// Incremental builds (with the cache) equal a clean build, after a no-op, after a
    /// page changes (compared with a clean build of the changed site) and changes back.
    @Test func incrementalEqualsClean() throws {
        let site = try GoldenSiteTests.site()
        let clean = site.url("clean")
        try site.build(output: clean, useCache: false)
        let reference = BuildFixture.snapshot(clean)

        try site.build()
        #expect(BuildFixture.snapshot(site.output) == reference)
        let second = try site.build()
        #expect(second.written == 0)
        #expect(BuildFixture.snapshot(site.output) == reference)

        let original = try site.read("content/remedies/valerian.md")
        try site.write("content/remedies/valerian.md", original + "\n[Added later]{.anecdotal}.\n")
        try site.build()
        #expect(try site.read("public/claims.json").contains("Added later"))
        let edited = site.url("clean-edited")
        try site.build(output: edited, useCache: false)
        #expect(BuildFixture.snapshot(site.output) == BuildFixture.snapshot(edited))
        #expect(BuildFixture.snapshot(edited) != reference)
        try site.write("content/remedies/valerian.md", original)
        try site.build()
        #expect(BuildFixture.snapshot(site.output) == reference)
    }

    /// Two builds of one site at the same time, each rendering its pages in parallel,
    /// make the same bytes as one build alone.
    @Test func parallelBuildsAgree() throws {
        let site = try GoldenSiteTests.site()
        let alone = site.url("alone")
        try site.build(output: alone, useCache: false)
        let reference = BuildFixture.snapshot(alone)
        let root = site.root
        let outputs = [site.url("p1"), site.url("p2")]
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: outputs.count) { i in
            do {
                _ = try SiteBuilder.build(BuildOptions(root: root, output: outputs[i], useCache: false))
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        for output in outputs {
            #expect(BuildFixture.snapshot(output) == reference)
        }
    }
}
