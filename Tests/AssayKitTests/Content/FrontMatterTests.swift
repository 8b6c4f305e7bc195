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

    /// Old Mac line ends (a lone CR): read as line ends, as CommonMark and YAML read
    /// them, never published as body text.
    @Test func crOnlyLineEnds() throws {
        let (yaml, body, offset) = FrontMatter.split("---\rtitle: x\rreviewed: 2026-01-05\r---\rBody line 1\r")
        #expect(yaml == "title: x\rreviewed: 2026-01-05\r")
        #expect(body == "Body line 1\r")
        #expect(offset == 4)
        let matter = try FrontMatter.parse(yaml, path: "content/a.md")
        #expect(matter.title == "x")
        #expect(matter.reviewed == SimpleDate(year: 2026, month: 1, day: 5))
        #expect(matter.reviewedLine == 3)
    }

    @Test func crOnlyLineEndsBuild() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", "---\rtitle: \"Old Mac\"\rreviewed: 2026-01-05\r---\r\r[Users say so]{.anecdotal}.\r")
        try site.build()
        let html = try site.read("public/guide.html")
        #expect(html.contains("<h1>Old Mac</h1>"))
        #expect(!html.contains("reviewed: 2026"))
    }

    /// A list or a mapping where text belongs is a mistake, never published as nothing.
    @Test(arguments: [
        ("title: [a, b]", "content/a.md:2:8: error: 'title' must be text, not a list [front-matter]"),
        ("title:\n  en: Hello", "content/a.md:3:3: error: 'title' must be text, not a mapping [front-matter]"),
        ("summary: [x]", "content/a.md:2:10: error: 'summary' must be text, not a list [front-matter]"),
        ("nav_title: {a: b}", "content/a.md:2:12: error: 'nav_title' must be text, not a mapping [front-matter]"),
        ("key_points: one line", "content/a.md:2:13: error: 'key_points' must be a list of sentences [front-matter]"),
        ("key_points:\n  - fine\n  - [not, text]", "content/a.md:4:5: error: each key point must be text, not a list [front-matter]"),
    ])
    func wrongTypes(yaml: String, expected: String) {
        do {
            _ = try FrontMatter.parse(yaml + "\n", path: "content/a.md")
            Issue.record("accepted \(yaml)")
        } catch {
            #expect(error.diagnostics.map(\.description) == [expected])
        }
    }

    @Test func keyPoints() throws {
        let matter = try FrontMatter.parse("title: x\nkey_points:\n  - One.\n  - \"Two: with a colon.\"\n", path: "content/a.md")
        #expect(matter.keyPoints == ["One.", "Two: with a colon."])
    }

    @Test func changesInBlockAndFlowYAML() throws {
        let block = try FrontMatter.parse(
            "title: x\nchanges:\n  - date: 2026-11-23\n    summary: \"Re-levelled the sleep claim.\"\n  - {date: 2026-01-05, summary: First published}\n",
            path: "content/a.md")
        #expect(block.changes == [
            PageChange(date: SimpleDate(year: 2026, month: 11, day: 23), summary: "Re-levelled the sleep claim.", line: 4),
            PageChange(date: SimpleDate(year: 2026, month: 1, day: 5), summary: "First published", line: 6),
        ])
        let flow = try FrontMatter.parse("changes: [{date: 2025-02-28, summary: \"<b>not bold</b>\"}]\n", path: "content/a.md")
        #expect(flow.changes.map(\.summary) == ["<b>not bold</b>"])
        #expect(flow.changes.map(\.date.description) == ["2025-02-28"])
        #expect(try FrontMatter.parse("title: x\n", path: "content/a.md").changes.isEmpty)
    }

    /// Every mistake in `changes:` is located at the entry or field it is about.
    @Test(arguments: [
        ("changes: soon", ["content/a.md:2:10: error: 'changes' must be a list of {date, summary} entries [front-matter]"]),
        ("changes:\n  date: 2026-01-05", ["content/a.md:3:3: error: 'changes' must be a list of {date, summary} entries [front-matter]"]),
        ("changes:\n  - just text", ["content/a.md:3:5: error: each change must be a mapping with a date and a summary, not a value [front-matter]"]),
        ("changes:\n  - summary: Fixed a typo.", ["content/a.md:3:5: error: a change needs a 'date' (YYYY-MM-DD) [front-matter]"]),
        ("changes:\n  - date: 2026-11-23", ["content/a.md:3:5: error: a change needs a 'summary' of what changed [front-matter]"]),
        ("changes:\n  - date: 2026-13-40\n    summary: x", ["content/a.md:3:11: error: a change's 'date' must be a date written YYYY-MM-DD [front-matter]"]),
        ("changes: [{date: soon, summary: x}]", ["content/a.md:2:18: error: a change's 'date' must be a date written YYYY-MM-DD [front-matter]"]),
        ("changes:\n  - date: 2026-01-05\n    summary: \"  \"", ["content/a.md:4:14: error: a change's 'summary' must be text that says what changed [front-matter]"]),
        ("changes:\n  - date: 2026-01-05\n    summary: [a, b]", ["content/a.md:4:14: error: a change's 'summary' must be text, not a list [front-matter]"]),
        ("changes:\n  - date: 2026-02-30\n    summary: x\n  - summary: y", [
            "content/a.md:3:11: error: a change's 'date' must be a date written YYYY-MM-DD [front-matter]",
            "content/a.md:5:5: error: a change needs a 'date' (YYYY-MM-DD) [front-matter]",
        ]),
    ])
    func badChanges(yaml: String, expected: [String]) {
        do {
            _ = try FrontMatter.parse(yaml + "\n", path: "content/a.md")
            Issue.record("accepted \(yaml)")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected)
        }
    }

    /// A build reports a bad `changes:` like any other front-matter error, and the page
    /// is not published.
    @Test func badChangesFailTheBuild() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", "---\ntitle: Guide\nchanges:\n  - date: someday\n    summary: x\n---\n\nText.\n")
        do {
            try site.build()
            Issue.record("built a page with a bad change date")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["content/guide.md:4:11: error: a change's 'date' must be a date written YYYY-MM-DD [front-matter]"])
        }
    }

    /// A review period of a million years must give a far date, not an overflow trap.
    @Test func hugeReviewPeriod() {
        let date = SimpleDate(year: 2026, month: 1, day: 31).adding(months: Int.max)
        #expect(date.year > 2026)
        #expect(SimpleDate(year: 2026, month: 1, day: 31).adding(months: Int.min).year < 2026)
    }
}
