import Foundation

/// A small site in a temporary folder: the repository's own templates, three pages, a
/// bibliography, and a secret file beside (outside) the output folder that no request
/// may ever read.
struct TestSite {
    let root: URL
    var output: URL { root.appending(path: "public") }
    var content: URL { root.appending(path: "content") }
    static let secret = "TOP-SECRET-a1b2c3"

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appending(path: "assay-preview-\(UUID().uuidString)").standardizedFileURL
        let fm = FileManager.default
        try fm.createDirectory(at: root.appending(path: "content/articles"), withIntermediateDirectories: true)
        // Tests/AssayPreviewTests/TestSite.swift → the repository's templates/.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try fm.copyItem(at: repo.appending(path: "templates"), to: root.appending(path: "templates"))
        try write("content/site.yml", Self.config)
        try write("content/sources.yml", Self.sources)
        try write("content/_index.md", Self.home)
        try write("content/articles/one.md", Self.page(body: "First version of the page."))
        try write("secret.txt", Self.secret + "\n")
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appending(path: relative))
    }

    /// Folders in a new site's `content/` and `templates/`, themselves included.
    static func folderCount() throws -> Int {
        let site = try TestSite()
        defer { site.remove() }
        var count = 0
        for top in [site.content, site.root.appending(path: "templates")] {
            count += 1
            let walker = FileManager.default.enumerator(at: top, includingPropertiesForKeys: [.isDirectoryKey])
            while let url = walker?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true,
                   !url.lastPathComponent.hasPrefix(".") { count += 1 }
            }
        }
        return count
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    static func page(body: String, level: String = "anecdotal") -> String {
        """
        ---
        title: "One"
        summary: "The first page"
        reviewed: 2026-01-10
        order: 1
        ---
        ## Details

        [Mitragynine binds opioid receptors in cells [@kruegel2016]]{.preliminary #binding}.

        \(body)

        [Users report relief]{.\(level)}.
        """
    }

    /// Where `page(body:level:)` puts the second claim, for checking diagnostics.
    static let secondClaimLine = 13

    static let home = """
        ---
        title: "Test guide"
        summary: "A test."
        reviewed: 2026-01-10
        ---
        Welcome. See [the page](articles/one.md#details).
        """

    static let config = """
        title: "Preview test"
        description: "A site for the preview server's tests."
        language: en
        review:
          period_months: 12
        levels:
          - id: established
            label: Established
            rank: 4
            definition: "Consistent findings across several good studies."
            color: "#1a7f37"
            requires_citation: true
          - id: preliminary
            label: Preliminary study
            rank: 3
            definition: "Lab, animal, or small early human studies."
            color: "#9a6700"
            requires_citation: true
          - id: anecdotal
            label: Anecdotal
            rank: 2
            definition: "Personal reports."
            color: "#8250df"
          - id: unsupported
            label: No good evidence
            rank: 1
            definition: "No studies found."
            color: "#cf222e"
        """

    static let sources = """
        - id: kruegel2016
          type: article-journal
          author: Kruegel AC; Gassaway MM
          title: "Synthetic and Receptor Signaling Explorations of the Mitragyna Alkaloids"
          container-title: Journal of the American Chemical Society
          issued: 2016
        """
}
