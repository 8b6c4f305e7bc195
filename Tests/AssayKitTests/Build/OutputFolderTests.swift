import AssaySupport
import Foundation
import Testing

@testable import AssayKit

/// The output folder is Assay's alone: a build refuses folders that hold the user's
/// files, and in a folder of its own removes only what it wrote itself.
@Suite("Output folder")
struct OutputFolderTests {
    /// Every folder a careless `-o` could name that would have lost the user's files.
    @Test(
        "refuses a folder that holds the site or its sources",
        arguments: [
            (".", "the site's folder"), ("..", "the site's folder"), ("content", "inside content/"),
            ("content/topic", "inside content/"), ("templates", "inside templates/"), ("templates/x", "inside templates/"),
            ("theme", "the theme folder theme"), ("theme/sub", "the theme folder theme"),
        ])
    func refusesSiteFolders(output: String, why: String) throws {
        let site = try BuildFixture()
        try site.write("content/site.yml", try site.read("content/site.yml") + "theme: theme\n")
        try site.write("theme/keep.txt", "a theme file")
        let before = BuildFixture.snapshot(site.root)
        let diagnostics = build(site, into: site.root.appending(path: output))
        #expect(diagnostics.map(\.rule) == [.output])
        #expect(diagnostics.first?.message.contains(why) == true, "\(diagnostics)")
        #expect(BuildFixture.snapshot(site.root) == before)
    }

    @Test("refuses the file system root and the home folder, by path or through a symlink")
    func refusesRootAndHome() throws {
        let site = try BuildFixture()
        let home = FileManager.default.homeDirectoryForCurrentUser
        let link = site.root.appending(path: "to-home")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: home)
        let contentLink = FileManager.default.temporaryDirectory.appending(path: "assay-link-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: contentLink, withDestinationURL: site.url("content"))
        defer { try? FileManager.default.removeItem(at: contentLink) }
        for output in [URL(fileURLWithPath: "/"), home, link, home.deletingLastPathComponent(), contentLink] {
            let diagnostics = build(site, into: output)
            #expect(diagnostics.map(\.rule) == [.output], "\(output.path): \(diagnostics)")
        }
    }

    @Test("refuses a file and a dangling symlink")
    func refusesFileAndDanglingLink() throws {
        let site = try BuildFixture()
        try site.write("notes.txt", "mine")
        #expect(build(site, into: site.url("notes.txt")).first?.message.contains("it is a file") == true)
        try FileManager.default.createSymbolicLink(atPath: site.url("gone").path, withDestinationPath: site.url("nowhere").path)
        #expect(build(site, into: site.url("gone")).first?.message.contains("symlink to nothing") == true)
        #expect(try site.read("notes.txt") == "mine")
    }

    @Test("keeps every file it did not write, and says so")
    func keepsForeignFiles() throws {
        let site = try BuildFixture()
        try site.write("public/CNAME", "guide.example.org\n")
        try site.write("public/.nojekyll", "")
        try site.write("public/.git/HEAD", "ref: refs/heads/main\n")
        try FileManager.default.createDirectory(at: site.url("public/.git/refs/tags"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.url("public/latest").path, withDestinationPath: "index.html")
        let report = try site.build()
        #expect(try site.read("public/CNAME") == "guide.example.org\n")
        #expect(try site.read("public/.git/HEAD") == "ref: refs/heads/main\n")
        #expect(FileManager.default.fileExists(atPath: site.url("public/.nojekyll").path))
        #expect(FileManager.default.fileExists(atPath: site.url("public/.git/refs/tags").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.url("public/latest").path) == "index.html")
        #expect(Set(report.kept) == [".git/HEAD", ".nojekyll", "CNAME", "latest"])
        #expect(report.summary.contains("4 kept that Assay did not write"))
        // A second build keeps them again, and they are still not Assay's.
        try site.build(useCache: false)
        #expect(try site.read("public/CNAME") == "guide.example.org\n")
        let manifest = try site.read("public/.assay-manifest")
        #expect(manifest.contains("\nindex.html\n") && !manifest.contains("CNAME"))
    }

    @Test("removes a page it wrote once the page is gone, with or without the cache")
    func removesOnlyItsOwnStaleFiles() throws {
        for useCache in [true, false] {
            let site = try BuildFixture()
            try site.write("public/notes/mine.html", "<p>mine</p>")
            try site.build()
            #expect(FileManager.default.fileExists(atPath: site.url("public/topic/page.html").path))
            try site.remove("content/topic/page.md")
            let report = try site.build(useCache: useCache)
            // The page and the index of its folder, which it alone filled.
            #expect(!FileManager.default.fileExists(atPath: site.url("public/topic/page.html").path))
            #expect(!FileManager.default.fileExists(atPath: site.url("public/topic/index.html").path))
            #expect(report.removed == 2)
            #expect(try site.read("public/notes/mine.html") == "<p>mine</p>")
        }
    }

    @Test("an unchanged file is the same inode after a rebuild: carried by hard link, not copied")
    func unchangedFilesAreLinked() throws {
        let site = try BuildFixture()
        try site.build()
        // The listings of every claim are written in pieces (`StagedFile`), the rest whole.
        let files = ["public/guide.html", "public/claims.html", "public/claims.json", "public/sources.html"]
        let before = try files.map { try inode(site.url($0)) }
        try site.write("content/topic/page.md", try site.read("content/topic/page.md") + "\nOne more line.\n")
        for useCache in [true, false] {
            try site.build(useCache: useCache)
            #expect(try files.map { try inode(site.url($0)) } == before)
        }
        #expect(try site.read("public/topic/page.html").contains("One more line."))
        try site.write("content/topic/page.md", try site.read("content/topic/page.md") + "\n[A new claim]{.anecdotal}\n")
        try site.build()
        let after = try files.map { try inode(site.url($0)) }
        #expect(after[0] == before[0])
        #expect(after[1] != before[1] && after[2] != before[2])
        #expect(try site.read("public/claims.html").contains("A new claim"))
        #expect(try site.read("public/claims.json").contains("A new claim"))
        #expect(site.stagingLeftovers.isEmpty)
    }

    @Test("a leftover stage of a killed build is cleared; a folder of the user's in its place is not")
    func leftoverStage() throws {
        let site = try BuildFixture()
        try site.build()
        try site.write(".public.assay-new/.assay-manifest", "# being built\n")
        try site.write(".public.assay-new/half.html", "half")
        try site.build()
        #expect(site.stagingLeftovers.isEmpty)
        try site.write(".public.assay-new/precious.txt", "mine")
        let diagnostics = build(site, into: site.output)
        #expect(diagnostics.first?.message.contains("is in the way") == true)
        #expect(try site.read(".public.assay-new/precious.txt") == "mine")
    }

    private func build(_ site: BuildFixture, into output: URL) -> [Diagnostic] {
        do {
            try site.build(output: output)
            return []
        } catch {
            return error.diagnostics
        }
    }

    private func inode(_ url: URL) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64)
    }
}
