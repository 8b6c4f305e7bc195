import AssayTestSupport
@testable import AssayPreview
import Foundation
import Testing

/// Clients that send too much, too slowly, or too many connections: each is cut off,
/// and an ordinary request made meanwhile is still answered.
@Suite("Hostile clients", .timeLimit(.minutes(1)))
struct HostileClientTests {
    /// Sends `bytes` as far as the server lets it (it may close part-way), then reads
    /// until the server closes the connection.
    static func sendThenReceive(port: UInt16, _ bytes: [UInt8]) async throws -> [UInt8] {
        try await offPool {
            let connection = try RawConnection(port: port)
            try? connection.send(bytes)
            return try connection.receiveAll(within: .seconds(20))
        }
    }

    static let requestLine = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"

    /// Refused as soon as the limit's worth has come, not once the head ends: the head
    /// below never ends, and the server reads at most the limit and one read more.
    @Test func a64KBHeaderGets431AndIsNotReadToTheEnd() async throws {
        try await RunningPreview.with { (preview) async throws in
            let oneField = Array((Self.requestLine + "X-Big: " + String(repeating: "a", count: 64 * 1024)).utf8)
            let reply = try await Self.sendThenReceive(port: preview.port, oneField)
            #expect(try RawResponse(reply).status == 431)
            let manyFields = Array((Self.requestLine + (0..<10).map { "X-P\($0): " + String(repeating: "p", count: 6600) + "\r\n" }.joined()).utf8)
            #expect(manyFields.count > 64 * 1024)
            #expect(try RawResponse(try await Self.sendThenReceive(port: preview.port, manyFields)).status == 431)
            let read = try #require(preview.server.http).largestRefusedRead.withLock { $0 }
            #expect(read > 8192)
            #expect(read <= RequestLimits().maxHeaderBytes + 16384 + Self.requestLine.utf8.count)
            #expect(try await preview.get("/").status == 200)
        }
    }

    @Test func twoHugeTargetsThenANormalRequestIsAnswered() async throws {
        try await RunningPreview.with { (preview) async throws in
            let huge = Array(("GET /" + String(repeating: "a", count: 512 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n").utf8)
            async let first = Self.sendThenReceive(port: preview.port, huge)
            async let second = Self.sendThenReceive(port: preview.port, huge)
            let normal = try await preview.get("/")
            #expect(normal.status == 200)
            #expect(normal.text.contains("data-assay-live"))
            #expect(try RawResponse(try await first).status == 414)
            #expect(try RawResponse(try await second).status == 414)
        }
    }

    /// A byte every 50 ms, for a head that would take 10 s: the head deadline (1 s here)
    /// cuts it off, and a request made meanwhile is answered.
    @Test func aSlowlorisClientIsCutOff() async throws {
        try await RunningPreview.with(limits: RequestLimits(headTimeout: .seconds(1))) { (preview) async throws in
            let slow = Task {
                try await offPool { () -> (closed: Bool, sent: Int) in
                    let connection = try RawConnection(port: preview.port)
                    try connection.send(Self.requestLine)
                    for sent in 0..<200 {
                        guard (try? connection.send("X")) != nil else { return (true, sent) }
                        // Nil: the server closed; a timeout: it is still waiting.
                        if (try? connection.receive(before: .now + .milliseconds(50))) == .some(nil) { return (true, sent) }
                    }
                    return (false, 200)
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await preview.get("/").status == 200)
            let (closed, sent) = try await slow.value
            #expect(closed)
            #expect(sent < 200)
            #expect(try await preview.get("/").status == 200)
        }
    }

    /// More stalled connections than the server keeps: the longest-waiting make room,
    /// so a new client is still answered.
    @Test func manyStalledConnectionsDoNotCrowdOutARequest() async throws {
        try await RunningPreview.with(limits: RequestLimits(maxConnections: 16)) { (preview) async throws in
            let stalled = try await offPool {
                try (0..<40).map { _ in
                    let connection = try RawConnection(port: preview.port)
                    try connection.send(Self.requestLine)
                    return connection
                }
            }
            // Give the server time to accept them all, so the request below comes last.
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await preview.get("/").status == 200)
            #expect(stalled.count == 40)
        }
    }
}
