import Foundation
import Testing

@testable import AssayKit

/// print.html: the whole guide on one page, with ids unique, links kept working and one
/// reference list.
@Suite("Print book")
struct PrintBookTests {
    /// Two pages that cite overlapping works, a nested page linking across, and a
    /// heading that every page has (`#summary`).
    static func site() throws -> BuildFixture {
        let site = try BuildFixture()
        try site.write("content/guide.md", """
            ---
            title: "Guide"
            reviewed: 2026-01-15
            order: 1
            ---

            ## Summary

            [Mitragynine binds mu-opioid receptors in cells [@kruegel2016]]{.preliminary #binding}.

            [Kratom is an opioid-like plant [@prozialeck2012]]{.established}. See [below](#summary).

            """)
        try site.write("content/topic/page.md", """
            ---
            title: "Nested page"
            reviewed: 2026-01-15
            ---

            ## Summary

            See [the binding claim](../guide.md#binding), [the guide](../guide.md) and [all claims](../claims.html).
            [It is opioid-like [@prozialeck2012; @kruegel2016]]{.established #again}.

            """)
        return site
    }

    static func ids(_ html: String) -> [String] { html.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) } }

    @Test func everyPageInReadingOrderWithUniqueIds() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("public/print.html")
        let chapters = html.matches(of: /<section class="chapter[^"]*" id="([^"]+)"/).map { String($0.output.1) }
        #expect(chapters == ["ch-index", "ch-guide", "ch-topic/index", "ch-topic/page"])
        let ids = Self.ids(html)
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        #expect(ids.contains("guide--summary") && ids.contains("topic/page--summary"))
        #expect(ids.contains("guide--binding") && ids.contains("topic/page--again"))
        // Every in-page link has its target on the page.
        let targets = html.matches(of: /href="#([^"]+)"/).map { String($0.output.1) }
        #expect(!targets.isEmpty)
        for target in targets { #expect(ids.contains(target), "#\(target)") }
    }

    @Test func linksBetweenPagesStayOnThePrintedPage() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("public/print.html")
        #expect(html.contains("See <a href=\"#guide--binding\">the binding claim</a>, <a href=\"#ch-guide\">the guide</a> and <a href=\"claims.html\">all claims</a>."))
        #expect(html.contains("See <a href=\"#guide--summary\">below</a>."))
        // Badges lead to the methodology page from the site's root, where print.html is.
        #expect(html.contains("href=\"methodology.html#level-established\""))
        #expect(!html.contains("href=\"../"))
    }

    /// Citation numbers are those of the one reference list at the end, in order of first
    /// citation through the guide; each reference leads back to every place citing it.
    @Test func oneReferenceListWithGlobalNumbers() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("public/print.html")
        let cites = html.matches(of: /<a href="#ref-(\d+)" id="([^"]+)">(\d+)<\/a>/).map { [String($0.output.1), String($0.output.2), String($0.output.3)] }
        #expect(cites == [
            ["1", "guide--cite-1", "1"], ["2", "guide--cite-2", "2"],
            // On the nested page prozialeck2012 was its own number 1: here it is 2.
            ["2", "topic/page--cite-1", "2"], ["1", "topic/page--cite-2", "1"],
        ])
        #expect(html.matches(of: /<li id="ref-\d+">/).count == 2)
        #expect(html.matches(of: /<section class="references/).count == 1)
        let ref2 = try #require(html.firstMatch(of: /<li id="ref-2">.*?<\/li>/.dotMatchesNewlines()))
        #expect(String(ref2.output).contains("Prozialeck WC"))
        #expect(String(ref2.output).contains("href=\"#guide--cite-2\""))
        #expect(String(ref2.output).contains("href=\"#topic/page--cite-1\""))
    }

    @Test func linkedFromEveryPage() throws {
        let site = try Self.site()
        try site.build()
        #expect(try site.read("public/topic/page.html").contains("<a href=\"../print.html\">Print or save as PDF</a>"))
    }

    /// `print: false`: no print.html, no link to it, and one made by an earlier build is
    /// removed (it is Assay's, listed in the manifest); turned on again, it comes back.
    @Test func printFalseTurnsItOff() throws {
        let site = try Self.site()
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.url("public/print.html").path))
        let yaml = try site.read("content/site.yml")
        try site.write("content/site.yml", yaml + "print: false\n")
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.url("public/print.html").path))
        #expect(try !site.read("public/topic/page.html").contains("print.html"))
        #expect(try !site.read("public/index.html").contains("print.html"))
        try site.write("content/site.yml", yaml)
        try site.build()
        #expect(try site.read("public/topic/page.html").contains("<a href=\"../print.html\">Print or save as PDF</a>"))
        #expect(FileManager.default.fileExists(atPath: site.url("public/print.html").path))
    }

    /// The rewrite on its own: relative paths re-based, fragments prefixed, schemes kept.
    @Test(arguments: [
        ("<a href=\"#x\">", "<a href=\"#a/b--x\">"),
        ("<h2 id=\"x\">", "<h2 id=\"a/b--x\">"),
        ("<a href=\"../other.html#y\">", "<a href=\"#other--y\">"),
        ("<a href=\"c.html\">", "<a href=\"#ch-a/c\">"),
        ("<a href=\"./\">", "<a href=\"#ch-a/index\">"),
        ("<a href=\"../sources.html#src-k\">", "<a href=\"sources.html#src-k\">"),
        ("<img src=\"pic.png\" alt=\"\">", "<img src=\"a/pic.png\" alt=\"\">"),
        ("<a href=\"https://example.org/a.html#x\">", "<a href=\"https://example.org/a.html#x\">"),
        ("<a href=\"mailto:x@example.org\">", "<a href=\"mailto:x@example.org\">"),
        ("<a href=\"../../up.html\">", "<a href=\"../../up.html\">"),
        ("<a href=\"#top\">", "<a href=\"#top\">"),
        ("<span data-id=\"x\">", "<span data-id=\"x\">"),
        ("<sup class=\"cite\">[<a href=\"#ref-1\" id=\"cite-1\">1</a>]</sup>", "<sup class=\"cite\">[<a href=\"#ref-7\" id=\"a/b--cite-1\">7</a>]</sup>"),
    ])
    func rewrite(input: String, expected: String) {
        let pages: Set = ["a/b.html", "a/c.html", "a/index.html", "other.html"]
        #expect(PrintBook.rewrite(input, from: "a/b.html", pages: pages, citationNumbers: [7]) == expected)
    }
}
