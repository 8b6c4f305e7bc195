import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// What the transform must leave alone: code, escaped brackets, links and link
/// references, braces in prose. Each renders exactly as the `cmark` CLI renders it, with
/// no claim, no citation and no complaint.
@Suite("Text the transform leaves alone")
struct UninterpretedTextTests {
    static let examples = [
        "`[x]{.anecdotal}`\n",
        "`[x]{.anecdotel}` is how a typo looks\n",
        "``[x]{.bogus} and `[y`]{.anecdotal}``\n",
        "```\n[x]{.anecdotal}\n[x]{.bogus}\n```\n",
        "~~~ markdown\n[a [@b]]{.preliminary}\n~~~\n",
        "    [x]{.anecdotal}\n    ]{.bogus}\n",
        "- item\n\n      [x]{.anecdotal}\n",
        "\\[x\\]{.anecdotal}\n",
        "\\[x\\]{.bogus}\n",
        "[x\\]{.anecdotal}\n",
        "Text \\[not a claim\\]{.preliminary #id} here.\n",
        "&#91;x&#93;{.anecdotal}\n",
        "[a](b)\n",
        "[a](b \"title\") and [c](<d e>)\n",
        "[a]\n\n[a]: /u\n",
        "[a][]\n\n[a]: /u\n",
        "[a][r]\n\n[r]: /u\n",
        "[a]\n",
        "[a] [b] [c]: not links\n",
        "[unclosed bracket\n",
        "a ] stray bracket\n",
        "CSS: p{.foo} and a{color:red}\n",
        "{.notalevel} alone\n",
        "<div>\n[x]{.anecdotal}\n</div>\n",
    ]

    @Test("left as cmark renders it", arguments: examples)
    func leftAlone(_ markdown: String) throws {
        let expected = try CmarkCLI.render(markdown)
        let (html, document) = rendered(markdown)
        #expect(html == expected)
        #expect(document.claims.isEmpty)
        #expect(document.citations.isEmpty)
        #expect(document.diagnostics.isEmpty, "\(messages(document))")
    }

    @Test("links and link references are recorded and kept")
    func linksRecorded() {
        let markdown = "See [a](one.md) and [b](two.md#x).\n\n[c][r]\n\n[r]: https://example.org\n"
        let (html, document) = rendered(markdown)
        #expect(
            html == "<p>See <a href=\"one.md\">a</a> and <a href=\"two.md#x\">b</a>.</p>\n<p><a href=\"https://example.org\">c</a></p>\n")
        #expect(
            document.links == [
                MarkdownLink(destination: "one.md", location: SourceLocation(line: 1, column: 5)),
                MarkdownLink(destination: "two.md#x", location: SourceLocation(line: 1, column: 21)),
                MarkdownLink(destination: "https://example.org", location: SourceLocation(line: 3, column: 1)),
            ])
    }

    @Test("rewritten links are published; the written destination is recorded")
    func rewriteLink() {
        let document = annotated("[a](one.md#top) [b](https://x.org)\n") { destination in
            destination.hasPrefix("one.md") ? "one.html#top" : nil
        }
        #expect(document.renderHTML() == "<p><a href=\"one.html#top\">a</a> <a href=\"https://x.org\">b</a></p>\n")
        #expect(document.links.map(\.destination) == ["one.md#top", "https://x.org"])
    }

    @Test("a rewritten destination is escaped in the href")
    func rewrittenLinkEscaped() {
        let document = annotated("[b](x.md)\n") { _ in "a\"b<c&d>" }
        #expect(document.renderHTML() == "<p><a href=\"a%22b%3Cc&amp;d%3E\">b</a></p>\n")
    }

    @Test("a link inside a claim is recorded and rewritten")
    func linkInsideClaim() {
        let document = annotated("[see [a](a.md)]{.anecdotal}\n") { _ in "a.html" }
        #expect(document.links == [MarkdownLink(destination: "a.md", location: SourceLocation(line: 1, column: 6))])
        #expect(document.renderHTML() == "<p>see <a href=\"a.html\">a</a></p>\n")
    }
}
