import AssaySupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Walks and removes folder trees with `readdir`, never following symlinks. Every build
/// walks the old output tree and removes it after the exchange; Foundation's enumerator
/// and `removeItem` build a URL or NSString per entry and cost several times more.
enum FileTree {
    enum Kind { case file, folder, symlink, other }

    /// Calls `visit` with each entry below `root` (path relative to it), parents before
    /// their children. Returning false from `visit` for a folder skips its contents.
    static func walk(_ root: String, _ visit: (String, Kind) throws -> Bool) rethrows {
        try walk(root, prefix: "", visit)
    }

    private static func walk(_ folder: String, prefix: String, _ visit: (String, Kind) throws -> Bool) rethrows {
        guard let dir = opendir(folder) else { return }
        var entries: [(String, Kind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            entries.append((name, kind(Int32(entry.pointee.d_type), folder: folder, name: name)))
        }
        closedir(dir)
        // Sorted, so what a walk reports (the kept files in the summary) is deterministic.
        for (name, kind) in entries.sorted(by: { $0.0 < $1.0 }) {
            let relative = prefix + name
            if try visit(relative, kind), kind == .folder {
                try walk(String.concatenated(folder, "/", name), prefix: relative + "/", visit)
            }
        }
    }

    /// The entry's kind from `readdir`'s type; its path is made only where that is unknown.
    private static func kind(_ type: Int32, folder: String, name: String) -> Kind {
        switch type {
        case Int32(DT_REG): return .file
        case Int32(DT_DIR): return .folder
        case Int32(DT_LNK): return .symlink
        case Int32(DT_UNKNOWN):
            // Some file systems do not fill d_type: ask lstat.
            var info = stat()
            guard lstat(String.concatenated(folder, "/", name), &info) == 0 else { return .other }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            case S_IFLNK: return .symlink
            default: return .other
            }
        default: return .other
        }
    }

    static func isEmptyFolder(_ path: String) -> Bool {
        guard let dir = opendir(path) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let dot = withUnsafeBytes(of: entry.pointee.d_name) { raw in raw[0] == 0x2E && (raw[1] == 0 || (raw[1] == 0x2E && raw[2] == 0)) }
            if !dot { return false }
        }
        return true
    }

    /// Removes `path` and everything below it; links are removed, never followed.
    /// `last`, a file directly in `path`, goes after every other file and folder: a
    /// removal cut short still leaves it, so the folder is still recognised by it, and
    /// once it is gone the folder is empty (a kill between removing it and the emptied
    /// subfolders left a folder with neither, which no later build would touch).
    static func remove(_ path: String, last: String? = nil) {
        var folders: [String] = []
        walk(path) { relative, kind in
            let full = String.concatenated(path, "/", relative)
            if kind == .folder {
                folders.append(full)
            } else if relative != last {
                unlink(full)
            }
            return true
        }
        for folder in folders.reversed() { rmdir(folder) }
        if let last { unlink(path + "/" + last) }
        rmdir(path)
    }
}
