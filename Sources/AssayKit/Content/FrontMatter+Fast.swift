import AssaySupport

/// A reader for the front matter most pages have, one `key: value` per line, that gives
/// exactly what Yams gives and declines everything else.
///
/// Yams composes a node tree and resolves every scalar's tag, which made the front
/// matter about half of loading a page. This reader accepts only lines whose meaning is
/// plain: a known key at the start of the line, `: `, then a value that is a double- or
/// single-quoted string with nothing to unescape, or a plain scalar that YAML reads as
/// its own text. Anything else — a list, a nested mapping, a comment, an escape, a tab, a
/// `\r`, a Unicode line break, a repeated key, an unknown key, a value that does not
/// convert — returns nil, and `FrontMatter.parse` hands the text to Yams, which also
/// writes the diagnostics. `FrontMatterFastPathTests` checks both readers agree.
extension FrontMatter {
    static func fastParse(_ yaml: String) -> FrontMatter? {
        yaml.withUTF8Bytes { fastParse(bytes: $0) }
    }

    /// The keys this reader knows; the raw value is the key's bit among those seen.
    private enum Key: Int, CaseIterable {
        case title, summary, navTitle, linkTitle, linktitle, reviewed, order, draft

        var spelling: String {
            switch self {
            case .navTitle: "nav_title"
            default: "\(self)"
            }
        }
    }

    /// Each key's spelling as bytes, in the order of `Key`.
    private static let keys: [[UInt8]] = Key.allCases.map { Array($0.spelling.utf8) }

    /// On the front matter's contiguous bytes, a line at a time, with the keys seen as
    /// bits: over the String's UTF-8 view, with a copy of each line and a set of the keys'
    /// strings, this was 36,000 instructions for a front matter of five lines.
    private static func fastParse(bytes: UnsafeBufferPointer<UInt8>) -> FrontMatter? {
        var matter = FrontMatter(draft: false, reviewedLine: 1, titleLine: 1)
        var seen: UInt32 = 0
        var line = 1  // the `---` line; the first line of `yaml` is the file's line 2
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = end + 1 }
            line += 1
            if end == start { continue }
            guard let (key, value) = field(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return nil }
            // A key given twice is left to Yams.
            guard seen & (1 << key.rawValue) == 0 else { return nil }
            seen |= 1 << key.rawValue
            switch key {
            case .title:
                matter.title = value
                matter.titleLine = line
            case .summary:
                matter.summary = value
            case .navTitle, .linkTitle, .linktitle:
                matter.navTitle = value
            case .reviewed:
                guard let date = SimpleDate(iso: value) else { return nil }
                matter.reviewed = date
                matter.reviewedLine = line
            case .order:
                guard let n = Int(value) else { return nil }
                matter.order = n
            case .draft:
                switch value.lowercased() {
                case "true", "yes", "on": matter.draft = true
                case "false", "no", "off": matter.draft = false
                default: return nil
                }
            }
        }
        return matter
    }

    /// `key: value` with a key this reader knows and a value it can read, or nil.
    private static func field(_ bytes: UnsafeBufferPointer<UInt8>) -> (Key, String)? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            bytes[..<colon].allSatisfy({ isKeyByte($0) }),
            let index = keys.firstIndex(where: { $0.elementsEqual(bytes[..<colon]) }), let key = Key(rawValue: index),
            colon + 1 < bytes.count, bytes[colon + 1] == UInt8(ascii: " ")
        else { return nil }
        var start = colon + 1
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        guard start < bytes.count, let value = scalar(UnsafeBufferPointer(rebasing: bytes[start...])) else { return nil }
        return (key, value)
    }

    /// Characters that give a plain scalar's first position another meaning in YAML.
    private static let indicators = Array("-?:,[]{}#&*!|>'\"%@`".utf8)

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
    }

    /// The text of a one-line scalar YAML reads literally, or nil.
    private static func scalar(_ v: UnsafeBufferPointer<UInt8>) -> String? {
        // No byte that YAML treats specially anywhere on the line: controls (tab, `\r`),
        // DEL, and the Unicode line breaks and byte-order mark YAML 1.1 recognises
        // (U+0085, U+2028, U+2029, U+FEFF).
        var previous: UInt8 = 0
        for i in v.indices {
            let b = v[i]
            if b < 0x20 || b == 0x7F { return nil }
            if previous == 0xC2 && b == 0x85 { return nil }
            if b == 0xE2, i + 2 < v.endIndex, v[i + 1] == 0x80, v[i + 2] == 0xA8 || v[i + 2] == 0xA9 { return nil }
            if b == 0xEF, i + 2 < v.endIndex, v[i + 1] == 0xBB, v[i + 2] == 0xBF { return nil }
            previous = b
        }
        guard let first = v.first, let last = v.last, last != UInt8(ascii: " ") else { return nil }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            // Quoted, closed at the end of the line, with no quote of its kind or
            // backslash inside: nothing to unescape or fold.
            guard v.count >= 2, last == first else { return nil }
            let inner = v[1..<(v.count - 1)]
            guard !inner.contains(first), !inner.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: inner, as: UTF8.self)
        }
        // Plain: not starting with an indicator, no `: ` or ` #` inside, not ending in `:`.
        guard !indicators.contains(first), last != UInt8(ascii: ":") else { return nil }
        for i in v.indices.dropLast() {
            if v[i] == UInt8(ascii: ":") && v[i + 1] == UInt8(ascii: " ") { return nil }
            if v[i] == UInt8(ascii: " ") && v[i + 1] == UInt8(ascii: "#") { return nil }
        }
        return String(decoding: v, as: UTF8.self)
    }
}
