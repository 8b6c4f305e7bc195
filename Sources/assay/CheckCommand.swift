import ArgumentParser
import AssayKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every rule on the site without writing anything; exit 1 on errors.",
        discussion: """
            Checks the pages, the bibliography and the HTML a build would make (links and \
            anchors from templates included). Diagnostics go to stderr as \
            `path:line:col: error|warning: message [rule-id]`, sorted, then a count. \
            Exit status: 0 no errors, 1 errors, 2 usage or I/O failure.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions

    @Flag(help: "Report warnings as errors.")
    var strict = false

    @Flag(help: "Check pages marked `draft: true` too.")
    var drafts = false

    @Option(help: "Output: text (stderr, like a compiler) or json (stdout, for editors and scripts).")
    var format: Format = .text

    @Option(help: ArgumentHelp("The date reviews are due against (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: ArgumentHelp(
        "A local copy of the Retraction Watch data set (Crossref's retraction_watch.csv): cited works it lists are reported.",
        valueName: "CSV"))
    var retractions: String?

    func validate() throws {
        if let today, SimpleDate(iso: today) == nil {
            throw ValidationError("--today must be a date written YYYY-MM-DD, not '\(today)'")
        }
    }

    func run() throws {
        let root = site.rootURL
        guard FileManager.default.fileExists(atPath: root.appending(path: SiteConfig.path).path) else {
            // Not a site at all: a usage problem, not a problem in a site.
            FileHandle.standardError.write(Data("error: no \(SiteConfig.path) in \(root.path): is this an Assay site? (-C sets the site's folder)\n".utf8))
            throw ExitCode(2)
        }
        let date = today.flatMap(SimpleDate.init(iso:)) ?? SimpleDate.today()
        // Relative to where assay runs, as a shell user expects of a path they typed.
        let data = retractions.map { path in
            (url: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL, path: path)
        }
        let result = SiteChecker.check(root: root, drafts: drafts, today: date, strict: strict, retractions: data)
        switch format {
        case .text:
            DiagnosticPrinter.print(result.diagnostics)
            FileHandle.standardError.write(Data((result.summary + "\n").utf8))
        case .json:
            FileHandle.standardOutput.write(Data(result.json().utf8))
        }
        if result.errors > 0 { throw ExitCode(BuildFailure(result.diagnostics.filter { $0.severity == .error }).exitStatus) }
    }
}
