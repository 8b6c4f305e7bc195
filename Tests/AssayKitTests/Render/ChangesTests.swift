import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import AssayKit

/// `changes:` as the reader sees it: the latest change under each page's review date,
/// changes.html with every revision, and the Atom feed.
@Suite("Changes and feed")
struct ChangesTests {
    /// The minimal site with revisions on two pages, two of them on the same day.
    static func site() throws -> BuildFixture {
        let site = try BuildFixture()
        try site.write("content/guide.md", """
            ---
            title: "Guide <&>"
            reviewed: 2026-01-15
            changes:
              - date: 2026-03-01
                summary: "Re-levelled the binding claim <b>after</b> a review & a re-read."
              - {date: 2026-01-15, summary: First published.}
            ---

            [Mitragynine binds mu-opioid receptors in cells [@kruegel2016]]{.preliminary #binding}.

            [Kratom is an opioid-like plant [@prozialeck2012]]{.established}.

            """)
        try site.write("content/topic/page.md", """
            ---
            title: "Nested page"
            reviewed: 2026-01-15
            changes: [{date: 2026-03-01, summary: Added a link.}, {date: 2026-03-01, summary: Fixed a typo.}]
            ---
            See [the binding claim](../guide.md#binding).

            """)
        return site
    }

    @Test func pageShowsItsLatestChangeEscaped() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("public/guide.html")
        #expect(html.contains(
            "<p class=\"latest-change\">Last changed <time datetime=\"2026-03-01\">2026-03-01</time>: Re-levelled the binding claim &lt;b&gt;after&lt;/b&gt; a review &amp; a re-read. <a href=\"changes.html#change-guide-2026-03-01\">All changes</a></p>"))
        #expect(!html.contains("<b>after</b>"))
        // The review date comes first, the change right under it.
        let review = try #require(html.range(of: "class=\"review\""))
        let change = try #require(html.range(of: "class=\"latest-change\""))
        #expect(review.lowerBound < change.lowerBound)
        // Two changes the same day: the first written is the latest shown, from one folder down.
        let nested = try site.read("public/topic/page.html")
        #expect(nested.contains(": Added a link. <a href=\"../changes.html#change-topic/page-2026-03-01\">All changes</a>"))
        // A page without `changes:` shows none.
        #expect(!(try site.read("public/index.html")).contains("latest-change"))
    }

    @Test func changesPageListsEveryRevisionNewestFirst() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("public/changes.html")
        let items = html.matches(of: /<li id="([^"]+)"><a href="([^"]+)">([^<]*)<\/a>: ([^<]*)<\/li>/).map {
            [String($0.output.1), String($0.output.2), String($0.output.3), String($0.output.4)]
        }
        #expect(items == [
            ["change-guide-2026-03-01", "guide.html", "Guide &lt;&amp;&gt;", "Re-levelled the binding claim &lt;b&gt;after&lt;/b&gt; a review &amp; a re-read."],
            ["change-topic/page-2026-03-01", "topic/page.html", "Nested page", "Added a link."],
            ["change-topic/page-2026-03-01-2", "topic/page.html", "Nested page", "Fixed a typo."],
            ["change-guide-2026-01-15", "guide.html", "Guide &lt;&amp;&gt;", "First published."],
        ])
        #expect(html.matches(of: /<h2 id="day-(\d{4}-\d\d-\d\d)">/).map { String($0.output.1) } == ["2026-03-01", "2026-01-15"])
        #expect(html.contains("4 changes."))
        #expect(!html.contains("class=\"empty\""))
        // Every page's footer leads to it and to the printable guide.
        #expect(try site.read("public/topic/page.html").contains("<a href=\"../changes.html\">Changes</a>"))
    }

    @Test func changesPageSaysSoWhenThereAreNone() throws {
        let site = try BuildFixture()
        try site.build()
        let html = try site.read("public/changes.html")
        #expect(html.contains("<p class=\"empty\">No page lists any changes yet."))
        #expect(!html.contains("change-list"))
    }

    /// Editing only a page's `changes:` rewrites that page, changes.html and the feed,
    /// and an incremental build equals a clean one.
    @Test func editedChangesRebuildTheSiteFiles() throws {
        let site = try Self.site()
        try site.build()
        let path = "content/topic/page.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "Fixed a typo.", with: "Fixed two typos."))
        try site.build()
        #expect(try site.read("public/changes.html").contains("Fixed two typos."))
        #expect(try site.read("public/feed.xml").contains("Fixed two typos."))
        let incremental = BuildFixture.snapshot(site.output)
        try site.build(useCache: false)
        let clean = BuildFixture.snapshot(site.output)
        #expect(incremental.keys.sorted() == clean.keys.sorted())
        for (file, bytes) in clean { #expect(incremental[file] == bytes, "\(file)") }
    }

    @Test func noFeedWithoutBaseURL() throws {
        let site = try Self.site()
        let yaml = try site.read("content/site.yml").replacingOccurrences(of: "base_url: \"https://example.org/guide/\"\n", with: "")
        try site.write("content/site.yml", yaml)
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.url("public/feed.xml").path))
        #expect(!(try site.read("public/guide.html")).contains("application/atom+xml"))
        #expect(!(try site.read("public/changes.html")).contains("feed-link"))
    }

    @Test func feedIsAtomWithEveryRequiredElement() throws {
        let site = try Self.site()
        try site.build()
        let bytes = try Data(contentsOf: site.url("public/feed.xml"))
        let feed = try AtomReader.parse(bytes)
        #expect(feed.namespace == "http://www.w3.org/2005/Atom")
        // RFC 4287 4.1.1: atom:feed has exactly one id, title and updated, an author
        // (or every entry has one), and should have a rel="self" link.
        #expect(feed.fields["id"] == ["https://example.org/guide/changes.html"])
        #expect(feed.fields["title"] == ["Changes to Fixture guide"])
        #expect(feed.fields["updated"] == ["2026-03-01T00:00:00Z"])
        #expect(feed.fields["author/name"] == ["Fixture guide"])
        #expect(feed.links.contains(["rel": "self", "type": "application/atom+xml", "href": "https://example.org/guide/feed.xml"]))
        #expect(feed.links.contains(["rel": "alternate", "type": "text/html", "href": "https://example.org/guide/changes.html"]))
        // 4.1.2: each entry has exactly one id, title, updated; a link; a summary here.
        #expect(feed.entries.count == 4)
        for entry in feed.entries {
            for field in ["id", "title", "updated", "summary"] { #expect(entry.fields[field]?.count == 1, "\(field)") }
            #expect(entry.links.contains { $0["rel"] == "alternate" && $0["href"]?.hasPrefix("https://example.org/guide/") == true })
            #expect(entry.fields["updated"]!.first!.wholeMatch(of: /\d{4}-\d\d-\d\dT00:00:00Z/) != nil)
        }
        #expect(entry(feed, 0)["title"] == ["Guide <&>"])
        #expect(entry(feed, 0)["summary"] == ["Re-levelled the binding claim <b>after</b> a review & a re-read."])
        #expect(entry(feed, 0)["id"] == ["https://example.org/guide/guide.html#change-guide-2026-03-01"])
        #expect(entry(feed, 3)["updated"] == ["2026-01-15T00:00:00Z"])
        let ids = feed.entries.compactMap { $0.fields["id"]?.first }
        #expect(Set(ids).count == ids.count)
        // Every page's head announces it.
        #expect(try site.read("public/guide.html").contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes to Fixture guide\" href=\"https://example.org/guide/feed.xml\">"))
    }

    /// A control character XML forbids (from a YAML escape) never breaks the feed.
    @Test func feedStaysWellFormedWithForbiddenCharacters() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", "---\ntitle: \"Bell\\a page\"\nchanges: [{date: 2026-02-02, summary: \"x\\u0001y ]]> </summary>\"}]\n---\nText.\n")
        try site.build()
        let feed = try AtomReader.parse(try Data(contentsOf: site.url("public/feed.xml")))
        #expect(entry(feed, 0)["summary"] == ["x\u{FFFD}y ]]> </summary>"])
        #expect(entry(feed, 0)["title"] == ["Bell\u{FFFD} page"])
    }

    /// With no change anywhere the feed is still valid and dated from the content.
    @Test func emptyFeedTakesTheNewestReviewDate() throws {
        let site = try BuildFixture()
        try site.build()
        let feed = try AtomReader.parse(try Data(contentsOf: site.url("public/feed.xml")))
        #expect(feed.entries.isEmpty)
        #expect(feed.fields["updated"] == ["2026-01-15T00:00:00Z"])
    }

    func entry(_ feed: AtomReader.Element, _ n: Int) -> [String: [String]] {
        n < feed.entries.count ? feed.entries[n].fields : [:]
    }
}

/// Reads an Atom document with Foundation's XML parser: the text of the feed's (and
/// each entry's) direct children, `author/name`, and every link's attributes.
final class AtomReader: NSObject, XMLParserDelegate {
    struct Element {
        var namespace = ""
        var fields: [String: [String]] = [:]
        var links: [[String: String]] = []
        var entries: [Element] = []
    }

    struct Malformed: Error { var message: String }

    private var feed = Element()
    private var entry: Element?
    private var path: [String] = []
    private var text = ""

    static func parse(_ data: Data) throws -> Element {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let reader = AtomReader()
        parser.delegate = reader
        guard parser.parse() else { throw Malformed(message: parser.parserError.map { "\($0)" } ?? "not well-formed") }
        return reader.feed
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
        if path == ["feed"] { feed.namespace = namespaceURI ?? "" }
        if path == ["feed", "entry"] { entry = Element(namespace: namespaceURI ?? "") }
        if name == "link" {
            if entry != nil { entry!.links.append(attributes) } else { feed.links.append(attributes) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let inEntry = path.count >= 2 && path[1] == "entry"
        let relative = path.dropFirst(inEntry ? 2 : 1).joined(separator: "/")
        if name == "entry", path == ["feed", "entry"], let done = entry {
            feed.entries.append(done)
            entry = nil
        } else if !relative.isEmpty, name != "author", name != "link" {
            if inEntry { entry?.fields[relative, default: []].append(text) } else { feed.fields[relative, default: []].append(text) }
        }
        path.removeLast()
        text = ""
    }
}
