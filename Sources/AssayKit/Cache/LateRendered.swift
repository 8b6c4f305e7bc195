import AssaySupport

/// The claims, headings, links and citations of a cache's entries, decoded only when
/// something asks for them. A rebuild after an edit that changes nothing the home page,
/// the section indexes or the site-wide files show (most edits of prose) never does:
/// what it needs of an unchanged page is how many of its claims have each level, which
/// the entry's head holds (`BuildCache.Entry.levelCounts`). Decoding every entry was,
/// before, a fifth of the instructions of a one-page rebuild of 1,000 pages.
final class LateRendered: Sendable {
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    /// Each entry's metadata once decoded (nil where its bytes could not be read); nil
    /// until the first `rendered(at:)`.
    private let values = Locked<[RenderedPage?]?>(nil)

    init(bytes: [UInt8], ranges: [Range<Int>]) {
        self.bytes = bytes
        self.ranges = ranges
    }

    /// Entry `index`'s metadata. The first call decodes every entry, on all cores: the
    /// second pass, when it runs, needs them all.
    func rendered(at index: Int) -> RenderedPage? {
        values.withLock { values in
            if values == nil {
                let (bytes, ranges) = (self.bytes, self.ranges)
                let parts = Array(stride(from: 0, to: ranges.count, by: BuildCache.partSize))
                values = ParallelFor.map(parts) { start -> [RenderedPage?] in
                    ranges[start..<min(start + BuildCache.partSize, ranges.count)].map { range in
                        var reader = BinaryReader(bytes, from: range.lowerBound, to: range.upperBound)
                        guard let rendered = try? BuildCache.Entry.rendered(&reader), reader.offset == range.upperBound else { return nil }
                        return rendered
                    }
                }.flatMap { $0 }
            }
            return values![index]
        }
    }

    /// Whether entry `index` was asked for and its bytes did not decode: its page was
    /// rendered again, and the entry must not be carried into the next cache as it is.
    func failed(at index: Int) -> Bool {
        values.withLock { $0.map { $0[index] == nil } ?? false }
    }
}
