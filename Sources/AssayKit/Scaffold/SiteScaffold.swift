import AssaySupport
import Foundation

/// `assay init`: a small, complete guide that builds with the built-in theme and no other
/// file. It never overwrites: a folder with anything in it is refused unless `force`,
/// and even then only the files that do not exist yet are written.
public enum SiteScaffold {
    /// What `create` did, paths relative to the new site's folder.
    public struct Outcome: Sendable, Equatable {
        public var written: [String]
        public var skipped: [String]
    }

    /// Entries a fresh folder may already hold and still count as empty: `git init` first
    /// is a common way to start.
    static let ignorable: Set<String> = [".git", ".DS_Store"]

    /// Writes the scaffold into `folder` (created if missing). `shownPath` names it in
    /// messages; `today` (YYYY-MM-DD) is the example pages' review date.
    public static func create(at folder: URL, shownPath: String, title: String?, force: Bool, today: String) throws(BuildFailure) -> Outcome {
        let fm = FileManager.default
        func failure(_ message: String) -> BuildFailure { BuildFailure([Diagnostic(.io, message, path: shownPath)]) }
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw failure("\(shownPath) is a file, not a folder: name a new or empty folder") }
            guard fm.isWritableFile(atPath: folder.path) else { throw failure("cannot write in \(shownPath): permission denied") }
            let entries = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !ignorable.contains($0) }.sorted()
            if !entries.isEmpty && !force {
                let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? " and \(entries.count - 3) more" : "")
                throw failure("\(shownPath) is not empty (it holds \(shown)): choose an empty folder, or add --force to add only the files that are missing")
            }
        }
        let files = Self.files(title: title ?? defaultTitle(for: folder), today: today)
        // Every check before the first write, so a refusal leaves nothing behind.
        var outcome = Outcome(written: [], skipped: [])
        for file in files {
            let target = folder.appending(path: file.path)
            if fm.fileExists(atPath: target.path) || FileSafety.isSymlink(target.path) {
                outcome.skipped.append(file.path)
                continue
            }
            var parent = target.deletingLastPathComponent()
            while parent.path.count > folder.path.count {
                if fm.fileExists(atPath: parent.path, isDirectory: &isFolder), !isFolder.boolValue {
                    throw failure("\(relative(parent, to: folder)) is a file, so \(file.path) cannot be written under it")
                }
                parent = parent.deletingLastPathComponent()
            }
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(shownPath): \(error.localizedDescription)")
        }
        guard fm.isWritableFile(atPath: folder.path) else { throw failure("cannot write in \(shownPath): permission denied") }
        for file in files where !outcome.skipped.contains(file.path) {
            let target = folder.appending(path: file.path)
            do {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                // `.withoutOverwriting`: a file that appeared since the check is kept.
                try Data(file.text.utf8).write(to: target, options: .withoutOverwriting)
            } catch {
                throw BuildFailure([Diagnostic(.io, "cannot write \(file.path): \(error.localizedDescription)", path: shownPath + "/" + file.path)])
            }
            outcome.written.append(file.path)
        }
        return outcome
    }

    /// "my-guide" → "My guide": a title to start from when `--title` is not given.
    static func defaultTitle(for folder: URL) -> String {
        let words = folder.standardizedFileURL.lastPathComponent
            .split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." })
            .map(String.init)
        guard let first = words.first, !first.isEmpty else { return "An evidence guide" }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    private static func relative(_ url: URL, to folder: URL) -> String {
        String(url.path.dropFirst(folder.path.count + 1))
    }

    /// `s` as a YAML double-quoted scalar.
    static func yamlQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\x%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
