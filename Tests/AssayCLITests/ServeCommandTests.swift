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
        let events = try RawConnection(port: serve.port)
        try events.send("GET /__assay/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        #expect(try await offPool { try events.receiveUntil("retry:") })
        #expect(try await offPool { try get(port: serve.port, "/") }.hasPrefix("HTTP/1.1 200 OK"))

        kill(serve.process.processIdentifier, signal)
        #expect(try await offPool { () -> Bool in
            _ = try events.receiveAll()
            return true
        })
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
        let hostile = try await offPool { () -> [RawConnection] in
            var clients: [RawConnection] = []
            for text in [hugeTarget, hugeTarget, hugeHeader] {
                let client = try RawConnection(port: port)
                try? client.send(text)
                clients.append(client)
            }
            for _ in 0..<20 {
                let client = try RawConnection(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                clients.append(client)
            }
            return clients
        }
        #expect(try await offPool { try get(port: port, "/") }.hasPrefix("HTTP/1.1 200 OK"))

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

/// `GET target` with `Connection: close`: the whole response, as text.
private func get(port: UInt16, _ target: String) throws -> String {
    let client = try RawConnection(port: port)
    try client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return String(decoding: try client.receiveAll(), as: UTF8.self)
}
