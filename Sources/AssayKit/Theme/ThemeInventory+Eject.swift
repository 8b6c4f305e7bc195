import AssayMarkdown
import AssaySupport
import Foundation

/// `assay theme eject`: copies built-in files into the site's `templates/` for editing.
extension ThemeInventory {
    public struct EjectOutcome: Sendable, Equatable {
        /// Written, as paths under the site's folder (`templates/page.mustache`).
        public var written: [String] = []
        /// Not written because the site already has them.
        public var skipped: [String] = []
    }

    /// A name `eject` was given that is no file of the built-in theme.
    public struct UnknownFile: Error, Sendable, CustomStringConvertible {
        var name: String
        public var suggestion: String?

        public var description: String {
            "the built-in theme has no '\(name)'" + (suggestion.map { " — did you mean '\($0)'?" } ?? "")
                + " (`assay theme list` shows every file)"
        }
    }

    /// The built-in path `name` means: as listed (`partials/footer.mustache`), with
    /// `templates/` in front, or without `.mustache` (`page`, `partials/footer`).
    static func builtInPath(for name: String) throws(UnknownFile) -> String {
        let paths = Theme.builtInFiles.map(\.path)
        var bare = name
        if bare.hasPrefix("./") { bare.removeFirst(2) }
        if bare.hasPrefix(folder + "/") { bare.removeFirst(folder.count + 1) }
        for candidate in [bare, bare + ".mustache", "assets/" + bare] where paths.contains(candidate) {
            return candidate
        }
        let suggestion = Suggestion.closest(to: bare, in: paths) ?? Suggestion.closest(to: bare + ".mustache", in: paths)
        throw UnknownFile(name: name, suggestion: suggestion)
    }

    /// Copies `names` (every built-in file when empty) into `root/templates/`, never
    /// overwriting: a file the site has is skipped. Every name is checked before the
    /// first file is written.
    public static func eject(_ names: [String], root: URL) throws -> EjectOutcome {
        let paths = try names.isEmpty ? Theme.builtInFiles.map(\.path) : names.map { name throws(UnknownFile) in try builtInPath(for: name) }
        let fm = FileManager.default
        var outcome = EjectOutcome()
        for path in Set(paths).sorted() {
            let shown = folder + "/" + path
            let target = root.appending(path: shown)
            if fm.fileExists(atPath: target.path) || FileSafety.isSymlink(target.path) {
                outcome.skipped.append(shown)
                continue
            }
            guard let bytes = Theme.builtInFiles.first(where: { $0.path == path })?.bytes else { continue }
            do {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: target, options: .withoutOverwriting)
            } catch {
                throw BuildFailure([Diagnostic(.io, "cannot write \(shown): \(error.localizedDescription)", path: shown)])
            }
            outcome.written.append(shown)
        }
        return outcome
    }
}
