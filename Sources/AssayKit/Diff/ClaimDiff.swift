/// What changed in a guide's claims between two versions: claims added, removed,
/// re-levelled, re-worded, re-cited or moved, grouped by page.
///
/// Claims are matched first by page and anchor (an explicit `#id`, or the anchor Assay
/// derives from the text), then by text similarity (`TextSimilarity`): an edited
/// sentence is one claim "re-worded", not one removed and one added, and a claim moved to
/// another page or given a new `#id` is "moved".
public struct ClaimDiff: Sendable {
    /// The kinds of change, in the order reports list them; the values of `--fail-on`.
    public enum Kind: String, CaseIterable, Sendable, Comparable {
        case relevel, reword, recite, moved, added, removed

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// One claim that changed: `old` is nil when it was added, `new` when removed.
    struct Change: Sendable, Hashable {
        var old: ClaimsFile.Claim?
        var new: ClaimsFile.Claim?
        /// Sorted; never empty.
        public var kinds: [Kind]
        /// Cite keys the new version has and the old lacks, and the other way round.
        var citesAdded: [String] = []
        var citesRemoved: [String] = []
        /// +1 when the claim moved to a stronger level, -1 to a weaker one, nil when the
        /// level did not change or a rank is unknown.
        var direction: Int?

        /// The version shown: the new one, or the old one of a removed claim.
        var claim: ClaimsFile.Claim { new ?? old! }
    }

    /// The changes on one page (the new page of a moved claim).
    struct PageChanges: Sendable {
        var page: String
        var pageTitle: String
        var changes: [Change]
    }

    let old: ClaimsFile
    let new: ClaimsFile
    /// Pages in the new version's reading order, then pages only the old one had.
    private(set) var pages: [PageChanges] = []
    /// Claims matched with no change at all.
    public private(set) var unchanged = 0

    public init(old: ClaimsFile, new: ClaimsFile) {
        self.old = old
        self.new = new
        let (pairs, added, removed) = Self.match(old.claims, new.claims)
        var changes: [(change: Change, order: (Int, Int))] = []
        for (o, n) in pairs {
            if let change = Self.compare(old.claims[o], new.claims[n], ranks: { new.rank(of: $0) ?? old.rank(of: $0) }) {
                changes.append((change, (0, n)))
            } else {
                unchanged += 1
            }
        }
        for n in added { changes.append((Change(old: nil, new: new.claims[n], kinds: [.added]), (0, n))) }
        for o in removed { changes.append((Change(old: old.claims[o], new: nil, kinds: [.removed]), (1, o))) }
        changes.sort { $0.order < $1.order }

        var pageOrder: [String] = []
        var titles: [String: String] = [:]
        for claim in new.claims + old.claims where titles[claim.page] == nil {
            titles[claim.page] = claim.pageTitle
            pageOrder.append(claim.page)
        }
        var byPage: [String: [Change]] = [:]
        for entry in changes { byPage[entry.change.claim.page, default: []].append(entry.change) }
        pages = pageOrder.compactMap { page in
            byPage[page].map { PageChanges(page: page, pageTitle: titles[page] ?? page, changes: $0) }
        }
    }

    /// How many claims had a change of `kind`.
    func count(_ kind: Kind) -> Int {
        pages.reduce(0) { $0 + $1.changes.count { $0.kinds.contains(kind) } }
    }

    /// Every kind of change found.
    public var kinds: Set<Kind> { Set(pages.flatMap { $0.changes.flatMap(\.kinds) }) }

    var isEmpty: Bool { pages.isEmpty }

    /// Matched (old, new) index pairs, then unmatched new and old indexes, each ascending.
    static func match(_ old: [ClaimsFile.Claim], _ new: [ClaimsFile.Claim]) -> ([(Int, Int)], [Int], [Int]) {
        var pairs: [(Int, Int)] = []
        var newTaken = [Bool](repeating: false, count: new.count)
        var oldTaken = [Bool](repeating: false, count: old.count)
        func take(_ o: Int, _ n: Int) {
            pairs.append((o, n))
            oldTaken[o] = true
            newTaken[n] = true
        }
        // 1. The same page and anchor: the same claim, whatever its text now says.
        var byURL: [String: Int] = [:]
        for (n, claim) in new.enumerated() { byURL[claim.url] = n }
        for (o, claim) in old.enumerated() {
            if let n = byURL[claim.url], !newTaken[n] { take(o, n) }
        }
        // 2. The rest by similarity, best pair first, among candidates `TextSimilarity`
        // finds without comparing every pair (a rewrite of 10,000 claims would be 10⁸).
        let oldLeft = old.indices.filter { !oldTaken[$0] }
        let newLeft = new.indices.filter { !newTaken[$0] }
        var candidates = TextSimilarity.pairs(oldLeft.map { old[$0].text }, newLeft.map { new[$0].text })
            .map { (score: $0.score, o: oldLeft[$0.a], n: newLeft[$0.b]) }
        // An explicit `#id` that moved to another page is the same claim even if it was
        // re-worded more than the threshold allows.
        var explicit: [String: [Int]] = [:]
        for n in newLeft where !isDerivedAnchor(new[n].anchor) { explicit[new[n].anchor, default: []].append(n) }
        var sameAnchor = Set<[Int]>()
        for o in oldLeft where !isDerivedAnchor(old[o].anchor) {
            for n in explicit[old[o].anchor] ?? [] { sameAnchor.insert([o, n]) }
        }
        let scored = Set(candidates.map { [$0.o, $0.n] })
        for pair in sameAnchor where !scored.contains(pair) {
            candidates.append((TextSimilarity.similarity(old[pair[0]].text, new[pair[1]].text), pair[0], pair[1]))
        }
        // Best first: the same anchor, then most alike, then on the same page, then in
        // reading order, so ties always resolve the same way.
        let ranked = candidates.map { c in
            (c.score, c.o, c.n, sameAnchor.contains([c.o, c.n]), old[c.o].page == new[c.n].page)
        }.sorted { a, b in
            if a.3 != b.3 { return a.3 }
            if a.0 != b.0 { return a.0 > b.0 }
            if a.4 != b.4 { return a.4 }
            return (a.1, a.2) < (b.1, b.2)
        }
        for (_, o, n, _, _) in ranked where !oldTaken[o] && !newTaken[n] { take(o, n) }
        return (pairs, new.indices.filter { !newTaken[$0] }, old.indices.filter { !oldTaken[$0] })
    }

    /// `claim-1a2b3c4d` (or `claim-1a2b3c4d-2`): the anchor Assay makes from a claim's
    /// text when it has no `#id`; it changes with every re-wording, so a change of it
    /// alone is no move.
    static func isDerivedAnchor(_ anchor: String) -> Bool {
        guard anchor.hasPrefix("claim-") else { return false }
        let rest = anchor.dropFirst(6)
        let hash = rest.prefix(8)
        guard hash.count == 8, hash.allSatisfy(\.isHexDigit) else { return false }
        let suffix = rest.dropFirst(8)
        return suffix.isEmpty || (suffix.first == "-" && suffix.count > 1 && suffix.dropFirst().allSatisfy(\.isNumber))
    }

    /// The change between two versions of one claim, or nil when there is none.
    static func compare(_ o: ClaimsFile.Claim, _ n: ClaimsFile.Claim, ranks: (String) -> Int?) -> Change? {
        var change = Change(old: o, new: n, kinds: [])
        if o.level != n.level {
            change.kinds.append(.relevel)
            if let from = ranks(o.level), let to = ranks(n.level), from != to { change.direction = to > from ? 1 : -1 }
        }
        if o.text != n.text { change.kinds.append(.reword) }
        if Set(o.citeKeys) != Set(n.citeKeys) {
            change.kinds.append(.recite)
            let before = Set(o.citeKeys), after = Set(n.citeKeys)
            change.citesAdded = n.citeKeys.filter { !before.contains($0) }
            change.citesRemoved = o.citeKeys.filter { !after.contains($0) }
        }
        if o.page != n.page || (o.anchor != n.anchor && !(isDerivedAnchor(o.anchor) && isDerivedAnchor(n.anchor))) {
            change.kinds.append(.moved)
        }
        return change.kinds.isEmpty ? nil : change
    }
}
