import AssayKit
import Foundation
import Testing

/// The theme compiled into the binary is the repository's `templates/`, byte for byte:
/// the EmbedTheme plugin is the only way it gets there, so there is no copy to drift.
@Suite("Built-in theme")
struct BuiltInThemeTests {
    static let templates = BuildFixture.repository.appending(path: "templates")

    static func filesOnDisk() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: templates.path))
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = templates.path + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return files
    }

    @Test("holds every file of templates/ with its exact bytes, and nothing else")
    func sameAsTemplatesFolder() throws {
        let disk = try Self.filesOnDisk()
        let embedded = Theme.builtInFiles
        #expect(embedded.map(\.path) == embedded.map(\.path).sorted(), "files are sorted by path")
        #expect(Set(embedded.map(\.path)) == Set(disk.keys))
        for file in embedded {
            #expect(file.bytes == disk[file.path], "\(file.path) differs from templates/\(file.path)")
        }
        #expect(embedded.contains { $0.path == "assets/style.css" } && embedded.contains { $0.path == "partials/footer.mustache" })
    }

    @Test("alone, it is a complete theme: every required layout and every partial it includes")
    func completeOnItsOwn() throws {
        let empty = FileManager.default.temporaryDirectory.appending(path: "assay-no-theme-\(UUID().uuidString)")
        let theme = try Theme.load(folders: [(empty, "templates")], root: empty)
        for layout in Theme.requiredLayouts { #expect(theme.contains(layout), "\(layout)") }
        #expect(theme.assets["style.css"] != nil)
        #expect(throws: BuildFailure.self) { try Theme.load(folders: [(empty, "templates")], root: empty, builtIn: false) }
    }

    @Test("a site's file overrides the built-in one of the same path, and only that one")
    func overrideFileByFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "assay-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "partials"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<footer>mine</footer>\n".utf8).write(to: folder.appending(path: "partials/footer.mustache"))
        let theme = try Theme.load(folders: [(folder, "templates")], root: folder)
        let builtIn = try Theme.load(folders: [], root: folder)
        #expect(String(decoding: try theme.render([:], layout: "partials/footer"), as: UTF8.self) == "<footer>mine</footer>\n")
        #expect(try theme.render([:], layout: "partials/header") == builtIn.render([:], layout: "partials/header"))
        #expect(theme.fingerprint != builtIn.fingerprint)
    }

    @Test("a site's page layout can extend the built-in one and replace only its footer")
    func extendOnlyTheFooter() throws {
        let plain = try BuildFixture(BuildFixture.minimalFiles, templates: false)
        try plain.build()
        let extended = try BuildFixture(BuildFixture.minimalFiles, templates: false)
        try extended.write("templates/page.mustache", "{{<page}}\n{{$footer}}\n<footer>My own footer</footer>\n{{/footer}}\n{{/page}}\n")
        try extended.build()
        let before = try plain.read("public/guide.html"), after = try extended.read("public/guide.html")
        let footer = try #require(before.range(of: "<footer"))
        // Everything up to the footer is the same; the footer is the site's.
        #expect(after.hasPrefix(String(before[..<footer.lowerBound])))
        #expect(after.hasSuffix("<footer>My own footer</footer>\n</body>\n</html>\n"))
        #expect(!after.contains("class=\"site-footer\""))
        // Layouts the site does not extend are untouched.
        #expect(try extended.read("public/claims.html") == plain.read("public/claims.html"))
    }
}
