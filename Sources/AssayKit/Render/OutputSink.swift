/// Where `SiteGenerator` puts each file it makes. Most files go whole. The listings of
/// every claim (`claims.json`, the register, the sources page: each tens of megabytes at
/// 10,000 pages, hundreds at 100,000) go in pieces where the sink can take them, so that
/// they can be made at the same time, one per core, without each being held whole.
struct OutputSink: Sendable {
    /// Takes a whole file.
    let whole: @Sendable (String, [UInt8]) -> Void
    /// Opens a file to be written piece by piece; nil: the pieces are joined and go whole.
    let opening: (@Sendable (String) -> any OutputPieces)?

    init(_ whole: @escaping @Sendable (String, [UInt8]) -> Void, opening: (@Sendable (String) -> any OutputPieces)? = nil) {
        self.whole = whole
        self.opening = opening
    }

    /// About how large a piece is: large enough that writing it is one cheap call, small
    /// enough that two listings made at once hold a few megabytes, not hundreds.
    static let pieceSize = 1 << 20

    /// The file at `path`, made by `make`: it appends to a buffer, hands the buffer to the
    /// flush it is given whenever it likes (the flush empties it), and returns the last
    /// piece. Without `opening` the pieces are joined, and the file goes whole.
    func make(_ path: String, _ make: (_ flush: @escaping (inout [UInt8]) -> Void) throws(BuildFailure) -> [UInt8]) throws(BuildFailure) {
        guard let opening else {
            let joined = JoinedPieces()
            let last = try make { joined.bytes += $0; $0.removeAll(keepingCapacity: true) }
            whole(path, joined.bytes.isEmpty ? last : joined.bytes + last)
            return
        }
        let file = opening(path)
        defer { file.finish() }
        let last = try make { file.add($0); $0.removeAll(keepingCapacity: true) }
        file.add(last)
    }
}

/// A file being written piece by piece, on one thread.
protocol OutputPieces: AnyObject {
    func add(_ bytes: [UInt8])
    /// After the last piece (or when making the file failed).
    func finish()
}

/// The pieces of a file kept until it is whole, for a sink that takes only whole files.
private final class JoinedPieces {
    var bytes: [UInt8] = []
}
