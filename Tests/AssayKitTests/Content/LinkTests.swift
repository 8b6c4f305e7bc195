import Testing

@testable import AssayKit

@Suite("Relative links")
struct LinkTests {
    @Test(arguments: [
        ("claims.html", "index.html", "claims.html"),
        ("claims.html", "articles/x.html", "../claims.html"),
        ("claims.html", "a/b/c.html", "../../claims.html"),
        ("articles/x.html", "articles/y.html", "../articles/x.html"),
        ("index.html", "articles/index.html", "../index.html"),
    ])
    func relativeURL(target: String, from: String, expected: String) {
        #expect(RelativeURL.to(target, from: from) == expected)
    }

    @Test func rootPrefix() {
        #expect(RelativeURL.root(depth: 0) == "")
        #expect(RelativeURL.root(depth: 3) == "../../../")
    }

    static let pages = [
        "content/_index.md", "content/risks.md", "content/overview.md", "content/articles/_index.md",
        "content/articles/dopamine.md", "content/articles/deep/more.md", "content/my page.md",
    ]

    static func rewrite(_ destination: String, in source: String) -> String? {
        var outputs: [String: String] = [:]
        for page in pages { outputs[page] = Page.outputPath(for: String(page.dropFirst("content/".count))) }
        let renderer = PageRenderer(config: RenderFixture.config, bibliography: RenderFixture.bibliography, outputPaths: outputs)
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
        return renderer.rewrite(destination, folder: folder, from: outputs[source]!)
    }

    /// `.md` links are written between source files, as in an editor or on GitHub, and
    /// published as links between the HTML files (always up to the root and down again,
    /// so `../../articles/x.html` where `../x.html` would do: longer, equally right).
    @Test(arguments: [
        ("risks.md", "content/overview.md", "risks.html"),
        ("risks.md#liver", "content/overview.md", "risks.html#liver"),
        ("./risks.md#liver", "content/overview.md", "risks.html#liver"),
        ("../risks.md#x", "content/articles/dopamine.md", "../risks.html#x"),
        ("../../risks.md#x", "content/articles/deep/more.md", "../../risks.html#x"),
        ("dopamine.md", "content/articles/deep/more.md", nil),
        ("../dopamine.md#a", "content/articles/deep/more.md", "../../articles/dopamine.html#a"),
        ("articles/dopamine.md", "content/overview.md", "articles/dopamine.html"),
        ("articles/_index.md", "content/overview.md", "articles/index.html"),
        ("_index.md", "content/articles/dopamine.md", "../articles/index.html"),
        ("../_index.md", "content/articles/dopamine.md", "../index.html"),
        ("deep/more.md", "content/articles/_index.md", "../articles/deep/more.html"),
        ("my%20page.md", "content/overview.md", "my%20page.html"),
        ("risks.md?plain=1#liver", "content/overview.md", "risks.html#liver"),
    ] as [(String, String, String?)])
    func mdLinksBecomeHTMLLinks(destination: String, source: String, expected: String?) {
        #expect(Self.rewrite(destination, in: source) == expected)
    }

    /// Everything else is left exactly as written.
    @Test(arguments: [
        "https://example.org/risks.md", "mailto:someone@example.org", "#liver", "/risks.md", "//cdn.example.org/x.md",
        "missing.md", "risks.html", "image.png", "", "../../../outside.md",
    ])
    func otherLinksStay(_ destination: String) {
        #expect(Self.rewrite(destination, in: "content/articles/dopamine.md") == nil)
    }

    /// Through the renderer: the rewritten link is in the HTML, escaped.
    @Test func renderedPageLinks() {
        let page = RenderFixture.render(
            "See [risks](../risks.md#liver \"Liver & more\") and [home](../_index.md).\n",
            path: "content/articles/dopamine.md", sitePages: Self.pages)
        #expect(page.html.contains("<a href=\"../risks.html#liver\" title=\"Liver &amp; more\">risks</a>"))
        #expect(page.html.contains("<a href=\"../index.html\">home</a>"))
        // The link list keeps what the author wrote, for `assay check`.
        #expect(page.links.map(\.destination) == ["../risks.md#liver", "../_index.md"])
    }

    /// The byte-wise reading of plain ASCII links says what `LinkTarget` and `normalize`
    /// say, and leaves everything it cannot read the same way to them.
    @Test(arguments: [
        "risks.md", "risks.md#liver", "./risks.md#a#b", "../risks.md#", "../../../../x.md", "a//b/./c/../d.md#f",
        ".md", "x.md/", "x.mdx", "x.MD", "#liver", "/risks.md", "//cdn/x.md", "", "mailto:a@b.md", "https://e.org/x.md",
        "a/b:c.md", "c:/x.md", "x.md#frag:with/colon", "risks.md?plain=1#liver", "my%20page.md", "café.md", "x.md#é",
        "..", "../..", "a/..md", "...md",
    ])
    func asciiReadingAgrees(destination: String) {
        for folder in ["content", "content/articles/deep", "content/./x/..", ""] {
            let general: String? = LinkTarget(destination).flatMap { target in
                target.path.hasSuffix(".md") ? LinkTarget.normalize(folder + "/" + target.path) + target.fragmentSuffix : nil
            }
            switch LinkTarget.asciiSource(destination, folder: folder) {
            case .notAPage?:
                #expect(general == nil, "\(destination) in \(folder)")
            case .page(let source, let fragment)?:
                #expect(general == source + (fragment.map { "#" + $0 } ?? ""), "\(destination) in \(folder)")
            case nil:
                // Only what needs decoding, a query or more than ASCII goes the general way.
                #expect(destination.contains { $0 == "%" || $0 == "?" || !$0.isASCII } || !folder.allSatisfy(\.isASCII))
            }
        }
        #expect(LinkTarget.asciiSource("café.md", folder: "content") == nil)
        #expect(LinkTarget.asciiSource("a.md", folder: "contenté") == nil)
    }

    /// Paths counted and cut on the bytes say what splitting them by characters says.
    @Test(arguments: [
        "index.html", "a/b.html", "a/b/c.html", "a//b.html", "/a/b", "a/", "/", "", "section-03/page-0123.html",
        "café/x.html", "a/\u{301}b.html", "a\r\n/b",
    ])
    func pathsOnBytesAgree(path: String) {
        #expect(path.slashComponentCount == path.split(separator: "/").count)
        #expect(path.slashParentFolder == path.split(separator: "/").dropLast().joined(separator: "/"))
        let top = path.split(separator: "/", maxSplits: 1)
        #expect(SiteContext.navKey(path) == (top.count > 1 ? top[0] + "/" : path))
    }

    @Test(arguments: [
        ("_index.md", "index.html"), ("a.md", "a.html"), ("a/_index.md", "a/index.html"), ("a/b/c.md", "a/b/c.html"),
        ("a/index.md", "a/index.html"),
    ])
    func outputPaths(relative: String, output: String) {
        #expect(Page.outputPath(for: relative) == output)
    }
}

/// File names with characters that mean something in a URL still give working links.
@Suite("URL-special file names")
struct SpecialFileNameTests {
    @Test("a page named with a space, #, ? and % is published under its name and linked percent-encoded")
    func specialNames() throws {
        let site = try BuildFixture()
        try site.write("content/q&a #2 ?50%.md", "---\ntitle: \"Odd name\"\nreviewed: 2026-01-15\n---\nOdd page.\n")
        try site.write("content/guide.md", try site.read("content/guide.md") + "\nSee [the odd page](<q&a %232 %3F50%25.md>).\n")
        try site.build()
        #expect(try site.read("public/q&a #2 ?50%.html").contains("Odd page."))
        #expect(try site.read("public/guide.html").contains("href=\"q%26a%20%232%20%3F50%25.html\""))
        let result = SiteChecker.check(root: site.root, today: SimpleDate(year: 2026, month: 2, day: 1), strict: false)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    }

    @Test func encoding() {
        #expect(RelativeURL.encode("articles/plain-name_1.html") == "articles/plain-name_1.html")
        #expect(RelativeURL.encode("a b/c#d?.html") == "a%20b/c%23d%3F.html")
        #expect(RelativeURL.encode("café.html") == "caf%C3%A9.html")
        #expect(RelativeURL.to("x y.html", from: "a/b.html") == "../x%20y.html")
    }
}
