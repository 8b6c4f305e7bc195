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
public final class RawConnection: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    private let fd: Int32

    /// The socket is set up in a local first: a class whose init throws once every
    /// property is set still runs `deinit`, which would close the number a second time
    /// (by then perhaps another test's socket).
    public init(port: UInt16) throws {
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

    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { sendBytes(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "send failed after \(sent) bytes") }
            sent += n
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// The next bytes, or nil at end of stream; throws when `deadline` passes first.
    public func receive(before deadline: ContinuousClock.Instant) throws -> [UInt8]? {
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
    public func receiveAll(within limit: Duration = .seconds(10)) throws -> [UInt8] {
        let deadline = ContinuousClock.now + limit
        var all: [UInt8] = []
        while let bytes = try receive(before: deadline) { all += bytes }
        return all
    }

    /// Reads until the text so far contains `marker`; false if the server closes first.
    public func receiveUntil(_ marker: String, within limit: Duration = .seconds(10)) throws -> Bool {
        let deadline = ContinuousClock.now + limit
        var text = ""
        while !text.contains(marker) {
            guard let bytes = try receive(before: deadline) else { return false }
            text += String(decoding: bytes, as: UTF8.self)
        }
        return true
    }
}

/// Runs blocking work on a thread of its own.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
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
