import FlyingFox
import FlyingSocks

/// A Server-Sent Events body: each frame the hub yields is written out as it comes,
/// as one chunk of a chunked response, until the stream finishes.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    let frames: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(frames: frames.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var frames: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let frame = await frames.next() else { return nil }
                pending = frame[...]
            }
            let taken = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}
