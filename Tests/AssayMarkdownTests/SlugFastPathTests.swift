import Testing

@testable import AssayMarkdown

/// ASCII text is slugged on its bytes; the result must be what asking each Character
/// gives, which non-ASCII text still goes through.
@Suite("Slugs of ASCII text")
struct SlugFastPathTests {
    static func reference(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" {
                out.append(ch)
            } else if ch == " " {
                out.append("-")
            }
        }
        return out
    }

    static let ascii: [String] = [
        "", "Plain Title", "MiXeD cAsE 42", "tabs\tand\r\nbreaks", "a - b _ c", "!!!", "[x](y) `z` *w*",
        String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }),
    ]

    @Test(arguments: ascii)
    func sameAsCharacterByCharacter(_ text: String) {
        #expect(Slug.make(text) == Self.reference(text))
    }

    @Test(arguments: ["Café Über", "Ǆungla ǅ", "Ⅻ chapter", "١٢٣ digits", "Hi 👋"])
    func nonASCIIUnchanged(_ text: String) {
        #expect(Slug.make(text) == Self.reference(text))
    }
}
