import AssayTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `assay serve` command itself: started as a process, stopped with Ctrl-C or
/// SIGTERM, with well-behaved and hostile clients connected.
@Suite("assay serve", .timeLimit(.minutes(1)))
struct ServeCommandTests {
    /// Ctrl-C, and SIGTERM as a service manager would send it, with a tab's event
    /// stream open: the stream ends and the command exits 0.
    @Test(arguments: [SIGINT, SIGTERM])
    func stopSignalStopsTheServerCleanly(signal: Int32) async throws {
        let site = try TemporarySite()
        let serve = try ServeProcess(site: site.root)
        defer { serve.kill() }
        let events = try Client(port: serve.port)
        try events.send("GET /__assay/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        #expect(try await onThread { try events.receiveUntil("retry:") })
        #expect(try await onThread { try Client.get(port: serve.port, "/") }.hasPrefix("HTTP/1.1 200 OK"))

        kill(serve.process.processIdentifier, signal)
        #expect(try await onThread { try events.receiveUntilClosed() })
        let (status, rest) = try await serve.waitForExit(within: .seconds(10))
        #expect(status == 0)
        #expect(rest.contains("Stopped."))
    }

    /// Clients sending huge request targets and headers, and others stalling in their
    /// head: an ordinary request is still answered, and SIGTERM still stops the server.
    @Test func sigtermStopsTheServerWithHostileClientsConnected() async throws {
        let site = try TemporarySite()
        let serve = try ServeProcess(site: site.root)
        defer { serve.kill() }
        let port = serve.port
        let hugeTarget = "GET /" + String(repeating: "a", count: 512 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n"
        let hugeHeader = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 512 * 1024)
        let hostile = try await onThread { () -> [Client] in
            var clients: [Client] = []
            for text in [hugeTarget, hugeTarget, hugeHeader] {
                let client = try Client(port: port)
                try? client.send(text)
                clients.append(client)
            }
            for _ in 0..<20 {
                let client = try Client(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                clients.append(client)
            }
            return clients
        }
        #expect(try await onThread { try Client.get(port: port, "/") }.hasPrefix("HTTP/1.1 200 OK"))

        kill(serve.process.processIdentifier, SIGTERM)
        let (status, rest) = try await serve.waitForExit(within: .seconds(10))
        #expect(status == 0)
        #expect(rest.contains("Stopped."))
        #expect(hostile.count == 23)
    }
}

/// `assay serve -C SITE --port 0`, with the port read from its banner.
private final class ServeProcess: Sendable {
    let process: Process
    let port: UInt16
    private let stdout: FileHandle

    init(site: URL) throws {
        let binary = Subprocess.builtProduct("assay")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no assay binary at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "-C", site.path, "--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        stdout = pipe.fileHandleForReading
        // "Serving /…/public at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        var banner = ""
        while !banner.contains("(Ctrl-C to stop)") {
            let data = stdout.availableData
            if data.isEmpty { break }
            banner += String(decoding: data, as: UTF8.self)
        }
        port = try #require(banner.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) }, "banner: \(banner)")
    }

    /// The exit status and the rest of stdout; fails if the process runs past `limit`.
    func waitForExit(within limit: Duration) async throws -> (Int32, String) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(!process.isRunning, "still running \(limit) after the signal")
        let rest = String(decoding: stdout.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        return (process.terminationStatus, rest)
    }

    func kill() {
        if process.isRunning { process.terminate() }
    }
}

/// A blocking loopback client; each read waits at most 200 ms so deadlines are kept.
private final class Client: @unchecked Sendable {
    struct Failure: Error { var description: String }
    private let fd: Int32

    /// Set up in a local first: a class whose init throws once every property is set
    /// still runs `deinit`, which would close the number twice.
    init(port: UInt16) throws {
        #if canImport(Glibc)
        let made = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let made = socket(AF_INET, SOCK_STREAM, 0)
        var yes: Int32 = 1
        setsockopt(made, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        guard made >= 0 else { throw Failure(description: "socket() failed") }
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
            throw Failure(description: "connect to \(port) failed")
        }
        fd = made
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let n = bytes[sent...].withUnsafeBytes { Darwin.send(fd, $0.baseAddress, $0.count, 0) }
            #endif
            guard n > 0 else { throw Failure(description: "send failed after \(sent) bytes") }
            sent += n
        }
    }

    /// Reads until the text so far contains `marker`, or fails after 10 s.
    func receiveUntil(_ marker: String) throws -> Bool {
        var text = ""
        let deadline = ContinuousClock.now + .seconds(10)
        while !text.contains(marker) {
            guard let bytes = try receive(before: deadline) else { return false }
            text += String(decoding: bytes, as: UTF8.self)
        }
        return true
    }

    /// Reads until the server closes the connection, or fails after 10 s.
    func receiveUntilClosed() throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while try receive(before: deadline) != nil {}
        return true
    }

    func receiveAll() throws -> String {
        var all: [UInt8] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while let bytes = try receive(before: deadline) { all += bytes }
        return String(decoding: all, as: UTF8.self)
    }

    private func receive(before deadline: ContinuousClock.Instant) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { return Array(buffer[..<n]) }
            if n == 0 || errno == ECONNRESET { return nil }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else { throw Failure(description: "recv: errno \(errno)") }
            if ContinuousClock.now >= deadline { throw Failure(description: "timed out") }
        }
    }

    /// `GET target` with `Connection: close`: the whole response.
    static func get(port: UInt16, _ target: String) throws -> String {
        let client = try Client(port: port)
        try client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return try client.receiveAll()
    }
}

/// Runs blocking work on a thread of its own, never on the cooperative pool.
private func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
