import AssayMarkdown
import AssaySupport
import AssayTemplates

/// Claims per level for a page or the whole guide, drawn as an inline SVG bar with a
/// text equivalent beside it.
struct EvidenceProfile {
    let taxonomy: Taxonomy
    let counts: [String: Int]

    init(taxonomy: Taxonomy, claims: some Sequence<PublishedClaim>) {
        self.init(taxonomy: taxonomy) { count in
            for claim in claims { count(claim.claim.level, 1) }
        }
    }

    /// The guide's totals, from every page's claims, as `init(taxonomy:claims:)` gives
    /// them for `Model.allClaims` but without copying each claim out of a lazy flattening.
    init(taxonomy: Taxonomy, pages: [RenderedPage]) {
        self.init(taxonomy: taxonomy) { count in
            for i in pages.indices { pages[i].forEachClaimLevel { count($0, 1) } }
        }
    }

    /// The totals of the pages `members`, whose metadata `metadata` gives, counted where
    /// the claims lie (a section's card gathered copies of all its pages' claims first).
    init(taxonomy: Taxonomy, members: [Int], metadata: (Int) -> RenderedPage) {
        self.init(taxonomy: taxonomy) { count in
            for j in members { metadata(j).forEachClaimLevel { count($0, 1) } }
        }
    }

    /// The guide's totals from a build's model, without decoding the metadata of the
    /// pages that is still in the cache (`SiteGenerator.Model.forEachLevelCount`).
    init(taxonomy: Taxonomy, model: SiteGenerator.Model) {
        self.init(taxonomy: taxonomy) { count in
            for i in model.pages.indices { model.forEachLevelCount(of: i, count) }
        }
    }

    /// Counts the levels `levels` hands to `count`, each with how many claims have it.
    /// Each level is compared with the taxonomy's few ids rather than hashed (made for
    /// every page and every section card, and for the guide between the two passes, while
    /// nothing else runs); a level the taxonomy lacks is counted in the dictionary. Only
    /// levels with claims get a key.
    private init(taxonomy: Taxonomy, levels: (_ count: (String, Int) -> Void) -> Void) {
        self.taxonomy = taxonomy
        let ids = taxonomy.levels.map(\.id)
        var perLevel = [Int](repeating: 0, count: ids.count)
        var counts: [String: Int] = [:]
        levels { level, k in
            if let n = ids.firstIndex(of: level) {
                perLevel[n] += k
            } else {
                counts[level, default: 0] += k
            }
        }
        for (n, id) in ids.enumerated() where perLevel[n] > 0 { counts[id, default: 0] += perLevel[n] }
        self.counts = counts
    }

    var total: Int { counts.values.reduce(0, +) }

    /// What the bar, the summary and the context take from the taxonomy alone, made
    /// once per build rather than once per profile: escaping, marks and the zero items
    /// were most of what a page's two profiles cost (0.2 G instructions at 1,000 pages).
    struct Parts: Sendable {
        struct Level: Sendable {
            let id: String
            let label: String
            let marks: String
            /// `" height="10" fill="…" … <title>LABEL: `, the rectangle after its width.
            let rectTail: [UInt8]
            /// The context item of the level with no claims, shared by every profile.
            let zeroItem: TemplateValue
        }

        let levels: [Level]
        /// Contexts already made, by what they are made of: pages with the same counts
        /// per level share one context (its bar, summary and sentence) instead of making
        /// it again. A large guide has far more pages than count combinations: at 1,000
        /// pages of the benchmark corpus, making them cost 37 M instructions instead of 65 M.
        fileprivate let made = Locked<[ContextKey: TemplateValue]>([:])

        init(_ taxonomy: Taxonomy) {
            levels = taxonomy.levels.map { level in
                let marks = taxonomy.marks(for: level.id)
                let id = HTMLEscape.attribute(level.id)
                let tail = "\" height=\"10\" fill=\"" + HTMLEscape.attribute(level.color) + "\" class=\"level-" + id + "\" data-level=\"" + id
                    + "\" vector-effect=\"non-scaling-stroke\"><title>" + HTMLEscape.text(level.label) + ": "
                return Level(
                    id: level.id, label: level.label, marks: marks, rectTail: Array(tail.utf8),
                    zeroItem: ["id": ^level.id, "label": ^level.label, "count": 0, "has": false, "marks": ^marks])
            }
        }
    }

    /// The claims of each level, in the taxonomy's order.
    private var perLevel: [Int] { taxonomy.levels.map { counts[$0.id] ?? 0 } }

    /// The bar: one rectangle per level, strongest first, widths in percent of the total.
    /// `role="img"` and the label make it one readable object for screen readers. The
    /// theme strokes each part in the background colour, so no two levels touch: four
    /// colours cannot each differ from their neighbours by 3:1 and from the background
    /// by 3:1 (that would take 3 × 3 × 3 = 27:1 of the 21:1 there is), but each can
    /// stand out from the background.
    var svg: String {
        let parts = Parts(taxonomy)
        let perLevel = perLevel
        return svg(parts, perLevel, total: total, summary: summary(parts, perLevel, total: total))
    }

    private func svg(_ parts: Parts, _ perLevel: [Int], total: Int, summary: String) -> String {
        guard total > 0 else { return "" }
        // The edges are rounded, not the widths: each bar starts exactly where the one
        // before ends and the widths add up to 100 (three thirds of 33.33 would leave a gap).
        func edge(_ claims: Int) -> Int { Int((Double(claims) * 10_000 / Double(total)).rounded()) }
        var before = 0
        // In bytes: appending some forty pieces to a String cost 26,000 instructions a bar.
        // Under glibc's 1,008-byte small-request limit: a larger first request made malloc
        // consolidate its free lists, 13,000 instructions for every bar.
        var out: [UInt8] = []
        out.reserveCapacity(960)
        out += "<svg class=\"profile-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"".utf8
        HTMLEscape.append(summary, to: &out)
        out += "\">".utf8
        for (level, n) in zip(parts.levels, perLevel) where n > 0 {
            let (start, end) = (edge(before), edge(before + n))
            out += "<rect x=\"".utf8
            Self.append(hundredths: start, to: &out)
            out += "\" y=\"0\" width=\"".utf8
            Self.append(hundredths: end - start, to: &out)
            out += level.rectTail
            Self.append(decimal: n, to: &out)
            out += "</title></rect>".utf8
            before += n
        }
        out += "</svg>".utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// `format(hundredths:)`, appended as bytes.
    static func append(hundredths: Int, to out: inout [UInt8]) {
        guard hundredths >= 0 else { return out += format(hundredths: hundredths).utf8 }
        append(decimal: hundredths / 100, to: &out)
        let fraction = hundredths % 100
        guard fraction != 0 else { return }
        out.append(UInt8(ascii: "."))
        if fraction < 10 { out.append(UInt8(ascii: "0")) }
        append(decimal: fraction, to: &out)
    }

    /// `String(n)`, appended as bytes.
    static func append(decimal n: Int, to out: inout [UInt8]) {
        guard n >= 0 else { return out += String(n).utf8 }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// "12 claims: 3 Established, 5 Preliminary study, 4 Anecdotal".
    var summary: String { summary(Parts(taxonomy), perLevel, total: total) }

    private func summary(_ parts: Parts, _ perLevel: [Int], total: Int) -> String {
        var out = String(total)
        out += total == 1 ? " claim: " : " claims: "
        var first = true
        for (level, n) in zip(parts.levels, perLevel) where n > 0 {
            if !first { out += ", " }
            first = false
            out += String(n)
            out += " "
            out += level.label
        }
        return out
    }

    /// The profile in one sentence, for a reader who does not read bars: how many claims,
    /// and how many sit at each end of the scale. "Of 25 claims, 4 are rated Established
    /// (strongest) and 8 No good evidence (weakest)."
    var sentence: String { sentence(perLevel, total: total) }

    private func sentence(_ perLevel: [Int], total: Int) -> String {
        guard total > 0, let strongest = taxonomy.levels.first, let weakest = taxonomy.levels.last else { return "" }
        let present = perLevel.indices.filter { perLevel[$0] > 0 }
        if present.count == 1, let only = present.first {
            let label = taxonomy.levels[only].label
            return total == 1 ? "The one claim is rated " + label + "." : "All " + String(total) + " claims are rated " + label + "."
        }
        let strong = perLevel[0]
        let weak = perLevel[perLevel.count - 1]
        let strongPart = strong == 0 ? "none is rated " + strongest.label + " (strongest)" : String(strong) + (strong == 1 ? " is" : " are") + " rated " + strongest.label + " (strongest)"
        guard taxonomy.levels.count > 1 else { return "Of " + String(total) + " claims, " + strongPart + "." }
        let weakPart = weak == 0 ? "none " + weakest.label + " (weakest)" : String(weak) + " " + weakest.label + " (weakest)"
        return "Of " + String(total) + " claims, " + strongPart + " and " + weakPart + "."
    }

    func context(caption: String) -> TemplateValue { context(caption: caption, parts: Parts(taxonomy)) }

    /// The profile's context with `parts` made once for the build's taxonomy.
    func context(caption: String, parts: Parts) -> TemplateValue {
        let perLevel = perLevel
        // Over `counts`, as the bar's widths are: a level a rule let through that the
        // taxonomy does not list still counts.
        let total = total
        let key = ContextKey(perLevel: perLevel, total: total, caption: caption)
        if let known = parts.made.withLock({ $0[key] }) { return known }
        let context = makeContext(caption: caption, parts: parts, perLevel: perLevel, total: total)
        parts.made.withLock { $0[key] = context }
        return context
    }

    /// Everything a profile's context is made of.
    fileprivate struct ContextKey: Hashable, Sendable {
        let perLevel: [Int]
        let total: Int
        let caption: String
    }

    private func makeContext(caption: String, parts: Parts, perLevel: [Int], total: Int) -> TemplateValue {
        var items: [TemplateValue] = []
        items.reserveCapacity(parts.levels.count)
        for (level, n) in zip(parts.levels, perLevel) {
            items.append(n == 0 ? level.zeroItem : ["id": ^level.id, "label": ^level.label, "count": ^n, "has": true, "marks": ^level.marks])
        }
        let summary = summary(parts, perLevel, total: total)
        return ["svg": ^svg(parts, perLevel, total: total, summary: summary), "total": ^total, "has_claims": ^(total > 0), "items": ^items,
                "summary": ^summary, "sentence": ^sentence(perLevel, total: total), "caption": ^caption]
    }

    /// "1 claim", "3 claims".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Fixed two decimals: the same bytes on every machine and every run.
    static func format(hundredths: Int) -> String {
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return fraction == 0 ? String(whole) : String(whole) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }
}
