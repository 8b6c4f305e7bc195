/// Tests on eight bytes at once, for scanners that look for a few byte values in long
/// runs that hold none of them (the HTML and JSON escapers, the search index's words):
/// testing each byte was several instructions a byte where a word takes a handful for
/// eight.
///
/// A byte of `word` equal to `c` is a zero byte of `word ^ c…c`, and `(x - n…n) & ~x &
/// 0x80…80` is non-zero exactly when some byte of `x` is below `n` (for n ≤ 0x80).
public enum ByteWords {
    /// Non-zero when some byte of `word` is below `n` (n ≤ 0x80).
    @inlinable @inline(__always)
    public static func below(_ word: UInt64, _ n: UInt8) -> UInt64 {
        (word &- 0x0101_0101_0101_0101 &* UInt64(n)) & ~word & 0x8080_8080_8080_8080
    }

    /// Non-zero when some byte of `word` is `byte`.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        below(word ^ (0x0101_0101_0101_0101 &* UInt64(byte)), 1)
    }

    /// Non-zero when some byte of `word` is not ASCII.
    @inlinable @inline(__always)
    public static func nonASCII(_ word: UInt64) -> UInt64 { word & 0x8080_8080_8080_8080 }

    /// The first index from `start` where `mayMatch` holds for the eight bytes there, or
    /// where fewer than eight are left: no byte before it is one `mayMatch` looks for.
    @inlinable
    public static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, until mayMatch: (UInt64) -> Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var i = start
        while i + 8 <= bytes.count, !mayMatch(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
        return i
    }
}
