@testable import AssayPreview
import Testing

/// The default limits, on request parts (the server tests use small limits, as
/// FlyingFox is slow to read long header lines).
@Suite("Request limits")
struct RequestLimitsTests {
    let limits = RequestLimits()

    func status(target: String = "/", _ fields: [(String, String)] = [("Host", "127.0.0.1")]) -> Int? {
        limits.violation(target: target, fields: fields.map { (name: $0.0, value: $0.1) })?.code
    }

    @Test func ordinaryRequestsPass() {
        let browser = [
            ("Host", "127.0.0.1:8000"), ("User-Agent", String(repeating: "u", count: 300)),
            ("Accept", "text/html,application/xhtml+xml"), ("Cookie", String(repeating: "c", count: 4000)),
        ]
        #expect(status(target: "/articles/one.html?x=" + String(repeating: "q", count: 8000), browser) == nil)
        #expect(status(target: "/", [("Content-Length", "0")]) == nil)
    }

    @Test func longTargetsGet414() {
        #expect(status(target: "/" + String(repeating: "a", count: 8192)) == 414)
    }

    @Test func largeOrManyHeadersGet431() {
        #expect(status([("X-Big", String(repeating: "b", count: 8190))]) == 431)
        #expect(status((0..<101).map { ("X-F\($0)", "v") }) == 431)
        #expect(status((0..<5).map { ("X-P\($0)", String(repeating: "p", count: 7000)) }) == 431)
    }

    @Test func bodiesGet413() {
        #expect(status([("Content-Length", "1")]) == 413)
        #expect(status([("content-length", "99999999999")]) == 413)
        #expect(status([("Transfer-Encoding", "chunked")]) == 413)
        #expect(status([("Content-Length", "-1")]) == 400)
        #expect(status([("Content-Length", "ten")]) == 400)
    }
}
