import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// Heading anchors: GitHub-style slugs, unique within the page, written by `renderHTML`
/// when `headingAnchors` is on.
@Suite("Heading anchors")
struct HeadingAnchorTests {
    static let anchored = MarkdownOptions(headingAnchors: true)

    /// The markup `renderHTML` gives a heading's content.
    static func heading(_ level: Int, _ anchor: String, _ content: String) -> String {
        "<h\(level) id=\"\(anchor)\">\(content) <a class=\"anchor\" href=\"#\(anchor)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
    }

    @Test func headingGetsIDAndSelfLink() {
        let (html, document) = rendered("# Hello, World!\n", options: Self.anchored)
        #expect(html == Self.heading(1, "hello-world", "Hello, World!"))
        #expect(document.headings == [Heading(level: 1, text: "Hello, World!", anchor: "hello-world")])
    }

    /// As GitHub makes them: lowercase; letters, digits, `-` and `_` kept; each space a `-`;
    /// everything else dropped. Inline markup counts by its text.
    static let slugs: [(String, String)] = [
        ("Kratom & pain: what’s known?", "kratom--pain-whats-known"),
        ("The *mu* `opioid` receptor", "the-mu-opioid-receptor"),
        ("Café Über", "café-über"),
        ("a - b", "a---b"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("2024 review", "2024-review"),
        ("   Padded   ", "padded"),
        ("[A link](x.md) here", "a-link-here"),
        ("AT&amp;T", "att"),
        ("Hi 👋", "hi-"),
        ("a <em>b</em> c", "a-b-c"),
        ("!!!", "section"),
    ]

    @Test("GitHub-style slugs", arguments: slugs)
    func slug(_ title: String, _ anchor: String) {
        let document = annotated("## \(title)\n", options: Self.anchored)
        #expect(document.headings.map(\.anchor) == [anchor])
    }

    @Test("duplicates get -1, -2, and a taken suffix is skipped")
    func duplicates() {
        let (html, document) = rendered("# A\n## A\n### A\n# A-1\n", options: Self.anchored)
        #expect(document.headings.map(\.anchor) == ["a", "a-1", "a-2", "a-1-1"])
        #expect(document.headings.map(\.level) == [1, 2, 3, 1])
        #expect(
            html == Self.heading(1, "a", "A") + Self.heading(2, "a-1", "A") + Self.heading(3, "a-2", "A")
                + Self.heading(1, "a-1-1", "A-1"))
    }

    @Test("setext headings and headings in containers are anchored too")
    func setextAndNested() {
        let (html, document) = rendered("Title\n=====\n\nSub\n---\n\n> # Quoted\n\n- ## Listed\n", options: Self.anchored)
        #expect(document.headings.map(\.anchor) == ["title", "sub", "quoted", "listed"])
        #expect(document.headings.map(\.level) == [1, 2, 1, 2])
        #expect(
            html == Self.heading(1, "title", "Title") + Self.heading(2, "sub", "Sub") + "<blockquote>\n"
                + Self.heading(1, "quoted", "Quoted") + "</blockquote>\n<ul>\n<li>\n"
                + Self.heading(2, "listed", "Listed") + "</li>\n</ul>\n")
    }

    @Test("an explicit claim id is the author's: the heading makes way")
    func claimIDReserved() {
        let document = annotated("# Binding\n\n[x]{.anecdotal #binding}\n", options: Self.anchored)
        #expect(document.headings.map(\.anchor) == ["binding-1"])
    }

    @Test("heading text is escaped; the anchor holds only safe characters")
    func escaped() {
        let (html, _) = rendered("# a < b & \"c\"\n", options: Self.anchored)
        #expect(html == Self.heading(1, "a--b--c", "a &lt; b &amp; &quot;c&quot;"))
    }

    @Test("claims and citations in a heading: the text is the claim's words, citations left out")
    func claimAndCitationInHeading() {
        let (html, document) = rendered("## [Kratom helps]{.anecdotal} sometimes [@a]\n", options: Self.anchored)
        #expect(document.headings == [Heading(level: 2, text: "Kratom helps sometimes", anchor: "kratom-helps-sometimes")])
        #expect(
            html == Self.heading(2, "kratom-helps-sometimes", "<span class=\"anecdotal\">Kratom helps</span> sometimes <cite>a</cite>"))
    }

    @Test("off by default: headings are listed but rendered as cmark renders them")
    func offByDefault() throws {
        let markdown = "# A\n\n## B *c*\n"
        let (html, document) = rendered(markdown)
        #expect(html == (try CmarkCLI.render(markdown)))
        #expect(document.headings.map(\.anchor) == ["a", "b-c"])
    }

    @Test func slugRegistry() {
        var registry = Slug.Registry(reserved: ["main"])
        #expect(registry.claim("main") == "main-1")
        #expect(registry.claim("x") == "x")
        #expect(registry.claim("x") == "x-1")
        #expect(registry.claim("") == "section")
        #expect(registry.claim("") == "section-1")
    }
}
