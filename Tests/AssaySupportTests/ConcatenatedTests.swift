import Testing

import AssaySupport

@Suite("String.concatenated")
struct ConcatenatedTests {
    static let parts = ["", "a", "<span class=\"claim\" id=\"", "café 👩‍⚕️", String(repeating: "long ", count: 300), "\u{301}"]

    @Test("gives what + gives, for empty, short, long and non-ASCII parts")
    func sameAsPlus() {
        for a in Self.parts {
            for b in Self.parts {
                for c in Self.parts {
                    let made = String.concatenated(a, b, c)
                    #expect(made == a + b + c)
                    #expect(Array(made.utf8) == Array(a.utf8) + Array(b.utf8) + Array(c.utf8))
                }
            }
        }
    }
}
