import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// `[@key]`, `[@a; @b]`, `[@key, p. 12]`: what counts as a citation and what stays text.
/// Citations get `<cite>` from `rendered`.
@Suite("Citations")
struct CitationTests {
    @Test func singleKey() throws {
        let (html, document) = rendered("[@kruegel2016]\n")
        #expect(html == "<p><cite>kruegel2016</cite></p>\n")
        let citation = try #require(document.citations.first)
        #expect(document.citations.count == 1)
        #expect(citation.items == [Citation.Item(key: "kruegel2016", locator: nil)])
        #expect(citation.location == SourceLocation(line: 1, column: 1))
        #expect(citation.claimIndex == nil)
        #expect(document.claims.isEmpty)
        #expect(document.diagnostics.isEmpty)
    }

    @Test func twoKeys() throws {
        let (html, document) = rendered("See [@a; @b].\n")
        #expect(html == "<p>See <cite>a; b</cite>.</p>\n")
        let citation = try #require(document.citations.first)
        #expect(citation.items.map(\.key) == ["a", "b"])
        #expect(citation.location == SourceLocation(line: 1, column: 5))
    }

    @Test func locator() throws {
        let (html, document) = rendered("[@key, p. 12]\n")
        #expect(html == "<p><cite>key, p. 12</cite></p>\n")
        #expect(document.citations.first?.items == [Citation.Item(key: "key", locator: "p. 12")])
    }

    @Test func locatorsOnSeveralKeys() {
        let document = annotated("[@a, pp. 1-3;@b;  @c, ch. 2 ]\n")
        #expect(
            document.citations.first?.items == [
                Citation.Item(key: "a", locator: "pp. 1-3"), Citation.Item(key: "b", locator: nil),
                Citation.Item(key: "c", locator: "ch. 2"),
            ])
    }

    @Test("without markup a citation renders as nothing")
    func bareCitationRendersNothing() {
        #expect(annotated("a [@x] b\n").renderHTML() == "<p>a  b</p>\n")
    }

    /// Pandoc's key rule: a letter, digit or `_` first and last; `:.#$%&-+?<>~/` inside.
    static let keysWithPunctuation = [
        "Doe:2020", "smith.jones-2012", "10.1000/xyz123", "_private", "a_b", "x#1", "née2019", "a+b?c~d", "c$d%e&f", "x<y",
    ]

    @Test("keys with the punctuation Pandoc allows", arguments: keysWithPunctuation)
    func keyWithPunctuation(_ key: String) {
        let document = annotated("Text [@\(key)].\n")
        #expect(document.citations.map { $0.items.map(\.key) } == [[key]])
        #expect(document.diagnostics.isEmpty)
    }

    /// Bracketed text that is not a citation stays exactly as cmark renders it.
    static let notCitations = [
        "[@key.]\n",  // ends in punctuation
        "[@-key]\n",  // starts with punctuation
        "[see @key]\n",  // prefix text
        "[@]\n",
        "[@a;]\n",
        "[@a b]\n",
        "[mail me@example.com]\n",
        "[@a, *p. 3*]\n",  // the locator holds emphasis: not all text
        "\\[@a\\]\n",
        "\\[@a]\n",
        "`[@a]`\n",
        "    [@a]\n",
        "[@a](u)\n",
        "[@a]\n\n[@a]: /url\n",
    ]

    @Test("not a citation: rendered as cmark renders it", arguments: notCitations)
    func notACitation(_ markdown: String) throws {
        let expected = try CmarkCLI.render(markdown)
        let (html, document) = rendered(markdown)
        #expect(html == expected)
        #expect(document.citations.isEmpty)
        #expect(document.diagnostics.isEmpty)
    }

    @Test("a citation inside emphasis")
    func citationInsideEmphasis() {
        let (html, document) = rendered("*see [@a]*\n")
        #expect(html == "<p><em>see <cite>a</cite></em></p>\n")
        #expect(document.citations.map(\.location) == [SourceLocation(line: 1, column: 6)])
    }

    @Test("citations are listed in document order, nested ones included")
    func documentOrder() {
        let document = annotated("[@a] [x [@b]]{.anecdotal} [@c]\n\n- [@d]\n")
        #expect(document.citations.map { $0.items[0].key } == ["a", "b", "c", "d"])
        #expect(document.citations.map(\.claimIndex) == [nil, 0, nil, nil])
        #expect(
            document.citations.map(\.location) == [
                SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 9), SourceLocation(line: 1, column: 27),
                SourceLocation(line: 3, column: 3),
            ])
    }

    @Test("a citation's locator is kept as written; escaping is the caller's")
    func locatorEscapedByMarkup() {
        let (html, document) = rendered("[@a, p. 3 & 4]\n")
        #expect(document.citations.first?.items.first?.locator == "p. 3 & 4")
        #expect(html == "<p><cite>a, p. 3 &amp; 4</cite></p>\n")
    }
}
