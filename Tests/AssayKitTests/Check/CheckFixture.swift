import Foundation
import Testing

@testable import AssayKit

/// A small site written to a temporary folder for one test: the repository's default
/// templates, a site.yml, and the pages the test gives. Removed when released.
final class CheckFixture {
    let root: URL

    /// The date reviews are measured against in every check test.
    static let today = SimpleDate(year: 2026, month: 6, day: 1)

    /// Line 2 sets `base_url`, so no fixture gets the no-base-url warning by accident.
    static let siteYAML = """
        title: "Fixture guide"
        base_url: "https://example.org/guide/"
        review:
          period_months: 12
        levels:
          - id: established
            label: Established
            rank: 4
            definition: "Several good studies agree."
            requires_citation: true
          - id: preliminary
            label: Preliminary study
            rank: 3
            definition: "Lab, animal or small human studies."
            requires_citation: true
          - id: anecdotal
            label: Anecdotal
            rank: 2
            definition: "Personal reports."

        """

    /// Two entries: `kruegel2016` starts on line 1, `prozialeck2012` on line 5.
    static let sourcesYAML = """
        - id: kruegel2016
          author: "Kruegel AC"
          title: "Synthetic and receptor signaling explorations of the mitragyna alkaloids"
          issued: 2016
        - id: prozialeck2012
          author: "Prozialeck WC"
          title: "Pharmacology of kratom"
          issued: 2012

        """

    /// The repository's `templates/`, found from this file's path.
    static var repositoryTemplates: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(path: "templates")
    }

    /// - Parameters:
    ///   - files: paths from the site root (`content/a.md`, `templates/partials/x.mustache`)
    ///     to their text; they replace the defaults.
    ///   - siteYAML: `content/site.yml`, unless `files` gives one.
    init(_ files: [String: String], siteYAML: String = CheckFixture.siteYAML) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "assay-check-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appending(path: "content"), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.repositoryTemplates, to: root.appending(path: "templates"))
        var all = ["content/site.yml": siteYAML]
        all.merge(files) { _, new in new }
        for (path, text) in all {
            let url = root.appending(path: path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func check(strict: Bool = false, drafts: Bool = false) -> CheckResult {
        SiteChecker.check(root: root, drafts: drafts, today: Self.today, strict: strict)
    }

    /// The diagnostics as `assay check` prints them.
    func lines(strict: Bool = false, drafts: Bool = false) -> [String] {
        check(strict: strict, drafts: drafts).diagnostics.map(\.description)
    }
}
