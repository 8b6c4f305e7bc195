import Foundation
import Testing

@testable import AssayKit

/// `assay check --retractions`: the Retraction Watch CSV as Crossref distributes it
/// (`Fixtures/retractions/retraction_watch.csv`, in the data set's exact header and
/// quoting: fields holding commas, doubled quotes and a line break, CRLF rows).
@Suite("Retraction Watch check")
struct RetractionTests {
    static let fixtures = BuildFixture.fixtures.appending(path: "retractions")

    static func index(_ name: String = "retraction_watch.csv") throws(BuildFailure) -> RetractionIndex {
        try RetractionIndex.load(fixtures.appending(path: name), path: name)
    }

    static func reference(doi: String? = nil, pmid: String? = nil) -> Reference {
        Reference(
            id: "r", type: "article-journal", authors: [], etAl: false, title: "T", containerTitle: nil, volume: nil,
            issue: nil, page: nil, year: "2020", doi: doi, pmid: pmid, url: nil, publisher: nil, line: 1)
    }

    @Test("CSV: quoted commas, doubled quotes and line breaks stay in their field")
    func csvQuoting() throws {
        let bytes = Array(try Data(contentsOf: Self.fixtures.appending(path: "retraction_watch.csv")))
        var rows: [CSVTable.Row] = []
        try CSVTable.forEachRow(bytes) { rows.append($0) }
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.fields.count == 20 })
        #expect(rows.map(\.line) == [1, 2, 4, 5, 6, 7])
        #expect(rows[1].fields[1] == "Kratom alkaloids, opioid receptors, and \"biased\" signalling")
        #expect(rows[1].fields[3] == "Department of Pharmacology, Example University, Springfield, USA;")
        #expect(rows[1].fields[19] == "See also: first line, with a comma\r\nsecond line of the note")
        #expect(rows[2].fields[19] == "")
    }

    @Test("the header the data set has, read by name")
    func header() throws {
        let index = try Self.index()
        // The reinstatement and the paper with no identifier are not notices against a work.
        #expect(index.count == 3)
        #expect(RetractionIndex.expectedHeader.split(separator: ",").count == 20)
    }

    @Test("a retraction, found by DOI whatever its case and prefix")
    func retractionByDOI() throws {
        let index = try Self.index()
        for doi in ["10.5555/jep.2016.retracted", "10.5555/JEP.2016.RETRACTED"] {
            let notices = index.notices(for: Self.reference(doi: doi))
            #expect(notices == [RetractionNotice(
                recordID: "90001", nature: .retraction, date: "2024-03-09", doi: "10.5555/notice.90001", pubMedID: nil,
                reason: "+Concerns/Issues About Data;+Duplication of Image;", line: 2)])
        }
        // The CSV wrote this one with its resolver: normalised like the bibliography's.
        #expect(index.notices(for: Self.reference(doi: "10.5555/Sleep.2020.7")).map(\.nature) == [.correction])
        #expect(index.notices(for: Self.reference(doi: "10.5555/mood.2018.1")).isEmpty)
        #expect(index.notices(for: Self.reference(doi: "10.5555/notice.90001")).isEmpty)
    }

    @Test("an expression of concern, found by PubMed ID; 0 is no ID")
    func concernByPMID() throws {
        let index = try Self.index()
        let notices = index.notices(for: Self.reference(pmid: "31234567"))
        #expect(notices.map(\.nature) == [.expressionOfConcern])
        #expect(notices.first?.date == "2023-11-20" && notices.first?.pubMedID == "90000099")
        #expect(index.notices(for: Self.reference(pmid: "0")).isEmpty)
    }

    @Test("a column missing: located at the header, naming it")
    func wrongColumns() throws {
        do {
            _ = try Self.index("wrong-columns.csv")
            Issue.record("accepted")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.description.hasPrefix(
                "wrong-columns.csv:1: error: not the Retraction Watch CSV: no column 'OriginalPaperDOI' (is 'Original Paper DOI' it?); expected the header Record ID,Title,"))
            #expect(d.rule == .retractedSource)
        }
    }

    @Test("an unclosed quote: located where it opens")
    func unclosedQuote() throws {
        do {
            _ = try Self.index("unclosed-quote.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "unclosed-quote.csv:3:7: error: unclosed quote: this field's closing '\"' is missing [retracted-source]"
            ])
        }
    }

    @Test("a file that cannot be read")
    func unreadable() throws {
        do {
            _ = try Self.index("missing.csv")
            Issue.record("accepted")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.rule == .io && d.path == "missing.csv")
            #expect(d.message.hasPrefix("cannot read the Retraction Watch data"))
        }
    }

    @Test("dates: the data set's M/D/YYYY H:MM as YYYY-MM-DD")
    func dates() {
        #expect(RetractionNotice.isoDate("8/16/2023 0:00") == "2023-08-16")
        #expect(RetractionNotice.isoDate("12/1/2020 0:00") == "2020-12-01")
        #expect(RetractionNotice.isoDate("sometime") == "sometime")
        #expect(RetractionNotice.isoDate(" ") == nil)
    }

    // MARK: In `assay check`

    /// Four cited works, each entry's first line noted: retracted (DOI, line 1), under an
    /// expression of concern (PMID, line 5), corrected (line 9), clean (line 13); and an
    /// uncited retracted work (line 17), which is reported only as unused.
    static let sources = """
        - id: retracted2016
          title: "Retracted work"
          DOI: https://doi.org/10.5555/JEP.2016.Retracted
          issued: 2016
        - id: concern2019
          title: "Work under concern"
          PMID: 31234567
          issued: 2019
        - id: corrected2020
          title: "Corrected work"
          DOI: doi:10.5555/sleep.2020.7
          issued: 2020
        - id: clean2021
          title: "Clean work"
          DOI: 10.5555/clean.2021
          issued: 2021
        - id: uncited2016
          title: "Uncited copy"
          DOI: 10.5555/jep.2016.retracted
          issued: 2016

        """

    static let page = """
        ---
        title: "Guide"
        reviewed: 2026-05-01
        ---
        [Claim one [@retracted2016]]{.preliminary}. [Claim two [@concern2019]]{.anecdotal}.
        [Claim three [@corrected2020; @clean2021]]{.established}.

        """

    static func site(rules: String = "") throws -> CheckFixture {
        try CheckFixture(
            ["content/sources.yml": sources, "content/_index.md": page], siteYAML: CheckFixture.siteYAML + rules)
    }

    static func check(_ site: CheckFixture, strict: Bool = false) -> [String] {
        SiteChecker.check(
            root: site.root, today: CheckFixture.today, strict: strict,
            retractions: (fixtures.appending(path: "retraction_watch.csv"), "retraction_watch.csv")
        ).diagnostics.map(\.description)
    }

    @Test("cited works reported at their entries: an error for a retraction, warnings otherwise")
    func checkSite() throws {
        let site = try Self.site()
        #expect(Self.check(site) == [
            "content/sources.yml:1: error: source 'retracted2016' was retracted (2024-03-09, notice doi:10.5555/notice.90001, Retraction Watch record 90001): cite other evidence or say why it is still cited [retracted-source]",
            "content/sources.yml:5: warning: source 'concern2019' has an expression of concern (2023-11-20, notice doi:10.5555/notice.90002, Retraction Watch record 90002) [retracted-source]",
            "content/sources.yml:9: warning: source 'corrected2020' was corrected (2022-02-02, Retraction Watch record 90003): check the claims citing it against the correction [retracted-source]",
            "content/sources.yml:17: warning: source 'uncited2016' is never cited [unused-source]",
        ])
        // Without the data set, nothing of the kind.
        #expect(!site.lines().contains { $0.contains("retracted-source") })
    }

    @Test("site.yml's rules: a retraction as a warning, or off; --strict makes every notice an error")
    func severities() throws {
        let warning = try Self.site(rules: "rules:\n  retracted-source: warning\n")
        #expect(Self.check(warning).filter { $0.contains("[retracted-source]") }.allSatisfy { $0.contains(": warning: ") })
        #expect(Self.check(warning).count { $0.contains("[retracted-source]") } == 3)
        let off = try Self.site(rules: "rules:\n  retracted-source: off\n")
        #expect(!Self.check(off).contains { $0.contains("[retracted-source]") })
        let strict = Self.check(try Self.site(), strict: true).filter { $0.contains("[retracted-source]") }
        #expect(strict.count == 3 && strict.allSatisfy { $0.contains(": error: ") })
    }

    @Test("a bad data file is reported and the rest of the check still runs")
    func checkWithBadFile() throws {
        let site = try Self.site()
        let lines = SiteChecker.check(
            root: site.root, today: CheckFixture.today, strict: false,
            retractions: (Self.fixtures.appending(path: "wrong-columns.csv"), "wrong-columns.csv")
        ).diagnostics.map(\.description)
        #expect(lines.contains { $0.hasPrefix("wrong-columns.csv:1: error: not the Retraction Watch CSV: no column 'OriginalPaperDOI'") })
        #expect(lines.contains { $0.contains("[unused-source]") })
    }

    // MARK: On the page

    @Test("a retracted work is marked in words before the reference, the notice linked")
    func markRetracted() throws {
        let bibliography = try Bibliography.parse(Self.sources, path: "content/sources.yml").marking(try Self.index())
        let retracted = try #require(bibliography["retracted2016"])
        #expect(retracted.formattedHTML == """
            <strong class="retracted">Retracted</strong> <span class="ref-title">Retracted work.</span> 2016. \
            <a href="https://doi.org/10.5555/JEP.2016.Retracted">doi:10.5555/JEP.2016.Retracted</a> · \
            <a class="ref-notice" href="https://doi.org/10.5555/notice.90001">Retraction notice, 2024-03-09</a>
            """)
        let concern = try #require(bibliography["concern2019"])
        #expect(concern.formattedHTML.hasPrefix("<strong class=\"expression-of-concern\">Expression of concern</strong> "))
        // A correction is reported by the check but does not mark the work.
        #expect(bibliography["corrected2020"]?.formattedHTML.hasPrefix("<span class=\"ref-title\">") == true)
        #expect(bibliography["clean2021"]?.notices.isEmpty == true)
        // Marks change the digest, so a build cache re-renders the pages citing them.
        #expect(bibliography.fingerprint != (try Bibliography.parse(Self.sources, path: "content/sources.yml")).fingerprint)
    }
}
