import Testing

@testable import AssayMarkdown

/// `[text]{.level}` and `[text]{.level #id}`: where the claim node goes, what it holds,
/// and what is recorded about it. Claims get `<span class="LEVEL">` from `rendered`.
@Suite("Claims")
struct ClaimTests {
    @Test func plainClaim() throws {
        let (html, document) = rendered("[Users report relief]{.anecdotal}.\n")
        #expect(html == "<p><span class=\"anecdotal\">Users report relief</span>.</p>\n")
        let claim = try #require(document.claims.first)
        #expect(document.claims.count == 1)
        #expect(claim.level == "anecdotal")
        #expect(claim.explicitID == nil)
        #expect(claim.text == "Users report relief")
        #expect(claim.citeKeys.isEmpty)
        #expect(claim.location == SourceLocation(line: 1, column: 1))
        #expect(document.diagnostics.isEmpty)
    }

    @Test func claimWithID() throws {
        let (html, document) = rendered("[Mitragynine binds]{.preliminary #opioid-binding}\n")
        #expect(html == "<p><span class=\"preliminary\" id=\"opioid-binding\">Mitragynine binds</span></p>\n")
        let claim = try #require(document.claims.first)
        #expect(claim.level == "preliminary")
        #expect(claim.explicitID == "opioid-binding")
        #expect(document.diagnostics.isEmpty)
    }

    @Test("the id may come before the level")
    func idBeforeLevel() throws {
        let document = annotated("[x]{#first .unsupported}\n")
        let claim = try #require(document.claims.first)
        #expect(claim.level == "unsupported")
        #expect(claim.explicitID == "first")
        #expect(document.diagnostics.isEmpty)
    }

    @Test("without markup a claim renders as its bare text")
    func bareClaimRendersItsText() {
        let document = annotated("A [b *c*]{.anecdotal} d.\n")
        #expect(document.renderHTML() == "<p>A b <em>c</em> d.</p>\n")
    }

    @Test("emphasis, strong, links, code spans and both line breaks sit inside a claim")
    func inlineConstructsInsideClaim() throws {
        let markdown = "A [claim *with* **strong** [link](u) `code`\nsoft  \nhard]{.anecdotal} end.\n"
        let (html, document) = rendered(markdown)
        #expect(
            html == "<p>A <span class=\"anecdotal\">claim <em>with</em> <strong>strong</strong> <a href=\"u\">link</a> "
                + "<code>code</code>\nsoft<br />\nhard</span> end.</p>\n")
        let claim = try #require(document.claims.first)
        #expect(claim.text == "claim with strong link code soft hard")
        #expect(claim.location == SourceLocation(line: 1, column: 3))
        #expect(document.links == [MarkdownLink(destination: "u", location: SourceLocation(line: 1, column: 28))])
        #expect(document.diagnostics.isEmpty)
    }

    @Test("a backslash hard break inside a claim")
    func backslashBreakInsideClaim() throws {
        let (html, document) = rendered("[a\\\nb]{.anecdotal}\n")
        #expect(html == "<p><span class=\"anecdotal\">a<br />\nb</span></p>\n")
        #expect(document.claims.map(\.text) == ["a b"])
        #expect(document.diagnostics.isEmpty)
    }

    @Test("whitespace in the claim text is folded")
    func whitespaceFolded() {
        let document = annotated("[  a\n   b\tc ]{.anecdotal}\n")
        #expect(document.claims.map(\.text) == ["a b c"])
    }

    @Test("a citation inside a claim belongs to it")
    func citationInsideClaim() throws {
        let markdown = "[Mitragynine binds mu-opioid receptors in cells [@kruegel2016]]{.preliminary}.\n"
        let (html, document) = rendered(markdown)
        #expect(
            html == "<p><span class=\"preliminary\">Mitragynine binds mu-opioid receptors in cells "
                + "<cite>kruegel2016</cite></span>.</p>\n")
        let claim = try #require(document.claims.first)
        #expect(claim.text == "Mitragynine binds mu-opioid receptors in cells")
        #expect(claim.citeKeys == ["kruegel2016"])
        let citation = try #require(document.citations.first)
        #expect(citation.claimIndex == 0)
        #expect(citation.location == SourceLocation(line: 1, column: 49))
        #expect(document.diagnostics.isEmpty)
    }

    @Test("cite keys of a claim are listed once, in order")
    func citeKeysDeduplicated() {
        let document = annotated("[a [@x; @y] b [@x] c [@z]]{.established}\n")
        #expect(document.claims.map(\.citeKeys) == [["x", "y", "z"]])
        #expect(document.citations.map(\.claimIndex) == [0, 0, 0])
    }

    @Test("a citation after the closing brace is not the claim's")
    func citationAfterClaim() {
        let document = annotated("[A]{.anecdotal} [@x]\n")
        #expect(document.claims.map(\.citeKeys) == [[]])
        #expect(document.citations.map(\.claimIndex) == [nil])
    }

    @Test func twoClaimsInOneParagraph() {
        let (html, document) = rendered("[A]{.anecdotal} and [B]{.established #b}.\n")
        #expect(html == "<p><span class=\"anecdotal\">A</span> and <span class=\"established\" id=\"b\">B</span>.</p>\n")
        #expect(document.claims.map(\.level) == ["anecdotal", "established"])
        #expect(document.claims.map(\.location) == [SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 21)])
        #expect(document.claims.map(\.explicitID) == [nil, "b"])
    }

    @Test("claims are listed in document order across blocks")
    func documentOrder() {
        let document = annotated("[one]{.anecdotal}\n\n- [two]{.unsupported}\n\n> [three]{.preliminary}\n")
        #expect(document.claims.map(\.text) == ["one", "two", "three"])
    }

    @Test func claimsInListItems() {
        let (html, document) = rendered("- [a]{.anecdotal}\n- [b]{.unsupported}\n")
        #expect(html == "<ul>\n<li><span class=\"anecdotal\">a</span></li>\n<li><span class=\"unsupported\">b</span></li>\n</ul>\n")
        #expect(document.claims.map(\.location) == [SourceLocation(line: 1, column: 3), SourceLocation(line: 2, column: 3)])
    }

    @Test func claimInBlockQuote() {
        let (html, document) = rendered("> x\n> [a]{.anecdotal}\n")
        #expect(html == "<blockquote>\n<p>x\n<span class=\"anecdotal\">a</span></p>\n</blockquote>\n")
        #expect(document.claims.map(\.location) == [SourceLocation(line: 2, column: 3)])
    }

    @Test func claimInOrderedListInBlockQuote() {
        let document = annotated("> 1. [a]{.anecdotal}\n")
        #expect(document.claims.map(\.location) == [SourceLocation(line: 1, column: 6)])
    }

    @Test func claimInHeading() {
        let (html, document) = rendered("## [a]{.anecdotal}\n")
        #expect(html == "<h2><span class=\"anecdotal\">a</span></h2>\n")
        #expect(document.claims.map(\.location) == [SourceLocation(line: 1, column: 4)])
        #expect(document.headings.map(\.text) == ["a"])
    }

    @Test func claimInsideEmphasis() {
        let (html, document) = rendered("*[a]{.anecdotal}* and **b [c]{.unsupported}**\n")
        #expect(
            html == "<p><em><span class=\"anecdotal\">a</span></em> and <strong>b <span class=\"unsupported\">c</span></strong></p>\n")
        #expect(document.claims.map(\.location) == [SourceLocation(line: 1, column: 2), SourceLocation(line: 1, column: 27)])
    }

    @Test("claim text is HTML-escaped by cmark; the recorded text is plain")
    func claimTextEscaped() throws {
        let (html, document) = rendered("[a < b & \"c\" AT&amp;T]{.anecdotal}\n")
        #expect(html == "<p><span class=\"anecdotal\">a &lt; b &amp; &quot;c&quot; AT&amp;T</span></p>\n")
        #expect(document.claims.map(\.text) == ["a < b & \"c\" AT&T"])
    }
}
