import ArgumentParser
import AssayKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into public/ (nothing is written unless every page builds)."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: "Output folder.")
    var output: String = "public"

    @Flag(help: "Include pages marked `draft: true`.")
    var drafts = false

    func run() throws {
        let root = site.rootURL
        let out = URL(fileURLWithPath: output, relativeTo: root).standardizedFileURL
        BuildInterruption.install()
        let report: BuildReport
        do {
            var options = BuildOptions(root: root, output: out, drafts: drafts)
            options.endsProcess = true
            report = try SiteBuilder.build(options)
        } catch {
            guard let interrupted = error.diagnostics.first(where: { $0.rule == .interrupted }) else { throw error }
            // As shells report a process ended by Ctrl-C: 128 + SIGINT.
            FileHandle.standardError.write(Data("assay: \(interrupted.message)\n".utf8))
            throw ExitCode(130)
        }
        DiagnosticPrinter.print(report.warnings)
        print(report.summary)
    }
}
