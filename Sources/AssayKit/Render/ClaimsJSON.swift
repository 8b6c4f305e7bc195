import AssaySupport

/// `claims.json`, documented in the README: one object per claim, in reading order.
///
/// Its own type, on the pages' metadata and the guide's totals alone, so the generator
/// can make it before the listings of every claim (`GuidePages`) exist.
struct ClaimsJSON {
    let config: SiteConfig
    /// The guide's totals, for the levels' counts.
    let guide: EvidenceProfile
    let model: SiteGenerator.Model

    func bytes() -> [UInt8] {
        bytes(flushingAt: .max) { _ in }
    }

    /// The file in pieces: `flush` is handed the output whenever it reaches `flushingAt`
    /// bytes (between two claims) and must empty it; the last piece is returned.
    func bytes(flushingAt: Int, flush: (inout [UInt8]) -> Void) -> [UInt8] {
        let levels: [JSONValue] = config.taxonomy.levels.map { level in
            .object([("id", .string(level.id)), ("label", .string(level.label)), ("rank", .number(level.rank)),
                     ("definition", .string(level.definition)), ("count", .number(guide.counts[level.id] ?? 0))])
        }
        let claimCount = model.rendered.reduce(0) { $0 + $1.claims.count }
        // One claim per line: readable, diffable, and a third smaller than fully indented.
        // Each claim is written as it is made, so the whole list is never held twice.
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024 + min(claimCount * 1024, flushingAt))  // see Template.render
        out.append("{\n  \"title\": ")
        JSONValue.string(config.title).write(to: &out)
        out.append(",\n  \"levels\": ")
        JSONValue.array(levels).write(to: &out)
        out.append(",\n  \"claims\": [")
        // The compact JSON of each claim's object, written field by field: what a page's
        // claims repeat (its path, title, review date) is coded once per page, and the
        // url and source fields are the page's coded path with the rest appended (JSON
        // escapes each character on its own, so the parts code as the whole would).
        // The fixed parts are appended from static text: an array made of each for every
        // claim was a sixth of the file's cost.
        var anchor: [UInt8] = []
        var first = true
        for i in model.rendered.indices where !model.rendered[i].claims.isEmpty {
            let page = ClaimsJSONPage(model.pages[i], config: config)
            // By index: each field is read where it lies, no claim copied out whole.
            let claims = model.rendered[i].claims
            for k in claims.indices {
                anchor.removeAll(keepingCapacity: true)
                JSONValue.quote(claims[k].anchor, into: &anchor)
                out.append(first ? "\n    {\"text\":" : ",\n    {\"text\":")
                first = false
                JSONValue.quote(claims[k].claim.text, into: &out)
                out.append(",\"level\":")
                JSONValue.quote(claims[k].claim.level, into: &out)
                out.append(",\"page\":")
                out += page.path
                out.append(",\"page_title\":")
                out += page.title
                out.append(",\"anchor\":")
                out += anchor
                out.append(",\"url\":")
                out += page.openPath
                out.append(UInt8(ascii: "#"))
                out += anchor.dropFirst()
                out.append(",\"cite_keys\":[")
                for (j, key) in claims[k].claim.citeKeys.enumerated() {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    JSONValue.quote(key, into: &out)
                }
                out.append("],\"reviewed\":")
                out += page.reviewed
                out.append(",\"source\":")
                out += page.openSource
                out.append(UInt8(ascii: ":"))
                EvidenceProfile.append(decimal: claims[k].line, to: &out)
                out.append(UInt8(ascii: ":"))
                EvidenceProfile.append(decimal: claims[k].column, to: &out)
                out.append(UInt8(ascii: "\""))
                if let openAbsolute = page.openAbsolute {
                    out.append(",\"absolute_url\":")
                    out += openAbsolute
                    out.append(UInt8(ascii: "#"))
                    out += anchor.dropFirst()
                }
                out.append(UInt8(ascii: "}"))
                if out.count >= flushingAt { flush(&out) }
            }
        }
        out.append(claimCount == 0 ? "]\n}\n" : "\n  ]\n}\n")
        return out
    }
}

/// The fields of `claims.json` that every claim on one page repeats, coded once. The
/// `open` parts are coded strings without their closing quote, for what follows.
private struct ClaimsJSONPage {
    let path: [UInt8]
    let title: [UInt8]
    let reviewed: [UInt8]
    let openPath: [UInt8]
    let openSource: [UInt8]
    let openAbsolute: [UInt8]?

    init(_ page: Page, config: SiteConfig) {
        func coded(_ s: String) -> [UInt8] { JSONValue.string(s).bytes() }
        path = coded(page.outputPath)
        title = coded(page.title(orSite: config))
        reviewed = page.frontMatter.reviewed.map { coded($0.description) } ?? Array("null".utf8)
        openPath = path.dropLast()
        openSource = coded(page.sourcePath).dropLast()
        openAbsolute = config.baseURL.map { coded($0 + RelativeURL.encode(page.outputPath)).dropLast() }
    }
}
