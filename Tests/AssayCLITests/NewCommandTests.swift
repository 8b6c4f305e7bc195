import Foundation
import Testing

/// `assay new PATH`: a page with its front matter filled in, never over an existing file.
@Suite("assay new")
struct NewCommandTests {
    @Test("writes the page with title and review date")
    func createsPage() throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(["new", "content/risks/liver-injury.md", "--reviewed", "2026-03-01"], in: site.root)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines == ["created content/risks/liver-injury.md"])
        let text = try site.read("content/risks/liver-injury.md")
        #expect(text.hasPrefix("---\ntitle: \"Liver Injury\"\nsummary: \"\"\nreviewed: 2026-03-01\n---\n"))
    }

    @Test("-C places the page in another site")
    func otherRoot() throws {
        let site = try TemporarySite()
        let elsewhere = try TemporaryFolder()
        let result = try AssayProcess.run(["new", "-C", site.root.path, "content/x.md", "--reviewed", "2026-03-01"], in: elsewhere.url)
        #expect(result.status == 0, "\(result)")
        #expect(site.exists("content/x.md"))
    }

    @Test("a new page passes check and builds")
    func newPageIsValid() throws {
        let site = try TemporarySite()
        let created = try AssayProcess.run(["new", "content/fresh.md", "--reviewed", "2026-01-20"], in: site.root)
        try #require(created.status == 0, "\(created)")
        let check = try AssayProcess.run(["check", "--today", TemporarySite.today], in: site.root)
        #expect(check.status == 0, "\(check)")
        let build = try AssayProcess.run(["build"], in: site.root)
        #expect(build.status == 0, "\(build)")
    }

    @Test("an existing file is not overwritten: exit 2")
    func existing() throws {
        let site = try TemporarySite()
        let before = try site.read("content/guide.md")
        let result = try AssayProcess.run(["new", "content/guide.md"], in: site.root)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderrLines == ["content/guide.md: error: content/guide.md already exists; not overwriting it [io]"])
        #expect(try site.read("content/guide.md") == before)
    }

    @Test("bad paths and dates are refused: exit 2", arguments: [
        (["new", "content/page.txt"], "content/page.txt: error: a page's name must end in .md [io]"),
        (["new", "elsewhere/page.md"], "elsewhere/page.md: error: pages live under content/ [io]"),
        (["new", "content/p.md", "--reviewed", "soon"], "content/p.md: error: review date 'soon' must be YYYY-MM-DD [io]"),
    ])
    func refused(_ arguments: [String], _ expected: String) throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(arguments, in: site.root)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderrLines == [expected])
        #expect(!site.exists(arguments[1]))
    }
}
