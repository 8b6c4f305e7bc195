import Testing

import AssaySupport

/// Escaping copies the runs between special characters in one go; it must give the same
/// bytes as escaping one byte at a time did.
@Suite("HTMLEscape.append")
struct HTMLEscapeAppendTests {
    static func reference(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return out
    }

    @Test(arguments: [
        "", "plain text", "&", "<>", "a&b<c>d\"e'f", "&&&&", "ends with <", "< starts", "é € 👩‍⚕️ & 'ok'",
        String(repeating: "a long run of words ", count: 200) + "<end>",
    ])
    func sameAsByteByByte(_ s: String) {
        var out = Array("kept".utf8)
        HTMLEscape.append(s, to: &out)
        #expect(out == Array("kept".utf8) + Self.reference(s))
    }
}
