import ArgumentParser
import AssayKit
import AssaySupport
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one Markdown file (or - for stdin) to an HTML fragment on stdout.",
        discussion: "Claims and citations are processed; everything else comes out exactly as the cmark CLI prints it."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "A Markdown file, or - to read standard input.")
    var file: String

    func run() throws {
        let data: Data
        let path: String
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
            path = "<stdin>"
        } else {
            path = file
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw BuildFailure([Diagnostic(.io, "cannot read \(file)", path: file)])
            }
            data = contents
        }
        let html = try FragmentRenderer(root: site.rootURL).render(data, path: path)
        FileHandle.standardOutput.write(Data(html.utf8))
    }
}
