import Foundation
import Testing

@testable import AssayKit

@Suite("JSON writer")
struct JSONValueTests {
    static func quoted(_ s: String) -> String {
        JSONValue.string(s).serialized()
    }

    /// JSON inside `<script>` must not be able to end the element or open a comment.
    @Test func safeInsideScript() {
        let json = Self.quoted("</script><script>alert(1)</script><!-- & -->")
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(json == #""\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u003c!-- \u0026 --\u003e""#)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{1}\u{1f}", #""\u0001\u001f""#),
        ("line\u{2028}para\u{2029}end", #""line\u2028para\u2029end""#),
        ("é € ‧ 😀", "\"é € ‧ 😀\""),
    ])
    func escapes(raw: String, json: String) {
        #expect(Self.quoted(raw) == json)
    }

    /// Whatever goes in comes back out of a real JSON parser unchanged.
    @Test(arguments: [
        "</script>", "\u{2028}\u{2029}", "\u{2027}", "€uro", "\u{0}nul", "a\u{7f}b", "مرحبا", "👩‍⚕️",
        "\\u003c", "tab\there", "\u{E2}",
    ])
    func roundTrips(_ s: String) throws {
        let document = JSONValue.array([.string(s), .object([(s, .string(s))])])
        let parsed = try JSONSerialization.jsonObject(with: Data(document.bytes()), options: [.fragmentsAllowed])
        let array = try #require(parsed as? [Any])
        #expect(array[0] as? String == s)
        #expect((array[1] as? [String: String])?[s] == s)
    }

    @Test func keepsKeyOrderAndIndents() {
        let value = JSONValue.object([
            ("z", .number(1)), ("a", .bool(true)), ("m", .null), ("list", .array([.number(-2), .array([]), .object([])])),
        ])
        #expect(value.serialized() == #"{"z":1,"a":true,"m":null,"list":[-2,[],{}]}"#)
        #expect(value.serialized(pretty: true) == """
            {
              "z": 1,
              "a": true,
              "m": null,
              "list": [
                -2,
                [],
                {}
              ]
            }
            """)
    }
}
