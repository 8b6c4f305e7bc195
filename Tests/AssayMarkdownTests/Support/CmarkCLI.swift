import Foundation

/// The reference renderer: the `cmark` command-line program (Debian package `cmark`).
/// Assay promises byte-identical output for Markdown without claims or citations, so the
/// tests compare against the real program rather than against recorded HTML.
enum CmarkCLI {
    /// Why the reference could not be run. A missing program fails the test: a parity
    /// test that silently skips would prove nothing.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let candidates = ["/usr/bin/cmark", "/usr/local/bin/cmark", "/opt/homebrew/bin/cmark"]

    /// The program's path, or a failure telling how to install it.
    static func executable() throws -> URL {
        guard let path = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw Failure(
                description: "the cmark CLI is not installed (looked in \(candidates.joined(separator: ", "))): "
                    + "install the Debian package `cmark` (apt-get install cmark; CI installs it) to run the CommonMark parity tests")
        }
        return URL(fileURLWithPath: path)
    }

    /// What `cmark FILE` prints.
    static func render(file: URL) throws -> String {
        try run(arguments: [file.path], input: nil)
    }

    /// What `cmark` prints for `markdown` on standard input.
    static func render(_ markdown: String) throws -> String {
        try run(arguments: [], input: Data(markdown.utf8))
    }

    private static func run(arguments: [String], input: Data?) throws -> String {
        // Files rather than pipes: nothing can block on a full pipe buffer.
        let scratch = FileManager.default.temporaryDirectory.appending(path: "cmark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appending(path: "in"), outURL = scratch.appending(path: "out"), errURL = scratch.appending(path: "err")
        try (input ?? Data()).write(to: inURL)
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
        process.executableURL = try executable()
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw Failure(description: "cmark exited \(process.terminationStatus): \(message)")
        }
        return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    }
}
