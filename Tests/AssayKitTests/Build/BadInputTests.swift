import AssaySupport
import Foundation
import Testing

@testable import AssayKit

/// One way to break a site that built, and the one diagnostic the build must give.
struct BadInput: Sendable, CustomTestStringConvertible {
    enum Change: Sendable {
        case write(String, String)
        case bytes(String, [UInt8])
        case remove(String)
    }

    let name: String
    let changes: [Change]
    let path: String
    let line: Int?
    let column: Int?
    let rule: Rule
    let fragment: String

    var testDescription: String { name }

    func apply(to site: BuildFixture) throws {
        for change in changes {
            switch change {
            case .write(let path, let text): try site.write(path, text)
            case .bytes(let path, let bytes): try site.write(path, bytes: bytes)
            case .remove(let path): try site.remove(path)
            }
        }
    }

    /// A page of the fixture with `body` after a valid front matter (4 lines), so body
    /// line 2 is file line 6.
    static func guide(_ body: String) -> Change {
        .write("content/guide.md", "---\ntitle: \"Guide\"\nreviewed: 2026-01-15\n---\n\n" + body + "\n")
    }

    /// A footer partial the test controls, so positions do not move when the theme's does.
    static func footer(_ text: String) -> Change {
        .write("templates/partials/footer.mustache", text)
    }

    /// A site.yml with one level, `extra` appended from line 8.
    static func siteYAML(_ extra: String = "", color: String = "\"#8250df\"") -> Change {
        .write("content/site.yml", """
            title: "Fixture guide"
            levels:
              - id: anecdotal
                label: Anecdotal
                rank: 2
                definition: "Personal reports."
                color: \(color)

            """ + extra)
    }

    static let all: [BadInput] = [
        // Front matter.
        BadInput(
            name: "broken front matter (YAML syntax; column counts bytes after 'é')",
            changes: [.write("content/guide.md", "---\ntitle: \"Guide\"\nsummary: Café: colon\nreviewed: 2026-01-15\n---\nBody.\n")],
            path: "content/guide.md", line: 3, column: 15, rule: .yamlSyntax, fragment: "mapping values are not allowed"),
        BadInput(
            name: "unclosed quote in front matter (reported where it opens)",
            changes: [.write("content/guide.md", "---\ntitle: \"Guide\nreviewed: 2026-01-15\n---\nBody.\n")],
            path: "content/guide.md", line: 2, column: 8, rule: .yamlSyntax,
            fragment: "while scanning a quoted scalar: found unexpected end of stream (line 4)"),
        BadInput(
            name: "unclosed front matter",
            changes: [.write("content/guide.md", "---\ntitle: \"Guide\"\nreviewed: 2026-01-15\n\nBody, and no closing line.\n")],
            path: "content/guide.md", line: 1, column: 1, rule: .frontMatter, fragment: "never closed"),
        BadInput(
            name: "bad reviewed date (30 February)",
            changes: [.write("content/guide.md", "---\ntitle: \"Guide\"\nreviewed: 2026-02-30\n---\nBody.\n")],
            path: "content/guide.md", line: 3, column: 11, rule: .frontMatter, fragment: "'reviewed' must be a date written YYYY-MM-DD"),
        BadInput(
            name: "front matter that is not a mapping",
            changes: [.write("content/guide.md", "---\n- just\n- a list\n---\nBody.\n")],
            path: "content/guide.md", line: 2, column: 1, rule: .frontMatter, fragment: "must be a mapping"),

        // Annotations in the body.
        BadInput(
            name: "unknown level, with a suggestion",
            changes: [guide("Users say [it eases back pain]{.anecdotl}.")],
            path: "content/guide.md", line: 6, column: 32, rule: .unknownLevel,
            fragment: "unknown evidence level 'anecdotl' — did you mean 'anecdotal'?"),
        BadInput(
            name: "unclosed claim (']' missing before '{')",
            changes: [guide("Users say [it eases back pain{.anecdotal}.")],
            path: "content/guide.md", line: 6, column: 30, rule: .unclosedClaim, fragment: "'{.anecdotal}' follows no claim"),
        BadInput(
            name: "unknown cite key, with a suggestion",
            changes: [guide("[Mitragynine binds receptors [@kruegel2061]]{.preliminary}.")],
            path: "content/guide.md", line: 6, column: 30, rule: .unknownCiteKey,
            fragment: "unknown cite key '@kruegel2061' — did you mean '@kruegel2016'?"),
        BadInput(
            name: "duplicate claim id on a page",
            changes: [guide("[First claim]{.anecdotal #same}.\n\n[Second claim]{.anecdotal #same}.")],
            path: "content/guide.md", line: 8, column: 1, rule: .duplicateClaimID, fragment: "claim id '#same' is already used on line 6"),
        BadInput(
            name: "invalid UTF-8 (byte column)",
            changes: [.bytes("content/guide.md", Array("---\ntitle: \"Guide\"\n---\n\nCafé ok, then ".utf8) + [0xFF] + Array(".\n".utf8))],
            path: "content/guide.md", line: 5, column: 16, rule: .invalidUTF8, fragment: "not valid UTF-8"),

        // Pages that would write the same file.
        BadInput(
            name: "page writing the generated claims.html",
            changes: [.write("content/claims.md", "---\ntitle: \"Claims\"\n---\nMine.\n")],
            path: "content/claims.md", line: nil, column: nil, rule: .urlCollision,
            fragment: "content/claims.md would write claims.html, which Assay's generated claims.html already writes"),
        BadInput(
            name: "two pages writing topic/index.html",
            changes: [
                .write("content/topic/_index.md", "---\ntitle: \"Topic\"\n---\nIndex.\n"),
                .write("content/topic/index.md", "---\ntitle: \"Also topic\"\n---\nIndex too.\n"),
            ],
            path: "content/topic/index.md", line: nil, column: nil, rule: .urlCollision,
            fragment: "content/topic/index.md would write topic/index.html, which content/topic/_index.md already writes"),

        // Templates.
        // A layout the site lacks comes from the built-in theme; a partial nobody has is the error.
        BadInput(
            name: "override including a partial no theme has",
            changes: [.write("templates/sources.mustache", "{{> partials/gone}}\n")],
            path: "templates/sources.mustache", line: 1, column: 1, rule: .missingTemplate,
            fragment: "partial 'partials/gone' not found"),
        BadInput(
            name: "missing partial {{> nope}}",
            changes: [footer("<footer class=\"site-footer\">\n  <p>{{site.description}}</p> {{> nope}}\n</footer>\n</body>\n</html>\n")],
            path: "templates/partials/footer.mustache", line: 2, column: 31, rule: .missingTemplate, fragment: "partial 'nope' not found"),
        BadInput(
            name: "template section never closed",
            changes: [footer("<footer class=\"site-footer\">\n  <p>{{site.description}}</p>\n  {{#site.title}}<p>{{site.title}}</p>\n</footer>\n")],
            path: "templates/partials/footer.mustache", line: 3, column: 3, rule: .template,
            fragment: "section 'site.title' is never closed"),
        BadInput(
            name: "template tag never closed (byte column after 'É')",
            changes: [footer("<footer>\n<p>Évidence {{site.title</p>\n</footer>\n")],
            path: "templates/partials/footer.mustache", line: 2, column: 14, rule: .template, fragment: "tag is never closed with '}}'"),
        BadInput(
            name: "template closing tag that closes nothing",
            changes: [footer("<footer>\n{{#site}}\n  <p>{{/title}}</p>\n{{/site}}\n</footer>\n")],
            path: "templates/partials/footer.mustache", line: 3, column: 6, rule: .template,
            fragment: "'{{/title}}' closes nothing: 'site' is still open"),

        // site.yml.
        BadInput(
            name: "site.yml: bad YAML",
            changes: [.write("content/site.yml", "title: \"Fixture guide\"\ndescription: one: two\nlevels: []\n")],
            path: "content/site.yml", line: 2, column: 17, rule: .yamlSyntax, fragment: "mapping values are not allowed"),
        BadInput(
            name: "site.yml: missing levels",
            changes: [.write("content/site.yml", "title: \"Fixture guide\"\n")],
            path: "content/site.yml", line: 1, column: 1, rule: .config, fragment: "missing 'levels'"),
        BadInput(
            name: "site.yml: colour that could break out of <style>",
            changes: [siteYAML(color: "\"red;}\"")],
            path: "content/site.yml", line: 7, column: 12, rule: .config, fragment: "level colour 'red;}' must be"),
        BadInput(
            name: "site.yml: unknown rule, with a suggestion",
            changes: [siteYAML("rules:\n  unknown-levl: warning\n")],
            path: "content/site.yml", line: 9, column: 3, rule: .config,
            fragment: "unknown rule 'unknown-levl' — did you mean 'unknown-level'?"),

        // Bibliography.
        BadInput(
            name: "sources.yml: bad YAML",
            changes: [.write("content/sources.yml", "- id: kruegel2016\n  title: Receptors: a study\n")],
            path: "content/sources.yml", line: 2, column: 19, rule: .yamlSyntax, fragment: "mapping values are not allowed"),
        BadInput(
            name: "sources.yml: entry without id",
            changes: [.write("content/sources.yml", "- id: kruegel2016\n  title: \"A\"\n- title: \"Missing its id\"\n  issued: 2012\n")],
            path: "content/sources.yml", line: 3, column: 3, rule: .bibliography, fragment: "reference has no 'id'"),
        BadInput(
            name: "sources.yml: duplicate id",
            changes: [.write("content/sources.yml", "- id: kruegel2016\n  title: \"A\"\n- id: prozialeck2012\n  title: \"B\"\n- id: kruegel2016\n  title: \"C\"\n")],
            path: "content/sources.yml", line: 5, column: 7, rule: .duplicateSource,
            fragment: "duplicate source id 'kruegel2016' (first defined on line 1)"),
    ]
}

@Suite("Bad input")
struct BadInputTests {
    /// The invariant: a build that fails says exactly where and why, and leaves the
    /// output folder byte for byte as the last good build left it.
    @Test(arguments: BadInput.all)
    func failedBuildReportsAndLeavesOutputAlone(_ bad: BadInput) throws {
        let site = try BuildFixture()
        try site.build()
        let before = BuildFixture.snapshot(site.output)
        #expect(before["guide.html"] != nil && before["claims.json"] != nil)

        try bad.apply(to: site)
        let diagnostics = site.failure()

        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))")
        let d = try #require(diagnostics.first { $0.rule == bad.rule }, "\(diagnostics.map(\.description))")
        #expect(d.path == bad.path)
        #expect(d.line == bad.line, "line of: \(d)")
        #expect(d.column == bad.column, "column of: \(d)")
        #expect(d.severity == .error)
        #expect(d.message.contains(bad.fragment), "message: \(d.message)")
        #expect(d.description.hasPrefix([bad.path, bad.line.map(String.init), bad.column.map(String.init)].compactMap { $0 }.joined(separator: ":") + ": error: "))
        #expect(d.description.hasSuffix(" [\(bad.rule.rawValue)]"))

        let after = BuildFixture.snapshot(site.output)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "public/ changed: \(changed)")
        #expect(site.stagingLeftovers.isEmpty, "left behind: \(site.stagingLeftovers)")
    }

    /// Every problem in a page is reported, not just the first.
    @Test func everyProblemOfAPageIsReported() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", """
            ---
            title: "Guide"
            ---
            [One]{.anecdotl} and [two [@nobody]]{.preliminary}.

            [Three]{.strong}.

            """)
        let lines = site.failure().map(\.description)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/guide.md:4:7: error: unknown evidence level 'anecdotl'") })
        #expect(lines.contains { $0.hasPrefix("content/guide.md:4:27: error: unknown cite key '@nobody'") })
        #expect(lines.contains { $0.hasPrefix("content/guide.md:6:9: error: unknown evidence level 'strong'") })
    }

    /// Problems in several files (config, bibliography, a page) all come back at once.
    @Test func problemsInSeveralFilesComeBackTogether() throws {
        let site = try BuildFixture()
        try site.write("content/sources.yml", "- title: \"no id\"\n")
        try site.write("content/guide.md", "---\ntitle: [unclosed\n---\n")
        // A removed layout would come from the built-in theme: a partial no theme has fails.
        try site.write("templates/404.mustache", "{{> partials/gone}}\n")
        let paths = Set(site.failure().map(\.path))
        #expect(paths == ["content/sources.yml", "content/guide.md", "templates/404.mustache"])
    }

    /// A site without site.yml is not a site: one clear error, nothing written.
    /// Editors and tools leave hidden files beside pages (`.#page.md`, `.git/`); they are
    /// never read as pages, broken as they may be. Nested pages still are.
    @Test func hiddenFilesAndFoldersAreNotPages() throws {
        let site = try BuildFixture()
        let before = try site.build().pages
        let broken = "---\ntitle: [unclosed\n---\n[x]{.nolevel}\n"
        try site.write("content/.#guide.md", broken)
        try site.write("content/.drafts/old.md", broken)
        try site.write("content/deep/er/page.md", "---\ntitle: Deep\nreviewed: 2026-01-15\n---\nText.\n")
        let report = try site.build()
        // The page, and an index for each of its two folders; nothing from the hidden ones
        // (had they been read, their broken front matter would have failed the build).
        #expect(report.pages == before + 3)
        #expect(!FileManager.default.fileExists(atPath: site.output.appending(path: ".drafts").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appending(path: "deep/er/page.html").path))
    }

    @Test func noSiteConfig() throws {
        let site = try BuildFixture(nil)
        let diagnostics = site.failure()
        #expect(diagnostics.map(\.rule) == [.io])
        #expect(diagnostics.first?.message.contains("no content/site.yml here") == true)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    /// The build refuses to write into the folders that hold the site's own files.
    @Test(arguments: ["content", "templates", "."])
    func refusesToBuildIntoTheSite(_ folder: String) throws {
        let site = try BuildFixture()
        let before = BuildFixture.snapshot(site.url("content"))
        do {
            try site.build(output: site.url(folder))
            Issue.record("built into \(folder)")
        } catch {
            #expect(error.diagnostics.first?.message.contains("refusing to build into") == true)
        }
        #expect(BuildFixture.snapshot(site.url("content")) == before)
    }

    /// A good build after a failed one: the site is right again and nothing stale stays.
    @Test func goodBuildAfterAFailedOne() throws {
        let site = try BuildFixture()
        try site.build()
        let good = BuildFixture.snapshot(site.output)
        let original = try site.read("content/guide.md")
        try site.write("content/guide.md", original + "\n[Broken]{.nope}\n")
        _ = site.failure()
        try site.write("content/guide.md", original)
        try site.build()
        #expect(BuildFixture.snapshot(site.output) == good)
        #expect(site.stagingLeftovers.isEmpty)
    }
}
