import AssayMarkdown
import AssaySupport
import AssayTemplates
import Foundation

/// The Mustache templates and static assets of a site, loaded once per build and shared
/// by every render. A site's own `templates/` overrides the theme it names, file by file,
/// or extends one of its layouts block by block (`{{<page}}…{{/page}}`, see docs/theme.md).
public struct Theme: Sendable {
    /// Every template, linked and checked; named by path under its folder, without
    /// `.mustache` (`page`, `partials/footer`).
    let library: TemplateLibrary
    /// Asset path under `assets/` to its bytes (CSS, scripts).
    public let assets: [String: [UInt8]]
    /// A digest of every template and asset, so the build cache knows when they change.
    public let fingerprint: UInt64
    /// Sees every context a render is given, with its layout: how the tests hold the
    /// contexts a build really makes against `TemplateContextSchema`. Nil in a build.
    var observer: (@Sendable (String, TemplateValue) -> Void)?

    /// Layouts a build needs; a missing one is an error before any page renders.
    public static let requiredLayouts = ["page", "section", "home", "claims", "sources", "methodology", "search", "404", "changes", "print"]

    /// - Parameters:
    ///   - folders: theme folders, highest priority first, with their paths as they
    ///     should appear in diagnostics.
    ///   - root: the site's folder: a file reached through a symlink that leads outside
    ///     it is never read (it could be `/proc/self/environ`, published as an asset).
    ///   - builtIn: put the theme inside the binary (`Theme+BuiltIn.swift`) below every
    ///     folder; false only to test a folder on its own.
    public static func load(folders: [(url: URL, path: String)], root: URL, builtIn: Bool = true) throws(BuildFailure) -> Theme {
        var problems: [Diagnostic] = []
        // Templates that exist but could not be read: not also "not found".
        var unreadable: Set<String> = []
        var layers: [[String: (text: String, path: String)]] = []
        var assets: [String: [UInt8]] = [:]
        let fm = FileManager.default
        for folder in folders {
            var layer: [String: (text: String, path: String)] = [:]
            defer { layers.append(layer) }
            let base = folder.url.standardizedFileURL.path
            guard fm.fileExists(atPath: base) || FileSafety.isSymlink(base) else { continue }
            if FileSafety.isSymlink(base), let problem = FileSafety.problem(reading: base, root: root, shownPath: folder.path) {
                problems.append(problem)
                continue
            }
            guard let walker = fm.enumerator(atPath: base) else { continue }
            var relatives: [String] = []
            while let relative = walker.nextObject() as? String { relatives.append(relative) }
            for relative in relatives.sorted() {
                let full = base + "/" + relative
                let shownPath = folder.path + "/" + relative
                // Checked before anything else looks at the file: a link loop or a link
                // out of the site is reported, and its target is never opened. (The
                // walk does not go into linked folders; one that leads out is reported.)
                if FileSafety.isSymlink(full), let problem = FileSafety.problem(reading: full, root: root, shownPath: shownPath) {
                    problems.append(problem)
                    continue
                }
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                if relative.hasSuffix(".mustache") {
                    // Named by path, as swift-mustache names templates in subfolders:
                    // `partials/footer` can never shadow the `footer` or `page` layout.
                    let name = String(relative.dropLast(".mustache".count))
                    do throws(BuildFailure) {
                        layer[name] = (try SourceText.read(URL(fileURLWithPath: full), path: shownPath), shownPath)
                    } catch {
                        problems += error.diagnostics
                        unreadable.insert(name)
                    }
                } else if relative.hasPrefix("assets/") {
                    let key = String(relative.dropFirst("assets/".count))
                    guard assets[key] == nil, let data = fm.contents(atPath: full) else { continue }
                    assets[key] = Array(data)
                }
            }
        }
        if builtIn {
            // The lowest layer: what no folder overrides comes from the binary, and the
            // lowest folder's `{{<page}}` extends the built-in `page`.
            let (texts, builtInAssets) = builtInLayer()
            layers.append(texts)
            for (key, bytes) in builtInAssets where assets[key] == nil { assets[key] = bytes }
        }

        var fingerprint = Fingerprint()
        var parsed: [[String: Template]] = []
        var names: Set<String> = []
        for layer in layers { names.formUnion(layer.keys) }
        names.formUnion(unreadable)
        // Linked only when every file was read and parsed: one that was not would show
        // up again as a partial "not found".
        var complete = problems.isEmpty
        for (n, layer) in layers.enumerated() {
            var templates: [String: Template] = [:]
            for name in layer.keys.sorted() {
                let (text, path) = layer[name]!
                fingerprint.add(n)
                fingerprint.add(name)
                fingerprint.add(text)
                do {
                    templates[name] = try Template(text, path: path)
                } catch {
                    problems.append(diagnostic(error, names: names))
                    complete = false
                }
            }
            parsed.append(templates)
        }
        for name in requiredLayouts where !names.contains(name) {
            let folder = folders.first?.path ?? "templates"
            problems.append(
                Diagnostic(.missingTemplate, "template '\(name).mustache' not found in \(folders.map(\.path).joined(separator: " or "))", path: "\(folder)/\(name).mustache"))
        }
        for key in assets.keys.sorted() {
            fingerprint.add(key)
            fingerprint.add(assets[key]!)
        }
        var library: TemplateLibrary?
        if complete {
            do {
                library = try TemplateLibrary(layers: parsed)
            } catch {
                problems += error.errors.map { diagnostic($0, names: names) }
            }
        }
        guard problems.isEmpty, let library else { throw BuildFailure(problems) }
        return Theme(library: library, assets: assets, fingerprint: fingerprint.value, observer: nil)
    }

    /// Whether the theme has a template of that name (`page`, `partials/nav`).
    public func contains(_ name: String) -> Bool { library.contains(name) }

    /// Fills layout (or partial) `layout`, checked to exist at load time. `capacity` is
    /// a generous guess at the output's size for very large pages (see
    /// `TemplateLibrary.render`). Fails only when rendering nests too deep: a template
    /// that includes itself through data that does not end.
    public func render(_ context: TemplateValue, layout: String, capacity: Int = 16 * 1024) throws(BuildFailure) -> [UInt8] {
        try render(context, layout: layout, capacity: capacity, flushingAt: .max) { _ in }
    }

    /// The same, handing the output over in pieces of about `flushingAt` bytes (see
    /// `TemplateLibrary.render`) and returning the last.
    func render(
        _ context: TemplateValue, layout: String, capacity: Int, flushingAt: Int, flush: @escaping (inout [UInt8]) -> Void
    ) throws(BuildFailure) -> [UInt8] {
        observer?(layout, context)
        do {
            return try library.render(layout, context, capacity: capacity, flushingAt: flushingAt, flush: flush)
        } catch {
            throw BuildFailure([Self.diagnostic(error, names: Set(library.names))])
        }
    }

    /// The engine's error as a located diagnostic: a name that is not there is
    /// `missing-template` (with the closest name there is), anything else `template`.
    static func diagnostic(_ error: TemplateError, names: Set<String>) -> Diagnostic {
        switch error.kind {
        case .missingTemplate:
            let hint = error.missingName.flatMap { Suggestion.closest(to: $0, in: names) }.map { " — did you mean '\($0)'?" } ?? ""
            return Diagnostic(.missingTemplate, error.message + hint, path: error.path, line: error.line, column: error.column)
        case .syntax:
            return Diagnostic(.template, "template syntax: \(error.message)", path: error.path, line: error.line, column: error.column)
        case .recursion, .inheritance:
            return Diagnostic(.template, error.message, path: error.path, line: error.line, column: error.column)
        }
    }
}
