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

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
