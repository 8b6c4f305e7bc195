import ArgumentParser
import AssayKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new guide: site.yml, a home page, an example page, sources, .gitignore and a CI workflow.",
        discussion: """
            The guide builds with the theme built into assay; `assay theme eject` copies it \
            out for editing. Nothing is ever overwritten: a folder that is not empty is \
            refused (exit 2) unless --force, which adds only the files that are missing.
            """
    )

    @Argument(help: "Folder of the new guide, created if missing.")
    var directory: String = "."

    @Option(help: "The guide's title (default: made from the folder's name).")
    var title: String?

    @Flag(help: "Add the missing files to a folder that is not empty; files there are kept as they are.")
    var force = false

    func run() throws {
        let url = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let outcome = try SiteScaffold.create(at: url, shownPath: directory, title: title, force: force, today: SimpleDate.today().description)
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        for path in outcome.written { print("created \(prefix)\(path)") }
        for path in outcome.skipped { print("skipped \(prefix)\(path): it exists and is kept as it is") }
        let cd = directory == "." ? "" : "cd \(directory) && "
        print("next: \(cd)assay serve   (then edit content/; `assay check` before publishing)")
    }
}
