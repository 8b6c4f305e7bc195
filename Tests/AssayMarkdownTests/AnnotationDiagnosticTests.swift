import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// Claim markup that cannot be read is an error with an exact line and column (1-based,
/// columns in bytes, as the README promises), never passed over in silence.
@Suite("Annotation diagnostics")
struct AnnotationDiagnosticTests {
    static let levelList = "anecdotal, established, preliminary, unsupported"

    @Test("a misspelt level: reported at the level, with a suggestion")
    func misspeltLevel() {
        let markdown = "Some [claim]{.anecdotel}.\n"
        let (html, document) = rendered(markdown)
        #expect(messages(document) == ["1:14 unknown-level: unknown evidence level 'anecdotel' — did you mean 'anecdotal'?"])
        #expect(document.claims.isEmpty)
        #expect(html == "<p>Some [claim]{.anecdotel}.</p>\n")
    }

    @Test("misspellings close to each level", arguments: [
        ("anecdotl", "anecdotal"), ("Anecdotal", "anecdotal"), ("establised", "established"), ("prelimnary", "preliminary"),
        ("unsuported", "unsupported"),
    ])
    func suggestions(_ typo: String, _ level: String) {
        let document = annotated("[x]{.\(typo)}\n")
        #expect(messages(document) == ["1:5 unknown-level: unknown evidence level '\(typo)' — did you mean '\(level)'?"])
    }

    @Test("an unknown level far from every level: no suggestion, the levels listed")
    func unknownLevelWithoutSuggestion() {
        for level in ["bogus", "notalevel", "x"] {
            let document = annotated("[x]{.\(level)}\n")
            #expect(messages(document) == ["1:5 unknown-level: unknown evidence level '\(level)' (levels: \(Self.levelList))"])
        }
    }

    @Test("a rejected claim beside a good one still renders as written")
    func rejectedClaimKeepsItsText() {
        let (html, document) = rendered("[a]{.anecdotal} and [x]{.bogus}.\n")
        #expect(html == "<p><span class=\"anecdotal\">a</span> and [x]{.bogus}.</p>\n")
        #expect(positions(document) == ["1:25 unknown-level"])
    }

    @Test("'{.level}' with no ']' before it: the claim's bracket is missing")
    func unclosedClaim() {
        let document = annotated("[claim text{.anecdotal} more\n")
        #expect(messages(document) == ["1:12 unclosed-claim: '{.anecdotal}' follows no claim: is the ']' that closes the claim missing?"])
        #expect(document.claims.isEmpty)
    }

    @Test("a misspelt level after a missing bracket is still caught")
    func unclosedClaimWithTypo() {
        let document = annotated("claim text {.anecdotel}\n")
        #expect(messages(document) == ["1:12 unclosed-claim: '{.anecdotel}' follows no claim: is the ']' that closes the claim missing?"])
    }

    @Test("a space between ']' and '{' breaks the claim")
    func spaceBeforeBrace() {
        #expect(positions(annotated("[x] {.anecdotal}\n")) == ["1:5 unclosed-claim"])
    }

    @Test("attributes after a link or an image are not a claim")
    func attributesAfterLink() {
        #expect(positions(annotated("[a](b){.anecdotal}\n")) == ["1:7 unclosed-claim"])
        #expect(positions(annotated("![a](b){.anecdotal}\n")) == ["1:8 unclosed-claim"])
    }

    @Test("a claim inside a link's text is reported, not dropped")
    func claimInsideLinkText() throws {
        let message = "malformed-claim: a claim cannot sit inside a link's text: put the link inside the claim, as in '[see [text](url)]{.LEVEL}'"
        let markdown = "See [[kratom helps]{.anecdotel}](risks.md).\n"
        let (html, document) = rendered(markdown)
        #expect(messages(document) == ["1:19 \(message)"])
        #expect(document.claims.isEmpty)
        #expect(html == (try CmarkCLI.render(markdown)))
        #expect(messages(annotated("*[a **[b]{.anecdotal}**](u)*\n")) == ["1:9 \(message)"])
        #expect(messages(annotated("![alt [b]{.anecdotal}](x.png)\n")) == ["1:9 \(message)"])
        // Brackets in link text that make no claim are fine.
        #expect(annotated("[[a] b {c} [d]{e}](u)\n").diagnostics.isEmpty)
    }

    @Test("']{.level}' with no '[' before it")
    func strayClaimEnd() {
        let document = annotated("claim text]{.anecdotal}\n")
        #expect(
            messages(document) == [
                "1:11 stray-claim-end: ']{' closes no claim: there is no '[' before it in the same paragraph and emphasis"
            ])
    }

    @Test("a claim cannot open inside emphasis and close outside it")
    func claimAcrossEmphasis() {
        #expect(positions(annotated("*[a*]{.anecdotal}\n")) == ["1:5 stray-claim-end"])
    }

    @Test("a '{' that is never closed")
    func unclosedBrace() {
        #expect(
            messages(annotated("[x]{.anecdotal\n")) == [
                "1:4 malformed-claim: the claim's '{' is never closed: expected '}' on the same line"
            ])
    }

    @Test("attributes that do not make a claim", arguments: [
        ("[]{.anecdotal}\n", "1:1 malformed-claim: the claim is empty"),
        ("[x]{#id}\n", "1:5 malformed-claim: the claim has no evidence level: write '{.LEVEL}' with one of \(levelList)"),
        ("[x]{}\n", "1:5 malformed-claim: the claim has no evidence level: write '{.LEVEL}' with one of \(levelList)"),
        ("[x]{.anecdotal .established}\n", "1:5 malformed-claim: a claim takes one evidence level, found 2: anecdotal, established"),
        ("[x]{.anecdotal #1x}\n", "1:5 malformed-claim: claim id '#1x' must start with a letter and hold only letters, digits, '-' and '_'"),
        ("[x]{.anecdotal key=value}\n", "1:5 malformed-claim: unexpected 'key=value' in claim attributes: only '.LEVEL' and '#id' are allowed"),
        ("[a [b]{.anecdotal} c]{.established}\n", "1:1 nested-claim: a claim cannot contain another claim"),
    ])
    func malformed(_ markdown: String, _ expected: String) {
        #expect(messages(annotated(markdown)) == [expected])
    }

    @Test("every problem in a page is reported, in source order")
    func allReported() {
        let document = annotated("[x]{.bogus} [y]{.anecdotel}\n\n- [z]{#id}\n\nw]{.anecdotal}\n")
        #expect(positions(document) == ["1:5 unknown-level", "1:17 unknown-level", "3:7 malformed-claim", "5:2 stray-claim-end"])
    }

    /// Positions where the source and cmark's text differ in length before the error:
    /// multi-byte characters, escapes, entities, code spans, line breaks.
    static let positionCases: [(String, String)] = [
        ("Café — [claim]{.anecdotel}\n", "1:19"),
        ("Ünïcödé line\n[x]{.bogus}\n", "2:5"),
        ("# Überblick\n\nZweite Zeile — ok\n\n> [x]{.bogus}\n", "5:7"),
        ("日本語のテキスト [x]{.bogus}\n", "1:30"),
        ("a\\\nb [x]{.bogus}\n", "2:7"),
        ("a  \nb [x]{.bogus}\n", "2:7"),
        ("&amp; \\[a\\] [x]{.bogus}\n", "1:17"),
        ("&eacute;&#233; [x]{.bogus}\n", "1:20"),
        ("`code` [x]{.bogus}\n", "1:12"),
        ("*see [x]{.bogus}*\n", "1:10"),
        ("[a claim\nacross lines]{.bogus}\n", "2:15"),
        ("> - [x]{.bogus}\n", "1:9"),
        ("\u{FEFF}[x]{.bogus}\n", "1:5"),
        ("line one\r\n[x]{.bogus}\r\n", "2:5"),
        ("line one\r[x]{.bogus}\r", "2:5"),
    ]

    @Test("positions are exact after text whose length changes in cmark", arguments: positionCases)
    func position(_ markdown: String, _ expected: String) {
        #expect(positions(annotated(markdown)) == ["\(expected) unknown-level"])
    }
}
