/// Reads the inside of `[@a; @b, p. 12]`. Anything else is not a citation and stays text.
enum CitationParser {
    static func items(_ text: String) -> [Citation.Item]? {
        var items: [Citation.Item] = []
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingWhitespace()
            guard trimmed.first == "@" else { return nil }
            let body = trimmed.dropFirst()
            let key: Substring
            var locator: String?
            if let comma = body.firstIndex(of: ",") {
                key = body[..<comma]
                let rest = body[body.index(after: comma)...].trimmingWhitespace()
                locator = rest.isEmpty ? nil : String(rest)
            } else {
                key = body
            }
            guard isKey(key) else { return nil }
            items.append(Citation.Item(key: String(key), locator: locator))
        }
        return items.isEmpty ? nil : items
    }

    /// Pandoc's rule: starts with a letter, digit or `_`; inside, also `:.#$%&-+?<>~/`;
    /// never ends in punctuation.
    static func isKey(_ key: Substring) -> Bool {
        guard let first = key.unicodeScalars.first, let last = key.unicodeScalars.last else { return false }
        func word(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" }
        guard word(first), word(last) else { return false }
        return key.unicodeScalars.allSatisfy { word($0) || ":.#$%&-+?<>~/".unicodeScalars.contains($0) }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}
