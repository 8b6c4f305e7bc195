import Foundation
import Testing

@testable import AssayKit

@Suite("Front matter")
struct FrontMatterTests {
    @Test func splitsYAMLFromBody() {
        let (yaml, body, offset) = FrontMatter.split("---\ntitle: x\nreviewed: 2026-01-05\n---\nBody line 1\n")
        #expect(yaml == "title: x\nreviewed: 2026-01-05\n")
        #expect(body == "Body line 1\n")
        #expect(offset == 4)
    }

    /// Files saved on Windows: `\r\n` is one Character in Swift, which must not hide the
    /// line ends from the splitter.
    @Test func windowsLineEnds() throws {
        let text = "---\r\ntitle: x\r\nreviewed: 2026-01-05\r\n---\r\nBody line 1\r\n"
        let (yaml, body, offset) = FrontMatter.split(text)
        #expect(yaml == "title: x\r\nreviewed: 2026-01-05\r\n")
        #expect(body == "Body line 1\r\n")
        #expect(offset == 4)
        let matter = try FrontMatter.parse(yaml, path: "content/a.md")
        #expect(matter.title == "x")
        #expect(matter.reviewed == SimpleDate(year: 2026, month: 1, day: 5))
        #expect(matter.reviewedLine == 3)
    }

    @Test func windowsLineEndsBuild() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", "---\r\ntitle: \"Windows\"\r\nreviewed: 2026-01-05\r\n---\r\n\r\n[Users say so]{.anecdotl}.\r\n")
        let diagnostics = site.failure()
        // The line is right too: body line 2 is file line 6.
        #expect(diagnostics.map(\.description) == [
            "content/guide.md:6:16: error: unknown evidence level 'anecdotl' — did you mean 'anecdotal'? [unknown-level]"
        ])
        try site.write("content/guide.md", "---\r\ntitle: \"Windows\"\r\nreviewed: 2026-01-05\r\n---\r\n\r\n[Users say so]{.anecdotal}.\r\n")
        try site.build()
        let html = try site.read("public/guide.html")
        #expect(html.contains("<h1>Windows</h1>"))
        #expect(html.contains("data-level=\"anecdotal\">Users say so"))
    }

    @Test(arguments: ["Just a body.\n", "", "--- not front matter\n", "----\ntitle: x\n----\n", " ---\ntitle: x\n---\n"])
    func noFrontMatter(_ text: String) {
        let (yaml, body, offset) = FrontMatter.split(text)
        #expect(yaml == nil)
        #expect(body == text[...])
        #expect(offset == 0)
    }

    @Test(arguments: ["---\ntitle: x\n", "---\ntitle: x\nBody\n", "---\r\ntitle: x\r\n", "---\n"])
    func unclosed(_ text: String) {
        let (yaml, _, offset) = FrontMatter.split(text)
        #expect(yaml == nil)
        #expect(offset == -1)
    }

    @Test func closedByDots() {
        let (yaml, body, offset) = FrontMatter.split("---\ntitle: x\n...\nBody\n")
        #expect(yaml == "title: x\n")
        #expect(body == "Body\n")
        #expect(offset == 3)
    }

    @Test func emptyAndAtEndOfFile() throws {
        let empty = FrontMatter.split("---\n---\nBody\n")
        #expect(empty.yaml == "" && empty.body == "Body\n" && empty.bodyLineOffset == 2)
        let atEnd = FrontMatter.split("---\ntitle: x\n---")
        #expect(atEnd.yaml == "title: x\n" && atEnd.body == "" && atEnd.bodyLineOffset == 3)
        let matter = try FrontMatter.parse(empty.yaml, path: "content/a.md")
        #expect(matter.title == nil && !matter.draft)
    }

    /// A `---` later in the body (a thematic break) is the body's business.
    @Test func laterRulesStayInTheBody() {
        let (yaml, body, _) = FrontMatter.split("---\ntitle: x\n---\nA\n\n---\n\nB\n")
        #expect(yaml == "title: x\n")
        #expect(body == "A\n\n---\n\nB\n")
    }

    @Test func readsFields() throws {
        let yaml = "title: \"A: title\"\nsummary: Short.\nreviewed: 2024-02-29\norder: 3\ndraft: yes\nauthor: someone\n"
        let matter = try FrontMatter.parse(yaml, path: "content/a.md")
        #expect(matter.title == "A: title")
        #expect(matter.summary == "Short.")
        #expect(matter.reviewed?.description == "2024-02-29")
        #expect(matter.order == 3)
        #expect(matter.draft)
        #expect(matter.titleLine == 2 && matter.reviewedLine == 4)
    }

    /// Each bad field is reported at its value, with file lines (front matter starts on line 2).
    @Test func reportsEveryBadField() {
        let yaml = "title: x\nreviewed: 23/11/2026\norder: first\ndraft: maybe\n"
        do {
            _ = try FrontMatter.parse(yaml, path: "content/a.md")
            Issue.record("parsed")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "content/a.md:3:11: error: 'reviewed' must be a date written YYYY-MM-DD [front-matter]",
                "content/a.md:4:8: error: 'order' must be a whole number [front-matter]",
                "content/a.md:5:8: error: 'draft' must be true or false [front-matter]",
            ])
        }
    }
}
