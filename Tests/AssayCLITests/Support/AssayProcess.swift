import AssayTestSupport
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
    static var binary: URL { Subprocess.builtProduct("assay") }

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
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        env["ASSAY_TRACE"] = nil
        env.merge(environment) { $1 }
        let output = try Subprocess.run(binary, arguments, in: directory, input: input, environment: env)
        return Result(
            status: output.status,
            stdout: String(decoding: output.stdout, as: UTF8.self),
            stderr: String(decoding: output.stderr, as: UTF8.self))
    }
}
