import AssaySupport

/// `search-index.js`: a script, not a JSON file, so search works from `file://` where
/// `fetch` is refused. Kept small: titles, summaries, headings and claim texts, no page
/// bodies; and every text is coded against one shared word list (most frequent words
/// first, as base-36 numbers), which halves the size of prose and more on repetitive
/// guides.
///
/// Its own type, on the pages' metadata alone, so the generator makes it beside the
/// listings of every claim (`GuidePages`) rather than after them.
struct SearchIndex {
    let pages: [Page]
    let rendered: [RenderedPage]
    let config: SiteConfig

    /// The whole file, written as it goes.
    func bytes() -> [UInt8] {
        // Each level's `,N]` that ends a claim's entry, found by comparing the claim's
        // level with the few ids in turn: a dictionary hashed the id of every claim and an
        // interpolated string was made for each. A level the taxonomy lacks is 0.
        let levelEnds: [(id: String, end: [UInt8])] = config.taxonomy.levels.enumerated().map { n, level in
            (level.id, Array(",\(n)]".utf8))
        }
        let unknownLevelEnd = Array(",0]".utf8)
        // Each text is split once: its words are numbered in order of first appearance
        // (the first spelling is kept, as a dictionary keeps its first key) and the
        // numbers kept, text after text, for writing once the word list's order is known.
        var numbering = SearchWordNumbering()
        func add(_ text: String) { numbering.add(text) }
        // By index: each field read where it lies (pairs of a page and its metadata were
        // copied whole, twice over).
        for i in pages.indices {
            add(pages[i].title(orSite: config))
            add(pages[i].frontMatter.summary ?? "")
            for h in rendered[i].headings where h.level <= 3 { add(h.text) }
            for k in rendered[i].claims.indices { add(rendered[i].claims[k].claim.text) }
        }
        let (words, counts, numbered) = (numbering.words, numbering.counts, numbering.numbered)
        // Most frequent first; equally frequent words in order.
        let vocabulary = words.indices.sorted { (counts[$0], words[$1]) > (counts[$1], words[$0]) }
        var texts = CodedTexts(numbered: numbered, vocabulary: vocabulary)

        // Written as it goes: the same bytes as the compact JSON of
        // {"levels": [[id, label]…], "words": […], "pages": [[path, title, summary,
        // [[heading, anchor]…], [[claim, anchor, level]…]]…]}. In plain loops: nested
        // functions that appended to `out` and moved `next` had every access to both
        // checked for exclusivity at run time, for each of some three million words.
        var out: [UInt8] = []
        out.reserveCapacity(numbered.count * 3 + words.count * 8 + pages.count * 64)
        out.append("window.ASSAY_SEARCH={\"levels\":")
        JSONValue.array(config.taxonomy.levels.map { .array([.string($0.id), .string($0.label)]) }).write(to: &out)
        out.append(",\"words\":[")
        for (n, id) in vocabulary.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.quote(String(words[id]), into: &out)
        }
        out.append("],\"pages\":[")
        for i in pages.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let r = (headings: rendered[i].headings, claims: rendered[i].claims)
            out.append(UInt8(ascii: "["))
            JSONValue.quote(pages[i].outputPath, into: &out)
            out.append(UInt8(ascii: ","))
            texts.write(to: &out)
            out.append(UInt8(ascii: ","))
            texts.write(to: &out)
            out.append(",[")
            var firstHeading = true
            for h in r.headings where h.level <= 3 {
                if !firstHeading { out.append(UInt8(ascii: ",")) }
                firstHeading = false
                out.append(UInt8(ascii: "["))
                texts.write(to: &out)
                out.append(UInt8(ascii: ","))
                JSONValue.quote(h.anchor, into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append("],[")
            for n in r.claims.indices {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                texts.write(to: &out)
                out.append(UInt8(ascii: ","))
                JSONValue.quote(r.claims[n].anchor, into: &out)
                let level = r.claims[n].claim.level
                out += levelEnds.first { $0.id == level }?.end ?? unknownLevelEnd
            }
            out.append("]]")
        }
        out.append(UInt8(ascii: "]"))
        out.append("};\n")
        return out
    }
}

/// The texts as the index writes them, one after the other: each word's code (its rank
/// in the word list, base 36) joined by spaces, in quotes. The codes are kept in one
/// buffer rather than an array each.
private struct CodedTexts {
    let numbered: [Int32]
    private var codes: [UInt8] = []
    /// Where word id's code starts in `codes`; it ends where the next rank's starts.
    private var start: [Int32]
    private var length: [UInt8]
    private var next = 0

    init(numbered: [Int32], vocabulary: [Int]) {
        self.numbered = numbered
        start = [Int32](repeating: 0, count: vocabulary.count)
        length = [UInt8](repeating: 0, count: vocabulary.count)
        for (rank, id) in vocabulary.enumerated() {
            let code = String(rank, radix: 36).utf8
            start[id] = Int32(codes.count)
            length[id] = UInt8(code.count)
            codes += code
        }
    }

    /// Writes the next text.
    mutating func write(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var first = true
        codes.withUnsafeBufferPointer { codes in
            while numbered[next] >= 0 {
                if !first { out.append(UInt8(ascii: " ")) }
                let id = Int(numbered[next])
                let from = Int(start[id])
                out.append(contentsOf: UnsafeBufferPointer(rebasing: codes[from..<from + Int(length[id])]))
                first = false
                next += 1
            }
        }
        next += 1
        out.append(UInt8(ascii: "\""))
    }
}
