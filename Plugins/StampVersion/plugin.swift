import Foundation
import PackagePlugin

/// Writes `BuildInfo.commit` (the short commit the binary is built from, "unknown" outside
/// a git checkout) into the target it is applied to, for `assay --version`.
///
/// The commit is read from `.git` as files, without running git: a plugin may not start
/// processes on every platform, and a missing or unusual `.git` simply gives "unknown".
/// It is an argument of the command, so a new commit re-runs it (and recompiles only the
/// small `assay` target), while an unchanged one leaves the build untouched.
@main
struct StampVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        let commit = ProcessInfo.processInfo.environment["ASSAY_COMMIT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? GitHead(package: context.package.directoryURL).shortCommit ?? "unknown"
        return [
            .buildCommand(
                displayName: "Stamping the build's commit (\(commit))",
                executable: try context.tool(named: "AssayThemeEmbedder").url,
                arguments: ["version", commit, output.path],
                inputFiles: [],
                outputFiles: [output])
        ]
    }
}

/// HEAD of the checkout at `package`, read the way git stores it: `.git` a folder or a
/// `gitdir:` file (worktrees, submodules), HEAD a commit or `ref: …`, the ref loose or in
/// `packed-refs` of the common folder.
struct GitHead {
    let package: URL

    var shortCommit: String? {
        guard let gitDir = gitDirectory, let head = read(gitDir.appending(path: "HEAD")) else { return nil }
        let full: String?
        if head.hasPrefix("ref: ") {
            let ref = String(head.dropFirst("ref: ".count))
            let common = read(gitDir.appending(path: "commondir")).map { URL(fileURLWithPath: $0, relativeTo: gitDir).standardizedFileURL } ?? gitDir
            full = read(gitDir.appending(path: ref)) ?? read(common.appending(path: ref)) ?? packed(ref, in: common)
        } else {
            full = head
        }
        guard let full, full.count >= 7, full.allSatisfy(\.isHexDigit) else { return nil }
        return String(full.prefix(7))
    }

    private var gitDirectory: URL? {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { return dotGit }
        guard let line = read(dotGit), line.hasPrefix("gitdir: ") else { return nil }
        return URL(fileURLWithPath: String(line.dropFirst("gitdir: ".count)), relativeTo: package).standardizedFileURL
    }

    private func packed(_ ref: String, in folder: URL) -> String? {
        guard let text = read(folder.appending(path: "packed-refs")) else { return nil }
        for line in text.split(separator: "\n") where line.hasSuffix(" " + ref) {
            return String(line.prefix { $0 != " " })
        }
        return nil
    }

    private func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
