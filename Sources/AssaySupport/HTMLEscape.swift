/// Escaping for every value Assay puts into HTML itself (cmark escapes its own output).
public enum HTMLEscape {
    /// Escapes `& < > " '`: safe in text and in quoted attribute values alike.
    /// Works on UTF-8 bytes; text with nothing to escape is returned as it is.
    public static func attribute(_ text: some StringProtocol) -> String {
        attribute(String(text))
    }

    public static func attribute(_ text: String) -> String {
        var string = text
        // On the contiguous bytes: generic iteration over `utf8` from another module is not
        // specialised, and a page of many claims escapes several values per claim.
        return string.withUTF8 { utf8 -> String? in
            guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return nil
            }
            return escaped(utf8)
        } ?? string
    }

    private static func escaped(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func text(_ text: some StringProtocol) -> String { attribute(String(text)) }

    public static func text(_ text: String) -> String { attribute(text) }
}
