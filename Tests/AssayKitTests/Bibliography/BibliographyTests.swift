import Foundation
import Testing

@testable import AssayKit

@Suite("Bibliography")
struct BibliographyTests {
    static func fixture(_ name: String) throws -> String {
        let url = BuildFixture.fixtures.appending(path: "bibliography").appending(path: name)
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static func parse(_ name: String, as path: String) throws -> Bibliography {
        try Bibliography.parse(try fixture(name), path: path)
    }

    /// The guide's own format: authors in one string, "et al." anywhere in it, extra fields.
    @Test func cslYAMLWithAuthorStrings() throws {
        let bib = try Self.parse("csl.yaml", as: "content/sources.yml")
        #expect(bib.path == "content/sources.yml")
        #expect(bib.references.keys.sorted() == ["chou2022", "fda2018", "hiranita2019", "kruegel2016", "leon2021", "varadi2016"])

        let kruegel = try #require(bib["kruegel2016"])
        #expect(kruegel.authors.count == 8)
        #expect(kruegel.authors.prefix(4) == ["Kruegel AC", "Gassaway MM", "Kapoor A", "Váradi A"])
        #expect(!kruegel.etAl)
        #expect(kruegel.type == "article-journal")
        #expect(kruegel.title?.hasPrefix("Synthetic and Receptor Signaling") == true)
        #expect(kruegel.containerTitle == "Journal of the American Chemical Society")
        #expect(kruegel.volume == "138" && kruegel.issue == "21" && kruegel.page == "6754-6764")
        #expect(kruegel.year == "2016")
        #expect(kruegel.doi == "10.1021/jacs.6b00360")
        #expect(kruegel.pmid == nil && kruegel.url == nil)
        #expect(kruegel.line == 4)

        // "et al." in the middle of the list: marked, not shown as a name.
        let varadi = try #require(bib["varadi2016"])
        #expect(varadi.etAl)
        #expect(!varadi.authors.contains { $0.lowercased().hasPrefix("et al") })
        #expect(varadi.authors.last == "Majumdar S")
        #expect(varadi.pmid == "27556704")
        #expect(varadi.line == 18)

        let leon = try #require(bib["leon2021"])
        #expect(leon.authors == ["León F"] && leon.etAl)
        #expect(leon.title == "Activity of Mitragyna speciosa (\"Kratom\") Alkaloids at Serotonin Receptors")

        // No title: still a reference.
        let hiranita = try #require(bib["hiranita2019"])
        #expect(hiranita.title == nil)
        #expect(hiranita.shortLabel == "Hiranita 2019")

        #expect(bib["chou2022"]?.type == "report")
        #expect(bib["chou2022"]?.url == "https://www.ncbi.nlm.nih.gov/books/NBK586042/")
        #expect(bib["fda2018"]?.authors == ["US Food and Drug Administration"])
        #expect(bib["fda2018"]?.shortLabel == "US Food and Drug Administration 2018")
        #expect(bib["fda2018"]?.line == 61)
    }

    /// Pandoc's front-matter style: the list under `references:`, CSL name objects.
    @Test func pandocReferencesWrapper() throws {
        let bib = try Self.parse("pandoc.yaml", as: "content/sources.yaml")
        #expect(bib.references.keys.sorted() == ["prozialeck2012", "who2021"])
        let p = try #require(bib["prozialeck2012"])
        #expect(p.authors == ["Prozialeck WC", "Jivan JK", "Andurkar SV"])
        #expect(p.year == "2012")
        #expect(p.pmid == "23212430")
        #expect(p.line == 4)
        let who = try #require(bib["who2021"])
        #expect(who.authors == ["World Health Organization"])
        #expect(who.year == "2021")
        #expect(who.type == "webpage")
        #expect(who.line == 24)
    }

    /// CSL-JSON exactly as Zotero writes it: tab-indented, `date-parts` with the year as
    /// a number or a string, extra fields (`source`, `language`, `accessed`, `abstract`).
    @Test func zoteroCSLJSON() throws {
        let bib = try Self.parse("zotero.json", as: "content/sources.json")
        #expect(bib.references.count == 3)

        let k = try #require(bib["kruegelSyntheticReceptorSignaling2016"])
        #expect(k.authors == ["Kruegel AC", "Gassaway MM", "Kapoor A", "Váradi A"])
        #expect(k.year == "2016")
        #expect(k.containerTitle == "Journal of the American Chemical Society")
        #expect(k.volume == "138" && k.issue == "21" && k.page == "6754-6764")
        #expect(k.doi == "10.1021/jacs.6b00360")
        #expect(k.url == "https://doi.org/10.1021/jacs.6b00360")
        #expect(k.line == 2)

        let s = try #require(bib["swoggerExperiencesKratomUsers2015"])
        #expect(s.authors.count == 9)
        #expect(s.year == "2015")
        #expect(s.pmid == "26595229")
        #expect(s.line == 54)

        let fda = try #require(bib["fdaStatementFDACommissioner2018"])
        #expect(fda.authors == ["US Food and Drug Administration"])
        #expect(fda.year == "2018")
        #expect(fda.title?.contains("agency\u{2019}s") == true)
        #expect(fda.line == 113)
        #expect(fda.link == fda.url)
    }

    /// The same data minified (as other tools write it) reads the same.
    @Test func minifiedJSON() throws {
        let text = try Self.fixture("zotero.json")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let compact = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        let bib = try Bibliography.parse(String(decoding: compact, as: UTF8.self), path: "content/sources.json")
        let pretty = try Self.parse("zotero.json", as: "content/sources.json")
        #expect(bib.references.keys.sorted() == pretty.references.keys.sorted())
        for (key, reference) in pretty.references {
            var a = reference, b = try #require(bib[key])
            (a.line, b.line) = (0, 0)
            #expect(a == b)
        }
    }

    /// A site with `content/sources.json` builds, and its references render.
    @Test func siteWithZoteroExport() throws {
        let site = try BuildFixture()
        try site.remove("content/sources.yml")
        try site.write("content/sources.json", try Self.fixture("zotero.json"))
        try site.write("content/guide.md", """
            ---
            title: "Guide"
            ---
            [Mitragynine is a partial agonist [@kruegelSyntheticReceptorSignaling2016]]{.preliminary}.

            """)
        try site.build()
        let html = try site.read("public/guide.html")
        #expect(html.contains("Kruegel AC, Gassaway MM, Kapoor A, et al."))
        #expect(html.contains("<a href=\"https://doi.org/10.1021/jacs.6b00360\">doi:10.1021/jacs.6b00360</a>"))
    }

    @Test func twoBibliographiesAreAnError() throws {
        let site = try BuildFixture()
        try site.write("content/sources.json", "[]")
        let diagnostics = site.failure()
        #expect(diagnostics.map(\.rule) == [.bibliography])
        #expect(diagnostics.first?.path == "content/sources.json")
    }

    @Test func emptyFileIsAnEmptyBibliography() throws {
        let bib = try Bibliography.parse("", path: "content/sources.yml")
        #expect(bib.references.isEmpty)
        let comments = try Bibliography.parse("# nothing yet\n", path: "content/sources.yml")
        #expect(comments.references.isEmpty)
    }

    struct BadEntry: Sendable, CustomTestStringConvertible {
        let yaml: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        BadEntry(yaml: "title: not a list\n", line: 1, column: 1, message: "expected a list of references"),
        BadEntry(yaml: "- just text\n", line: 1, column: 3, message: "a reference must be a mapping"),
        BadEntry(yaml: "- id: a\n  author: {given: Only}\n", line: 2, column: 11, message: "'author' must be text or a list of names"),
        BadEntry(yaml: "- id: a\n  author:\n  - {given: Only}\n", line: 3, column: 5, message: "an author must be text or a CSL name"),
        BadEntry(yaml: "- id: a\n  issued: [2016]\n", line: 2, column: 11, message: "'issued' must be a year or a CSL date"),
        BadEntry(yaml: "- id: a\n  issued: 20x6\n", line: 2, column: 11, message: "'issued' year '20x6' is not a number"),
        BadEntry(yaml: "- id: \"\"\n  title: Empty id\n", line: 1, column: 3, message: "reference has no 'id'"),
    ])
    func malformedEntries(_ bad: BadEntry) throws {
        do {
            let bib = try Bibliography.parse(bad.yaml, path: "content/sources.yml")
            Issue.record("parsed: \(bib.references.keys.sorted())")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1)
            #expect(d.path == "content/sources.yml")
            #expect((d.line, d.column) == (bad.line, bad.column), "\(d)")
            #expect(d.message.contains(bad.message), "\(d.message)")
        }
    }

    /// Every bad entry is reported, not only the first.
    @Test func everyBadEntryIsReported() throws {
        let yaml = "- title: one\n- id: b\n- title: three\n- id: b\n"
        do {
            _ = try Bibliography.parse(yaml, path: "content/sources.yml")
            Issue.record("parsed")
        } catch {
            #expect(error.diagnostics.map(\.line) == [1, 3, 4])
            #expect(error.diagnostics.map(\.rule) == [.bibliography, .bibliography, .duplicateSource])
        }
    }
}

/// Identifiers checked offline, and URLs that may never become links.
extension BibliographyTests {
    @Test(arguments: [
        ("10.1021/jacs.6b00360", "10.1021/jacs.6b00360"),
        ("https://doi.org/10.1021/jacs.6b00360", "10.1021/jacs.6b00360"),
        ("http://dx.doi.org/10.1021/jacs.6b00360", "10.1021/jacs.6b00360"),
        ("doi:10.1021/jacs.6b00360", "10.1021/jacs.6b00360"),
        ("DOI: 10.1016/S0140-6736(97)11096-0", "10.1016/S0140-6736(97)11096-0"),
    ])
    func doiPrefixesAreStripped(raw: String, doi: String) throws {
        let bib = try Bibliography.parse("- id: a\n  DOI: \"\(raw)\"\n", path: "content/sources.yml")
        #expect(bib["a"]?.doi == doi)
        #expect(bib.diagnostics.isEmpty)
    }

    @Test(arguments: ["10.12/abc", "10.1234567890/abc", "10.1021/", "11.1021/abc", "10.1021/has space", "jacs.6b00360", "https://example.org/10.1021/x"])
    func malformedDOIIsLocatedAtItsField(raw: String) throws {
        let yaml = "- id: a\n  title: T\n  DOI: \"\(raw)\"\n"
        let bib = try Bibliography.parse(yaml, path: "content/sources.yml")
        #expect(bib.diagnostics.map(\.description) == [
            "content/sources.yml:3:8: error: 'a': DOI '\(raw)' is malformed: a DOI is '10.' with a 4 to 9 digit prefix, '/' and a suffix, e.g. 10.1021/jacs.6b00360 [invalid-identifier]"
        ])
        // Shown without a link rather than with a broken one.
        #expect(bib["a"]?.doi == nil)
        #expect(bib["a"]?.formattedHTML.contains("doi.org") == false)
    }

    @Test func malformedPMIDIsLocatedAtItsField() throws {
        let bib = try Bibliography.parse("- id: a\n  PMID: PMC1234567\n- id: b\n  PMID: 27556704\n", path: "content/sources.yml")
        #expect(bib.diagnostics.map(\.description) == [
            "content/sources.yml:2:9: error: 'a': PMID 'PMC1234567' is malformed: a PubMed ID is digits only, e.g. 27556704 [invalid-identifier]"
        ])
        #expect(bib["a"]?.pmid == nil && bib["b"]?.pmid == "27556704")
    }

    @Test func identifierProblemsReachAssayCheck() throws {
        let site = try CheckFixture([
            "content/sources.yml": "- id: kruegel2016\n  title: T\n  DOI: 10.12/x\n",
            "content/_index.md": "---\ntitle: Home\nreviewed: 2026-05-01\n---\n[A claim [@kruegel2016]]{.preliminary}.\n",
        ])
        #expect(site.lines().contains { $0.hasPrefix("content/sources.yml:3:8: error: 'kruegel2016': DOI '10.12/x' is malformed") })
        let relaxed = try CheckFixture(
            ["content/sources.yml": "- id: kruegel2016\n  title: T\n  DOI: 10.12/x\n",
             "content/_index.md": "---\ntitle: Home\nreviewed: 2026-05-01\n---\n[A claim [@kruegel2016]]{.preliminary}.\n"],
            siteYAML: CheckFixture.siteYAML + "rules:\n  invalid-identifier: warning\n")
        #expect(relaxed.lines().contains { $0.hasPrefix("content/sources.yml:3:8: warning: 'kruegel2016': DOI") })
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd",
    ])
    func unsafeURLIsAnErrorAtItsField(url: String) throws {
        let escaped = url.replacingOccurrences(of: "\t", with: "\\t")
        let yaml = "- id: a\n  title: T\n  URL: \"\(escaped)\"\n"
        do {
            let bib = try Bibliography.parse(yaml, path: "content/sources.yml")
            Issue.record("accepted: \(bib["a"]?.formattedHTML ?? "")")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "content/sources.yml:3:8: error: 'a': URL '\(url.trimmingCharacters(in: .whitespaces))' may not be a link: only http, https and mailto URLs (or relative ones) are [unsafe-url]"
            ])
        }
    }

    @Test(arguments: ["https://example.org/a?b=c", "http://example.org", "mailto:editor@example.org", "HTTPS://EXAMPLE.ORG", "../notes.html", "/papers/x.pdf", "notes.html#a:b", "//example.org/x"])
    func safeURLsStayLinks(url: String) throws {
        let bib = try Bibliography.parse("- id: a\n  title: T\n  URL: \"\(url)\"\n", path: "content/sources.yml")
        #expect(bib["a"]?.url == url)
        #expect(bib["a"]?.formattedHTML.contains("href=\"\(HTMLEscapeForTests.attribute(url))\"") == true)
    }

    @Test func unsafeURLStopsTheBuildAndIsNeverAnHref() throws {
        let site = try BuildFixture()
        try site.write("content/sources.yml", try site.read("content/sources.yml").replacingOccurrences(
            of: "  issued: 2012\n", with: "  issued: 2012\n  URL: \"javascript:alert(1)\"\n"))
        let failure = site.failure()
        #expect(failure.map(\.description) == [
            "content/sources.yml:10:8: error: 'prozialeck2012': URL 'javascript:alert(1)' may not be a link: only http, https and mailto URLs (or relative ones) are [unsafe-url]"
        ])
        #expect(!FileManager.default.fileExists(atPath: site.url("public/sources.html").path))
    }
}

/// The escaping the formatter applies, for building expected HTML in tests.
enum HTMLEscapeForTests {
    static func attribute(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
