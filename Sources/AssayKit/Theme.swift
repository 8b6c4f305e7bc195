import AssayMarkdown
import Foundation

/// The Mustache templates and static assets of a site, loaded once per build and shared
/// by every render. A site's own `templates/` overrides the theme it names, file by file.
public struct Theme: Sendable {
    public let templates: [String: Template]
    /// Asset path under `assets/` to its bytes (CSS, scripts).
    public let assets: [String: [UInt8]]
    /// A digest of every template and asset, so the build cache knows when they change.
    public let fingerprint: UInt64

    /// Layouts a build needs; a missing one is an error before any page renders.
    public static let requiredLayouts = ["page", "section", "home", "claims", "sources", "methodology", "search", "404"]

    /// - Parameter folders: theme folders, highest priority first, with their paths as
    ///   they should appear in diagnostics.
    public static func load(folders: [(url: URL, path: String)]) throws(BuildFailure) -> Theme {
        var texts: [String: (text: String, path: String)] = [:]
        var assets: [String: [UInt8]] = [:]
        var fingerprint = Fingerprint()
        let fm = FileManager.default
        for folder in folders.reversed() {
            guard let files = fm.enumerator(at: folder.url, includingPropertiesForKeys: nil)?.allObjects as? [URL] else { continue }
            for file in files.sorted(by: { $0.path < $1.path }) {
                let relative = String(file.standardizedFileURL.path.dropFirst(folder.url.standardizedFileURL.path.count + 1))
                let shownPath = folder.path + "/" + relative
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                if relative.hasSuffix(".mustache") {
                    // Named by path, as swift-mustache names templates in subfolders:
                    // `partials/footer` can never shadow the `footer` or `page` layout.
                    let name = String(relative.dropLast(".mustache".count))
                    texts[name] = (try SourceText.read(file, path: shownPath), shownPath)
                } else if relative.hasPrefix("assets/") {
                    guard let data = fm.contents(atPath: file.path) else { continue }
                    assets[String(relative.dropFirst("assets/".count))] = Array(data)
                }
            }
        }
        var templates: [String: Template] = [:]
        var problems: [Diagnostic] = []
        for name in texts.keys.sorted() {
            let (text, path) = texts[name]!
            fingerprint.add(name)
            fingerprint.add(text)
            do {
                let template = try Template(text)
                templates[name] = template
                for partial in template.partials where texts[partial.name] == nil {
                    let hint = Suggestion.closest(to: partial.name, in: texts.keys).map { " — did you mean '\($0)'?" } ?? ""
                    problems.append(
                        Diagnostic(CheckRule.missingTemplate.rawValue, "partial '\(partial.name)' not found\(hint)", path: path, line: partial.line, column: partial.column))
                }
            } catch {
                problems.append(Diagnostic(CheckRule.template.rawValue, "template syntax: \(error.message)", path: path, line: error.line, column: error.column))
            }
        }
        for name in requiredLayouts where texts[name] == nil {
            let folder = folders.first?.path ?? "templates"
            problems.append(
                Diagnostic(CheckRule.missingTemplate.rawValue, "template '\(name).mustache' not found in \(folders.map(\.path).joined(separator: " or "))", path: "\(folder)/\(name).mustache"))
        }
        for key in assets.keys.sorted() {
            fingerprint.add(key)
            fingerprint.add(assets[key]!)
        }
        guard problems.isEmpty else { throw BuildFailure(problems) }
        return Theme(templates: templates, assets: assets, fingerprint: fingerprint.value)
    }

    /// Fills layout `layout` (checked to exist at load time). `capacity` is a generous
    /// guess at the output's size for very large pages (see `Template.render`).
    public func render(_ context: TemplateValue, layout: String, capacity: Int = 16 * 1024) -> [UInt8] {
        templates[layout]?.render(context, partials: templates, capacity: capacity) ?? []
    }
}
