import AssaySupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds the new output tree in a sibling folder and puts it in place with one atomic
/// exchange of the two folders, so `public/` is at every instant either the old tree or
/// the new one, even if the process is killed half-way.
///
/// Files that did not change are carried into the new tree by hard link (same inode, same
/// modification time: rsync and browsers see no change, and nothing is copied). Files
/// Assay did not write (`CNAME`, `.nojekyll`, `.git/`) are carried over too: only files
/// listed in the previous build's manifest, `.assay-manifest`, are ever left out.
final class StagedWriter: Sendable {
    /// The output folder, symlinks resolved.
    let output: URL
    /// Where the new tree is built: `.public.assay-new` beside `public/`. After the
    /// exchange it briefly holds the old tree, which is then removed.
    let stage: URL
    /// The two folders' paths as strings: a URL made per file (two per page) was 8% of a
    /// one-page rebuild of 1,000 pages.
    let outputPath: String
    let stagePath: String
    /// What the stage holds so far, filled from the page renderers' threads.
    private struct Staged {
        var made = Set<String>()
        var sizes: [String: Int] = [:]
        var changed = 0
        var failures: [Diagnostic] = []
    }
    private let staged = Locked(Staged())
    /// What the last build wrote: from the output's manifest, else from the build cache.
    private let previous: Set<String>?
    /// Whether there was an output folder when the build started: without one no file
    /// can be carried over, and a first build of 10,000 pages asked 10,000 times.
    private let hadOutput: Bool

    static let manifestName = ".assay-manifest"

    init(output folder: OutputFolder, previousOutputs: [String]?) throws(BuildFailure) {
        output = folder.resolved
        stage = output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).assay-new")
        outputPath = output.path
        stagePath = stage.path
        let fm = FileManager.default
        // One stat for whether there is an output folder and for its mode (FileManager's
        // attributes dictionary, cast back from `Any`, cost more than a stat).
        var info = stat()
        let outputMode: mode_t? = stat(outputPath, &info) == 0 ? info.st_mode & 0o7777 : nil
        hadOutput = outputMode != nil
        let manifest = output.appending(path: Self.manifestName)
        if let text = try? String(contentsOf: manifest, encoding: .utf8) {
            // Split on bytes: over Characters this was 3% of a one-page rebuild of 1,000 pages.
            previous = Set(text.utf8.split(separator: UInt8(ascii: "\n")).filter { $0.first != UInt8(ascii: "#") }.map { String(Substring($0)) })
        } else {
            previous = previousOutputs.map(Set.init)
        }
        try Self.clearLeftover(stage, shownAs: folder.requested.path)
        do {
            try fm.createDirectory(at: stage, withIntermediateDirectories: true)
            // The manifest is the stage's mark from its first instant: a leftover stage
            // (a killed build) is recognised as Assay's by it, and only then removed.
            try Self.write(Array("# being built\n".utf8), to: stage.appending(path: Self.manifestName).path)
            if let outputMode { chmod(stagePath, outputMode) }
        } catch {
            throw BuildFailure([Diagnostic(.io, "cannot create the staging folder \(stage.path): \(error.localizedDescription)", path: folder.requested.path)])
        }
    }

    /// Removes the stage of a build that was killed, or the old tree an exchange left
    /// behind, but only if it carries Assay's manifest (or is empty): never a folder of
    /// the user's that happens to have the name.
    static func clearLeftover(_ stage: URL, shownAs: String) throws(BuildFailure) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: stage.path) else { return }
        guard entries.isEmpty || entries.contains(manifestName) else {
            throw BuildFailure([Diagnostic(.output, "\(stage.path) is in the way: Assay builds there but did not make it; move it elsewhere", path: shownAs)])
        }
        FileTree.remove(stage.path, last: Self.manifestName)
        guard !fm.fileExists(atPath: stage.path) else {
            throw BuildFailure([Diagnostic(.io, "cannot remove the leftover staging folder \(stage.path)", path: shownAs)])
        }
    }

    /// Output never escapes the output folder, whatever a page or asset is called.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && path != manifestName
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Adds a file to the new tree: a hard link to the old file when it holds exactly
    /// these bytes, else the bytes. Safe to call from several threads at once.
    func stage(_ path: String, _ bytes: [UInt8]) {
        guard Self.isSafe(path) else {
            staged.withLock { $0.failures.append(Diagnostic(.output, "refusing to write outside the output folder: \(path)", path: path)) }
            return
        }
        guard !BuildInterruption.isRequested else { return }
        let old = String.concatenated(outputPath, "/", path)
        let new = String.concatenated(stagePath, "/", path)
        do {
            if hadOutput, Self.file(old, holds: bytes), (try? Self.link(old, to: new)) != nil {
                record(path, size: bytes.count, changed: false)
                return
            }
            try Self.write(bytes, to: new)
            record(path, size: bytes.count, changed: true)
        } catch {
            staged.withLock { $0.failures.append(Diagnostic(.io, "cannot write \(path): \(error.localizedDescription)", path: path)) }
        }
    }

    /// Opens a file of the new tree to be written in pieces (`StagedFile`); like `stage`,
    /// it ends as a hard link to the old file if its bytes turn out the same.
    func open(_ path: String) -> StagedFile {
        StagedFile(path, in: self)
    }

    /// Carries over a file the build cache knows is already right.
    func keep(_ path: String, size: Int) {
        do {
            try Self.link(String.concatenated(outputPath, "/", path), to: String.concatenated(stagePath, "/", path))
            record(path, size: size, changed: false)
        } catch {
            staged.withLock { $0.failures.append(Diagnostic(.io, "cannot carry over \(path): \(error.localizedDescription)", path: path)) }
        }
    }

    /// A problem that stops the commit.
    func fail(_ problem: Diagnostic) {
        staged.withLock { $0.failures.append(problem) }
    }

    func record(_ path: String, size: Int, changed isChanged: Bool) {
        staged.withLock { staged in
            // Two outputs of one build never share a file: the second would replace the first.
            guard staged.made.insert(path).inserted else {
                staged.failures.append(Diagnostic(.urlCollision, "two outputs of this build would write \(path)", path: path))
                return
            }
            staged.sizes[path] = size
            if isChanged { staged.changed += 1 }
        }
    }

    var madePaths: Set<String> { staged.withLock { $0.made } }

    /// The size of every file staged so far, by path.
    var sizes: [String: Int] { staged.withLock { $0.sizes } }

    /// Throws the staged tree away: the build failed and the output stays as it was.
    func discard() {
        FileTree.remove(stage.path, last: Self.manifestName)
    }

    private let cleanup = DispatchGroup()

    /// Waits until the old tree is gone. A process that ends before leaves it in the
    /// stage's place, and the next build removes it.
    func waitForCleanup() {
        cleanup.wait()
    }

    /// What a commit did, for the summary line.
    struct Outcome {
        var written: Int
        var unchanged: Int
        var removed: Int
        /// Files in the output folder that Assay did not write, carried over untouched.
        var kept: [String]
    }

    /// Carries over the user's files, writes the manifest and exchanges the two trees.
    func commit() throws(BuildFailure) -> Outcome {
        // Every page is staged by now: one copy of what the lock holds, read without it.
        let (made, changed, failures) = staged.withLock { ($0.made, $0.changed, $0.failures) }
        guard failures.isEmpty else {
            discard()
            throw BuildFailure(failures)
        }
        let fm = FileManager.default
        var outcome = Outcome(written: changed, unchanged: made.count - changed, removed: 0, kept: [])
        do {
            let exists = fm.fileExists(atPath: output.path)
            if exists { try carryOver(&outcome) }
            let manifest = "# Written by assay build. Files not listed here are the site owner's; Assay never removes them.\n"
                + made.sorted().joined(separator: "\n") + "\n"
            let stagedManifest = stagePath + "/" + Self.manifestName
            let current = outputPath + "/" + Self.manifestName
            // Like any unchanged file, an unchanged manifest keeps its inode and time.
            // Put in place by rename, so the stage is never without a manifest, even for
            // an instant (a stage without one is not recognised as Assay's).
            let next = stagePath + "/" + Self.manifestName + ".next"
            if Self.file(current, holds: Array(manifest.utf8)) {
                try Self.link(current, to: next)
            } else {
                try Self.write(Array(manifest.utf8), to: next)
            }
            guard rename(next, stagedManifest) == 0 else { throw POSIXError(errno: errno) }
            guard !BuildInterruption.isRequested else { throw BuildInterruption.interrupted }
            if exists {
                try Self.exchange(stage, output)
                // The stage now holds the old tree; the new one is in place. Removing the
                // old one overlaps with saving the cache (see `waitForCleanup`).
                let old = stage.path
                DispatchQueue.global().async(group: cleanup) { FileTree.remove(old, last: Self.manifestName) }
            } else {
                try fm.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard rename(stage.path, output.path) == 0 else { throw POSIXError(errno: errno) }
            }
        } catch let interruption as BuildInterruption {
            discard()
            throw BuildFailure([Diagnostic(.interrupted, interruption.message, path: output.path)])
        } catch {
            discard()
            throw BuildFailure([Diagnostic(.io, "cannot update \(output.path): \(error.localizedDescription)", path: output.path)])
        }
        return outcome
    }

    /// Walks the old tree: files of the last build that this one did not make are left
    /// out (removed); everything else that is not Assay's is linked into the new tree.
    private func carryOver(_ outcome: inout Outcome) throws {
        let fm = FileManager.default
        let made = madePaths
        try FileTree.walk(output.path) { relative, kind in
            if relative == Self.manifestName || made.contains(relative) { return true }
            let old = String.concatenated(outputPath, "/", relative)
            let new = String.concatenated(stagePath, "/", relative)
            switch kind {
            case .folder:
                // An empty folder of the user's is kept; folders with files are made
                // again by the files they hold.
                if FileTree.isEmptyFolder(old) {
                    try fm.createDirectory(atPath: new, withIntermediateDirectories: true)
                }
                return true
            case _ where previous?.contains(relative) == true:
                outcome.removed += 1
            case .symlink:
                try fm.createDirectory(atPath: Self.folder(of: new), withIntermediateDirectories: true)
                try fm.createSymbolicLink(atPath: new, withDestinationPath: fm.destinationOfSymbolicLink(atPath: old))
                outcome.kept.append(relative)
            case .file, .other:
                try Self.link(old, to: new)
                outcome.kept.append(relative)
            }
            return true
        }
    }

    /// A hard link `new` to `old`, its folder made as needed; a copy where the file
    /// system has no hard links.
    static func link(_ old: String, to new: String) throws {
        if Glibc.link(old, new) == 0 { return }
        if errno == ENOENT, FileManager.default.fileExists(atPath: old) {
            try FileManager.default.createDirectory(atPath: folder(of: new), withIntermediateDirectories: true)
            if Glibc.link(old, new) == 0 { return }
        }
        guard errno == EXDEV || errno == EPERM || errno == EMLINK || errno == ENOTSUP else { throw POSIXError(errno: errno) }
        try FileManager.default.copyItem(atPath: old, toPath: new)
    }

    /// The folder a path is in: everything before its last `/`.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return String(path[..<slash])
    }

    /// Plain open/write/close: Foundation's `Data.write` syncs every file to disk, which
    /// costs more than rendering the page. Nothing is visible until the exchange.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = try create(path)
        defer { close(fd) }
        try write(bytes, toDescriptor: fd)
    }

    /// A new, empty file open for writing, its folder made as needed.
    static func create(_ path: String) throws -> Int32 {
        var fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            try FileManager.default.createDirectory(atPath: folder(of: path), withIntermediateDirectories: true)
            fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw POSIXError(errno: errno) }
        return fd
    }

    /// All of `bytes` to an open file, however many `write` calls it takes.
    static func write(_ bytes: [UInt8], toDescriptor fd: Int32) throws {
        try write(bytes[...], toDescriptor: fd)
    }

    static func write(_ bytes: ArraySlice<UInt8>, toDescriptor fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { throw POSIXError(errno: errno) }
            offset += n
        }
    }

    /// Whether the file at `path` already holds exactly `bytes`: size first (one stat),
    /// then the contents, so an unchanged site costs reads, not writes.
    static func file(_ path: String, holds bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        if bytes.isEmpty { return true }
        guard let data = FileManager.default.contents(atPath: path), data.count == bytes.count else { return false }
        return data.withUnsafeBytes { existing in
            bytes.withUnsafeBytes { new in memcmp(existing.baseAddress!, new.baseAddress!, bytes.count) == 0 }
        }
    }
}

extension POSIXError {
    init(errno code: Int32) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
