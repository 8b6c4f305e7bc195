import Testing

@testable import AssayKit

/// `SearchWordNumbering` looks ASCII words up by their bytes before the dictionary; it
/// must number, count and spell every word as the dictionary alone did.
@Suite struct SearchWordNumberingTests {
    /// The plain numbering: every word through a dictionary of Substrings.
    static func reference(_ texts: [String]) -> (words: [Substring], counts: [Int], numbered: [Int32]) {
        var ids: [Substring: Int32] = [:]
        var words: [Substring] = []
        var counts: [Int] = []
        var numbered: [Int32] = []
        for text in texts {
            for word in SearchWords.split(text) {
                if let id = ids[word] {
                    counts[Int(id)] += 1
                    numbered.append(id)
                } else {
                    ids[word] = Int32(words.count)
                    numbered.append(Int32(words.count))
                    words.append(word)
                    counts.append(1)
                }
            }
            numbered.append(-1)
        }
        return (words, counts, numbered)
    }

    @Test(arguments: [
        // A Kelvin sign equals K as Swift compares strings: before and after the ASCII spelling.
        ["K \u{212A} k", "\u{212A} K"],
        ["\u{212A}", "K K"],
        // é composed and decomposed, in a word and alone.
        ["caf\u{E9} cafe\u{301}", "cafe\u{301} caf\u{E9} cafe"],
        // Texts that take the Character split: \r\n, a combining mark after a space.
        ["a\r\nb a b", "x \u{301}y x", "tabs\tand\nnewlines  and   spaces"],
        // Empty texts, only separators, repeated words, punctuation, emoji.
        ["", " ", "\t\n", "the the THE the.", "👩‍⚕️ a 👩‍⚕️"],
        // Enough distinct words to grow the ASCII table several times.
        (0..<5000).map { "w\($0) common w\($0 / 3)" },
    ])
    func numbersAsTheDictionaryDid(_ texts: [String]) {
        var numbering = SearchWordNumbering()
        for text in texts { numbering.add(text) }
        let expected = Self.reference(texts)
        #expect(numbering.words.map { Array($0.unicodeScalars) } == expected.words.map { Array($0.unicodeScalars) })
        #expect(numbering.counts == expected.counts)
        #expect(numbering.numbered == expected.numbered)
    }
}
