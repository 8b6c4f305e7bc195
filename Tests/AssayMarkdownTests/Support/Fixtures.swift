import Foundation

/// The Markdown fixtures kept beside the tests (read from the source tree, not bundled).
enum Fixtures {
    /// Tests/AssayMarkdownTests/Fixtures.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")

    static let commonMark = folder.appending(path: "commonmark")

    /// The names of the CommonMark parity fixtures, sorted; empty if the folder is gone
    /// (a separate test insists it is not).
    static let commonMarkNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: commonMark.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()
}
