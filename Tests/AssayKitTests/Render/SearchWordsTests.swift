import Testing

@testable import AssayKit

/// The byte splitter gives exactly the Character split's words, including where Unicode
/// joins a separator to its neighbour.
@Suite("Search index words")
struct SearchWordsTests {
    @Test(arguments: [
        "", " ", "one", "two words", "  leading and trailing  ", "tabs\tand\nnewlines\n\n",
        "Mitragynine binds mu-opioid receptors (in cells) — 7-OH: 13× morphine",
        "Café, naïve, 12 µg, 50 %",
        "a\r\nb", "line one\r\nline two",  // \r\n is one Character: not split there
        "a \u{301}b", "x\n\u{308}y",  // a combining mark joins the separator before it
        "\u{600} 1", "e\u{301} f",  // a prepend mark joins the space after it; non-ASCII before a space
        "👩‍⚕️ doctor 👍🏽 ok", "\u{200D} zwj",
    ])
    func sameAsCharacters(_ text: String) {
        #expect(SearchWords.split(text) == SearchWords.slow(text), "\(Array(text.unicodeScalars))")
    }

    @Test func joinedSeparatorsStayInsideAWord() {
        #expect(SearchWords.split("a\r\nb").count == 1)
        #expect(SearchWords.split("a \u{301}b").count == 1)
        #expect(SearchWords.split("plain ascii words") == ["plain", "ascii", "words"])
    }

    /// The eight-byte test for ASCII without `\r` gives what asking each byte gives: a
    /// `\r` or a non-ASCII byte at every place of texts of every length across two words.
    @Test func asciiWithoutReturnAtEveryPlace() {
        for length in 0...20 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            for odd: UInt8 in [0x0D, 0x80, 0xC3, 0xFF, 0x0C, 0x0E, 0x7F, 0x8D] {
                for place in 0..<max(length, 1) where length > 0 {
                    var bytes = plain
                    bytes[place] = odd
                    let expected = !bytes.contains { $0 >= 0x80 || $0 == 0x0D }
                    #expect(bytes.withUnsafeBufferPointer(SearchWords.isASCIIWithoutReturn) == expected, "\(odd) at \(place) of \(length)")
                }
            }
            #expect(plain.withUnsafeBufferPointer(SearchWords.isASCIIWithoutReturn))
        }
    }
}
