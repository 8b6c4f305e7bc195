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
        for (page, r) in zip(pages, rendered) {
            add(page.title(orSite: config))
            add(page.frontMatter.summary ?? "")
            for h in r.headings where h.level <= 3 { add(h.text) }
            for c in r.claims { add(c.claim.text) }
        }
        let (words, counts, numbered) = (numbering.words, numbering.counts, numbering.numbered)
        // Most frequent first; equally frequent words in order.
        let vocabulary = words.indices.sorted { (counts[$0], words[$1]) > (counts[$1], words[$0]) }
        var code = [[UInt8]](repeating: [], count: words.count)
        for (n, id) in vocabulary.enumerated() { code[id] = Array(String(n, radix: 36).utf8) }

        // Written as it goes: the same bytes as the compact JSON of
        // {"levels": [[id, label]…], "words": […], "pages": [[path, title, summary,
        // [[heading, anchor]…], [[claim, anchor, level]…]]…]}.
        var out: [UInt8] = []
        out.reserveCapacity(numbered.count * 3 + words.count * 8 + pages.count * 64)
        var next = 0
        func writeText() {
            out.append(UInt8(ascii: "\""))
            var first = true
            while numbered[next] >= 0 {
                if !first { out.append(UInt8(ascii: " ")) }
                out += code[Int(numbered[next])]
                first = false
                next += 1
            }
            next += 1
            out.append(UInt8(ascii: "\""))
        }
        func writeList<T>(_ items: some Sequence<T>, _ write: (T) -> Void) {
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                write(item)
            }
            out.append(UInt8(ascii: "]"))
        }
        out += Array("window.ASSAY_SEARCH={\"levels\":".utf8)
        JSONValue.array(config.taxonomy.levels.map { .array([.string($0.id), .string($0.label)]) }).write(to: &out)
        out += Array(",\"words\":".utf8)
        writeList(vocabulary) { JSONValue.quote(String(words[$0]), into: &out) }
        out += Array(",\"pages\":".utf8)
        writeList(pages.indices) { i in
            let r = rendered[i]
            out.append(UInt8(ascii: "["))
            JSONValue.quote(pages[i].outputPath, into: &out)
            out.append(UInt8(ascii: ","))
            writeText()
            out.append(UInt8(ascii: ","))
            writeText()
            out.append(UInt8(ascii: ","))
            writeList(r.headings.lazy.filter { $0.level <= 3 }) { h in
                out.append(UInt8(ascii: "["))
                writeText()
                out.append(UInt8(ascii: ","))
                JSONValue.quote(h.anchor, into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: ","))
            writeList(r.claims) { c in
                out.append(UInt8(ascii: "["))
                writeText()
                out.append(UInt8(ascii: ","))
                JSONValue.quote(c.anchor, into: &out)
                out += levelEnds.first { $0.id == c.claim.level }?.end ?? unknownLevelEnd
            }
            out.append(UInt8(ascii: "]"))
        }
        out += Array("};\n".utf8)
        return out
    }
}
