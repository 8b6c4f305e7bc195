import Foundation
import Testing

@testable import AssayKit

/// Which files of `content/` are pages: every `.md` at any depth, except hidden files and
/// everything in hidden folders (`.git`, editors' swap files).
@Suite("Listing the pages of content/")
struct PageListingTests {
    @Test func hiddenFilesAndFoldersAreNotPages() throws {
        let site = try BuildFixture()
        let page = "---\ntitle: \"Deep\"\nreviewed: 2026-01-15\n---\nText.\n"
        try site.write("content/a/b/c/deep.md", page)
        try site.write("content/.hidden.md", page)
        try site.write("content/.git/objects/x.md", page)
        try site.write("content/topic/.draft/y.md", page)
        try site.write("content/topic/notes.txt", "not a page")
        let paths = try Project.loadPages(root: site.root, drafts: false).pages.map(\.sourcePath)
        #expect(paths.contains("content/a/b/c/deep.md"))
        #expect(paths.contains("content/guide.md") && paths.contains("content/topic/page.md"))
        #expect(!paths.contains { $0.contains("/.") || $0.hasSuffix(".txt") }, "\(paths)")
        // The files read are those a listing through FileManager gives, less what is
        // hidden (folders without an `_index.md` get a made-up one, not read from disk).
        let all = FileManager.default.enumerator(atPath: site.url("content").path)!.compactMap { $0 as? String }
        let expected = all.filter { $0.hasSuffix(".md") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
        let read = paths.filter { FileManager.default.fileExists(atPath: site.url($0).path) }
        #expect(Set(read) == Set(expected.map { "content/" + $0 }))
    }

    /// The byte test for a hidden name gives what splitting the path by characters gave,
    /// including where a mark after the dot makes one character of the two.
    @Test(arguments: [
        ".hidden.md", "a/.hidden.md", "a/b/.x", "visible.md", "a/visible.md", ".", "a/.", "x.y/z.md", ".\u{301}a.md",
        "a/.\u{301}a.md", "a/.é.md", "é/.md", "a/b", "",
    ])
    func hiddenNamesOnBytes(path: String) {
        let reference = path.split(separator: "/").last?.hasPrefix(".") == true
        #expect(Project.isHidden(path) == reference)
    }

    /// Folders without an `_index.md` at several depths each get one index, in order.
    @Test func nestedFoldersEachGetOneIndex() throws {
        let site = try BuildFixture()
        let page = "---\ntitle: \"P\"\nreviewed: 2026-01-15\n---\nText.\n"
        for path in ["content/a/b/c/one.md", "content/a/b/two.md", "content/a/three.md", "content/d/e/four.md"] {
            try site.write(path, page)
        }
        let indexes = try Project.loadPages(root: site.root, drafts: false).pages.filter(\.isSectionIndex).map(\.section)
        #expect(indexes == ["", "a", "a/b", "a/b/c", "d", "d/e", "topic"])
    }

    /// Each page read comes without its body, which waits on the shelf by source path
    /// (taken out where the page is read); a made-up index has no file and no shelf entry,
    /// and a draft left out leaves nothing there.
    @Test func readBodiesWaitOnTheShelf() throws {
        let site = try BuildFixture()
        try site.write("content/a/one.md", "---\ntitle: \"One\"\nreviewed: 2026-01-15\n---\nFirst body.\n")
        try site.write("content/a/two.md", "---\ntitle: \"Two\"\ndraft: true\nreviewed: 2026-01-15\n---\nDraft body.\n")
        let (pages, bodies) = try Project.loadPages(root: site.root, drafts: false)
        let one = try #require(pages.first { $0.sourcePath == "content/a/one.md" })
        #expect(one.body.isEmpty && one.bodyShelved)
        #expect(bodies["content/a/one.md"] == "First body.\n")
        #expect(bodies["content/a/two.md"] == nil && !pages.contains { $0.sourcePath == "content/a/two.md" })
        let made = try #require(pages.first { $0.isSectionIndex && $0.section == "a" })
        #expect(!made.bodyShelved && bodies[made.sourcePath] == nil)
        // Every page read from a file has its body there, and nothing else is.
        #expect(Set(bodies.keys) == Set(pages.filter(\.bodyShelved).map(\.sourcePath)))
    }
}
