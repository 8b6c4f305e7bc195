import AssaySupport
import AssayTemplates
import Testing

@testable import AssayKit

/// The page contexts are made faster (bytes instead of characters, shared objects instead
/// of new ones) but must hold exactly what the plain code made: the built site is
/// byte-identical before and after. The references below are that code, kept here.
@Suite("Context fast paths give what the plain code gave")
struct ContextFastPathTests {
    /// `SourcesAnchor.of` as it was: scalar by scalar, by Unicode properties.
    static func referenceAnchor(_ key: String) -> String {
        "src-" + String(key.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "-" })
    }

    @Test(arguments: ["kruegel2016", "Smith_2020-b", "a.b:c/d", "", "x y\r\nz", "ÄÖ-ü", "é2", "a\u{301}", "日本"])
    func sourceAnchors(key: String) {
        #expect(SourcesAnchor.of(key) == Self.referenceAnchor(key))
    }

    static func strings(_ value: TemplateValue) -> [String: String] {
        guard let fields = value.objectFields else { return [:] }
        return fields.compactMapValues { if case .string(let s) = $0 { s } else { nil } }
    }

    @Test func sharedBacklinksAreTheOnesMadeEachTime() {
        for anchor in ["cite-1", "cite-9", "cite-10", "cite-63", "cite-64", "cite-1000", "cite-0", "cite-07", "cite-", "cite-x", "other"] {
            for n in 0..<6 {
                let made = Self.strings(PageContexts.backlink(anchor, n))
                #expect(made == ["href": "#" + anchor, "label": PageContexts.backlinkLabel(n)], "\(anchor) \(n)")
            }
        }
    }

    @Test func numbersAppendedAsBytes() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, Int.max, -1, -250] {
            var out: [UInt8] = []
            EvidenceProfile.append(decimal: n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
        for hundredths in Array(0...1_050) + [10_000, 123_456, -5, -120] {
            var out: [UInt8] = []
            EvidenceProfile.append(hundredths: hundredths, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == EvidenceProfile.format(hundredths: hundredths))
        }
    }

    /// The bar and the summary as they were written, with string interpolation.
    static func referenceSVG(_ p: EvidenceProfile) -> String {
        let total = p.total
        guard total > 0 else { return "" }
        func edge(_ claims: Int) -> Int { Int((Double(claims) * 10_000 / Double(total)).rounded()) }
        var before = 0
        var rects = ""
        for level in p.taxonomy.levels {
            let n = p.counts[level.id] ?? 0
            guard n > 0 else { continue }
            let (start, end) = (edge(before), edge(before + n))
            rects += "<rect x=\"\(EvidenceProfile.format(hundredths: start))\" y=\"0\" width=\"\(EvidenceProfile.format(hundredths: end - start))\" height=\"10\" fill=\"\(HTMLEscape.attribute(level.color))\" class=\"level-\(HTMLEscape.attribute(level.id))\" data-level=\"\(HTMLEscape.attribute(level.id))\" vector-effect=\"non-scaling-stroke\"><title>\(HTMLEscape.text(level.label)): \(n)</title></rect>"
            before += n
        }
        return "<svg class=\"profile-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(HTMLEscape.attribute(referenceSummary(p)))\">\(rects)</svg>"
    }

    static func referenceSummary(_ p: EvidenceProfile) -> String {
        let parts = p.taxonomy.levels.compactMap { level -> String? in
            guard let n = p.counts[level.id], n > 0 else { return nil }
            return "\(n) \(level.label)"
        }
        return "\(p.total) claim\(p.total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    @Test(arguments: [
        [:], ["established": 1], ["anecdotal": 3], ["established": 1, "anecdotal": 2, "unsupported": 1],
        ["established": 3, "preliminary": 3, "anecdotal": 3], ["established": 7, "preliminary": 1, "anecdotal": 13, "unsupported": 2],
    ] as [[String: Int]])
    func profileTextAndBar(counts: [String: Int]) {
        let profile = EvidenceProfileTests.profile(counts)
        #expect(profile.svg == Self.referenceSVG(profile))
        #expect(profile.summary == Self.referenceSummary(profile))
        // The context made with the build's shared parts says the same as without them.
        let parts = EvidenceProfile.Parts(EvidenceProfileTests.taxonomy)
        let shared = Self.strings(profile.context(caption: "Evidence", parts: parts))
        #expect(shared["svg"] == Self.referenceSVG(profile))
        #expect(shared["summary"] == Self.referenceSummary(profile))
        #expect(shared["sentence"] == profile.sentence)
        #expect(shared == Self.strings(profile.context(caption: "Evidence")))
        guard let fields = profile.context(caption: "Evidence", parts: parts).objectFields, case .list(let items)? = fields["items"] else {
            Issue.record("no items")
            return
        }
        #expect(items.map { Self.strings($0)["id"] } == EvidenceProfileTests.taxonomy.levels.map { $0.id })
        for (item, level) in zip(items, EvidenceProfileTests.taxonomy.levels) {
            guard let f = item.objectFields, case .int(let n)? = f["count"], case .bool(let has)? = f["has"] else {
                Issue.record("item without count")
                continue
            }
            #expect(n == counts[level.id] ?? 0)
            #expect(has == (n > 0))
            #expect(Self.strings(item)["marks"] == EvidenceProfileTests.taxonomy.marks(for: level.id))
        }
    }
}
