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
        let report = try SiteBuilder.build(BuildOptions(root: root, output: out, drafts: drafts))
        DiagnosticPrinter.print(report.warnings)
        print(report.summary)
    }
}
