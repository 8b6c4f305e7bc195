import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices changes to the site's sources by polling: the size, modification time and
/// inode of every file under the watched paths. Polling is the same on Linux and macOS
/// and, for a guide's few hundred files, a scan is well under a millisecond of `stat`s.
struct SiteWatcher: Sendable {
    /// What a file looked like at one scan; a rename over it (how editors save) changes
    /// the inode even when size and time do not.
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    typealias Snapshot = [String: Stamp]

    let paths: [URL]
    /// Never watched even when inside a watched path: the output folder, where a build
    /// writes and would otherwise trigger the next one.
    let excluded: [String]

    init(paths: [URL], excluding excluded: [URL]) {
        self.paths = paths.map(\.standardizedFileURL)
        self.excluded = excluded.map(\.standardizedFileURL.path)
    }

    func snapshot() -> Snapshot {
        var files: Snapshot = [:]
        for path in paths { scan(path.path, into: &files) }
        return files
    }

    /// The paths that were added, removed or changed between two snapshots, sorted.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    private func scan(_ path: String, into files: inout Snapshot) {
        guard !excluded.contains(path) else { return }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names where !Self.isIgnored(name) {
                scan(path + "/" + name, into: &files)
            }
        } else if info.st_mode & S_IFMT == S_IFREG {
            files[path] = Stamp(size: Int64(info.st_size), modified: Self.nanoseconds(info), inode: UInt64(info.st_ino))
        }
    }

    /// Editors' swap, backup and lock files: the build reads none of them, and they come
    /// and go while typing.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name == "4913"
    }

    private static func nanoseconds(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}
