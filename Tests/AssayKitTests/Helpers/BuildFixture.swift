import AssaySupport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// A throwaway site in a temporary folder: the repository's `templates/` plus the files a
/// test gives, built with `SiteBuilder` into `public/`. Removed when released.
final class BuildFixture {
    let root: URL

    /// The repository root, found from this file's path (`Tests/AssayKitTests/Support/`).
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/AssayKitTests/Fixtures/`.
    static let fixtures: URL = repository.appending(path: "Tests/AssayKitTests/Fixtures")

    /// A small, valid site: four levels, two sources, a home page, a page with claims and
    /// citations, and a nested page. Tests break one file and expect exact positions, so
    /// the line numbers below are part of the contract of every bad-input case.
    static let minimalFiles: [String: String] = [
        "content/site.yml": FixtureSite.siteYAML(title: "Fixture guide"),
        "content/sources.yml": """
            - id: kruegel2016
              author: Kruegel AC; Gassaway MM; Kapoor A
              title: "Synthetic and receptor signaling explorations of the mitragyna alkaloids"
              container-title: Journal of the American Chemical Society
              issued: 2016
            - id: prozialeck2012
              author: Prozialeck WC
              title: "Pharmacology of kratom"
              issued: 2012

            """,
        "content/_index.md": """
            ---
            title: "Fixture home"
            reviewed: 2026-01-15
            ---
            Welcome. [Users report relief]{.anecdotal}. Read the [guide](guide.md).

            """,
        "content/guide.md": """
            ---
            title: "Guide"
            summary: "The page with claims."
            reviewed: 2026-01-15
            ---

            [Mitragynine binds mu-opioid receptors in cells [@kruegel2016]]{.preliminary #binding}.

            [Kratom is an opioid-like plant [@prozialeck2012]]{.established}.

            """,
        "content/topic/page.md": """
            ---
            title: "Nested page"
            reviewed: 2026-01-15
            ---
            See [the binding claim](../guide.md#binding).

            """,
    ]

    /// - Parameter files: paths from the site root to their text; they replace the
    ///   defaults. `nil` for `files` leaves the site without content (the caller writes it).
    init(_ files: [String: String]? = BuildFixture.minimalFiles, templates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "assay-kit-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appending(path: "content"), withIntermediateDirectories: true)
        if templates {
            try fm.copyItem(at: Self.repository.appending(path: "templates"), to: root.appending(path: "templates"))
        }
        for (path, text) in files ?? [:] {
            try write(path, text)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var output: URL { root.appending(path: "public") }

    func url(_ path: String) -> URL { root.appending(path: path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(decoding: Data(contentsOf: url(path)), as: UTF8.self)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url(path))
    }

    /// Copies a folder of the repository's fixtures into the site (e.g. a `content/`).
    func copyFixture(_ relative: String, to path: String) throws {
        let target = url(path)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: Self.fixtures.appending(path: relative), to: target)
    }

    @discardableResult
    func build(output: URL? = nil, drafts: Bool = false, useCache: Bool = true) throws(BuildFailure) -> BuildReport {
        try SiteBuilder.build(BuildOptions(root: root, output: output, drafts: drafts, useCache: useCache))
    }

    /// The build's diagnostics, or an issue when it succeeded.
    func failure(sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            try build()
            Issue.record("the build succeeded; expected it to fail", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Every regular file under `folder`, by path relative to it, with its bytes.
    static func snapshot(_ folder: URL) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            files[relative] = FileManager.default.contents(atPath: url.path).map(Array.init) ?? []
        }
        return files
    }

    /// Names in the site root that look like a build's staging folder.
    var stagingLeftovers: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.contains("assay-new") }
    }
}

extension Array where Element == UInt8 {
    /// The bytes as text, for comparisons that print readably when they fail.
    var text: String { String(decoding: self, as: UTF8.self) }
}
