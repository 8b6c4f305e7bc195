import Testing

@testable import AssayKit

@Suite("Reference formatting")
struct ReferenceFormatTests {
    static func reference(
        authors: [String] = ["Kruegel AC"], etAl: Bool = false, title: String? = "A title",
        container: String? = nil, volume: String? = nil, issue: String? = nil, page: String? = nil,
        year: String? = "2016", doi: String? = nil, pmid: String? = nil, url: String? = nil, publisher: String? = nil
    ) -> Reference {
        Reference(
            id: "k", type: "article-journal", authors: authors, etAl: etAl, title: title, containerTitle: container,
            volume: volume, issue: issue, page: page, year: year, doi: doi, pmid: pmid, url: url, publisher: publisher,
            line: 1)
    }

    /// The whole Vancouver-like line, as in the doc comment of `Reference.html`.
    @Test func fullJournalArticle() {
        let r = Self.reference(
            authors: ["Kruegel AC", "Gassaway MM", "Kapoor A", "Váradi A"], title: "Synthetic explorations",
            container: "J Am Chem Soc", volume: "138", issue: "21", page: "6754-64", year: "2016",
            doi: "10.1021/jacs.6b00360", pmid: "27144344")
        #expect(r.html == """
            <span class="ref-authors">Kruegel AC, Gassaway MM, Kapoor A, et al.</span> \
            <span class="ref-title">Synthetic explorations.</span> \
            <i class="ref-container">J Am Chem Soc</i>. \
            2016;138(21):6754-64. \
            <a href="https://doi.org/10.1021/jacs.6b00360">doi:10.1021/jacs.6b00360</a> · \
            <a href="https://pubmed.ncbi.nlm.nih.gov/27144344/">PubMed 27144344</a>
            """)
    }

    @Test(arguments: [
        (["A X"], false, "A X."),
        (["A X", "B Y", "C Z"], false, "A X, B Y, C Z."),
        (["A X", "B Y", "C Z", "D W"], false, "A X, B Y, C Z, et al."),
        (["A X"], true, "A X, et al."),
        (["A X", "B Y", "C Z"], true, "A X, B Y, C Z, et al."),
    ])
    func etAlAfterThreeAuthors(authors: [String], etAl: Bool, expected: String) {
        let html = Self.reference(authors: authors, etAl: etAl).html
        #expect(html.hasPrefix("<span class=\"ref-authors\">\(expected)</span> "), "\(html)")
    }

    /// An FDA recall record is found again by its number: it is shown.
    @Test func recordNumber() throws {
        let yaml = "- id: recall\n  type: dataset\n  author: US Food and Drug Administration\n  number: F-1414-2018\n"
        let bibliography = try Bibliography.parse(yaml, path: "content/sources.yml")
        let html = try #require(bibliography.references["recall"]).html
        #expect(html == "<span class=\"ref-authors\">US Food and Drug Administration.</span> No. F-1414-2018. n.d.")
    }

    @Test func noAuthorsNoAuthorSpan() {
        #expect(!Self.reference(authors: []).html.contains("ref-authors"))
    }

    /// A title ending in its own punctuation gets no second stop.
    @Test(arguments: [
        ("Does kratom relieve pain?", "Does kratom relieve pain?"),
        ("Kratom works!", "Kratom works!"),
        ("Ends with a stop.", "Ends with a stop."),
        ("No stop", "No stop."),
    ])
    func titlePunctuation(title: String, shown: String) {
        #expect(Self.reference(title: title).html.contains("<span class=\"ref-title\">\(shown)</span>"))
    }

    @Test(arguments: [
        (nil, nil, nil, "2016."),
        ("138", nil, nil, "2016;138."),
        ("138", "21", nil, "2016;138(21)."),
        ("138", "21", "6754-64", "2016;138(21):6754-64."),
        (nil, "3", nil, "2016;(3)."),
        (nil, nil, "e12", "2016:e12."),
    ] as [(String?, String?, String?, String)])
    func volumeIssuePages(volume: String?, issue: String?, page: String?, expected: String) {
        let html = Self.reference(volume: volume, issue: issue, page: page).html
        #expect(html.hasSuffix(" " + expected), "\(html)")
    }

    @Test func noYearSaysNoDate() {
        #expect(Self.reference(year: nil).html.hasSuffix(" n.d."))
    }

    @Test func linksDOIThenPubMedThenURL() {
        let doi = Self.reference(doi: "10.1/x", url: "https://example.org/paper")
        #expect(doi.html.contains("<a href=\"https://doi.org/10.1/x\">doi:10.1/x</a> · <a href=\"https://example.org/paper\">https://example.org/paper</a>"))
        #expect(doi.link == "https://doi.org/10.1/x")
        let pubmed = Self.reference(pmid: "123")
        #expect(pubmed.html.hasSuffix("<a href=\"https://pubmed.ncbi.nlm.nih.gov/123/\">PubMed 123</a>"))
        #expect(pubmed.link == "https://pubmed.ncbi.nlm.nih.gov/123/")
        // With only a URL, the title itself is the link.
        let web = Self.reference(title: "Statement", url: "https://fda.gov/s")
        #expect(web.html.contains("<a class=\"ref-title\" href=\"https://fda.gov/s\">Statement</a>."))
        #expect(!web.html.contains("ref-title\">Statement"))
        // No title: the URL is shown as a link of its own.
        let bare = Self.reference(title: nil, url: "https://fda.gov/s")
        #expect(bare.html.hasSuffix("<a href=\"https://fda.gov/s\">https://fda.gov/s</a>"))
    }

    @Test func publisherOnlyWithoutContainer() {
        #expect(Self.reference(publisher: "AHRQ").html.hasSuffix(" AHRQ."))
        #expect(!Self.reference(container: "J", publisher: "AHRQ").html.contains("AHRQ"))
    }

    /// Every field is escaped: bibliographies come from other tools and people.
    @Test func everyFieldIsEscaped() {
        let evil = "<script>alert(\"x\")</script> & 'y'"
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        let r = Self.reference(
            authors: [evil], title: evil, container: evil, volume: evil, issue: evil, page: evil, year: evil,
            doi: evil, pmid: evil, url: evil, publisher: nil)
        let html = r.html
        #expect(!html.contains("<script"))
        #expect(!html.contains("\"x\""))
        #expect(!html.contains("'y'"))
        #expect(html.contains("<span class=\"ref-authors\">\(escaped).</span>"))
        #expect(html.contains("<span class=\"ref-title\">\(escaped).</span>"))
        #expect(html.contains("<i class=\"ref-container\">\(escaped)</i>."))
        #expect(html.contains("\(escaped);\(escaped)(\(escaped)):\(escaped)."))
        // The DOI's link is built from it percent-encoded, then escaped for the attribute.
        #expect(html.contains("<a href=\"https://doi.org/%3Cscript%3Ealert(%22x%22)%3C/script%3E%20&amp;%20&#39;y&#39;\">doi:\(escaped)</a>"))
        #expect(html.contains("<a href=\"https://pubmed.ncbi.nlm.nih.gov/\(escaped)/\">PubMed \(escaped)</a>"))
        #expect(html.contains("<a href=\"\(escaped)\">\(escaped)</a>"))
        // Title as link, and publisher.
        let web = Self.reference(title: evil, url: evil, publisher: evil).html
        #expect(web.contains("<a class=\"ref-title\" href=\"\(escaped)\">\(escaped)</a>."))
        #expect(web.hasSuffix(" \(escaped)."))
    }

    @Test(arguments: [
        (["Kruegel AC"], "2016", "Kruegel 2016"),
        (["US Food and Drug Administration"], "2018", "US Food and Drug Administration 2018"),
        (["World Health Organization"], nil, "World Health Organization"),
        (["Le Rouzic V"], "2019", "Le Rouzic 2019"),
    ] as [([String], String?, String)])
    func shortLabel(authors: [String], year: String?, expected: String) {
        #expect(Self.reference(authors: authors, year: year).shortLabel == expected)
    }

    /// JSON-LD types each author as a Person or an Organization from the name's shape.
    @Test(arguments: [
        ("Kruegel AC", true), ("Chear NJ-Y", true), ("Le Rouzic V", true),
        ("US Food and Drug Administration", false), ("World Health Organization", false), ("WHO", false),
    ])
    func personOrOrganization(name: String, isPerson: Bool) {
        #expect(Reference.isPersonalName(name) == isPerson)
    }

    @Test func shortLabelFallsBackToTitleThenID() {
        #expect(Self.reference(authors: [], title: "Pre-review report", year: "2021").shortLabel == "Pre-review report 2021")
        #expect(Self.reference(authors: [], title: nil, year: nil).shortLabel == "k")
    }

    /// Vancouver initials from CSL given names.
    @Test(arguments: [
        ("Kruegel", "Andrew C.", "Kruegel AC"),
        ("Chear", "Nelson Jeng-Yeou", "Chear NJY"),
        ("Váradi", "András", "Váradi A"),
        ("Plato", nil, "Plato"),
        ("Plato", "", "Plato"),
    ] as [(String, String?, String)])
    func vancouverNames(family: String, given: String?, expected: String) {
        #expect(Reference.shortName(family: family, given: given) == expected)
    }

    /// A DOI may hold characters a URL may not (`<`, `>`, `#`, `?`, `%`, spaces, non-ASCII):
    /// its link percent-encodes them, its text shows it as written.
    @Test(arguments: [
        ("10.1021/jacs.6b00360", "https://doi.org/10.1021/jacs.6b00360"),
        ("10.1016/S0140-6736(97)11096-0", "https://doi.org/10.1016/S0140-6736(97)11096-0"),
        ("10.1002/(SICI)1097-4636(199601)30:1<1::AID-JBM1>3.0.CO;2-X", "https://doi.org/10.1002/(SICI)1097-4636(199601)30:1%3C1::AID-JBM1%3E3.0.CO;2-X"),
        ("10.1000/a#b?c%d", "https://doi.org/10.1000/a%23b%3Fc%25d"),
        ("10.1000/é", "https://doi.org/10.1000/%C3%A9"),
    ])
    func doiLinksArePercentEncoded(doi: String, url: String) {
        #expect(Reference.doiURL(doi) == url)
        #expect(Self.reference(doi: doi).link == url)
    }

    /// Only http, https, mailto and relative URLs become links; a `javascript:` URL made
    /// into a Reference any way at all is never an href (the bibliography rejects it first).
    @Test func unsafeURLIsNeverAnHref() {
        let r = Self.reference(title: "Statement", url: "javascript:alert(1)")
        #expect(r.html == """
            <span class="ref-authors">Kruegel AC.</span> <span class="ref-title">Statement.</span> 2016.
            """)
        #expect(r.link == nil)
        let bare = Self.reference(title: nil, url: " JavaScript:alert(1)")
        #expect(bare.html == "<span class=\"ref-authors\">Kruegel AC.</span> 2016.")
        let mail = Self.reference(title: "Write to us", url: "mailto:editor@example.org")
        #expect(mail.html == """
            <span class="ref-authors">Kruegel AC.</span> <a class="ref-title" href="mailto:editor@example.org">Write to us</a>. 2016.
            """)
    }

    @Test(arguments: [
        ("https://example.org", true), ("HTTP://example.org", true), ("mailto:a@b.org", true), ("page.html", true),
        ("../a/b.html#x", true), ("?q=1", true), ("#top", true), ("a b:c", true),
        ("javascript:alert(1)", false), ("  javascript:x", false), ("java\nscript:x", false), ("JAVASCRIPT:x", false),
        ("data:text/html,x", false), ("vbscript:x", false), ("ftp://example.org", false), ("\u{1}javascript:x", false),
    ])
    func linkableURLs(url: String, linkable: Bool) {
        #expect(Reference.isLinkable(url) == linkable)
    }

    @Test func retractionMarkIsEscapedTextBeforeTheReference() {
        var r = Self.reference(title: "A title", doi: "10.5555/x")
        r.notices = [RetractionNotice(recordID: "1", nature: .retraction, date: "2024-03-09", doi: nil, pubMedID: "90000099")]
        #expect(r.html == """
            <strong class="retracted">Retracted</strong> <span class="ref-authors">Kruegel AC.</span> \
            <span class="ref-title">A title.</span> 2016. <a href="https://doi.org/10.5555/x">doi:10.5555/x</a> · \
            <a class="ref-notice" href="https://pubmed.ncbi.nlm.nih.gov/90000099/">Retraction notice, 2024-03-09</a>
            """)
        r.notices = [RetractionNotice(recordID: "2", nature: .correction, date: nil, doi: nil, pubMedID: nil)]
        #expect(!r.html.contains("<strong"))
    }
}
