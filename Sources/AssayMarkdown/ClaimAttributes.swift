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

    /// Whether `{…}` after a `]` reads as a claim's attributes (a `.class` in any place:
    /// `{.level}`, `{.level #id}`, `{#id .level}`), whether or not its `}` follows.
    static func looksLikeClaim(_ braced: some Collection<UInt8>) -> Bool {
        guard braced.first == UInt8(ascii: "{") else { return false }
        // To the `}`, or to the next `{`: text of many braces is read once, not once per brace.
        let inside = braced.dropFirst().prefix { $0 != UInt8(ascii: "}") && $0 != UInt8(ascii: "{") }
        return !ClaimAttributes(String(decoding: inside, as: UTF8.self)).levels.isEmpty
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
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
