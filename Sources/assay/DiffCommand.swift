import ArgumentParser
import AssayKit
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the claims of two versions of a site: added, removed, re-levelled, re-worded, re-cited, moved.",
        discussion: """
            OLD and NEW are claims.json files (as `assay build` writes them) or site folders, \
            which are built in memory (nothing is written). NEW defaults to the site in -C DIR. \
            Claims are matched by page and anchor, then by the similarity of their words, so an \
            edited sentence is re-worded rather than removed and added. \
            Exit status: 0, or 1 when --fail-on names a kind of change that was found; \
            2 on bad input (a file that is not a claims.json Assay wrote, a site that does not build).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var site: SiteOptions

    @Argument(help: "The earlier version: a claims.json file or a site folder.")
    var old: String

    @Argument(help: "The later version (default: the site in -C DIR).")
    var new: String?

    @Option(help: "Output on stdout: text, json, or markdown (a headline and a table per page, for a pull request).")
    var format: Format = .text

    @Option(
        help: ArgumentHelp(
            "Exit 1 when a change of these kinds is found: \(Self.policyNames.joined(separator: ", ")) (repeatable or comma-separated).",
            valueName: "kinds"))
    var failOn: [String] = []

    @Flag(help: "Include pages marked `draft: true` when a version is a site folder.")
    var drafts = false

    static let policyNames = ClaimDiff.Kind.allCases.map(\.rawValue) + ["any"]

    /// `--fail-on relevel,reword --fail-on added` as kinds.
    func policy() throws -> Set<ClaimDiff.Kind> {
        var kinds = Set<ClaimDiff.Kind>()
        for value in failOn.flatMap({ $0.split(separator: ",") }) {
            let name = value.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "any" {
                kinds.formUnion(ClaimDiff.Kind.allCases)
            } else if let kind = ClaimDiff.Kind(rawValue: name) {
                kinds.insert(kind)
            } else {
                throw ValidationError("--fail-on: unknown kind '\(name)'; use \(Self.policyNames.joined(separator: ", "))")
            }
        }
        return kinds
    }

    func validate() throws {
        _ = try policy()
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let diff: ClaimDiff
        do {
            let before = try ClaimsFile.load(path: old, relativeTo: cwd, drafts: drafts)
            let after = try new.map { path throws(DiffFailure) in try ClaimsFile.load(path: path, relativeTo: cwd, drafts: drafts) }
                ?? ClaimsFile.build(root: site.rootURL, path: site.root.hasSuffix("/") ? site.root : site.root + "/", drafts: drafts)
            diff = ClaimDiff(old: before, new: after)
        } catch let failure as DiffFailure {
            DiagnosticPrinter.print(failure.diagnostics)
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            throw ExitCode(2)
        }
        let report: String
        switch format {
        case .text: report = diff.text()
        case .json: report = diff.json()
        case .markdown: report = diff.markdown()
        }
        FileHandle.standardOutput.write(Data(report.utf8))
        let failing = try policy().intersection(diff.kinds)
        if !failing.isEmpty {
            let names = failing.sorted().map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("diff: failing on \(names) (--fail-on)\n".utf8))
            throw ExitCode(1)
        }
    }
}
