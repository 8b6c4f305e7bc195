import AssaySupport
import Dispatch

/// The claims, headings, links and citations of a cache's entries, decoded on other
/// threads while the build lists the pages, reads the config and plans. Only the first
/// pass reads them, and decoding them was the largest part of reading the cache: a sixth
/// of a one-page rebuild of 1,000 pages, on the path every later step waits on.
final class LateRendered: Sendable {
    private let decoded = DispatchGroup()
    /// Each entry's metadata, nil where its bytes could not be read.
    private let values = Locked<[RenderedPage?]>([])

    init(bytes: [UInt8], ranges: [Range<Int>]) {
        DispatchQueue.global().async(group: decoded) { [values] in
            let parts = Array(stride(from: 0, to: ranges.count, by: BuildCache.partSize))
            let results = ParallelFor.map(parts) { start -> [RenderedPage?] in
                ranges[start..<min(start + BuildCache.partSize, ranges.count)].map { range in
                    var reader = BinaryReader(bytes, from: range.lowerBound, to: range.upperBound)
                    guard let rendered = try? BuildCache.Entry.rendered(&reader), reader.offset == range.upperBound else { return nil }
                    return rendered
                }
            }
            values.withLock { $0 = results.flatMap { $0 } }
        }
    }

    /// Entry `index`'s metadata, once every entry's is decoded.
    func rendered(at index: Int) -> RenderedPage? {
        decoded.wait()
        return values.withLock { $0[index] }
    }
}
