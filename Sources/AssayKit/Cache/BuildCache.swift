import AssayMarkdown
import AssaySupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the last successful build knew, kept in `.assay-cache/` beside `content/`
/// (never in `public/`): for each page the file's size and modification time, its
/// front matter and rendered metadata (claims, headings, citations), and a key for
/// everything its output depended on. An unchanged page is then neither read, parsed,
/// re-rendered nor rewritten.
struct BuildCache {
    /// How many claims of a page have one level.
    struct LevelCount: Sendable, Equatable {
        var level: String
        var count: Int

        /// Adds `n` to `level`'s count in `counts`, levels in the order they first come:
        /// a taxonomy has a handful of levels, so a list is cheaper than a dictionary.
        static func add(_ n: Int, to level: String, in counts: inout [LevelCount]) {
            if let i = counts.firstIndex(where: { $0.level == level }) {
                counts[i].count += n
            } else {
                counts.append(LevelCount(level: level, count: n))
            }
        }
    }

    struct Entry: Sendable {
        var modified: Int
        var size: Int
        var page: Page
        /// The page's claims, headings, links and citations. Those of an entry read from
        /// the file are decoded when first asked for (`LateRendered`); nil only when their
        /// bytes could not be read, and the page is then rendered again.
        var rendered: RenderedPage? { made ?? late.flatMap { $0.store.rendered(at: $0.index) } }
        /// How many of the page's claims have each level, in the order the levels first
        /// appear: all that the keys of the home page and section indexes and a build's
        /// summary need of an unchanged page. Kept in the entry's head, so they are read
        /// without decoding the rest of its metadata; nil for an entry with none.
        var levelCounts: [LevelCount]? { made.map { Self.levelCounts(in: $0) } ?? storedCounts }
        fileprivate var storedCounts: [LevelCount]?
        /// Whether its metadata was asked for and did not decode (`LateRendered.failed`).
        var failedToDecode: Bool { late.map { $0.store.failed(at: $0.index) } ?? false }
        fileprivate var made: RenderedPage?
        fileprivate var late: (store: LateRendered, index: Int)?
        /// Digest of every input of the page's output file; see `SiteBuilder`.
        var outputKey: UInt64
        var outputSize: Int
        /// What the site-wide files read of this page (`OutputKeys.siteDigest`), kept so
        /// an unchanged page's claims and headings are not hashed again.
        var siteDigest: UInt64
        /// The entry's bytes in the cache file it was read from. Most entries of a
        /// rebuild are unchanged, and copying their bytes is cheaper than encoding them
        /// again (a tenth of a one-page rebuild of 1,000 pages). `SiteBuilder` carries
        /// them over only to an entry it knows to be identical.
        var encoded: ArraySlice<UInt8>? = nil
        /// `rendered` already coded (`renderedBytes`), by the first pass that rendered the
        /// page: written as they are instead of coding the metadata again.
        var renderedBytes: [UInt8]? = nil

        /// `rendered` is nil for an entry read from the file, until `LateRendered` has it.
        init(modified: Int, size: Int, page: Page, rendered: RenderedPage?, outputKey: UInt64, outputSize: Int, siteDigest: UInt64) {
            (self.modified, self.size, self.page, made) = (modified, size, page, rendered)
            (self.outputKey, self.outputSize, self.siteDigest) = (outputKey, outputSize, siteDigest)
        }
    }

    /// Invalidates the whole cache: Assay's own binary (any rebuild of it), the output
    /// folder, and the format.
    var stamp: String
    var globalKey: UInt64
    var siteKey: UInt64
    /// print.html's key (`OutputKeys.print`), decided apart from the other site-wide
    /// files: it changes with any page's prose, they do not.
    var printKey: UInt64 = 0
    /// Every file the build made, for removing stale ones without walking the folder.
    var outputs: [String]
    /// What `TemplateContextCheck` found in the theme this cache was made with (the global
    /// key includes the theme), so the check is not run again for the same templates.
    var templateProblems: [Diagnostic] = []
    var entries: [String: Entry]
    /// The bytes of the file this cache was read from: every entry's `encoded` is a slice
    /// of them, and an entry saved unchanged is written from here.
    var file: [UInt8] = []

    static let folder = ".assay-cache"
    static let magic = "assay-cache-7"

    /// One cache per output folder, so building elsewhere (a check, a preview) does not
    /// throw away the cache of `public/`.
    static func url(root: URL, output: URL) -> URL {
        root.appending(path: folder).appending(path: "build-\(Fingerprint.of(output.path).hex).cache")
    }

    /// The cache if it was written by this very binary for this output folder.
    static func load(root: URL, output: URL, stamp: String) -> BuildCache? {
        guard let bytes = FileBytes.read(url(root: root, output: output).path) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.string() == magic, try reader.string() == stamp else { return nil }
            var cache = BuildCache(
                stamp: stamp, globalKey: try reader.uint(), siteKey: try reader.uint(), printKey: try reader.uint(), outputs: try reader.strings(),
                templateProblems: try reader.diagnostics(), entries: [:])
            let count = try reader.count()
            // The entries come in parts of at most `partSize`, each with its length up
            // front, so the parts decode on both cores: decoding was the largest step of
            // a one-page rebuild of 1,000 pages, on one core.
            var lengths: [Int] = []
            for _ in 0..<(count + partSize - 1) / partSize { lengths.append(try reader.count()) }
            var parts: [Range<Int>] = []
            var start = reader.offset
            for length in lengths {
                guard length <= reader.bytes.count - start else { return nil }
                parts.append(start..<(start + length))
                start += length
            }
            let bytes = reader.bytes
            let decoded = ParallelFor.map(parts) { part -> [(Entry, Range<Int>)]? in
                var r = BinaryReader(bytes, from: part.lowerBound, to: part.upperBound)
                var entries: [(Entry, Range<Int>)] = []
                entries.reserveCapacity(partSize)
                do {
                    while r.offset < part.upperBound {
                        let start = r.offset
                        var (entry, rendered) = try Entry.head(&r)
                        entry.encoded = bytes[start..<r.offset]
                        entries.append((entry, rendered))
                    }
                } catch {
                    return nil
                }
                return entries
            }
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            for part in decoded {
                guard let part else { return nil }
                ranges += part.map(\.1)
            }
            let late = LateRendered(bytes: bytes, ranges: ranges)
            // Reserved: growing the table moved every entry decoded so far, repeatedly.
            cache.entries.reserveCapacity(count)
            var index = 0
            for part in decoded {
                for (entry, _) in part! {
                    var entry = entry
                    entry.late = (late, index)
                    index += 1
                    cache.entries[entry.page.sourcePath] = entry
                }
            }
            guard cache.entries.count == count else { return nil }
            cache.file = bytes
            return cache
        } catch {
            return nil
        }
    }

    /// Entries per part of the file: each part is coded and decoded on its own core.
    static let partSize = 256

    func save(root: URL, output: URL) {
        Self.save(
            stamp: stamp, globalKey: globalKey, siteKey: siteKey, printKey: printKey, outputs: outputs, templateProblems: templateProblems,
            entries: entries.keys.sorted().map { entries[$0] }, from: file, root: root, output: output)
    }

    /// Writes a cache whose entries are `sorted` by source path (nil: a page left out; the
    /// list is not filtered first, which copied every entry). An entry that carries
    /// its bytes (`encoded`: a slice of `file`, the last cache's) is written from them as
    /// they are, and runs of such entries, which lie one after the other in the last file
    /// too, go to the new file in one call each: a one-page rebuild of 1,000 pages copied
    /// 2 MB into new buffers (and a thousand fresh pages) to write the same bytes.
    static func save(
        stamp: String, globalKey: UInt64, siteKey: UInt64, printKey: UInt64, outputs: [String], templateProblems: [Diagnostic],
        entries sorted: [Entry?], from file: [UInt8], root: URL, output: URL
    ) {
        var writer = BinaryWriter()
        writer.string(Self.magic)
        writer.string(stamp)
        writer.uint(globalKey)
        writer.uint(siteKey)
        writer.uint(printKey)
        writer.strings(outputs)
        writer.diagnostics(templateProblems)
        writer.int(sorted.reduce(0) { $0 + ($1 == nil ? 0 : 1) })
        // Each part coded on its own, on both cores (at 10,000 pages coding the entries
        // one after the other was the last quarter second of a build, on one core), then
        // written in path order after the parts' lengths.
        let coded = ParallelFor.map(Array(stride(from: 0, to: sorted.count, by: Self.partSize))) { start -> [CacheFile.Chunk] in
            var chunks: [CacheFile.Chunk] = []
            var fresh = BinaryWriter()
            for k in start..<min(start + Self.partSize, sorted.count) {
                // Read in place: copied out of the list, every entry was retained and
                // released again.
                guard sorted[k] != nil else { continue }
                // Bytes that are not the last file's (a cache made in memory) are coded again.
                guard let encoded = sorted[k]!.encoded, encoded.endIndex <= file.count else {
                    sorted[k]!.writeFields(&fresh)
                    continue
                }
                if !fresh.bytes.isEmpty {
                    chunks.append(.bytes(fresh.bytes))
                    fresh = BinaryWriter()
                }
                if case .file(let range)? = chunks.last, range.upperBound == encoded.startIndex {
                    chunks[chunks.count - 1] = .file(range.lowerBound..<encoded.endIndex)
                } else {
                    chunks.append(.file(encoded.startIndex..<encoded.endIndex))
                }
            }
            if !fresh.bytes.isEmpty { chunks.append(.bytes(fresh.bytes)) }
            return chunks
        }
        for part in coded { writer.int(part.reduce(0) { $0 + $1.count }) }
        CacheFile.write([.bytes(writer.bytes)] + coded.joined(), from: file, to: Self.url(root: root, output: output).path)
    }

    /// Size and modification time (nanoseconds) of a file, or nil if it is missing.
    static func fileStatus(_ path: String) -> (modified: Int, size: Int)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        #endif
        return (modified, Int(info.st_size))
    }

    /// Identifies the running binary, so a rebuilt Assay never trusts an old cache.
    static func binaryStamp() -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let info = fileStatus(exe)
        return "\(exe)|\(info?.modified ?? 0)|\(info?.size ?? 0)"
    }

    /// The binary and the output folder: a cache belongs to both.
    static func binaryStamp(output: URL) -> String {
        binaryStamp() + "|" + output.path
    }
}

extension BuildCache.Entry {
    /// Everything but the rendered metadata, whose bytes are skipped: their range is
    /// returned, for `LateRendered`.
    fileprivate static func head(_ r: inout BinaryReader) throws(BinaryReader.Corrupt) -> (Self, Range<Int>) {
        let modified = try r.int()
        let size = try r.int()
        let outputKey = try r.uint()
        let outputSize = try r.int()
        let siteDigest = try r.uint()
        let sourcePath = try r.string()
        let outputPath = try r.string()
        let section = try r.string()
        let isSectionIndex = try r.bool()
        let bodyLineOffset = try r.int()
        let fingerprint = try r.uint()
        var matter = FrontMatter(draft: false, reviewedLine: 1, titleLine: 1)
        matter.title = try r.optionalString()
        matter.summary = try r.optionalString()
        matter.navTitle = try r.optionalString()
        matter.reviewed = try r.optionalString().flatMap(SimpleDate.init(iso:))
        matter.order = try r.bool() ? try r.int() : nil
        matter.draft = try r.bool()
        matter.reviewedLine = try r.int()
        matter.titleLine = try r.int()
        matter.keyPoints = try r.strings()
        for _ in 0..<(try r.int()) {
            guard let date = SimpleDate(iso: try r.string()) else { throw BinaryReader.Corrupt() }
            matter.changes.append(PageChange(date: date, summary: try r.string(), line: try r.int()))
        }
        let page = Page(
            sourcePath: sourcePath, outputPath: outputPath, section: section, isSectionIndex: isSectionIndex,
            frontMatter: matter, body: "", bodyLineOffset: bodyLineOffset, fingerprint: fingerprint, bodyLoaded: false)
        var counts: [BuildCache.LevelCount] = []
        for _ in 0..<(try r.count()) { counts.append(BuildCache.LevelCount(level: try r.string(), count: try r.count())) }
        let length = try r.count()
        let rendered = r.offset..<(r.offset + length)
        r.offset += length
        var entry = Self(modified: modified, size: size, page: page, rendered: nil, outputKey: outputKey, outputSize: outputSize, siteDigest: siteDigest)
        // An entry written without its metadata has no part, and no counts to trust.
        entry.storedCounts = length > 0 ? counts : nil
        return (entry, rendered)
    }

    /// The rendered metadata `writeRendered` wrote.
    static func rendered(_ r: inout BinaryReader) throws(BinaryReader.Corrupt) -> RenderedPage {
        var claims: [PublishedClaim] = []
        let claimCount = try r.count()
        claims.reserveCapacity(claimCount)
        for _ in 0..<claimCount {
            let claim = Claim(
                level: try r.string(), explicitID: try r.optionalString(), text: try r.string(), citeKeys: try r.strings(),
                location: SourceLocation(line: try r.int(), column: try r.int()))
            claims.append(PublishedClaim(claim: claim, anchor: try r.string(), line: try r.int(), column: try r.int()))
        }
        var headings: [Heading] = []
        let headingCount = try r.count()
        headings.reserveCapacity(headingCount)
        for _ in 0..<headingCount {
            headings.append(Heading(level: try r.int(), text: try r.string(), anchor: try r.string()))
        }
        var links: [MarkdownLink] = []
        let linkCount = try r.count()
        links.reserveCapacity(linkCount)
        for _ in 0..<linkCount {
            links.append(MarkdownLink(destination: try r.string(), location: SourceLocation(line: try r.int(), column: try r.int())))
        }
        let citedKeys = try r.strings()
        // Sized once: grown key by key, the table was rebuilt a few times per page.
        let anchorCount = try r.count()
        var citeAnchors = [String: [String]](minimumCapacity: anchorCount)
        for _ in 0..<anchorCount { citeAnchors[try r.string()] = try r.strings() }
        return RenderedPage(
            html: "", claims: claims, headings: headings, links: links, citedKeys: citedKeys, citeAnchors: citeAnchors,
            diagnostics: [])
    }

    /// Claims per level, levels in the order they first appear.
    static func levelCounts(in rendered: RenderedPage) -> [BuildCache.LevelCount] {
        var counts: [BuildCache.LevelCount] = []
        rendered.forEachClaimLevel { BuildCache.LevelCount.add(1, to: $0, in: &counts) }
        return counts
    }

    func write(_ w: inout BinaryWriter) {
        if let encoded {
            w.bytes += encoded
            return
        }
        writeFields(&w)
    }

    /// Codes the entry from its fields, whatever bytes it carries.
    func writeFields(_ w: inout BinaryWriter) {
        w.int(modified)
        w.int(size)
        w.uint(outputKey)
        w.int(outputSize)
        w.uint(siteDigest)
        w.string(page.sourcePath)
        w.string(page.outputPath)
        w.string(page.section)
        w.bool(page.isSectionIndex)
        w.int(page.bodyLineOffset)
        w.uint(page.fingerprint)
        let m = page.frontMatter
        w.optionalString(m.title)
        w.optionalString(m.summary)
        w.optionalString(m.navTitle)
        w.optionalString(m.reviewed?.description)
        w.bool(m.order != nil)
        if let order = m.order { w.int(order) }
        w.bool(m.draft)
        w.int(m.reviewedLine)
        w.int(m.titleLine)
        w.strings(m.keyPoints)
        w.int(m.changes.count)
        for change in m.changes {
            w.string(change.date.description)
            w.string(change.summary)
            w.int(change.line)
        }
        let counts = rendered.map(Self.levelCounts(in:)) ?? []
        w.int(counts.count)
        for c in counts {
            w.string(c.level)
            w.int(c.count)
        }
        // Its length first, so a reader can leave it for later (`head`).
        let part = renderedBytes ?? rendered.map(Self.renderedBytes) ?? []
        w.int(part.count)
        w.bytes += part
    }

    /// The bytes `write` puts after an entry's head: its rendered metadata.
    static func renderedBytes(_ rendered: RenderedPage) -> [UInt8] {
        var part = BinaryWriter()
        writeRendered(rendered, &part)
        return part.bytes
    }

    static func writeRendered(_ rendered: RenderedPage, _ w: inout BinaryWriter) {
        w.int(rendered.claims.count)
        // By index: each field is read where it lies, no claim copied out whole.
        let claims = rendered.claims
        for k in claims.indices {
            w.string(claims[k].claim.level)
            w.optionalString(claims[k].claim.explicitID)
            w.string(claims[k].claim.text)
            w.strings(claims[k].claim.citeKeys)
            w.int(claims[k].claim.location.line)
            w.int(claims[k].claim.location.column)
            w.string(claims[k].anchor)
            w.int(claims[k].line)
            w.int(claims[k].column)
        }
        w.int(rendered.headings.count)
        for h in rendered.headings {
            w.int(h.level)
            w.string(h.text)
            w.string(h.anchor)
        }
        w.int(rendered.links.count)
        for l in rendered.links {
            w.string(l.destination)
            w.int(l.location.line)
            w.int(l.location.column)
        }
        w.strings(rendered.citedKeys)
        let keys = rendered.citeAnchors.keys.sorted()
        w.int(keys.count)
        for k in keys {
            w.string(k)
            w.strings(rendered.citeAnchors[k]!)
        }
    }
}
