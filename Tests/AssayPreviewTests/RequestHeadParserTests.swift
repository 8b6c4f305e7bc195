@testable import AssayPreview
import Testing

/// The head parser on its own: limits applied while bytes arrive, not after.
@Suite("Request head parser")
struct RequestHeadParserTests {
    let limits = RequestLimits()

    func parse(_ text: String, limits: RequestLimits? = nil) -> RequestHeadParser.Outcome {
        var parser = RequestHeadParser(limits: limits ?? self.limits)
        return parser.append(Array(text.utf8))
    }

    @Test func parsesAnOrdinaryHead() throws {
        let outcome = parse("GET /a%20b.html?since=x%2D1&y HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept:  text/html \r\n\r\n")
        guard case .head(let head) = outcome else {
            Issue.record("got \(outcome)")
            return
        }
        #expect(head.method == "GET")
        #expect(head.target == "/a%20b.html?since=x%2D1&y")
        #expect(head.path == "/a%20b.html")
        #expect(head.queryValue("since") == "x-1")
        #expect(head.queryValue("y") == "")
        #expect(head.queryValue("z") == nil)
        #expect(head.value(of: "accept") == "text/html")
        #expect(head.keepsAlive)
    }

    @Test func headsArriveInPieces() throws {
        var parser = RequestHeadParser(limits: limits)
        let text = Array("\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /next".utf8)
        for byte in text.dropLast(11) {
            #expect(parser.append([byte]) == .needMore)
        }
        guard case .head(let head) = parser.append(text.suffix(11)) else {
            Issue.record("no head")
            return
        }
        #expect(head.path == "/")
        #expect(!head.keepsAlive)
        // What came after the head starts the next request.
        #expect(parser.leftover == Array("GET /next".utf8))
    }

    /// Refused once the limit's worth has arrived, with no line end in sight.
    @Test func longLinesAreRefusedBeforeTheyEnd() {
        #expect(parse("GET /" + String(repeating: "a", count: 8200)) == .refused(.uriTooLong))
        #expect(parse("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 8200)) == .refused(.headerFieldsTooLarge))
        let manyLines = (0..<5).map { "X-P\($0): " + String(repeating: "p", count: 7000) + "\r\n" }.joined()
        #expect(parse("GET / HTTP/1.1\r\n" + manyLines) == .refused(.headerFieldsTooLarge))
        #expect(parse("GET / HTTP/1.1\r\n" + (0..<101).map { "X-F\($0): v\r\n" }.joined()) == .refused(.headerFieldsTooLarge))
    }

    @Test func justUnderTheLimitsPasses() {
        let target = "/?q=" + String(repeating: "q", count: 8192 - 18)
        let fields = (0..<4).map { "X-P\($0): " + String(repeating: "p", count: 7000) + "\r\n" }.joined() + (0..<95).map { "X-\($0): v\r\n" }.joined()
        let line = "GET \(target) HTTP/1.1"
        #expect(line.utf8.count == 8191)
        guard case .head(let head) = parse(line + "\r\nHost: x\r\n" + fields + "\r\n") else {
            Issue.record("refused a head within the limits")
            return
        }
        #expect(head.target == target)
        #expect(head.fields.count == 100)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nHost: x\r\ncontent-length: 99999999999999999999\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nNo-colon\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{1}b\r\n\r\n", 400),
    ])
    func refusals(head: String, code: Int) {
        guard case .refused(let status) = parse(head) else {
            Issue.record("accepted \(head.debugDescription)")
            return
        }
        #expect(status.code == code)
    }

    @Test func zeroLengthBodyAndHTTP10Pass() {
        guard case .head(let head) = parse("GET / HTTP/1.0\r\nContent-Length: 0\r\n\r\n") else {
            Issue.record("refused")
            return
        }
        #expect(!head.keepsAlive)
        guard case .head(let kept) = parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") else {
            Issue.record("refused")
            return
        }
        #expect(kept.keepsAlive)
    }
}
