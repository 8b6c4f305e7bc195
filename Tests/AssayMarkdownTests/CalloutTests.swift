import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// `> [!KIND] optional title` becomes a callout `<div>`; everything else stays a quote.
@Suite("Callouts")
struct CalloutTests {
    @Test("a warning with a title, its blocks rendered as usual")
    func warningWithTitle() {
        let (html, document) = rendered("> [!WARNING] When to get medical help\n> Call a doctor if *this* happens.\n>\n> - one\n")
        #expect(
            html == "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">When to get medical help</p>\n"
                + "<p>Call a doctor if <em>this</em> happens.</p>\n<ul>\n<li>one</li>\n</ul>\n</div>\n")
        #expect(document.diagnostics.isEmpty)
    }

    @Test("each kind, in any case, with its default title", arguments: [
        ("NOTE", "note", "Note"), ("tip", "tip", "Tip"), ("Important", "important", "Important"), ("wArNiNg", "warning", "Warning"),
        ("CAUTION", "caution", "Caution"),
    ])
    func kinds(_ marker: String, _ kind: String, _ title: String) {
        #expect(
            rendered("> [!\(marker)]\n> Body.\n").html
                == "<div class=\"callout callout-\(kind)\" role=\"note\">\n<p class=\"callout-title\">\(title)</p>\n<p>Body.</p>\n</div>\n")
    }

    @Test("a claim and a citation inside a callout are annotated")
    func claimInside() throws {
        let (html, document) = rendered("> [!NOTE]\n> [Users report relief]{.anecdotal} [@smith2020].\n")
        #expect(
            html == "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n"
                + "<p><span class=\"anecdotal\">Users report relief</span> <cite>smith2020</cite>.</p>\n</div>\n")
        let claim = try #require(document.claims.first)
        #expect(claim.location == SourceLocation(line: 2, column: 3))
        #expect(document.citations.map(\.location) == [SourceLocation(line: 2, column: 37)])
        #expect(positions(annotated("> [!TIP] Hint\n> [x]{.bogus}\n")) == ["2:7 unknown-level"])
    }

    @Test("the title is escaped and its markup read as words")
    func titleEscaped() {
        let html = rendered("> [!TIP] Use <b> & \"quotes\" *wisely* `now`\n> x\n").html
        // Raw HTML is markup, not words, as in the claims register.
        #expect(html.contains("<p class=\"callout-title\">Use &amp; &quot;quotes&quot; wisely now</p>\n<p>x</p>\n"))
    }

    @Test("a marker alone makes a callout of just its title")
    func markerAlone() {
        #expect(
            rendered("> [!CAUTION]\n").html
                == "<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Caution</p>\n</div>\n")
    }

    @Test("nested in a list and holding a quote")
    func nested() {
        let html = rendered("- item\n\n  > [!NOTE]\n  > > inner\n").html
        #expect(
            html == "<ul>\n<li>\n<p>item</p>\n<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n"
                + "<blockquote>\n<p>inner</p>\n</blockquote>\n</div>\n</li>\n</ul>\n")
    }

    @Test("what is no callout stays a quote, exactly as cmark renders it", arguments: [
        "> plain quote\n> [x] and more\n", "> [!BOGUS]\n> text\n", "> \\[!NOTE]\n> escaped\n", "> &#91;!NOTE]\n> entity\n",
        "> text\n> [!NOTE]\n", "> # [!NOTE]\n", "> [!NOTE\n> x\n", "> [ !NOTE]\n", "> [!NOTE](u)\n", "[!NOTE]\n",
        "> - [!NOTE]\n",
    ])
    func notACallout(_ markdown: String) throws {
        let (html, document) = rendered(markdown)
        #expect(html == (try CmarkCLI.render(markdown)))
        #expect(document.diagnostics.isEmpty)
    }

    @Test("with callouts off, a marker stays a quote")
    func optionOff() throws {
        let markdown = "> [!NOTE]\n> x\n"
        #expect(rendered(markdown, options: MarkdownOptions(callouts: false)).html == (try CmarkCLI.render(markdown)))
    }

    @Test("a claim in a callout's title is reported, not dropped")
    func claimInTitle() {
        #expect(positions(annotated("> [!NOTE] [x]{.anecdotal}\n> body\n")) == ["1:3 malformed-claim"])
    }
}
