/// The `{.level #id}` block after a claim's closing bracket.
struct ClaimAttributes {
    var levels: [String] = []
    var id: String?
    var unsupported: [String] = []

    /// Reads the inside of the braces. Pandoc would also take `key=value`; a claim has no
    /// use for it, so it is reported rather than dropped.
    init(_ text: String) {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if word.hasPrefix("."), word.count > 1 {
                levels.append(String(word.dropFirst()))
            } else if word.hasPrefix("#"), word.count > 1, id == nil {
                id = String(word.dropFirst())
            } else {
                unsupported.append(String(word))
            }
        }
    }

    /// Reads the inside of the braces from UTF-8 bytes. ASCII without `\r` (every claim
    /// in practice) is cut on its bytes, where a byte is a `Character`; anything else goes
    /// through `init(_:)`, which knows that `\r\n` or a space and a combining mark is one.
    init(utf8 bytes: ArraySlice<UInt8>) {
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            self.init(String(decoding: bytes, as: UTF8.self))
            return
        }
        var levels: [String] = []
        var id: String?
        var unsupported: [String] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
                i += 1
                continue
            }
            var end = i + 1
            while end < bytes.endIndex, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: "\t"), bytes[end] != UInt8(ascii: "\n") {
                end += 1
            }
            let word = bytes[i..<end]
            if byte == UInt8(ascii: "."), word.count > 1 {
                levels.append(String(decoding: word.dropFirst(), as: UTF8.self))
            } else if byte == UInt8(ascii: "#"), word.count > 1, id == nil {
                id = String(decoding: word.dropFirst(), as: UTF8.self)
            } else {
                unsupported.append(String(decoding: word, as: UTF8.self))
            }
            i = end
        }
        self.init(levels: levels, id: id, unsupported: unsupported)
    }

    private init(levels: [String], id: String?, unsupported: [String]) {
        self.levels = levels
        self.id = id
        self.unsupported = unsupported
    }

    /// Whether `{…}` after a `]` reads as a claim's attributes (a `.class` in any place:
    /// `{.level}`, `{.level #id}`, `{#id .level}`), whether or not its `}` follows.
    static func looksLikeClaim(_ braced: some Collection<UInt8>) -> Bool {
        guard braced.first == UInt8(ascii: "{") else { return false }
        // To the `}`, or to the next `{`: text of many braces is read once, not once per brace.
        let inside = braced.dropFirst().prefix { $0 != UInt8(ascii: "}") && $0 != UInt8(ascii: "{") }
        return !ClaimAttributes(utf8: ArraySlice(inside)).levels.isEmpty
    }

    /// Whether plain text holds `]{…}` that reads as a claim's attributes.
    static func mayHoldClaim(_ text: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < text.count {
            if text[i] == UInt8(ascii: "]"), text[i + 1] == UInt8(ascii: "{"), looksLikeClaim(text[(i + 1)...]) { return true }
            i += 1
        }
        return false
    }

    static func isValidID(_ id: String) -> Bool {
        var id = id
        // ASCII on its bytes: its only alphabetic scalars are the letters.
        if let ascii = id.withUTF8({ bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard let first = bytes.first, first.isASCIIAlphanumeric, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
            else { return false }
            return bytes.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        }) {
            return ascii
        }
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
