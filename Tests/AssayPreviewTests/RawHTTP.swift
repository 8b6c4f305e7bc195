import AssayTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One parsed response.
struct RawResponse: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    init(_ bytes: [UInt8]) throws {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw RawConnection.Failure(description: "no complete response head in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw RawConnection.Failure(description: "bad status line \(head[0])")
        }
        self.status = status
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        var body = Array(bytes[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), body.count > length {
            body = Array(body.prefix(length))
        }
        self.body = body
    }
}

enum RawHTTP {
    /// Sends `request` exactly as given and reads the response until the server closes.
    static func exchange(port: UInt16, _ request: [UInt8]) async throws -> RawResponse {
        try RawResponse(try await exchange(port: port, request, raw: true))
    }

    /// The same, the response's bytes as they came (several responses, for pipelining).
    static func exchange(port: UInt16, _ request: [UInt8], raw: Bool) async throws -> [UInt8] {
        try await offPool {
            let connection = try RawConnection(port: port)
            try connection.send(request)
            return try connection.receiveAll()
        }
    }

    /// `method target` with `Connection: close` and any extra header lines.
    static func request(port: UInt16, _ target: String, method: String = "GET", headers: [String] = []) async throws -> RawResponse {
        let lines = ["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"] + headers
        return try await exchange(port: port, Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8))
    }
}

/// An open `/__assay/events` stream, read like a browser's EventSource would.
final class EventStreamClient: @unchecked Sendable {
    struct Event: Sendable, Equatable {
        var name: String
        var data: String
    }

    private let connection: RawConnection
    private var raw: [UInt8] = []
    private var decoded: [UInt8] = []
    private var headerSeen = false
    private var ended = false

    init(port: UInt16, since token: String?) async throws {
        connection = try RawConnection(port: port)
        let query = token.map { "?since=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        try connection.send("GET /__assay/events\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    }

    /// The next event called `name` (others are skipped), within `limit`.
    func next(_ name: String, within limit: Duration = .seconds(20)) async throws -> Event {
        try await offPool { [self] in
            let deadline = ContinuousClock.now + limit
            while true {
                while let event = takeEvent() {
                    if event.name == name { return event }
                }
                guard !ended, let bytes = try connection.receive(before: deadline) else {
                    throw RawConnection.Failure(description: "event stream ended before '\(name)'")
                }
                raw += bytes
                dechunk()
            }
        }
    }

    /// Whether the server ends the stream within `limit` (it does when it stops).
    func waitForEnd(within limit: Duration = .seconds(10)) async throws -> Bool {
        try await offPool { [self] in
            let deadline = ContinuousClock.now + limit
            while let bytes = try connection.receive(before: deadline) {
                raw += bytes
            }
            return true
        }
    }

    /// Moves whole chunks of the chunked body from `raw` to `decoded`.
    private func dechunk() {
        if !headerSeen {
            guard let end = raw.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            raw.removeSubrange(..<end.upperBound)
            headerSeen = true
        }
        while let lineEnd = raw.firstRange(of: Array("\r\n".utf8)),
              let size = Int(String(decoding: raw[..<lineEnd.lowerBound], as: UTF8.self), radix: 16),
              raw.count >= lineEnd.upperBound + size + 2 {
            if size == 0 { ended = true }
            decoded += raw[lineEnd.upperBound..<(lineEnd.upperBound + size)]
            raw.removeSubrange(..<(lineEnd.upperBound + size + 2))
        }
    }

    /// One complete `event:`/`data:` block from `decoded`, if there is one; comments
    /// and `retry:` blocks are dropped.
    private func takeEvent() -> Event? {
        while let end = decoded.firstRange(of: Array("\n\n".utf8)) {
            let block = String(decoding: decoded[..<end.lowerBound], as: UTF8.self)
            decoded.removeSubrange(..<end.upperBound)
            var name = "message"
            var data: [String] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            if !data.isEmpty { return Event(name: name, data: data.joined(separator: "\n")) }
        }
        return nil
    }
}
