import ArgumentParser
import AssayKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a page with its front matter filled in, e.g. `assay new content/risks/liver.md`."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "Path of the new page, under content/, ending in .md.")
    var path: String

    @Option(help: "Review date to write (default: today, UTC).")
    var reviewed: String?

    func run() throws {
        let url = URL(fileURLWithPath: path, relativeTo: site.rootURL).standardizedFileURL
        let text = try PageScaffold.newPage(at: url, root: site.rootURL, reviewed: reviewed)
        print("created \(path)")
        _ = text
    }
}
