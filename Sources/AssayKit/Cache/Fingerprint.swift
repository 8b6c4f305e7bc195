import AssaySupport

/// FNV-1a, 64-bit: a stable digest for cache keys and claim anchors. Not for security;
/// Swift's `Hasher` is seeded per process, so it cannot be used for anything stored.
struct Fingerprint: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    mutating func add(_ bytes: some Sequence<UInt8>) {
        // Over contiguous bytes where there are some: `Data`'s iterator costs more per
        // byte than the hash (a page's fingerprint was 4% of a full build).
        if bytes.withContiguousStorageIfAvailable({ mix($0) }) == nil {
            for byte in bytes { mix(byte) }
        }
        // A separator, so ("ab","c") and ("a","bc") differ.
        value ^= 0xff
        value &*= 0x100_0000_01b3
    }

    mutating func add(_ text: String) {
        text.withUTF8Bytes { mix($0) }
        value ^= 0xff
        value &*= 0x100_0000_01b3
    }

    private mutating func mix(_ buffer: UnsafeBufferPointer<UInt8>) {
        var v = value
        for byte in buffer {
            v ^= UInt64(byte)
            v &*= 0x100_0000_01b3
        }
        value = v
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }

    mutating func add(_ number: Int) { add(String(number)) }

    /// A number as its eight bytes, no text made: for the build cache's digests of
    /// digests and counts (`OutputKeys`), which are never shown.
    mutating func add(word: UInt64) {
        var v = value
        for shift in stride(from: 0, to: 64, by: 8) {
            v ^= (word >> UInt64(shift)) & 0xff
            v &*= 0x100_0000_01b3
        }
        value = v ^ 0xff
        value &*= 0x100_0000_01b3
    }

    /// A file's whole contents, eight bytes at a step: a page's fingerprint only tells the
    /// cache whether its file changed, and hashing the Markdown a byte at a step (a
    /// multiply per byte) was a sixth of loading a 10,000-page guide. Never shown, so it
    /// need not agree with `add`. Each step is a bijection of the running value for a
    /// given word, so files that differ in one word never share a fingerprint.
    mutating func add(contents buffer: UnsafeRawBufferPointer) {
        var v = value
        var i = 0
        while i + 8 <= buffer.count {
            v = (v ^ buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            v ^= v >> 32
            i += 8
        }
        while i < buffer.count {
            v = (v ^ UInt64(buffer[i])) &* 0x100_0000_01b3
            i += 1
        }
        value = (v ^ UInt64(buffer.count)) &* 0x100_0000_01b3
    }

    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func of(_ text: String) -> Fingerprint {
        var f = Fingerprint()
        f.add(text)
        return f
    }
}
