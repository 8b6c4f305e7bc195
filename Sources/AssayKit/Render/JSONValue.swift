import AssaySupport

/// A tiny JSON writer with a fixed key order, so `claims.json` and the search index are
/// byte-identical from run to run (Foundation's encoder does not promise its spacing).
enum JSONValue {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Keys in the order given.
    case object([(String, JSONValue)])
    /// JSON already written (compact), copied as it is: a value every page repeats, made
    /// once per build.
    case raw([UInt8])

    func write(to out: inout [UInt8], indent: String? = nil, level: Int = 0) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .number(let n): out += String(n).utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .raw(let bytes): out += bytes
        case .array(let items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                Self.quote(key, into: &out)
                out += (indent == nil ? ":" : ": ").utf8
                value.write(to: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out.append(UInt8(ascii: "}"))
        }
    }

    func serialized(pretty: Bool = false) -> String {
        String(decoding: bytes(pretty: pretty), as: UTF8.self)
    }

    func bytes(pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, indent: pretty ? "  " : nil)
        return out
    }

    private static func newline(_ out: inout [UInt8], _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<level { out += indent.utf8 }
    }

    /// Escapes `<`, `>` and `&` too, so the JSON is safe inside a `<script>` element.
    /// Works on UTF-8 bytes: U+2028 and U+2029 (E2 80 A8/A9) are escaped for old parsers.
    /// Runs of bytes that need no escape (almost all of them) are copied in one go: the
    /// search index, claims.json and every page's JSON-LD go through here.
    static func quote(_ s: String, into out: inout [UInt8]) {
        s.withUTF8Bytes { quote(bytes: $0, into: &out) }
    }

    static func quote(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var run = 0
        var i = 0
        // Eight bytes at a step past those that need nothing (`mayNeedEscape`); eight that
        // may are then looked at one by one, up to `slow`.
        var slow = 0
        while i < bytes.count {
            if i >= slow {
                i = ByteWords.skip(bytes, from: i, until: mayNeedEscape)
                slow = i + 8
                guard i < bytes.count else { break }
            }
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                break
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                break
            default:
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case UInt8(ascii: "\n"): out.append(contentsOf: [0x5C, 0x6E])
            case UInt8(ascii: "\r"): out.append(contentsOf: [0x5C, 0x72])
            case UInt8(ascii: "\t"): out.append(contentsOf: [0x5C, 0x74])
            case 0xE2:
                // \u2028 or \u2029
                out.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, bytes[i + 2] == 0xA8 ? 0x38 : 0x39])
                i += 2
            default:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
            i += 1
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` may start an escape: `" \\ < > &`, a
    /// control character, or E2 (the first byte of U+2028 and U+2029, and of other
    /// characters, which the byte test then lets through).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        ByteWords.below(word, 0x20) | ByteWords.equal(word, 0x22) | ByteWords.equal(word, 0x5C) | ByteWords.equal(word, 0x3C)
            | ByteWords.equal(word, 0x3E) | ByteWords.equal(word, 0x26) | ByteWords.equal(word, 0xE2) != 0
    }

    private static func hexDigit(_ d: UInt8) -> UInt8 {
        d < 10 ? 0x30 + d : 0x57 + d  // 0-9, a-f
    }
}
