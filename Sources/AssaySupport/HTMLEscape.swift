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
        var string = text
        string.withUTF8 { append($0, to: &out) }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    private static func append(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for (i, byte) in utf8.enumerated() where needsEscape(byte) {
            // Runs without a special character are copied in one go.
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
            switch byte {
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            default: out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            }
            start = i + 1
        }
        if start < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
    }
}
