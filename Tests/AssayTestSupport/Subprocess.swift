import Foundation

/// Runs a program to completion, the way the tests run `assay` and the `cmark` reference:
/// standard input, output and error go through files rather than pipes, so nothing can
/// block on a full pipe buffer.
public enum Subprocess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
    }

    /// `environment` nil: the test process's own.
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, input: Data = Data(),
        environment: [String: String]? = nil
    ) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "assay-subprocess-\(UUID().uuidString)")
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
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }

    /// An executable SwiftPM built beside the running test bundle, e.g. `assay` for a test
    /// target that depends on it.
    public static func builtProduct(_ name: String) -> URL {
        #if canImport(Darwin)
        let folder = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        #else
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        #endif
        return folder.appending(path: name)
    }

    private final class Marker {}
}
