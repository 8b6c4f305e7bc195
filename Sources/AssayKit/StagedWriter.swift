import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build's files beside the output folder first and moves them in only when
/// the whole build has succeeded. Unchanged files are not rewritten (their modification
/// time stays, so rsync and browsers see no change); files the build no longer makes
/// are removed last.
final class StagedWriter: @unchecked Sendable {
    let output: URL
    let stage: URL
    private let lock = NSLock()
    private var made = Set<String>()
    private var sizes: [String: Int] = [:]
    private var kept = 0
    private var changed: [String] = []
    private var failures: [Diagnostic] = []

    init(output: URL) throws(BuildFailure) {
        self.output = output
        stage = output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).assay-staging")
        do {
            try? FileManager.default.removeItem(at: stage)
            try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure([Diagnostic("io", "cannot create staging folder \(stage.path): \(error.localizedDescription)", path: output.path)])
        }
    }

    /// Safe to call from several threads at once.
    func stage(_ path: String, _ bytes: [UInt8]) {
        // Output never escapes the output folder, whatever a page or asset is called.
        guard !path.hasPrefix("/"), !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            lock.withLock { failures.append(Diagnostic("output", "refusing to write outside the output folder: \(path)", path: path)) }
            return
        }
        let target = output.appending(path: path)
        if Self.file(target.path, holds: bytes) {
            lock.withLock {
                made.insert(path)
                sizes[path] = bytes.count
            }
            return
        }
        let staged = stage.appending(path: path)
        do {
            try Self.write(bytes, to: staged)
            lock.withLock {
                made.insert(path)
                sizes[path] = bytes.count
                changed.append(path)
            }
        } catch {
            lock.withLock { failures.append(Diagnostic("io", "cannot write \(path): \(error.localizedDescription)", path: path)) }
        }
    }

    /// Plain open/write/close: Foundation's `Data.write` syncs every file to disk, which
    /// costs more than rendering the page. The staged file is renamed into place only
    /// after the whole build succeeded.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        var fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
            offset += n
        }
    }

    /// Throws the staged files away: the build failed and the output stays as it was.
    func discard() {
        try? FileManager.default.removeItem(at: stage)
    }

    /// Records a file the build knows is already right (from the build cache).
    func keep(_ path: String, size: Int) {
        lock.withLock {
            made.insert(path)
            sizes[path] = size
            kept += 1
        }
    }

    var madePaths: Set<String> { lock.withLock { made } }

    func size(of path: String) -> Int { lock.withLock { sizes[path] ?? 0 } }

    /// Whether the file at `path` already holds exactly `bytes`: size first (one stat),
    /// then the contents, so an unchanged site costs reads, not writes.
    static func file(_ path: String, holds bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard let data = FileManager.default.contents(atPath: path), data.count == bytes.count else { return false }
        return data.withUnsafeBytes { existing in
            bytes.withUnsafeBytes { new in memcmp(existing.baseAddress!, new.baseAddress!, bytes.count) == 0 }
        } || bytes.isEmpty
    }

    /// Moves staged files into place and removes stale ones: `removing` when the build
    /// cache knows them, else whatever in the folder this build did not make.
    func commit(removing stale: Set<String>? = nil) throws(BuildFailure) -> (written: Int, unchanged: Int, removed: Int) {
        let fm = FileManager.default
        defer { try? fm.removeItem(at: stage) }
        guard failures.isEmpty else { throw BuildFailure(failures) }
        var removed = 0
        do {
            try fm.createDirectory(at: output, withIntermediateDirectories: true)
            for path in changed.sorted() {
                let target = output.appending(path: path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if rename(stage.appending(path: path).path, target.path) != 0 {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            }
            if let stale {
                for path in stale.sorted() where fm.fileExists(atPath: output.appending(path: path).path) {
                    try fm.removeItem(at: output.appending(path: path))
                    removed += 1
                }
                return (changed.count, made.count - changed.count, removed)
            }
            let base = output.path.hasSuffix("/") ? output.path : output.path + "/"
            var folders: [URL] = []
            if let walker = fm.enumerator(at: output, includingPropertiesForKeys: [.isDirectoryKey]) {
                for case let url as URL in walker {
                    let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
                    if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                        folders.append(url)
                    } else if !made.contains(relative) {
                        try fm.removeItem(at: url)
                        removed += 1
                    }
                }
            }
            // Deepest first, so a folder emptied of stale files goes too.
            for folder in folders.sorted(by: { $0.path.count > $1.path.count }) {
                if (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                    try? fm.removeItem(at: folder)
                }
            }
        } catch {
            throw BuildFailure([Diagnostic("io", "cannot update \(output.path): \(error.localizedDescription)", path: output.path)])
        }
        return (changed.count, made.count - changed.count, removed)
    }
}
