import AssayMarkdown
import Testing

@testable import AssayKit

@Suite("Evidence profile")
struct EvidenceProfileTests {
    static let taxonomy = RenderFixture.config.taxonomy

    static func claims(_ levels: [String]) -> [PublishedClaim] {
        levels.enumerated().map { i, level in
            PublishedClaim(
                claim: Claim(level: level, explicitID: nil, text: "claim \(i)", citeKeys: [], location: AssayMarkdown.SourceLocation(line: i + 1, column: 1)),
                anchor: "c\(i)", line: i + 1, column: 1)
        }
    }

    static func profile(_ counts: [String: Int], taxonomy: Taxonomy = taxonomy) -> EvidenceProfile {
        EvidenceProfile(taxonomy: taxonomy, claims: claims(counts.sorted { $0.key < $1.key }.flatMap { Array(repeating: $0.key, count: $0.value) }))
    }

    /// The guide's totals counted page by page against the taxonomy's ids are the totals
    /// counted over every claim: levels the taxonomy lists, one it lacks, pages without
    /// claims, and no claims at all.
    @Test(arguments: [
        [["established", "anecdotal"], [], ["established", "not-a-level", "preliminary"], ["not-a-level"]],
        [[], []],
        [],
        [["anecdotal", "anecdotal", "anecdotal"]],
    ])
    func totalsPageByPageAreTheTotalsOverEveryClaim(_ levelsPerPage: [[String]]) {
        let pages = levelsPerPage.map { levels in
            RenderedPage(html: "", claims: Self.claims(levels), headings: [], links: [], citedKeys: [], citeAnchors: [:], diagnostics: [])
        }
        let plain = EvidenceProfile(taxonomy: Self.taxonomy, claims: pages.flatMap(\.claims))
        let byPage = EvidenceProfile(taxonomy: Self.taxonomy, pages: pages)
        #expect(byPage.counts == plain.counts)
        #expect(byPage.total == plain.total)
    }

    /// `(x, width)` of each rectangle, in hundredths of the bar.
    static func rects(_ svg: String) -> [(x: Int, width: Int)] {
        let xs = HTMLScan.values(of: "x", in: svg).map(hundredths)
        let widths = HTMLScan.values(of: "width", in: svg).map(hundredths)
        return Array(zip(xs, widths))
    }

    static func hundredths(_ text: String) -> Int {
        let parts = text.split(separator: ".")
        let whole = Int(parts[0])! * 100
        guard parts.count == 2 else { return whole }
        let fraction = parts[1].count == 1 ? Int(parts[1])! * 10 : Int(parts[1])!
        return whole + fraction
    }

    /// Whatever the counts, the bars tile the whole width: each starts where the last one
    /// ended, and the widths add up to exactly 100.
    @Test(arguments: [
        ["established": 1, "preliminary": 1, "anecdotal": 1],
        ["established": 2, "anecdotal": 1],
        ["established": 1, "preliminary": 1, "anecdotal": 1, "unsupported": 4],
        ["established": 1, "preliminary": 5, "anecdotal": 7, "unsupported": 11],
        ["anecdotal": 1],
        ["established": 333, "preliminary": 333, "anecdotal": 334],
    ])
    func barsTileTheWidth(_ counts: [String: Int]) {
        let profile = Self.profile(counts)
        let rects = Self.rects(profile.svg)
        #expect(rects.count == counts.filter { $0.value > 0 }.count)
        #expect(rects.first?.x == 0)
        #expect(rects.map(\.width).reduce(0, +) == 10_000, "\(profile.svg)")
        for (a, b) in zip(rects, rects.dropFirst()) {
            #expect(a.x + a.width == b.x)
        }
        #expect(rects.allSatisfy { $0.width > 0 })
    }

    @Test func strongestFirstWithTextEquivalent() {
        let profile = Self.profile(["anecdotal": 2, "established": 1, "unsupported": 1])
        let svg = profile.svg
        #expect(profile.total == 4)
        #expect(profile.summary == "4 claims: 1 Established, 2 Anecdotal, 1 No good evidence")
        #expect(svg.hasPrefix("<svg class=\"profile-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"4 claims: 1 Established, 2 Anecdotal, 1 No good evidence\">"))
        #expect(HTMLScan.values(of: "class", in: svg).dropFirst() == ["level-established", "level-anecdotal", "level-unsupported"])
        #expect(svg.contains("<title>Established: 1</title>"))
        #expect(svg.contains("<title>Anecdotal: 2</title>"))
        #expect(!svg.contains("Preliminary"))
        #expect(Self.rects(svg).map(\.width) == [2500, 5000, 2500])
    }

    /// Each part names its level for the register's script, which redraws the bar.
    @Test func barPartsNameTheirLevel() {
        let svg = Self.profile(["established": 1, "unsupported": 2]).svg
        #expect(HTMLScan.values(of: "data-level", in: svg) == ["established", "unsupported"])
    }

    @Test func sentenceNamesBothEndsOfTheScale() {
        let profile = Self.profile(["established": 4, "preliminary": 9, "anecdotal": 4, "unsupported": 8])
        #expect(profile.sentence == "Of 25 claims, 4 are rated Established (strongest) and 8 No good evidence (weakest).")
        #expect(Self.profile(["established": 1, "anecdotal": 2]).sentence
            == "Of 3 claims, 1 is rated Established (strongest) and none No good evidence (weakest).")
        #expect(Self.profile(["preliminary": 2, "unsupported": 1]).sentence
            == "Of 3 claims, none is rated Established (strongest) and 1 No good evidence (weakest).")
    }

    @Test func sentenceForOneLevelOrNone() {
        #expect(Self.profile(["anecdotal": 3]).sentence == "All 3 claims are rated Anecdotal.")
        #expect(Self.profile(["anecdotal": 1]).sentence == "The one claim is rated Anecdotal.")
        #expect(Self.profile([:]).sentence == "")
    }

    /// GRADE-style marks: the strongest level fills every dot, each weaker one a dot fewer,
    /// so the scale reads in greyscale and print, whatever the colours.
    @Test func marksFillADotPerLevel() {
        let taxonomy = Self.taxonomy
        #expect(["established", "preliminary", "anecdotal", "unsupported"].map(taxonomy.marks(for:)) == ["●●●●", "●●●○", "●●○○", "●○○○"])
        #expect(taxonomy.strength(of: "unknown") == 0)
        let context = Self.profile(["preliminary": 1]).context(caption: "C")
        guard let fields = context.objectFields, case .list(let items)? = fields["items"],
            let second = items[1].objectFields, case .string(let marks)? = second["marks"]
        else {
            Issue.record("unexpected context shape: \(context)")
            return
        }
        #expect(marks == "●●●○")
    }

    @Test func oneClaimIsSingular() {
        #expect(Self.profile(["anecdotal": 1]).summary == "1 claim: 1 Anecdotal")
        #expect(EvidenceProfile.count(1, "claim") == "1 claim")
        #expect(EvidenceProfile.count(0, "claim") == "0 claims")
    }

    @Test func noClaimsNoBar() {
        let profile = Self.profile([:])
        #expect(profile.svg == "")
        #expect(profile.total == 0)
        guard let context = profile.context(caption: "x").objectFields else {
            Issue.record("not an object")
            return
        }
        guard case .bool(let has)? = context["has_claims"] else {
            Issue.record("no has_claims")
            return
        }
        #expect(!has)
    }

    /// Labels and colours come from site.yml: they are escaped in the SVG.
    @Test func escapesLabels() throws {
        let config = try SiteConfig.load(text: """
            title: T
            levels:
              - id: odd
                label: "Odd <b>&</b> \\"quoted\\""
                rank: 1
                definition: d

            """)
        let svg = Self.profile(["odd": 1], taxonomy: config.taxonomy).svg
        #expect(svg.contains("<title>Odd &lt;b&gt;&amp;&lt;/b&gt; &quot;quoted&quot;: 1</title>"))
        #expect(svg.contains("aria-label=\"1 claim: 1 Odd &lt;b&gt;&amp;&lt;/b&gt; &quot;quoted&quot;\""))
    }

    @Test(arguments: [(0, "0"), (5, "0.05"), (50, "0.50"), (3333, "33.33"), (10_000, "100"), (6667, "66.67")])
    func fixedDecimals(hundredths: Int, text: String) {
        #expect(EvidenceProfile.format(hundredths: hundredths) == text)
    }
}
