import AssayMarkdown
import Testing

@testable import AssayKit

@Suite("Claim anchors and slugs")
struct ClaimAnchorTests {
    static func anchors(_ body: String) -> [String] {
        RenderFixture.render(body).claims.map(\.anchor)
    }

    @Test func explicitIDIsTheAnchor() {
        let page = RenderFixture.render("[Relief is reported]{.anecdotal #relief}.\n")
        #expect(page.claims.map(\.anchor) == ["relief"])
        #expect(page.html.contains("<span class=\"claim level-anecdotal\" id=\"relief\" data-level=\"anecdotal\">"))
    }

    /// A derived anchor depends only on the claim's words: adding, removing or editing
    /// another claim never moves it, so links from elsewhere keep working.
    @Test func derivedAnchorIsStable() throws {
        let alone = Self.anchors("[Relief is reported]{.anecdotal}.\n")
        let hex = String(Fingerprint.of("Relief is reported").hex.prefix(8))
        #expect(alone == ["claim-\(hex)"])

        let withOneBefore = Self.anchors("[A new claim comes first]{.unsupported}.\n\n[Relief is reported]{.anecdotal}.\n")
        #expect(withOneBefore.count == 2)
        #expect(withOneBefore[1] == alone[0])
        #expect(withOneBefore[0] != alone[0])

        let inSameParagraph = Self.anchors("[Another]{.unsupported} then [Relief is reported]{.anecdotal}.\n")
        #expect(inSameParagraph[1] == alone[0])

        // A different level does not move it either: the anchor names the words.
        #expect(Self.anchors("[Relief is reported]{.preliminary}.\n") == alone)
    }

    /// Citations are not part of the claim's words, so adding a source keeps the anchor.
    @Test func citingASourceKeepsTheAnchor() {
        let before = Self.anchors("[Relief is reported]{.anecdotal}.\n")
        let after = Self.anchors("[Relief is reported [@kruegel2016]]{.anecdotal}.\n")
        #expect(before == after)
    }

    @Test func repeatedWordsGetNumberedAnchors() {
        let anchors = Self.anchors("[Same words]{.anecdotal}.\n\n[Same words]{.anecdotal}.\n\n[Same words]{.unsupported}.\n")
        #expect(anchors.count == 3)
        #expect(anchors[1] == anchors[0] + "-1")
        #expect(anchors[2] == anchors[0] + "-2")
    }

    /// A heading that happens to slug to a claim's anchor keeps its id; the claim moves.
    @Test func headingAnchorsAreReserved() {
        let derived = Self.anchors("[Relief]{.anecdotal}.\n")[0]
        let page = RenderFixture.render("## \(derived)\n\n[Relief]{.anecdotal}.\n")
        #expect(page.headings.map(\.anchor) == [derived])
        #expect(page.claims.map(\.anchor) == [derived + "-1"])
    }

    /// Two elements with one id would make `#dose` land on either: the author's explicit
    /// claim id keeps it, and the heading moves aside.
    @Test func explicitClaimIDWinsOverAHeading() {
        let page = RenderFixture.render("## Dose\n\n[Take two grams]{.anecdotal #dose}.\n")
        #expect(page.diagnostics.isEmpty)
        #expect(page.claims.map(\.anchor) == ["dose"])
        #expect(page.headings.map(\.anchor) == ["dose-1"])
        let ids = HTMLScan.ids(page.html)
        #expect(ids.count == Set(ids).count, "\(ids)")
    }

    @Test func everyIDOnAPageIsUnique() {
        let page = RenderFixture.render("""
            # Title

            ## Same

            [Claim one [@kruegel2016]]{.anecdotal}. [Claim two [@kruegel2016; @prozialeck2012]]{.anecdotal}.

            ## Same

            [Claim one]{.anecdotal}.

            """)
        let ids = HTMLScan.ids(page.html)
        #expect(ids.count == Set(ids).count, "\(ids)")
        #expect(ids.contains("same") && ids.contains("same-1"))
        #expect(ids.filter { $0.hasPrefix("cite-") } == ["cite-1", "cite-2", "cite-3"])
    }

    @Test(arguments: [
        ("Details & caveats", "details--caveats"),
        ("What studies show", "what-studies-show"),
        ("Kratom (Mitragyna speciosa)", "kratom-mitragyna-speciosa"),
        ("Café au lait", "café-au-lait"),
        ("snake_case and-dashes", "snake_case-and-dashes"),
        ("2016: a year", "2016-a-year"),
        ("<b>Bold</b>", "bboldb"),
        ("", ""),
    ])
    func slugs(text: String, slug: String) {
        #expect(Slug.make(text) == slug)
    }

    @Test func registryNumbersRepeats() {
        var registry = Slug.Registry(reserved: ["taken"])
        #expect(registry.claim("x") == "x")
        #expect(registry.claim("x") == "x-1")
        #expect(registry.claim("x") == "x-2")
        #expect(registry.claim("taken") == "taken-1")
        #expect(registry.claim("") == "section")
        // "x-1" is already used by the second "x".
        #expect(registry.claim("x-1") == "x-1-1")
    }
}
