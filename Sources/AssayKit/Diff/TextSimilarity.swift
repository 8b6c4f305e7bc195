/// How alike two claim texts are, for matching a re-worded claim to its earlier wording.
///
/// Word-set Jaccard: shared words over all words, case and punctuation ignored. Claims
/// are one sentence; a changed word or two keeps a long sentence well above the
/// threshold, while two different claims on one topic share few words besides "kratom".
enum TextSimilarity {
    /// The lowest similarity at which two claims are taken for one.
    static let threshold = 0.5

    static func words(_ text: String) -> Set<String> {
        var words = Set<String>()
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.insert(word)
                word = ""
            }
        }
        if !word.isEmpty { words.insert(word) }
        return words
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let union = a.union(b).count
        return Double(a.intersection(b).count) / Double(union)
    }
}
