import AssaySupport
import AssayMarkdown
import Foundation
import Testing

@testable import AssayKit

/// The byte-level fast paths (bulk copies between escapes, hashing contiguous bytes) must
/// give exactly what the plain byte-by-byte code they replaced gave: the output of a build
/// is byte-identical before and after. The references below are that code, kept here.
@Suite("Fast paths give the bytes the plain code gave")
struct FastPathParityTests {
    /// The JSON string writer as it was: one byte at a time, lookahead through a queue.
    static func referenceQuote(_ s: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let hex = Array("0123456789abcdef".utf8)
        var utf8 = s.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = pending.isEmpty ? utf8.next() : pending.removeFirst() {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case UInt8(ascii: "\n"): out += [0x5C, 0x6E]
            case UInt8(ascii: "\r"): out += [0x5C, 0x72]
            case UInt8(ascii: "\t"): out += [0x5C, 0x74]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            case 0xE2:
                let b1 = utf8.next(), b2 = utf8.next()
                if b1 == 0x80, let b2, b2 == 0xA8 || b2 == 0xA9 {
                    out += Array("\\u202".utf8) + [b2 == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                } else {
                    out.append(byte)
                    if let b1 { pending.append(b1) }
                    if let b2 { pending.append(b2) }
                }
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// Every control character, every character JSON or `<script>` cares about, U+2028/9
    /// and their near neighbours (E2 80 A7, E2 80 AA, E2 82 AC), at the start, middle
    /// and end, and long plain runs between them.
    static let strings: [String] = {
        var all = ["", "plain", String(repeating: "word ", count: 400), "\u{2028}", "x\u{2029}", "\u{2027}\u{202A}€",
            "é\u{2028}€\u{2029}‧", "<a href=\"x\">&amp;</a>", "\\\\\"\"", "👩‍⚕️ said \"no\"\n", "end with E2 80: ‧"]
        for c in 0..<0x20 { all.append("a\(Character(Unicode.Scalar(UInt8(c))))b") }
        all.append(String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }))
        return all
    }()

    @Test(arguments: strings)
    func jsonQuote(_ s: String) {
        var out: [UInt8] = [0x5B]  // appends to what is there
        JSONValue.quote(s, into: &out)
        #expect(out == [0x5B] + Self.referenceQuote(s))
    }

    /// FNV-1a as it was: byte by byte, whatever the sequence.
    /// Eight bytes are tested at a time: every character that needs escaping (and E2
    /// starting other characters) at every place of strings of every length across two
    /// words, among bytes one off each of them, and with a zero byte beside it.
    @Test func jsonQuoteAtEveryPlaceOfAWord() {
        let specials: [[UInt8]] = [[0x22], [0x5C], [0x3C], [0x3E], [0x26], [0x1F], [0x00], [0x0A], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9],
            [0xE2, 0x80, 0x94], [0xE2, 0x82, 0xAC]]
        let neighbours: [UInt8] = [0x20, 0x21, 0x23, 0x25, 0x27, 0x3B, 0x3D, 0x5B, 0x5D, 0x7F, 0x61]
        for length in 0...24 {
            for filler in neighbours {
                for place in 0...length {
                    for special in specials {
                        var bytes = [UInt8](repeating: filler, count: length)
                        bytes.insert(contentsOf: special, at: place)
                        if place + special.count < bytes.count { bytes[place + special.count] = 0 }
                        let s = String(decoding: bytes, as: UTF8.self)
                        var out: [UInt8] = []
                        JSONValue.quote(s, into: &out)
                        #expect(out == Self.referenceQuote(s), "length \(length), filler \(filler), \(special) at \(place)")
                    }
                }
            }
        }
    }

    static func referenceFNV(_ parts: [[UInt8]]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part + [0xff] {
                value ^= UInt64(byte)
                value &*= 0x100_0000_01b3
            }
        }
        return value
    }

    @Test(arguments: strings)
    func fingerprintOfEveryKindOfSequence(_ s: String) {
        let bytes = Array(s.utf8)
        let expected = Self.referenceFNV([bytes, Array("tail".utf8)])
        var fromString = Fingerprint(), fromData = Fingerprint(), fromArray = Fingerprint(), fromLazy = Fingerprint()
        fromString.add(s)
        fromData.add(Data(bytes))
        fromArray.add(bytes)
        fromLazy.add(bytes.lazy.map { $0 })  // not contiguous: the byte-by-byte path
        fromString.add("tail")
        fromData.add("tail")
        fromArray.add("tail")
        fromLazy.add("tail")
        #expect(fromString.value == expected)
        #expect(fromData.value == expected)
        #expect(fromArray.value == expected)
        #expect(fromLazy.value == expected)
    }

    /// A known FNV-1a value: "a" is 0xaf63dc4c8601ec8c before the separator.
    @Test func fingerprintKnownValue() {
        var f = Fingerprint()
        f.add("a")
        let beforeSeparator: UInt64 = 0xaf63_dc4c_8601_ec8c
        #expect(f.value == (beforeSeparator ^ 0xff) &* 0x100_0000_01b3)
    }
}

/// A claim's markup, per level made once per build, is what the per-claim interpolation
/// made; the derived anchor is `claim-` and the first 8 hex digits of the fingerprint.
@Suite("Claim markup made once per level")
struct ClaimMarkupPartsTests {
    static let level = EvidenceLevel(
        id: "pre<l>im", label: "Pre & \"liminary\"", rank: 3, definition: "Lab <or> 'animal' studies", color: "#123",
        requiresCitation: true)

    @Test(arguments: ["", "../", "../../"])
    func sameAsInterpolated(root: String) {
        let id = HTMLEscape.attribute(Self.level.id)
        let badge = "<a class=\"badge level-\(id)\" href=\"\(root)\(SiteFiles.methodologyPage)#level-\(id)\">"
            + "<span class=\"badge-label\">\(HTMLEscape.text(Self.level.label))</span>"
            + "<span class=\"badge-tip\" role=\"tooltip\">\(HTMLEscape.text(Self.level.definition))</span></a>"
        let anchor = "claim-\"x\"&<y>"
        let open = "<span class=\"claim level-\(id)\" id=\"\(HTMLEscape.attribute(anchor))\" data-level=\"\(id)\">"
        let (madeOpen, madeClose) = ClaimMarkup.Parts(Self.level).html(anchor: anchor, root: root)
        #expect(madeOpen == open)
        #expect(madeClose == " " + badge + "</span>")
        #expect(ClaimMarkup.badge(level: Self.level, root: root) == badge)
        #expect(!madeOpen.contains("<l>") && !madeClose.contains("\"liminary\""))
        // The C string a page hands to cmark, made in a buffer used before.
        var buffer = Array("left over from the last claim".utf8)
        ClaimMarkup.Parts(Self.level).openCString(anchor: anchor, into: &buffer)
        #expect(buffer == Array(open.utf8) + [0])
    }

    @Test(arguments: ["Relief is reported", "", "é 👩‍⚕️", String(repeating: "long ", count: 500)])
    func anchorBase(text: String) {
        #expect(ClaimMarkup.anchorBase(for: text) == "claim-" + String(Fingerprint.of(text).hex.prefix(8)))
    }
}

/// A DOI's link is percent-encoded on bytes; the result must be what asking each byte's
/// Character whether it is a letter or digit gave.
@Suite("DOI links encoded on bytes")
struct DOIEncodingTests {
    static func reference(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~!$&'()*+,;=:@/".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    @Test(arguments: [
        "10.1021/jacs.6b00360", "10.1002/(SICI)1097-4636<199907>3.0.CO;2-#", "10.1000/a b%c?d#e\"f",
        "10.1000/é€😀", String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }), "",
    ])
    func sameAsCharacterByCharacter(_ doi: String) {
        #expect(Reference.percentEncodedPath(doi) == Self.reference(doi))
    }

    /// The search index as it was: every text split twice (to count, then to code) and
    /// the whole index built as a `JSONValue` tree before writing.
    static func referenceSearchIndex(_ model: SiteGenerator.Model, config: SiteConfig) -> [UInt8] {
        let levelIndex = Dictionary(uniqueKeysWithValues: config.taxonomy.levels.enumerated().map { ($1.id, $0) })
        func words(_ text: String) -> [Substring] { SearchWords.split(text) }
        var frequency: [Substring: Int] = [:]
        func count(_ text: String) { for w in words(text) { frequency[w, default: 0] += 1 } }
        for (page, r) in zip(model.pages, model.rendered) {
            count(page.title(orSite: config))
            count(page.frontMatter.summary ?? "")
            for h in r.headings where h.level <= 3 { count(h.text) }
            for c in r.claims { count(c.claim.text) }
        }
        let vocabulary = frequency.keys.sorted { (frequency[$0]!, $1) > (frequency[$1]!, $0) }
        var code: [Substring: String] = [:]
        for (n, word) in vocabulary.enumerated() { code[word] = String(n, radix: 36) }
        func coded(_ text: String) -> JSONValue { .string(words(text).map { code[$0]! }.joined(separator: " ")) }
        let pages: [JSONValue] = model.pages.enumerated().map { i, page in
            let r = model.rendered[i]
            return .array([
                .string(page.outputPath), coded(page.title(orSite: config)), coded(page.frontMatter.summary ?? ""),
                .array(r.headings.filter { $0.level <= 3 }.map { .array([coded($0.text), .string($0.anchor)]) }),
                .array(r.claims.map { .array([coded($0.claim.text), .string($0.anchor), .number(levelIndex[$0.claim.level] ?? 0)]) }),
            ])
        }
        let levels: [JSONValue] = config.taxonomy.levels.map { .array([.string($0.id), .string($0.label)]) }
        let index = JSONValue.object([
            ("levels", .array(levels)), ("words", .array(vocabulary.map { .string(String($0)) })), ("pages", .array(pages)),
        ])
        return Array("window.ASSAY_SEARCH=".utf8) + index.bytes() + Array(";\n".utf8)
    }

    /// Words that are equal only as Unicode sees them (é composed and decomposed), ties
    /// in frequency, words that need JSON escapes, a page with no headings or claims, an
    /// empty summary, headings below level 3 (left out), and the golden site besides.
    @Test func searchIndexWrittenAsItGoesEqualsTheTree() throws {
        var files = BuildFixture.minimalFiles
        files["content/_index.md"] = "---\ntitle: Home\nsummary: \"\"\n---\nNo headings, no claims.\n"
        files["content/one.md"] = """
            ---
            title: "Caf\u{E9} \\"quoted\\" <b>"
            summary: "cafe\u{301} tabs\\there  and   spaces"
            reviewed: 2026-01-15
            ---
            ## Caf\u{E9} and cafe\u{301}

            #### Too deep to be indexed

            [Zebra apple zebra 👩‍⚕️ caf\u{E9} [@kruegel2016]]{.established}

            [apple banana]{.anecdotal #claim-two}

            ### banana zebra

            """
        let site = try BuildFixture(files)
        for built in [site, try GoldenSiteTests.site()] {
            let project = try Project.load(root: built.root)
            let model = SiteGenerator(project: project).renderMarkdown()
            let index = SearchIndex(pages: model.pages, rendered: model.rendered, config: project.config).bytes()
            #expect(String(decoding: index, as: UTF8.self) == String(decoding: Self.referenceSearchIndex(model, config: project.config), as: UTF8.self))
        }
    }

    /// claims.json as it was: an array of (key, value) pairs per claim, written as a tree.
    static func referenceClaimsJSON(_ model: SiteGenerator.Model, config: SiteConfig, guide: EvidenceProfile) -> [UInt8] {
        let levels: [JSONValue] = config.taxonomy.levels.map { level in
            .object([("id", .string(level.id)), ("label", .string(level.label)), ("rank", .number(level.rank)),
                     ("definition", .string(level.definition)), ("count", .number(guide.counts[level.id] ?? 0))])
        }
        let all = model.rendered.enumerated().flatMap { i, r in r.claims.map { ($0, i) } }
        var out = Array("{\n  \"title\": ".utf8)
        JSONValue.string(config.title).write(to: &out)
        out += Array(",\n  \"levels\": ".utf8)
        JSONValue.array(levels).write(to: &out)
        out += Array(",\n  \"claims\": [".utf8)
        for (n, (claim, i)) in all.enumerated() {
            let p = model.pages[i]
            var fields: [(String, JSONValue)] = [
                ("text", .string(claim.claim.text)), ("level", .string(claim.claim.level)), ("page", .string(p.outputPath)),
                ("page_title", .string(p.title(orSite: config))), ("anchor", .string(claim.anchor)),
                ("url", .string(p.outputPath + "#" + claim.anchor)), ("cite_keys", .array(claim.claim.citeKeys.map { .string($0) })),
                ("reviewed", p.frontMatter.reviewed.map { .string($0.description) } ?? .null),
                ("source", .string("\(p.sourcePath):\(claim.line):\(claim.column)")),
            ]
            if let base = config.baseURL { fields.append(("absolute_url", .string(base + RelativeURL.encode(p.outputPath) + "#" + claim.anchor))) }
            out += Array((n == 0 ? "\n    " : ",\n    ").utf8)
            JSONValue.object(fields).write(to: &out)
        }
        out += Array((all.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
        return out
    }

    /// With and without base_url, with quotes and non-ASCII in titles, claims without
    /// sources and pages without a review date.
    @Test func claimsJSONWrittenFieldByFieldEqualsTheTree() throws {
        var files = BuildFixture.minimalFiles
        files["content/odd \"name\".md"] = """
            ---
            title: "Caf\u{E9} \\"quoted\\" <b> \u{2028}"
            ---
            [A claim with no source, in a page with no review date]{.anecdotal #odd}

            [Another, cited [@kruegel2016; @prozialeck2012]]{.preliminary}

            """
        for built in [try BuildFixture(files), try GoldenSiteTests.site()] {
            let project = try Project.load(root: built.root)
            let model = SiteGenerator(project: project).renderMarkdown()
            let profile = EvidenceProfile(taxonomy: project.config.taxonomy, claims: model.allClaims)
            let json = ClaimsJSON(config: project.config, guide: profile, model: model).bytes()
            #expect(String(decoding: json, as: UTF8.self) == String(decoding: Self.referenceClaimsJSON(model, config: project.config, guide: profile), as: UTF8.self))
        }
    }

    /// A page's JSON-LD as it was: a tree of `JSONValue`s, written compactly.
    static func referenceJSONLD(page: Page, works: [PageContexts.CitedWork?], title: String, config: SiteConfig) -> String {
        var fields: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("MedicalWebPage")),
            ("name", .string(title)), ("inLanguage", .string(config.language)),
        ]
        if let summary = page.frontMatter.summary { fields.append(("description", .string(summary))) }
        if let base = config.baseURL { fields.append(("url", .string(base + RelativeURL.encode(page.outputPath)))) }
        if let reviewed = page.frontMatter.reviewed { fields.append(("lastReviewed", .string(reviewed.description))) }
        let citations: [JSONValue] = works.compactMap { $0.map { .raw($0.jsonLD) } }
        if !citations.isEmpty { fields.append(("citation", .array(citations))) }
        return JSONValue.object(fields).serialized()
    }

    /// With and without base_url, summary, review date and citations; quotes, `<` and
    /// U+2028 in the title and summary; works the bibliography lacks (nil) among them.
    @Test func jsonLDWrittenFieldByFieldEqualsTheTree() throws {
        var files = BuildFixture.minimalFiles
        files["content/odd.md"] = """
            ---
            title: "Caf\u{E9} \\"quoted\\" <b> \u{2028}"
            summary: "a </script> & more"
            reviewed: 2026-02-01
            ---
            [Cited twice [@kruegel2016; @prozialeck2012]]{.preliminary}

            """
        for built in [try BuildFixture(files), try GoldenSiteTests.site()] {
            let project = try Project.load(root: built.root)
            let model = SiteGenerator(project: project).renderMarkdown()
            let contexts = PageContexts(site: SiteContext(project: project, guideProfile: nil), pages: model.pages)
            var cited = 0
            for (page, rendered) in zip(model.pages, model.rendered) {
                let works = contexts.citedWorks(of: rendered)
                cited += works.count
                let title = page.title(orSite: project.config)
                for given in [works, [nil] + works + [nil], []] {
                    #expect(contexts.jsonLD(page: page, works: given, title: title)
                        == Self.referenceJSONLD(page: page, works: given, title: title, config: project.config))
                }
            }
            #expect(cited > 0)
        }
    }
}
