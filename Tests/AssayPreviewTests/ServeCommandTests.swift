import AssayTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `assay serve` command itself: started as a process, stopped with Ctrl-C.
@Suite("assay serve", .timeLimit(.minutes(1)))
struct ServeCommandTests {
    /// The `assay` binary SwiftPM built beside the test bundle.
    static var binary: URL { Subprocess.builtProduct("assay") }

    /// Ctrl-C, and SIGTERM as a service manager would send it.
    @Test(arguments: [SIGINT, SIGTERM])
    func stopSignalStopsTheServerCleanly(signal: Int32) async throws {
        let site = try TestSite()
        defer { site.remove() }
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no assay binary at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "-C", site.root.path, "--port", "0"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // "Serving /…/public at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        let reader = stdout.fileHandleForReading
        let banner = try await offPool { () -> String in
            var text = ""
            while !text.contains("(Ctrl-C to stop)") {
                let data = reader.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            return text
        }
        let port = try #require(banner.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) }, "banner: \(banner)")
        let events = try await EventStreamClient(port: port, since: nil)
        #expect(try await RawHTTP.request(port: port, "/").status == 200)

        kill(process.processIdentifier, signal)
        #expect(try await events.waitForEnd())
        let status = try await offPool { () -> Int32 in
            process.waitUntilExit()
            return process.terminationStatus
        }
        let rest = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(status == 0)
        #expect(rest.contains("Stopped."))
    }
}
