/// The one HTML escaper: for every value Assay puts into HTML itself, from the template
/// engine's `{{value}}` to reference lists and badges (cmark escapes its own output).
/// Escapes `& < > " '`, so a value is safe in text and in a quoted attribute of either
/// quote; works on UTF-8 bytes.
public enum HTMLEscape {
    /// Text with nothing to escape is returned as it is, without a copy.
    public static func attribute(_ text: some StringProtocol) -> String {
        attribute(String(text))
    }

    public static func attribute(_ text: String) -> String {
        var string = text
        // On the contiguous bytes: generic iteration over `utf8` from another module is not
        // specialised, and a page of many claims escapes several values per claim.
        return string.withUTF8 { utf8 -> String? in
            guard utf8.contains(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 16)
            append(utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? string
    }

    public static func text(_ text: some StringProtocol) -> String { attribute(String(text)) }

    public static func text(_ text: String) -> String { attribute(text) }

    /// Appends `text` escaped to `out`: what the template engine writes with.
    public static func append(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { append($0, to: &out) }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// Runs of bytes that need no escape are copied in one go rather than byte by byte,
    /// and found eight bytes at a step: every value a template shows goes through here,
    /// and nearly every byte of it needs nothing (a byte at a time, the test alone was
    /// some 7 instructions a byte).
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var run = 0
        var i = 0
        // Eight bytes that may hold one are looked at one by one, up to `slow`.
        var slow = 0
        while i < count {
            if i >= slow {
                i = ByteWords.skip(bytes, from: i, until: mayNeedEscape)
                slow = i + 8
                guard i < count else { break }
            }
            let entity: StaticString
            switch base[i] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default:
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            i += 1
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: count - run))
    }

    /// Whether any of the eight bytes of `word` is `& < > " '`.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        ByteWords.equal(word, 0x26) | ByteWords.equal(word, 0x3C) | ByteWords.equal(word, 0x3E) | ByteWords.equal(word, 0x22)
            | ByteWords.equal(word, 0x27) != 0
    }
}
