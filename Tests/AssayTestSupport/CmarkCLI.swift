import Foundation

/// The reference renderer: the `cmark` command-line program (Debian package `cmark`).
/// Assay promises byte-identical output for Markdown without claims or citations, so the
/// tests compare against the real program rather than against recorded HTML.
public enum CmarkCLI {
    /// Why the reference could not be run. A missing program fails the test: a parity
    /// test that silently skips would prove nothing.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let candidates = ["/usr/bin/cmark", "/usr/local/bin/cmark", "/opt/homebrew/bin/cmark"]

    /// The program's path, or a failure telling how to install it.
    public static func executable() throws -> URL {
        guard let path = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw Failure(
                description: "the cmark CLI is not installed (looked in \(candidates.joined(separator: ", "))): "
                    + "install the Debian package `cmark` (apt-get install cmark; CI installs it) to run the CommonMark parity tests")
        }
        return URL(fileURLWithPath: path)
    }

    /// What `cmark FILE` prints.
    public static func render(file: URL) throws -> String {
        try run(arguments: [file.path], input: nil)
    }

    /// What `cmark` prints for `markdown` on standard input.
    public static func render(_ markdown: String) throws -> String {
        try run(arguments: [], input: Data(markdown.utf8))
    }

    private static func run(arguments: [String], input: Data?) throws -> String {
        let output = try Subprocess.run(try executable(), arguments, input: input ?? Data())
        guard output.status == 0 else {
            throw Failure(description: "cmark exited \(output.status): \(String(decoding: output.stderr, as: UTF8.self))")
        }
        return String(decoding: output.stdout, as: UTF8.self)
    }
}
