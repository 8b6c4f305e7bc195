import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// `{#id .level}` is read exactly like `{.level #id}` (Pandoc takes attributes in any
/// order), in every place a claim's attributes are read.
@Suite("Claim attribute order")
struct ClaimAttributeOrderTests {
    @Test("both orders make the same claim and the same HTML")
    func sameClaim() throws {
        let levelFirst = rendered("A [claim *here*]{.preliminary #binds} [@k].\n")
        let idFirst = rendered("A [claim *here*]{#binds .preliminary} [@k].\n")
        #expect(idFirst.html == levelFirst.html)
        #expect(idFirst.document.claims == levelFirst.document.claims)
        #expect(idFirst.document.claims.first?.explicitID == "binds")
        #expect(idFirst.document.diagnostics.isEmpty)
    }

    @Test("a claim in link text is reported in both orders", arguments: [
        "See [[kratom helps]{.anecdotel #k}](risks.md).\n", "See [[kratom helps]{#k .anecdotel}](risks.md).\n",
        "See [[kratom helps]{#k .anecdotal}](risks.md).\n", "See [[kratom helps]{#k\t.anecdotal }](risks.md).\n",
    ])
    func inLinkText(_ markdown: String) throws {
        let (html, document) = rendered(markdown)
        #expect(positions(document) == ["1:19 malformed-claim"])
        #expect(document.claims.isEmpty)
        #expect(html == (try CmarkCLI.render(markdown)))
    }

    @Test("a missing ']' is reported in both orders", arguments: [
        "[claim text{.anecdotal #a} more\n", "[claim text{#a .anecdotal} more\n",
    ])
    func unclosed(_ markdown: String) {
        #expect(messages(annotated(markdown)) == ["1:12 unclosed-claim: '{.anecdotal}' follows no claim: is the ']' that closes the claim missing?"])
    }

    @Test("the same error for the same mistake in either order", arguments: [
        ("[x]{.bogus #a}\n", "[x]{#a .bogus}\n"),
        ("[x]{.anecdotal #1x}\n", "[x]{#1x .anecdotal}\n"),
        ("[x]{.anecdotal .unsupported #a}\n", "[x]{#a .anecdotal .unsupported}\n"),
        ("[x]{.anecdotal #a #b}\n", "[x]{#a #b .anecdotal}\n"),
        ("[x]{.anecdotal #a k=v}\n", "[x]{#a k=v .anecdotal}\n"),
    ])
    func sameError(_ levelFirst: String, _ idFirst: String) {
        let expected = messages(annotated(levelFirst))
        #expect(expected.count == 1)
        #expect(messages(annotated(idFirst)) == expected)
    }

    @Test("more than one id is an error, not a silently kept first")
    func twoIDs() {
        #expect(
            messages(annotated("[x]{#a #b .anecdotal}\n")) == [
                "1:5 malformed-claim: unexpected '#b' in claim attributes: only '.LEVEL' and '#id' are allowed"
            ])
    }
}
