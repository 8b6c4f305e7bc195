import Foundation
import Testing

/// `assay check`: every rule, nothing written; exit 0 clean, 1 errors, 2 usage or I/O.
@Suite("assay check")
struct CheckCommandTests {
    @Test("a clean site: exit 0, the count on stderr, nothing written")
    func clean() throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(["check", "--today", TemporarySite.today], in: site.root)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderrLines == ["check: 0 errors, 0 warnings (4 pages, 3 claims)"])
        #expect(!site.exists("public"))
    }

    @Test("errors: compiler-style lines, sorted, then the count; exit 1")
    func errors() throws {
        let site = try TemporarySite()
        try site.write(
            "content/guide.md",
            try site.read("content/guide.md").replacingOccurrences(of: "{.established}", with: "{.establshed}")
                .replacingOccurrences(of: "[@kruegel2016]", with: "[@kruegel2061]"))
        let result = try AssayProcess.run(["check", "--today", TemporarySite.today], in: site.root)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderrLines == [
                "content/guide.md:6:49: error: unknown cite key '@kruegel2061' — did you mean '@kruegel2016'? [unknown-cite-key]",
                "content/guide.md:8:52: error: unknown evidence level 'establshed' — did you mean 'established'? [unknown-level]",
                "content/sources.yml:1: warning: source 'kruegel2016' is never cited [unused-source]",
                "check: 2 errors, 1 warning (4 pages, 2 claims)",
            ])
        #expect(!site.exists("public"))
    }

    @Test("warnings alone exit 0; --strict makes them errors")
    func warningsAndStrict() throws {
        let site = try TemporarySite()
        let late = "2030-01-01"
        let lenient = try AssayProcess.run(["check", "--today", late], in: site.root)
        #expect(lenient.status == 0, "\(lenient)")
        #expect(lenient.stderr.contains(": warning: review overdue"), "\(lenient)")
        let strict = try AssayProcess.run(["check", "--strict", "--today", late], in: site.root)
        #expect(strict.status == 1, "\(strict)")
        #expect(strict.stderr.contains(": error: review overdue"), "\(strict)")
    }

    @Test("--format json prints one document on stdout")
    func json() throws {
        let site = try TemporarySite()
        try site.write("content/guide.md", try site.read("content/guide.md").replacingOccurrences(of: "{.established}", with: "{.bogus}"))
        let result = try AssayProcess.run(["check", "--format", "json", "--today", TemporarySite.today], in: site.root)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["pages"] as? Int == 4)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["path"] as? String == "content/guide.md")
        #expect(diagnostics.first?["line"] as? Int == 8)
        #expect(diagnostics.first?["column"] as? Int == 52)
        #expect(diagnostics.first?["rule"] as? String == "unknown-level")
    }

    @Test("usage errors exit 2", arguments: [["check", "--bogus"], ["check", "--today", "tomorrow"], ["check", "--format", "xml"], ["bogus"]])
    func usage(_ arguments: [String]) throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(arguments, in: site.root)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Error: "), "\(result)")
    }

    @Test("a folder that is not a site exits 2")
    func notASite() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["check"], in: folder.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("error: no content/site.yml in "), "\(result)")
    }

    @Test("a bad page stops nothing else: every problem is reported in one run")
    func allProblemsAtOnce() throws {
        let site = try TemporarySite()
        try site.write("content/a.md", "---\ntitle: A\nreviewed: 2026-01-15\n---\n[x]{.bogus} and [y]{.anecdotel}\n")
        try site.write("content/b.md", "---\ntitle: B\nreviewed: 2026-01-15\n---\nSee [nowhere](missing.md).\n")
        let result = try AssayProcess.run(["check", "--today", TemporarySite.today], in: site.root)
        #expect(result.status == 1, "\(result)")
        let errors = result.stderrLines.filter { $0.contains(": error: ") }
        #expect(errors.map { $0.prefix { $0 != " " } } == ["content/a.md:5:5:", "content/a.md:5:21:", "content/b.md:5:5:"], "\(result)")
    }
}
