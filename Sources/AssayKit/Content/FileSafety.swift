import AssaySupport
import Foundation

/// Which files of a site may be read: a symlink in `content/` or `templates/` is followed
/// only when its target stays inside the site's folder. Otherwise a pull request that adds
/// `env.md -> /proc/self/environ` would publish the build machine's secrets.
enum FileSafety {
    /// Why `path` (a file or folder inside `root`, possibly reached through symlinks) may
    /// not be read, or nil when it may. `shownPath` is how diagnostics name it.
    static func problem(reading path: String, root: URL, shownPath: String) -> Diagnostic? {
        // realpath resolves every link on the way and tells a loop (ELOOP) from a
        // dangling link (ENOENT), where Foundation's resolving would return what it had.
        guard let real = realpath(path, nil) else {
            let reason = errno == ELOOP ? "is a symlink loop" : "is a symlink to a file that does not exist"
            return Diagnostic(.symlinkOutsideSite, "\(shownPath) \(reason)", path: shownPath)
        }
        defer { free(real) }
        let target = String(cString: real)
        let base = siteRoot(root)
        guard target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return Diagnostic(
                .symlinkOutsideSite,
                "\(shownPath) is a symlink to \(target), outside the site's folder: it is not read, so it cannot be published",
                path: shownPath)
        }
        return nil
    }

    /// The site's folder with its own symlinks resolved, so a site kept behind a link
    /// (`~/guide -> /srv/guide`) still counts its files as inside.
    static func siteRoot(_ root: URL) -> String {
        guard let real = realpath(root.path, nil) else { return root.standardizedFileURL.path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether the entry at `path` is itself a symlink (not what it points to).
    static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
