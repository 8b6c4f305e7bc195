@testable import AssayPreview
import Foundation
import Testing

@Suite("Watching sources")
struct SiteWatcherTests {
    final class Folder {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "assay-watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url.appending(path: "content/deep"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url.appending(path: "content/public"), withIntermediateDirectories: true)
        }

        func write(_ relative: String, _ text: String) throws {
            try Data(text.utf8).write(to: url.appending(path: relative))
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    @Test func seesAddedChangedAndRemovedFiles() throws {
        let folder = try Folder()
        try folder.write("content/a.md", "one")
        try folder.write("content/deep/b.md", "two")
        let watcher = SiteWatcher(paths: [folder.url.appending(path: "content"), folder.url.appending(path: "site.yml")], excluding: [])
        let first = watcher.snapshot()
        #expect(first.count == 2)

        try folder.write("content/a.md", "one, longer")
        try folder.write("content/deep/c.md", "new")
        try FileManager.default.removeItem(at: folder.url.appending(path: "content/deep/b.md"))
        try folder.write("site.yml", "title: x")
        let second = watcher.snapshot()
        let root = folder.url.standardizedFileURL.path
        #expect(SiteWatcher.changes(from: first, to: second) == [
            "\(root)/content/a.md", "\(root)/content/deep/b.md", "\(root)/content/deep/c.md", "\(root)/site.yml",
        ])
        #expect(SiteWatcher.changes(from: second, to: watcher.snapshot()).isEmpty)
    }

    /// Same size, same second: an editor's save by rename still shows as a new inode.
    @Test func seesAReplacedFileOfTheSameSize() throws {
        let folder = try Folder()
        try folder.write("content/a.md", "aaaa")
        let watcher = SiteWatcher(paths: [folder.url.appending(path: "content")], excluding: [])
        let before = watcher.snapshot()
        try Data("bbbb".utf8).write(to: folder.url.appending(path: "content/a.md"), options: .atomic)
        #expect(watcher.snapshot() != before)
    }

    @Test func ignoresEditorFilesAndTheOutputFolder() throws {
        let folder = try Folder()
        let watcher = SiteWatcher(paths: [folder.url.appending(path: "content")], excluding: [folder.url.appending(path: "content/public")])
        let before = watcher.snapshot()
        for name in [".a.md.swp", "a.md~", "#a.md#", "4913", ".DS_Store", "public/index.html"] {
            try folder.write("content/" + name, "x")
        }
        #expect(watcher.snapshot() == before)
    }
}
