import Foundation
import Testing

/// The built `assay` binary, run as a subprocess the way a user or CI runs it.
enum AssayProcess {
    /// What one run printed and how it ended.
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// SwiftPM builds `assay` beside the test bundle (the test target depends on it).
    static var binary: URL {
        #if canImport(Darwin)
        let folder = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        #else
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        #endif
        return folder.appending(path: "assay")
    }

    private final class Marker {}

    /// Runs `assay ARGUMENTS` in `directory` with `input` on stdin. `GITHUB_ACTIONS` is
    /// removed from the environment unless given, so the output does not depend on where
    /// the tests run.
    static func run(
        _ arguments: [String], in directory: URL, input: Data = Data(), environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path), "no assay binary at \(binary.path)",
            sourceLocation: sourceLocation)
        // Files rather than pipes: nothing can block on a full pipe buffer.
        let scratch = FileManager.default.temporaryDirectory.appending(path: "assay-cli-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appending(path: "in"), outURL = scratch.appending(path: "out"), errURL = scratch.appending(path: "err")
        try input.write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let stdin = try FileHandle(forReadingFrom: inURL)
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        env["ASSAY_TRACE"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// The reference renderer for `assay render`: the `cmark` command-line program.
enum CmarkCLI {
    static let path = ["/usr/bin/cmark", "/usr/local/bin/cmark", "/opt/homebrew/bin/cmark"]
        .first(where: FileManager.default.isExecutableFile(atPath:))

    /// What `cmark FILE` prints.
    static func render(file: URL) throws -> String {
        let cmark = try #require(path, "the cmark CLI is not installed: apt-get install cmark (CI installs it)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cmark)
        process.arguments = [file.path]
        let out = FileManager.default.temporaryDirectory.appending(path: "cmark-out-\(UUID().uuidString)")
        try Data().write(to: out)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }
}
