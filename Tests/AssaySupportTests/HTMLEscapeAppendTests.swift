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

    /// Eight bytes are tested at a time: a special character at every place of strings
    /// of every length across two words, among bytes one off each special one, with the
    /// high bit set, and zero (a zero byte next to a match is where a word test can err).
    @Test func sameAtEveryPlaceOfAWord() {
        let specials: [UInt8] = [0x26, 0x3C, 0x3E, 0x22, 0x27]
        let neighbours: [UInt8] = [0x00, 0x01, 0x21, 0x23, 0x25, 0x28, 0x3B, 0x3D, 0x3F, 0x7F, 0xA2, 0xA6, 0xA7, 0xBC, 0xBE, 0x61]
        for length in 0...24 {
            for filler in neighbours {
                let plain = [UInt8](repeating: filler, count: length)
                for place in 0..<max(length, 1) {
                    for special in specials where length > 0 {
                        var bytes = plain
                        bytes[place] = special
                        if place + 1 < length { bytes[place + 1] = 0 }
                        let s = String(decoding: bytes, as: UTF8.self)
                        var out: [UInt8] = []
                        HTMLEscape.append(s, to: &out)
                        #expect(out == Self.reference(s), "length \(length), filler \(filler), \(special) at \(place)")
                    }
                }
                let s = String(decoding: plain, as: UTF8.self)
                var out: [UInt8] = []
                HTMLEscape.append(s, to: &out)
                #expect(out == Self.reference(s))
            }
        }
    }
}
