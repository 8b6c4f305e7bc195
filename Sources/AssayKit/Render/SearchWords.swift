import AssaySupport

/// The words of a text for the search index: split at spaces, newlines and tabs, as
/// `split(whereSeparator:)` over Characters splits them.
///
/// On UTF-8 bytes where that gives the same words, which is almost always: splitting over
/// Characters was two thirds of the search index's cost, and the index a fifth of a full
/// build. A separator byte is a Character of its own unless Unicode joins it to a
/// neighbour: `\r\n` is one Character, and so is a space followed by a combining mark
/// (or preceded by a "prepend" mark). Both need a `\r` or a non-ASCII byte beside a
/// separator; a text with either goes the slow way, so the words never differ.
enum SearchWords {
    static func split(_ text: String) -> [Substring] {
        // The words' byte ranges, found over the contiguous bytes; each becomes a
        // Substring of `text` (its ends are ASCII separators, so on Character bounds).
        // `utf8.split(whereSeparator:)` walked String indices and cost five times more.
        let ranges = text.utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
            guard bytesAreEnough(bytes) else { return nil }
            var ranges: [Range<Int>] = []
            var start = -1
            for i in bytes.indices {
                if isSeparator(bytes[i]) {
                    if start >= 0 { ranges.append(start..<i) }
                    start = -1
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 { ranges.append(start..<bytes.count) }
            return ranges
        } ?? nil
        guard let ranges else { return slow(text) }
        let utf8 = text.utf8
        return ranges.map { range in
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(lower, offsetBy: range.count)
            return text[lower..<upper]
        }
    }

    /// The Character split, the definition the fast path must match.
    static func slow(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
    }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 }

    /// No `\r`, and every separator has ASCII on both sides.
    static func bytesAreEnough(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Nearly every text is ASCII without `\r`, and then every separator has ASCII on
        // both sides: told eight bytes at a step. (Asked for every title, summary,
        // heading and claim of the guide, the byte loop alone was 15 M instructions at
        // 1,000 pages.)
        if isASCIIWithoutReturn(bytes) { return true }
        for i in bytes.indices {
            let byte = bytes[i]
            if byte == 0x0D { return false }
            guard isSeparator(byte) else { continue }
            if i > 0, bytes[i - 1] >= 0x80 { return false }
            if i + 1 < bytes.count, bytes[i + 1] >= 0x80 { return false }
        }
        return true
    }

    /// Whether every byte is ASCII and none is `\r`.
    static func isASCIIWithoutReturn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let i = ByteWords.skip(bytes, from: 0) { ByteWords.nonASCII($0) | ByteWords.equal($0, 0x0D) != 0 }
        // Where the words stopped: a word that holds one, or the last few bytes.
        return !bytes[i...].contains { $0 >= 0x80 || $0 == 0x0D }
    }
}
