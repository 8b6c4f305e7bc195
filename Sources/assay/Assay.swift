import ArgumentParser
import AssayKit
import Foundation

@main
struct Assay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Build evidence guides: Markdown pages whose claims carry evidence levels.",
        version: "\(version) (commit \(BuildInfo.commit))",
        subcommands: [
            BuildCommand.self, ServeCommand.self, CheckCommand.self, RenderCommand.self, NewCommand.self,
            InitCommand.self, ThemeCommand.self, DiffCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    /// The release; `BuildInfo.commit` (written by the StampVersion plugin) says which
    /// commit the binary was built from.
    static let version = "0.1.0"

    /// Exit statuses are part of the interface (README): 0 clean, 1 errors in the site,
    /// 2 usage or I/O failure.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as BuildFailure {
            DiagnosticPrinter.print(failure.diagnostics)
            Foundation.exit(failure.exitStatus)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Flags every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The site's folder: the one holding content/ and templates/.")
    var root: String = "."

    var rootURL: URL {
        URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
