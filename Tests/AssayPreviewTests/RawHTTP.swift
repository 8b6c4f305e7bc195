import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare HTTP/1.1 client on a blocking socket: it sends the request bytes exactly as
/// written (URL clients would normalise `/../` away) and reads the raw response. Every
/// blocking call runs on its own thread, never on Swift's cooperative pool, which the
/// server under test shares.
final class RawConnection: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32

    /// The socket is set up in a local first: a class whose init throws once every
    /// property is set still runs `deinit`, which would close the number a second time
    /// (by then perhaps another test's socket).
    init(port: UInt16) throws {
        let made = socket(AF_INET, streamType, 0)
        guard made >= 0 else { throw Failure(description: "socket() failed") }
        // Each read waits at most this long, so a deadline is checked in between.
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(made, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(made, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(made)
            throw Failure(description: "connect to port \(port) failed")
        }
        fd = made
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { sendBytes(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "send failed after \(sent) bytes") }
            sent += n
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// The next bytes, or nil at end of stream; throws when `deadline` passes first.
    func receive(before deadline: ContinuousClock.Instant) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { return Array(buffer[..<n]) }
            if n == 0 { return nil }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                if ContinuousClock.now >= deadline { throw Failure(description: "timed out waiting for data") }
                continue
            }
            // A reset counts as the server closing the connection.
            if errno == ECONNRESET { return nil }
            throw Failure(description: "recv failed: errno \(errno)")
        }
    }

    /// Everything until the server closes the connection.
    func receiveAll(within limit: Duration = .seconds(10)) throws -> [UInt8] {
        let deadline = ContinuousClock.now + limit
        var all: [UInt8] = []
        while let bytes = try receive(before: deadline) { all += bytes }
        return all
    }
}

/// Runs blocking work on a thread of its own.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

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

#if canImport(Glibc)
private let streamType = Int32(SOCK_STREAM.rawValue)
private func sendBytes(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.send(fd, buffer, count, Int32(MSG_NOSIGNAL))
}
#elseif canImport(Darwin)
private let streamType = SOCK_STREAM
private func sendBytes(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Darwin.send(fd, buffer, count, 0)
}
#endif
