import Foundation
import Testing

@testable import AssayKit

/// `ClaimDiff` on the fixture pair in `Fixtures/diff/` (old.json → new.json): two claims
/// unchanged, one re-levelled and re-cited (same `#mu-binding`), one re-worded (its
/// derived anchor changed with the text), one re-cited, one moved to another page, one
/// added, one removed.
@Suite("assay diff: matching and report kinds")
struct ClaimDiffTests {
    static func fixture(_ name: String) throws(DiffFailure) -> ClaimsFile {
        try ClaimsFile.load(BuildFixture.fixtures.appending(path: "diff/\(name)"), path: name)
    }

    static func pair() throws -> ClaimDiff {
        ClaimDiff(old: try fixture("old.json"), new: try fixture("new.json"))
    }

    static func change(_ diff: ClaimDiff, _ text: String) throws -> ClaimDiff.Change {
        try #require(diff.pages.flatMap(\.changes).first { $0.claim.text.hasPrefix(text) }, "no change for '\(text)'")
    }

    @Test("counts of each kind, and claims matched without change")
    func counts() throws {
        let diff = try Self.pair()
        #expect(diff.count(.relevel) == 1)
        #expect(diff.count(.reword) == 1)
        #expect(diff.count(.recite) == 2)
        #expect(diff.count(.moved) == 1)
        #expect(diff.count(.added) == 1)
        #expect(diff.count(.removed) == 1)
        #expect(diff.unchanged == 2)
        #expect(diff.headline == "1 claim changed level, 1 re-worded, 2 re-cited, 1 moved, 1 added, 1 removed")
    }

    @Test("a re-levelled claim: from, to, and which way")
    func relevel() throws {
        let change = try Self.change(try Self.pair(), "Mitragynine binds")
        #expect(change.kinds == [.relevel, .recite])
        #expect(change.old?.level == "preliminary" && change.new?.level == "established")
        #expect(change.direction == 1)
        #expect(change.citesAdded == ["varadi2016"] && change.citesRemoved.isEmpty)
    }

    @Test("an edited sentence whose derived anchor changed is re-worded, not removed and added")
    func reword() throws {
        let change = try Self.change(try Self.pair(), "Kratom relieves chronic pain")
        #expect(change.kinds == [.reword])
        #expect(change.old?.text == "Kratom relieves chronic pain in people with arthritis")
        #expect(change.new?.text == "Kratom relieves chronic pain in some people with arthritis")
        #expect(change.old?.anchor == "claim-22222222" && change.new?.anchor == "claim-66666666")
    }

    @Test("a claim moved to another page is matched and reported as moved")
    func moved() throws {
        let diff = try Self.pair()
        let change = try Self.change(diff, "Kratom causes liver injury")
        #expect(change.kinds == [.moved])
        #expect(change.old?.page == "pharmacology.html" && change.new?.page == "risks.html")
        // Listed under its new page.
        let risks = try #require(diff.pages.first { $0.page == "risks.html" })
        #expect(risks.changes.contains(change))
    }

    @Test("a re-cited claim: keys added and removed")
    func recite() throws {
        let change = try Self.change(try Self.pair(), "7-hydroxymitragynine")
        #expect(change.kinds == [.recite])
        #expect(change.citesAdded == ["matsumoto2004b"] && change.citesRemoved == ["matsumoto2004"])
    }

    @Test("pages in reading order; within a page, new claims in order, removed last")
    func order() throws {
        let diff = try Self.pair()
        #expect(diff.pages.map(\.page) == ["pharmacology.html", "risks.html"])
        #expect(diff.pages[1].changes.map(\.kinds) == [[.added], [.moved], [.removed]])
        #expect(diff.pages[1].changes.last?.old?.text == "Kratom cures opioid addiction")
    }

    @Test("the same file twice: nothing changed")
    func identical() throws {
        let diff = ClaimDiff(old: try Self.fixture("new.json"), new: try Self.fixture("new.json"))
        #expect(diff.isEmpty)
        #expect(diff.unchanged == 7)
        #expect(diff.headline == "no claim changed")
    }

    @Test("two different claims on one topic are not taken for one")
    func unrelatedTexts() {
        let old = ClaimsFile(path: "a", title: "t", levels: [], claims: [
            .init(text: "Kratom relieves arthritis pain", level: "anecdotal", page: "a.html", anchor: "claim-aaaaaaaa")
        ])
        let new = ClaimsFile(path: "b", title: "t", levels: [], claims: [
            .init(text: "Kratom is sold in smoke shops across the country", level: "established", page: "a.html", anchor: "claim-bbbbbbbb")
        ])
        let diff = ClaimDiff(old: old, new: new)
        #expect(diff.count(.added) == 1 && diff.count(.removed) == 1 && diff.count(.reword) == 0)
    }

    @Test("an explicit #id moved to another page and re-worded past the threshold is still one claim")
    func explicitAnchorMoved() {
        let old = ClaimsFile(path: "a", title: "t", levels: [], claims: [
            .init(text: "Kratom binds opioid receptors", level: "preliminary", page: "a.html", anchor: "binding")
        ])
        let new = ClaimsFile(path: "b", title: "t", levels: [], claims: [
            .init(text: "In cells, mitragynine partly activates the mu receptor", level: "preliminary", page: "b.html", anchor: "binding")
        ])
        let diff = ClaimDiff(old: old, new: new)
        #expect(diff.pages.flatMap(\.changes).map(\.kinds) == [[.reword, .moved]])
    }

    @Test("claim-<8 hex> (and -N) anchors are derived; others are written by authors")
    func derivedAnchors() {
        #expect(ClaimDiff.isDerivedAnchor("claim-0a1b2c3d"))
        #expect(ClaimDiff.isDerivedAnchor("claim-0a1b2c3d-2"))
        #expect(!ClaimDiff.isDerivedAnchor("claim-binding"))
        #expect(!ClaimDiff.isDerivedAnchor("mu-binding"))
        #expect(!ClaimDiff.isDerivedAnchor("claim-0a1b2c3d-"))
    }

    @Test("same input, same report: matching ties resolve in reading order")
    func deterministic() throws {
        let claim = ClaimsFile.Claim(text: "Kratom relieves pain", level: "anecdotal", page: "a.html", anchor: "claim-00000001")
        var twin = claim
        twin.anchor = "claim-00000002"
        twin.url = "a.html#claim-00000002"
        let old = ClaimsFile(path: "a", title: "t", levels: [], claims: [claim, twin])
        var moved = [claim, twin].map { c -> ClaimsFile.Claim in
            var c = c
            c.page = "b.html"
            c.url = "b.html#" + c.anchor
            return c
        }
        moved.reverse()
        let new = ClaimsFile(path: "b", title: "t", levels: [], claims: moved)
        let first = ClaimDiff(old: old, new: new).json()
        #expect(first == ClaimDiff(old: old, new: new).json())
        #expect(ClaimDiff(old: old, new: new).count(.moved) == 2)
    }

    /// The prefix filter finds exactly the pairs comparing every pair finds, on texts
    /// drawn from a small vocabulary so that many pairs are near the threshold.
    @Test func prefixFilterFindsEveryPairAboveTheThreshold() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let vocabulary = (0..<30).map { "w\($0)" }
        func text() -> String { (0..<(2 + next(9))).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ") }
        let a = (0..<150).map { _ in text() }
        let b = (0..<150).map { _ in text() }
        var expected: [[Int]] = []
        for i in a.indices {
            for j in b.indices where TextSimilarity.similarity(a[i], b[j]) >= TextSimilarity.threshold { expected.append([i, j]) }
        }
        let found = TextSimilarity.pairs(a, b)
        #expect(expected.count > 50)
        #expect(found.map { [$0.a, $0.b] }.sorted { $0.lexicographicallyPrecedes($1) } == expected)
        #expect(found.allSatisfy { abs($0.score - TextSimilarity.similarity(a[$0.a], b[$0.b])) < 1e-12 })
    }
}

