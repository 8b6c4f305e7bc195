import AssaySupport
import Foundation

/// The folder a build writes into, checked before anything is written. Assay replaces
/// that folder's tree as a whole, so it must be a folder of its own: never the site, its
/// sources, the home folder or the file system root, whatever path or symlink names it.
struct OutputFolder {
    /// The folder as asked for (what messages show).
    let requested: URL
    /// The folder with every symlink on its path resolved: where the tree is exchanged.
    let resolved: URL

    /// Refuses an output folder that would replace files the user wrote. `theme` is the
    /// site's `theme:` folder, relative to `root`, when it has one.
    init(_ output: URL, root: URL, theme: String? = nil) throws(BuildFailure) {
        requested = output
        let fm = FileManager.default
        let target = Self.realPath(output.path)
        resolved = URL(fileURLWithPath: target)
        func refuse(_ why: String) -> BuildFailure {
            BuildFailure([Diagnostic(.output, "refusing to build into \(output.path): \(why); choose an empty folder of its own (the default is public/)", path: output.path)])
        }
        if FileSafety.isSymlink(output.path), realpath(output.path, nil).map({ free($0) }) == nil {
            throw refuse("it is a symlink to nothing")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw refuse("it is a file, not a folder")
        }
        if target == "/" { throw refuse("it is the file system root") }
        let home = Self.realPath(fm.homeDirectoryForCurrentUser.path)
        if target == home || Self.isInside(home, target) { throw refuse("it is your home folder or holds it") }
        let site = Self.realPath(root.path)
        if target == site || Self.isInside(site, target) { throw refuse("it is the site's folder or holds it") }
        var sources = [("content", "content/"), ("templates", "templates/")]
        if let theme { sources.append((theme, "the theme folder \(theme)")) }
        for (folder, name) in sources {
            let source = Self.realPath(root.appending(path: folder).path)
            if target == source || Self.isInside(target, source) || Self.isInside(source, target) {
                throw refuse("it is inside \(name) or holds it, the site's own files")
            }
        }
    }

    /// Whether `inner` is strictly below `outer`.
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// `path` with its symlinks resolved, including a path that does not exist yet (its
    /// nearest existing parent is resolved, the rest appended), so `-o link-to-home/new`
    /// is seen for what it is.
    static func realPath(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        var head = standard
        var tail: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                guard !tail.isEmpty else { return base }
                return (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard head != "/", !head.isEmpty else { return standard }
            let url = URL(fileURLWithPath: head)
            tail.append(url.lastPathComponent)
            head = url.deletingLastPathComponent().path
        }
    }
}
