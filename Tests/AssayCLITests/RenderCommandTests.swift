import AssayTestSupport
import Foundation
import Testing

/// `assay render FILE|-`: plain CommonMark comes out exactly as the `cmark` CLI prints it;
/// claims and citations are processed; problems are compiler-style errors.
@Suite("assay render")
struct RenderCommandTests {
    /// The Markdown layer's CommonMark fixtures, read from the source tree.
    static let fixtures = TemporarySite.repository.appending(path: "Tests/AssayMarkdownTests/Fixtures/commonmark")

    static let fixtureNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    @Test func fixturesFound() {
        #expect(Self.fixtureNames.count >= 25, "no fixtures in \(Self.fixtures.path)")
    }

    @Test("assay render FILE prints what cmark FILE prints", arguments: fixtureNames)
    func renderFile(_ name: String) throws {
        let folder = try TemporaryFolder()
        let file = Self.fixtures.appending(path: name)
        let result = try AssayProcess.run(["render", file.path], in: folder.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "")
        #expect(result.stdout == (try CmarkCLI.render(file: file)))
    }

    @Test("assay render - reads standard input", arguments: ["mixed-document.md", "crlf.md", "byte-order-mark.md", "empty.md"])
    func renderStandardInput(_ name: String) throws {
        let folder = try TemporaryFolder()
        let file = Self.fixtures.appending(path: name)
        let result = try AssayProcess.run(["render", "-"], in: folder.url, input: try Data(contentsOf: file))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == (try CmarkCLI.render(file: file)))
    }

    @Test("claims and citations are processed with the default taxonomy outside a site")
    func claimsOutsideSite() throws {
        let folder = try TemporaryFolder()
        let input = Data("[Users report relief [@anyone, p. 3]]{.anecdotal #relief}.\n".utf8)
        let result = try AssayProcess.run(["render", "-"], in: folder.url, input: input)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("<p><span class=\"claim level-anecdotal\" id=\"relief\" data-level=\"anecdotal\">Users report relief "))
        #expect(result.stdout.contains("<sup class=\"cite\">[<a href=\"#ref-1\" id=\"cite-1\">1</a>, p. 3]</sup>"))
        #expect(result.stdout.contains("<span class=\"badge-label\">Anecdotal</span>"))
        #expect(result.stdout.hasSuffix("</span>.</p>\n"))
    }

    @Test("inside a site the site's bibliography is used: an unknown key is an error")
    func unknownKeyInsideSite() throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(["render", "-"], in: site.root, input: Data("Text [@kruegel2061].\n".utf8))
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderrLines == ["<stdin>:1:6: error: unknown cite key '@kruegel2061' — did you mean '@kruegel2016'? [unknown-cite-key]"])
    }

    @Test("an unknown level is an error at its line and column, after the front matter")
    func unknownLevel() throws {
        let folder = try TemporaryFolder()
        try Data("---\ntitle: x\n---\nCafé — [claim]{.anecdotel}\n".utf8).write(to: folder.url.appending(path: "page.md"))
        let result = try AssayProcess.run(["render", "page.md"], in: folder.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderrLines == ["page.md:4:19: error: unknown evidence level 'anecdotel' — did you mean 'anecdotal'? [unknown-level]"])
    }

    @Test("invalid UTF-8 on standard input: the first bad byte")
    func invalidUTF8() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["render", "-"], in: folder.url, input: Data([0x61, 0x0A, 0x62, 0x63, 0xFF, 0x0A]))
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines == ["<stdin>:2:3: error: file is not valid UTF-8 [invalid-utf8]"])
    }

    @Test("a missing file is an I/O failure: exit 2")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["render", "nothing.md"], in: folder.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderrLines == ["nothing.md: error: cannot read nothing.md [io]"])
    }

    @Test("no file argument is a usage error: exit 2")
    func missingArgument() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["render"], in: folder.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("Missing expected argument '<file>'"))
    }
}
