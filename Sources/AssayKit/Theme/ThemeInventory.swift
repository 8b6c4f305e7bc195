import AssayMarkdown
import AssaySupport
import AssayTemplates
import Foundation

/// The built-in theme beside a site's own `templates/`: what `assay theme list` shows and
/// what `assay theme eject` copies. Paths are relative to `templates/`.
public struct ThemeInventory: Sendable {
    public enum Status: Sendable, Equatable {
        /// The built-in file is used: the site has none of that name.
        case builtIn
        /// The site's file is used instead of the built-in one; `differs` is false when
        /// the two are byte for byte the same (an ejected file never edited).
        case overridden(differs: Bool)
        /// The site has a file the built-in theme does not (any more). `used` is true when
        /// one of the site's templates includes it as a partial.
        case siteOnly(used: Bool)
    }

    public struct Entry: Sendable, Equatable {
        public var path: String
        public var status: Status
    }

    /// Every built-in file and every file of the site's `templates/`, sorted by path.
    public var entries: [Entry]
    /// Located warnings: site templates that override nothing and nothing includes, and
    /// problems loading the site's templates over the built-in theme (a partial an
    /// override includes that neither the site nor the binary has).
    public var diagnostics: [Diagnostic]

    static let folder = "templates"

    /// Compares the site at `root` with the built-in theme.
    public static func scan(root: URL) -> ThemeInventory {
        let site = siteFiles(root: root)
        let builtIn = Dictionary(Theme.builtInFiles.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        // Partials the site's own templates include, by template name (path without .mustache).
        var included = Set<String>()
        for (path, bytes) in site where path.hasSuffix(".mustache") {
            if let template = try? Template(String(decoding: bytes, as: UTF8.self)) {
                for name in template.includedNames { included.insert(name) }
            }
        }
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for path in Set(site.keys).union(builtIn.keys).sorted() {
            switch (site[path], builtIn[path]) {
            case (nil, _): entries.append(Entry(path: path, status: .builtIn))
            case (let mine?, let theirs?): entries.append(Entry(path: path, status: .overridden(differs: mine != theirs)))
            case (_?, nil):
                let name = path.hasSuffix(".mustache") ? String(path.dropLast(".mustache".count)) : path
                let used = included.contains(name)
                entries.append(Entry(path: path, status: .siteOnly(used: used)))
                if path.hasSuffix(".mustache") && !used {
                    let hint = Suggestion.closest(to: path, in: builtIn.keys.sorted()).map { " (did you mean to override '\($0)'?)" } ?? ""
                    diagnostics.append(Diagnostic(.themeUnknownFile,
                        "the built-in theme has no \(path), so this file overrides nothing, and none of your templates includes it\(hint)",
                        path: folder + "/" + path, severity: .warning))
                }
            }
        }
        do {
            _ = try Theme.load(folders: [(root.appending(path: folder), folder)], root: root)
        } catch {
            diagnostics += error.diagnostics
        }
        return ThemeInventory(entries: entries, diagnostics: diagnostics)
    }

    /// The site's `templates/` as the theme loader sees it (hidden files skipped).
    static func siteFiles(root: URL) -> [String: [UInt8]] {
        let base = root.appending(path: folder).standardizedFileURL.path
        var files: [String: [UInt8]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        while let relative = walker.nextObject() as? String {
            if relative.split(separator: "/").last?.hasPrefix(".") == true {
                walker.skipDescendants()
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue,
                let data = FileManager.default.contents(atPath: base + "/" + relative)
            else { continue }
            files[relative] = Array(data)
        }
        return files
    }
}
