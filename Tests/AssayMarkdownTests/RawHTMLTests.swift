import Testing

@testable import AssayMarkdown

/// Raw HTML is dropped, as by the `cmark` CLI, unless `unsafeHTML` is on.
@Suite("Raw HTML")
struct RawHTMLTests {
    static let unsafe = MarkdownOptions(unsafeHTML: true)

    @Test func inlineHTMLOmittedByDefault() {
        #expect(rendered("<b>x</b>\n").html == "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
        #expect(rendered("<b>x</b>\n", options: Self.unsafe).html == "<p><b>x</b></p>\n")
    }

    @Test func blockHTMLOmittedByDefault() {
        #expect(rendered("<div>\nblock\n</div>\n").html == "<!-- raw HTML omitted -->\n")
        #expect(rendered("<div>\nblock\n</div>\n", options: Self.unsafe).html == "<div>\nblock\n</div>\n")
    }

    @Test func scriptOmittedByDefault() {
        #expect(rendered("<script>alert(1)</script>\n").html == "<!-- raw HTML omitted -->\n")
        #expect(rendered("a <script>alert(1)</script>\n").html == "<p>a <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --></p>\n")
    }

    @Test("dangerous Markdown link URLs are emptied and reported, with unsafe HTML on too")
    func javascriptURL() {
        for options in [MarkdownOptions(), Self.unsafe] {
            let (html, document) = rendered("[x](javascript:alert(1))\n", options: options)
            #expect(html == "<p><a href=\"\">x</a></p>\n")
            #expect(positions(document) == ["1:1 unsafe-url"])
        }
    }

    @Test("inline HTML inside a claim follows the same rule; the claim's text is its words")
    func inlineHTMLInClaim() {
        let safe = rendered("[a <b>bold</b> claim]{.anecdotal}\n")
        #expect(safe.html == "<p><span class=\"anecdotal\">a <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> claim</span></p>\n")
        #expect(safe.document.claims.map(\.text) == ["a bold claim"])
        let unsafe = rendered("[a <b>bold</b> claim]{.anecdotal}\n", options: Self.unsafe)
        #expect(unsafe.html == "<p><span class=\"anecdotal\">a <b>bold</b> claim</span></p>\n")
        #expect(unsafe.document.claims.map(\.text) == ["a bold claim"])
    }

    @Test("an HTML block is never annotated")
    func htmlBlockNotAnnotated() {
        let (html, document) = rendered("<div>\n[x]{.anecdotal} [@a]\n</div>\n", options: Self.unsafe)
        #expect(html == "<div>\n[x]{.anecdotal} [@a]\n</div>\n")
        #expect(document.claims.isEmpty)
        #expect(document.citations.isEmpty)
        #expect(document.diagnostics.isEmpty)
    }
}
