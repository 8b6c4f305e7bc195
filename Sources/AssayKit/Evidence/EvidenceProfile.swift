import AssayMarkdown
import AssaySupport
import AssayTemplates

/// Claims per level for a page or the whole guide, drawn as an inline SVG bar with a
/// text equivalent beside it.
struct EvidenceProfile {
    let taxonomy: Taxonomy
    let counts: [String: Int]

    init(taxonomy: Taxonomy, claims: some Sequence<PublishedClaim>) {
        self.taxonomy = taxonomy
        var counts: [String: Int] = [:]
        for claim in claims { counts[claim.claim.level, default: 0] += 1 }
        self.counts = counts
    }

    var total: Int { counts.values.reduce(0, +) }

    /// The bar: one rectangle per level, strongest first, widths in percent of the total.
    /// `role="img"` and the label make it one readable object for screen readers. The
    /// theme strokes each part in the background colour, so no two levels touch: four
    /// colours cannot each differ from their neighbours by 3:1 and from the background
    /// by 3:1 (that would take 3 × 3 × 3 = 27:1 of the 21:1 there is), but each can
    /// stand out from the background.
    var svg: String {
        guard total > 0 else { return "" }
        // The edges are rounded, not the widths: each bar starts exactly where the one
        // before ends and the widths add up to 100 (three thirds of 33.33 would leave a gap).
        func edge(_ claims: Int) -> Int { Int((Double(claims) * 10_000 / Double(total)).rounded()) }
        var before = 0
        var rects = ""
        for level in taxonomy.levels {
            let n = counts[level.id] ?? 0
            guard n > 0 else { continue }
            let (start, end) = (edge(before), edge(before + n))
            rects += "<rect x=\"\(Self.format(hundredths: start))\" y=\"0\" width=\"\(Self.format(hundredths: end - start))\" height=\"10\" fill=\"\(HTMLEscape.attribute(level.color))\" class=\"level-\(HTMLEscape.attribute(level.id))\" data-level=\"\(HTMLEscape.attribute(level.id))\" vector-effect=\"non-scaling-stroke\"><title>\(HTMLEscape.text(level.label)): \(n)</title></rect>"
            before += n
        }
        return "<svg class=\"profile-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(HTMLEscape.attribute(summary))\">\(rects)</svg>"
    }

    /// "12 claims: 3 Established, 5 Preliminary study, 4 Anecdotal".
    var summary: String {
        let parts = taxonomy.levels.compactMap { level -> String? in
            guard let n = counts[level.id], n > 0 else { return nil }
            return "\(n) \(level.label)"
        }
        return "\(total) claim\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// The profile in one sentence, for a reader who does not read bars: how many claims,
    /// and how many sit at each end of the scale. "Of 25 claims, 4 are rated Established
    /// (strongest) and 8 No good evidence (weakest)."
    var sentence: String {
        guard total > 0, let strongest = taxonomy.levels.first, let weakest = taxonomy.levels.last else { return "" }
        let present = taxonomy.levels.filter { (counts[$0.id] ?? 0) > 0 }
        if present.count == 1, let only = present.first {
            return total == 1 ? "The one claim is rated \(only.label)." : "All \(total) claims are rated \(only.label)."
        }
        let strong = counts[strongest.id] ?? 0
        let weak = counts[weakest.id] ?? 0
        let strongPart = strong == 0 ? "none is rated \(strongest.label) (strongest)" : "\(strong) \(strong == 1 ? "is" : "are") rated \(strongest.label) (strongest)"
        guard taxonomy.levels.count > 1 else { return "Of \(total) claims, \(strongPart)." }
        let weakPart = weak == 0 ? "none \(weakest.label) (weakest)" : "\(weak) \(weakest.label) (weakest)"
        return "Of \(total) claims, \(strongPart) and \(weakPart)."
    }

    func context(caption: String) -> TemplateValue {
        let items: [TemplateValue] = taxonomy.levels.map { level in
            let n = counts[level.id] ?? 0
            return ["id": ^level.id, "label": ^level.label, "count": ^n, "has": ^(n > 0), "marks": ^taxonomy.marks(for: level.id)]
        }
        return ["svg": ^svg, "total": ^total, "has_claims": ^(total > 0), "items": ^items, "summary": ^summary,
                "sentence": ^sentence, "caption": ^caption]
    }

    /// "1 claim", "3 claims".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Fixed two decimals: the same bytes on every machine and every run.
    static func format(hundredths: Int) -> String {
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
