import AssayTestSupport
import Foundation

/// A throwaway site in a temporary folder: the repository's `templates/` and a small,
/// clean `content/` (three pages, one claim per level but the last, both sources cited).
/// Removed when released.
final class TemporarySite {
    let root: URL

    /// The repository root, found from this file's path (`Tests/AssayCLITests/Support/`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Line numbers matter: tests break a line and expect its position.
    static let files: [String: String] = [
        "content/site.yml": FixtureSite.siteYAML(title: "CLI fixture"),
        "content/sources.yml": """
            - id: kruegel2016
              author: Kruegel AC; Gassaway MM; Kapoor A
              title: "Synthetic and receptor signaling explorations of the mitragyna alkaloids"
              issued: 2016
            - id: prozialeck2012
              author: Prozialeck WC
              title: "Pharmacology of kratom"
              issued: 2012

            """,
        "content/_index.md": """
            ---
            title: "Home"
            reviewed: 2026-01-15
            ---
            Welcome. [Users report relief]{.anecdotal}. Read the [guide](guide.md).

            """,
        "content/guide.md": """
            ---
            title: "Guide"
            reviewed: 2026-01-15
            ---

            [Mitragynine binds mu-opioid receptors in cells [@kruegel2016]]{.preliminary #binding}.

            [Kratom is an opioid-like plant [@prozialeck2012]]{.established}.

            """,
        "content/topic/page.md": """
            ---
            title: "Nested"
            reviewed: 2026-01-15
            ---
            See [the binding claim](../guide.md#binding).

            """,
    ]

    /// A date the fixture's reviews are not yet due against, for `check --today`.
    static let today = "2026-02-01"

    init(templates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "assay-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if templates {
            try FileManager.default.copyItem(at: Self.repository.appending(path: "templates"), to: url("templates"))
        }
        for (path, text) in Self.files { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func url(_ path: String) -> URL { root.appending(path: path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url(path)), as: UTF8.self)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    /// One file as a snapshot sees it.
    struct FileState: Equatable {
        var bytes: Data
        var modified: Date?
    }

    /// Every regular file under `path`, relative to it, with its bytes and modification
    /// date: "untouched" means neither rewritten nor even renamed over.
    func snapshot(_ path: String) -> [String: FileState] {
        let folder = url(path).standardizedFileURL
        var files: [String: FileState] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return files }
        for case let file as URL in walker {
            let values = try? file.resourceValues(forKeys: Set(keys))
            guard values?.isRegularFile == true else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(folder.path.count + 1))
            files[relative] = FileState(
                bytes: FileManager.default.contents(atPath: file.path) ?? Data(), modified: values?.contentModificationDate)
        }
        return files
    }
}

/// An empty temporary folder, for commands run outside any site.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "assay-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
