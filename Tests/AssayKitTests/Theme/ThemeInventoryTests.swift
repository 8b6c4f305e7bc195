import AssayKit
import Foundation
import Testing

/// `assay theme list` and `eject`, on the engine side.
@Suite("Theme inventory and eject")
struct ThemeInventoryTests {
    final class Site {
        let root = FileManager.default.temporaryDirectory.appending(path: "assay-inventory-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws {
            let url = root.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: root.appending(path: path))) }
    }

    @Test("without templates/ every file is built in and nothing is reported")
    func noTemplates() throws {
        let site = try Site()
        let inventory = ThemeInventory.scan(root: site.root)
        #expect(inventory.entries.map(\.path) == Theme.builtInFiles.map(\.path))
        #expect(inventory.entries.allSatisfy { $0.status == .builtIn })
        #expect(inventory.diagnostics.isEmpty)
    }

    @Test("overrides, same or different; a site-only file, used or not, with a located warning")
    func statuses() throws {
        let site = try Site()
        _ = try ThemeInventory.eject(["page.mustache", "partials/footer.mustache"], root: site.root)
        try site.write("templates/page.mustache", "{{> partials/mine}}\n")
        try site.write("templates/partials/mine.mustache", "mine\n")
        try site.write("templates/partials/old-banner.mustache", "old\n")
        try site.write("templates/partials/footr.mustache", "a typo\n")
        let inventory = ThemeInventory.scan(root: site.root)
        let status = Dictionary(uniqueKeysWithValues: inventory.entries.map { ($0.path, $0.status) })
        #expect(status["page.mustache"] == .overridden(differs: true))
        #expect(status["partials/footer.mustache"] == .overridden(differs: false))
        #expect(status["partials/mine.mustache"] == .siteOnly(used: true))
        #expect(status["partials/old-banner.mustache"] == .siteOnly(used: false))
        #expect(status["home.mustache"] == .builtIn)
        #expect(inventory.diagnostics.map(\.description) == [
            "templates/partials/footr.mustache: warning: the built-in theme has no partials/footr.mustache, so this file overrides nothing, and none of your templates includes it (did you mean to override 'partials/footer.mustache'?) [theme-unknown-file]",
            "templates/partials/old-banner.mustache: warning: the built-in theme has no partials/old-banner.mustache, so this file overrides nothing, and none of your templates includes it [theme-unknown-file]",
        ])
    }

    @Test("an override that includes a partial the theme does not have: a located error")
    func missingPartial() throws {
        let site = try Site()
        try site.write("templates/page.mustache", "<main>\n  {{> partials/sidebar}}\n</main>\n")
        let inventory = ThemeInventory.scan(root: site.root)
        #expect(inventory.diagnostics.map(\.description) == [
            "templates/page.mustache:2:3: error: partial 'partials/sidebar' not found [missing-template]"
        ])
    }

    @Test("eject copies exact bytes, never overwrites, and accepts names as list prints them or shorter")
    func eject() throws {
        let site = try Site()
        try site.write("templates/page.mustache", "mine\n")
        let outcome = try ThemeInventory.eject(["page", "templates/partials/footer.mustache", "style.css", "partials/footer"], root: site.root)
        #expect(outcome.written == ["templates/assets/style.css", "templates/partials/footer.mustache"])
        #expect(outcome.skipped == ["templates/page.mustache"])
        #expect(try site.read("templates/page.mustache") == Array("mine\n".utf8))
        #expect(try site.read("templates/assets/style.css") == Theme.builtInFiles.first { $0.path == "assets/style.css" }?.bytes)
        let all = try ThemeInventory.eject([], root: site.root)
        #expect(all.written.count + all.skipped.count == Theme.builtInFiles.count)
        #expect(all.skipped.count == 3)
    }

    @Test("an unknown name: an error with a suggestion, and nothing written", arguments: [
        ("pge.mustache", "page.mustache"), ("partials/foter", "partials/footer.mustache"), ("nothing-like-it.txt", nil),
    ] as [(String, String?)])
    func unknownName(_ name: String, _ suggestion: String?) throws {
        let site = try Site()
        #expect {
            try ThemeInventory.eject(["page.mustache", name], root: site.root)
        } throws: { error in
            (error as? ThemeInventory.UnknownFile)?.suggestion == suggestion
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appending(path: "templates").path))
    }
}
