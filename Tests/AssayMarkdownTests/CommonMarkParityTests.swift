import AssayTestSupport
import Foundation
import Testing

@testable import AssayMarkdown

/// Markdown without claims or citations must come out exactly as the `cmark` CLI prints
/// it: the transform may not touch anything it does not own.
@Suite("CommonMark parity with the cmark CLI")
struct CommonMarkParityTests {
    /// Renders the way a page is rendered, minus the site: parse, annotate, render.
    static func assayHTML(_ markdown: String) -> (html: String, document: MarkdownDocument) {
        let document = annotated(markdown)
        return (document.renderHTML(), document)
    }

    @Test("the fixture folder covers a broad set of constructs")
    func fixtureFolderIsPopulated() {
        #expect(Fixtures.commonMarkNames.count >= 25, "fixtures missing from \(Fixtures.commonMark.path)")
    }

    @Test("fixture renders byte-identically to cmark", arguments: Fixtures.commonMarkNames)
    func fixture(_ name: String) throws {
        let url = Fixtures.commonMark.appending(path: name)
        let data = try Data(contentsOf: url)
        let expected = try CmarkCLI.render(file: url)
        let (html, document) = Self.assayHTML(String(decoding: data, as: UTF8.self))
        #expect(html == expected)
        // Plain Markdown: the transform found nothing to do and nothing to complain about.
        #expect(document.diagnostics.isEmpty, "\(positions(document))")
        #expect(document.claims.isEmpty)
        #expect(document.citations.isEmpty)
    }

    /// Examples in the style of the CommonMark spec, chosen where brackets, braces,
    /// escapes and entities meet: the places the claim transform looks at.
    static let specExamples: [String] = [
        "[link [foo [bar]]](/uri)\n",
        "[link] bar](/uri)\n",
        "[link [bar](/uri)\n",
        "[foo *bar](baz*)\n",
        "*foo [bar* baz]\n",
        "[foo <bar attr=\"](baz)\">\n",
        "[foo`](/uri)`\n",
        "[foo<http://example.com/?search=](uri)>\n",
        "[![moon](moon.jpg)](/uri)\n",
        "[foo][bar][baz]\n\n[baz]: /url1\n[bar]: /url2\n",
        "[foo] [bar]\n\n[bar]: /url \"title\"\n",
        "[ref\\[]\n\n[ref\\[]: /uri\n",
        "[\n ]\n\n[\n ]: /uri\n",
        "\\[\\]\\{\\}\n",
        "\\*not emphasized*\n\\<br/> not a tag\n\\[not a link](/foo)\n",
        "`` foo ` bar ``\n",
        "`foo\\`bar`\n",
        "&#0; &#1234567; &#X22; &#XD06; &#xcab;\n",
        "&nbsp &x; &#; &#x;\n&#87654321;\n&ThisIsNotDefined; &hi?;\n",
        "**foo \"*bar*\" foo**\n",
        "foo*bar*baz and foo_bar_\n",
        "_foo_bar_baz_\n",
        "1.  A paragraph\n    with two lines.\n\n        indented code\n\n    > A block quote.\n",
        "- foo\n\n\tbar\n",
        "> # Foo\n> bar\n> baz\n",
        "<a href=\"foo\nbar\">\n",
        "foo <!-- this is a\ncomment - with hyphen -->\n",
        "<table><tr><td>\n<pre>\n**Hello**,\n\n_world_.\n</pre>\n</td></tr></table>\n",
        "`<http://foo.bar.`baz>`\n",
        "<http://foo.bar/baz bim>\n",
        "foo  \nbar\\\nbaz\n",
        "- a\n- b\n\n- c\n",
        "",
    ]

    @Test("spec-like example renders byte-identically to cmark", arguments: specExamples)
    func specExample(_ markdown: String) throws {
        let expected = try CmarkCLI.render(markdown)
        #expect(Self.assayHTML(markdown).html == expected)
    }
}
