extension String {
    /// The string without the characters of `set` at either end: the bibliography trims
    /// names and fields with it, without Foundation's `CharacterSet`.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }) else { return "" }
        let end = lastIndex(where: { !chars.contains($0) })!
        return String(self[start...end])
    }
}
