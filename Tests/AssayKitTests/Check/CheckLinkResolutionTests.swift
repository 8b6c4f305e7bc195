import Testing

@testable import AssayKit

/// The pieces link checks stand on: reading ids and links out of generated HTML, and
/// resolving a link the way a browser does.
@Suite("Check: links")
struct CheckLinkResolutionTests {
    @Test func scanFindsIDsAndLinksWithPositions() {
        let html = """
            <!doctype html>
            <a href="a.html?x=1&amp;y=2#s" id="top-link">A</a>
            <link rel="stylesheet" href='assets/style.css'>
            <!-- <a href="commented.html"> -->
            <script>var s = '<a href="script.html" id="no">';</script>
            <img src=pic.png alt=x><a name="legacy"></a><p id="x">&#x41;</p><p id="x"></p>
            <a rel="prev" href="p.html">
            """
        let scan = HTMLLinkScan(Array(html.utf8))
        #expect(scan.links.map(\.url) == ["a.html?x=1&y=2#s", "assets/style.css", "pic.png", "p.html"])
        #expect(scan.links.map(\.line) == [2, 3, 6, 7])
        #expect(scan.links.map(\.column) == [10, 30, 10, 21])
        #expect(scan.links.map(\.rel) == ["", "stylesheet", "", "prev"])
        #expect(scan.ids == ["top-link": 1, "legacy": 1, "x": 2])
    }

    @Test(arguments: [
        ("&amp;&lt;&gt;&quot;&#39;&#x41;&#66;", "&<>\"'AB"),
        ("a&b", "a&b"),
        ("&unknown;", "&unknown;"),
    ])
    func entities(_ input: String, _ expected: String) {
        #expect(HTMLEntities.decode(input) == expected)
    }

    static let site = GeneratedSite(
        files: ["index.html", "articles/x.html", "articles/y.html", "articles/index.html", "articles/sub/index.html",
                "articles/my page.html", "claims.html", "assets/style.css"],
        scans: [:], baseURL: "https://example.org/guide/")

    @Test(arguments: [
        ("y.html", GeneratedSite.Target.file("articles/y.html", fragment: nil)),
        ("../index.html#top", .file("index.html", fragment: "top")),
        ("../", .file("index.html", fragment: nil)),
        ("./", .file("articles/index.html", fragment: nil)),
        ("", .file("articles/x.html", fragment: nil)),
        ("#a%20b", .file("articles/x.html", fragment: "a b")),
        ("y.html?q=1#f", .file("articles/y.html", fragment: "f")),
        ("sub", .file("articles/sub/index.html", fragment: nil)),
        ("my%20page.html", .file("articles/my page.html", fragment: nil)),
        ("../../x.html", .outside),
        ("https://other.org/", .external),
        ("mailto:a@example.org", .external),
        ("//cdn.example.org/x.js", .external),
        ("/guide/claims.html", .file("claims.html", fragment: nil)),
        ("/elsewhere/x.html", .external),
        ("https://example.org/guide/articles/", .file("articles/index.html", fragment: nil)),
    ])
    func resolve(_ url: String, _ expected: GeneratedSite.Target) {
        #expect(Self.site.resolve(url, from: "articles/x.html") == expected)
    }

    @Test func problems() {
        let site = GeneratedSite(
            files: ["a.html", "b.css"], scans: ["a.html": HTMLLinkScan(Array("<h2 id=\"x\">X</h2>".utf8))], baseURL: nil)
        #expect(site.problem(with: .file("a.html", fragment: "x")) == nil)
        #expect(site.problem(with: .file("a.html", fragment: "")) == nil)
        #expect(site.problem(with: .file("a.html", fragment: "top")) == nil)
        #expect(site.problem(with: .file("a.html", fragment: "y")) == .missingAnchor(file: "a.html", fragment: "y"))
        #expect(site.problem(with: .file("b.css", fragment: "z")) == nil)
        #expect(site.problem(with: .file("c.html", fragment: nil)) == .missingFile("c.html"))
        #expect(site.problem(with: .outside) == .outside)
        #expect(site.problem(with: .external) == nil)
    }
}
