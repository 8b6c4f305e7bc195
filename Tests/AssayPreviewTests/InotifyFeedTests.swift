import AssayTestSupport
#if os(Linux)
@testable import AssayPreview
import Foundation
import Testing

/// inotify watching, on a folder like a site's: `content/` with a subfolder and an output
/// folder inside it (excluded), and a `site.yml` beside it.
@Suite("Watching with inotify", .timeLimit(.minutes(1)))
struct InotifyFeedTests {
    final class Folder {
        let url: URL
        var content: URL { url.appending(path: "content") }

        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "assay-inotify-\(UUID().uuidString)").standardizedFileURL
            try FileManager.default.createDirectory(at: url.appending(path: "content/deep"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url.appending(path: "content/public"), withIntermediateDirectories: true)
        }

        func path(_ relative: String) -> String { url.appending(path: relative).path }

        func write(_ relative: String, _ text: String = "x") throws {
            try Data(text.utf8).write(to: url.appending(path: relative))
        }

        func feed(maxWatches: Int? = nil) throws -> InotifyFeed {
            try InotifyFeed(paths: [content, url.appending(path: "site.yml")], excluding: [content.appending(path: "public")], maxWatches: maxWatches)
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// The next burst, or a failure if none comes within `limit`.
    static func burst(_ feed: InotifyFeed, quiet: Duration = .milliseconds(50), within limit: Duration = .seconds(10)) async throws -> Burst {
        try await withThrowingTaskGroup(of: Burst?.self) { group in
            group.addTask { try await feed.nextBurst(quiet: quiet) }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let burst = first else {
                throw RawConnection.Failure(description: "no change seen within \(limit)")
            }
            return burst
        }
    }

    @Test func aSaveIsSeen() async throws {
        let folder = try Folder()
        let feed = try folder.feed()
        defer { feed.close() }
        try folder.write("content/deep/page.md", "one")
        #expect(try await Self.burst(feed) == .changed([folder.path("content/deep/page.md")]))
        // A save by rename, as editors do it.
        try Data("two".utf8).write(to: folder.content.appending(path: "deep/page.md"), options: .atomic)
        guard case .changed(let changed) = try await Self.burst(feed) else {
            Issue.record("the watch failed")
            return
        }
        #expect(changed.contains(folder.path("content/deep/page.md")))
        try folder.write("site.yml", "title: x")
        #expect(try await Self.burst(feed) == .changed([folder.path("site.yml")]))
    }

    /// Files written one after the other, within the quiet period of each other: one answer.
    @Test func aBurstIsOneAnswer() async throws {
        let folder = try Folder()
        let feed = try folder.feed()
        defer { feed.close() }
        for index in 0..<5 { try folder.write("content/page\(index).md", "version \(index)") }
        let burst = try await Self.burst(feed, quiet: .milliseconds(300))
        #expect(burst == .changed((0..<5).map { folder.path("content/page\($0).md") }))
    }

    /// Everything reported until `path` is, in bursts that may split as the machine's
    /// load spaces the events out.
    static func changes(_ feed: InotifyFeed, until path: String) async throws -> Set<String> {
        var all = Set<String>()
        while !all.contains(path) {
            guard case .changed(let changed) = try await burst(feed) else {
                throw RawConnection.Failure(description: "the watch failed")
            }
            all.formUnion(changed)
        }
        return all
    }

    @Test func filesInANewSubfolderAreSeen() async throws {
        let folder = try Folder()
        let feed = try folder.feed()
        defer { feed.close() }
        try FileManager.default.createDirectory(at: folder.content.appending(path: "new/deeper"), withIntermediateDirectories: true)
        try folder.write("content/new/deeper/first.md")
        let first = folder.path("content/new/deeper/first.md")
        #expect(try await Self.changes(feed, until: first) == [first])
        // Now watched: a later file in it is an event of its own.
        try folder.write("content/new/deeper/second.md")
        let second = folder.path("content/new/deeper/second.md")
        #expect(try await Self.changes(feed, until: second).isSubset(of: [first, second]))
        // The site root, content, deep, new and new/deeper; never the output folder.
        #expect(feed.watchCount == 5)
    }

    @Test func editorFilesAndTheOutputFolderAreIgnored() async throws {
        let folder = try Folder()
        let feed = try folder.feed()
        defer { feed.close() }
        for name in [".page.md.swp", "page.md~", "#page.md#", "4913", "public/index.html", "../public.html"] {
            try folder.write("content/" + name)
        }
        try FileManager.default.createDirectory(at: folder.content.appending(path: "public/sub"), withIntermediateDirectories: true)
        try folder.write("content/public/sub/index.html")
        try folder.write("content/page.md")
        #expect(try await Self.burst(feed) == .changed([folder.path("content/page.md")]))
    }

    /// Out of watches (as when `fs.inotify.max_user_watches` is reached): at start, the
    /// feed cannot be made; later, for a new folder, it reports the failure and what it saw.
    @Test func runningOutOfWatchesIsReported() async throws {
        let folder = try Folder()
        #expect(throws: InotifyFeed.StartError.self) { try folder.feed(maxWatches: 1) }
        let feed = try folder.feed(maxWatches: 3)
        defer { feed.close() }
        try FileManager.default.createDirectory(at: folder.content.appending(path: "new"), withIntermediateDirectories: true)
        guard case .failed(let reason, let changed) = try await Self.burst(feed) else {
            Issue.record("no failure reported")
            return
        }
        #expect(reason.contains("no inotify watch left"))
        #expect(changed == [folder.path("content/new")])
    }
}
#endif
