import AssaySupport
import Foundation
import Testing

@testable import AssayKit

@Suite("Bibliography cache")
struct BibliographyCacheTests {
    static let stamp = "test-binary|1|2"

    /// Every field of every reference, the diagnostics and the fingerprint come back as
    /// parsing gave them, for each format Assay reads (and a file with findings).
    @Test(arguments: [
        ("csl.yaml", "content/sources.yml"), ("pandoc.yaml", "content/sources.yaml"), ("zotero.json", "content/sources.json"),
    ])
    func roundTripGivesWhatParsingGave(name: String, path: String) throws {
        let text = try BibliographyTests.fixture(name)
        let parsed = try Bibliography.parse(text, path: path)
        let site = try BuildFixture([:])
        BibliographyCache.save(parsed, root: site.root, stamp: Self.stamp)
        let cached = try #require(BibliographyCache.load(root: site.root, path: path, text: text, stamp: Self.stamp))
        #expect(cached.fromCache)
        #expect(cached.references == parsed.references)
        #expect(cached.diagnostics == parsed.diagnostics)
        #expect(cached.fingerprint == parsed.fingerprint)
        #expect(cached.sourceByteCount == parsed.sourceByteCount)
        #expect(cached.path == parsed.path)
    }

    @Test func findingsAndEveryOptionalFieldSurvive() throws {
        let text = """
            - id: a2020
              author: Family AB; et al.
              title: "A <title> & more"
              container-title: Journal
              volume: "1"
              issue: "2"
              page: 3-4
              issued: 2020
              DOI: not-a-doi
              PMID: 12x
              URL: https://example.org/a
              publisher: Press
              number: R-12
            - id: b2021
              type: report
              title: Plain

            """
        let parsed = try Bibliography.parse(text, path: "content/sources.yml")
        #expect(parsed.diagnostics.count == 2)
        let site = try BuildFixture([:])
        BibliographyCache.save(parsed, root: site.root, stamp: Self.stamp)
        let cached = try #require(BibliographyCache.load(root: site.root, path: "content/sources.yml", text: text, stamp: Self.stamp))
        #expect(cached.references == parsed.references)
        #expect(cached.diagnostics == parsed.diagnostics)
        #expect(cached["a2020"]?.number == "R-12")
    }

    /// Another text (even of the same length), another binary or another file: parsed.
    @Test func anyChangeMeansParsingAgain() throws {
        let text = try BibliographyTests.fixture("csl.yaml")
        let parsed = try Bibliography.parse(text, path: "content/sources.yml")
        let site = try BuildFixture([:])
        BibliographyCache.save(parsed, root: site.root, stamp: Self.stamp)
        let sameLength = text.replacingOccurrences(of: "2016", with: "2017")
        #expect(sameLength.utf8.count == text.utf8.count)
        #expect(BibliographyCache.load(root: site.root, path: "content/sources.yml", text: sameLength, stamp: Self.stamp) == nil)
        #expect(BibliographyCache.load(root: site.root, path: "content/sources.yml", text: text + " ", stamp: Self.stamp) == nil)
        #expect(BibliographyCache.load(root: site.root, path: "content/sources.yml", text: text, stamp: "other|1|2") == nil)
        #expect(BibliographyCache.load(root: site.root, path: "content/sources.json", text: text, stamp: Self.stamp) == nil)
        // A file cut short is not trusted either.
        let url = BibliographyCache.url(root: site.root)
        let bytes = try Data(contentsOf: url)
        try bytes.dropLast(3).write(to: url)
        #expect(BibliographyCache.load(root: site.root, path: "content/sources.yml", text: text, stamp: Self.stamp) == nil)
    }

    /// A build writes the cache; the next build takes the bibliography from it, and an
    /// edit to sources.yml is seen by the build after it.
    @Test func buildsUseItAndSeeEdits() throws {
        let site = try BuildFixture()
        try site.build()
        let stamp = BuildCache.binaryStamp()
        let text = try site.read("content/sources.yml")
        #expect(BibliographyCache.load(root: site.root, path: "content/sources.yml", text: text, stamp: stamp) != nil)
        let cache = BuildCache.load(root: site.root, output: site.output, stamp: BuildCache.binaryStamp(output: site.output))
        #expect(try Project.load(root: site.root, drafts: false, cache: cache).bibliography.fromCache)

        try site.write("content/sources.yml", text.replacingOccurrences(of: "Pharmacology of kratom", with: "Pharmacology of kratom, revised"))
        try site.build()
        #expect(try site.read("public/sources.html").contains("Pharmacology of kratom, revised"))
    }
}
