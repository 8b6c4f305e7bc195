import AssayMarkdown
import Foundation
import Testing

@testable import AssayKit

@Suite("Build cache")
struct BuildCacheTests {
    /// The entry as `write` encodes it from its fields, ignoring any carried-over bytes.
    static func freshBytes(_ entry: BuildCache.Entry) -> [UInt8] {
        var copy = entry
        copy.encoded = nil
        var writer = BinaryWriter()
        copy.write(&writer)
        return writer.bytes
    }

    static func load(_ site: BuildFixture) throws -> BuildCache {
        let stamp = BuildCache.binaryStamp(output: site.output)
        return try #require(BuildCache.load(root: site.root, output: site.output, stamp: stamp))
    }

    /// Unchanged entries are saved by copying their cached bytes; those bytes must be
    /// exactly what encoding the entry would give, before and after a page changes.
    @Test func carriedOverBytesEqualAFreshEncoding() throws {
        let site = try GoldenSiteTests.site()
        try site.build()
        let first = try Self.load(site)
        #expect(first.entries.count >= 5)

        let second = try site.build()
        #expect(second.written == 0)
        let reloaded = try Self.load(site)
        #expect(reloaded.entries.keys.sorted() == first.entries.keys.sorted())
        for (key, entry) in reloaded.entries {
            #expect(entry.encoded.map(Array.init) == Self.freshBytes(entry), "\(key)")
            #expect(entry.encoded == first.entries[key]?.encoded, "\(key)")
        }

        let path = "content/remedies/valerian.md"
        try site.write(path, try site.read(path) + "\n[Added later]{.anecdotal}.\n")
        try site.build()
        let edited = try Self.load(site)
        for (key, entry) in edited.entries {
            #expect(entry.encoded.map(Array.init) == Self.freshBytes(entry), "\(key)")
        }
        #expect(edited.entries[path]?.rendered?.claims.contains { $0.claim.text == "Added later" } == true)
        #expect(edited.entries[path]?.encoded != first.entries[path]?.encoded)

        // The whole file, written from the last one's bytes in runs, is the file a build
        // without any cache writes for the same site.
        let file = BuildCache.url(root: site.root, output: site.output)
        let incremental = try Data(contentsOf: file)
        try FileManager.default.removeItem(at: file)
        try site.build(useCache: false)
        #expect(try Data(contentsOf: file) == incremental)
    }

    /// Each entry's site digest is what `OutputKeys.siteDigest` makes of the metadata
    /// beside it, whether the page was rendered again or taken from the cache: a stale
    /// digest would leave the site-wide files out of date.
    @Test func siteDigestsMatchTheirMetadata() throws {
        let site = try GoldenSiteTests.site()
        try site.build()
        let path = "content/remedies/valerian.md"
        let before = try #require(try Self.load(site).entries[path]?.siteDigest)
        try site.write(path, try site.read(path) + "\n[Added later]{.anecdotal}.\n")
        try site.build()
        try site.build()
        let cache = try Self.load(site)
        for (key, entry) in cache.entries {
            #expect(entry.siteDigest == OutputKeys.siteDigest(entry.page, try #require(entry.rendered)), "\(key)")
        }
        #expect(cache.entries[path]?.siteDigest != before)
        let digests = try Project.load(root: site.root).pages.map { try #require(cache.entries[$0.sourcePath]?.siteDigest) }
        let structure = OutputKeys.structure(pages: try Project.load(root: site.root).pages, globalKey: cache.globalKey)
        #expect(cache.siteKey == OutputKeys.site(digests, structure: structure))
    }

    /// A page's `changes:` come back from the cache as they were written, so an
    /// incremental build lists the revisions of pages it did not read.
    @Test func changesSurviveTheCache() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", "---\ntitle: Guide\nchanges:\n  - {date: 2026-03-04, summary: \"Added <a> source & more\"}\n  - {date: 2026-01-02, summary: First}\n---\n\nText.\n")
        try site.build()
        let cache = try Self.load(site)
        let entry = try #require(cache.entries["content/guide.md"])
        #expect(entry.page.frontMatter.changes == [
            PageChange(date: SimpleDate(year: 2026, month: 3, day: 4), summary: "Added <a> source & more", line: 4),
            PageChange(date: SimpleDate(year: 2026, month: 1, day: 2), summary: "First", line: 5),
        ])
        #expect(entry.encoded.map(Array.init) == Self.freshBytes(entry))
    }

    /// More entries than fit in one part: the parts are decoded on their own, and every
    /// entry comes back, equal to a fresh encoding; a file cut inside a part is refused.
    @Test func manyEntriesComeBackFromTheirParts() throws {
        var files = BuildFixture.minimalFiles
        let count = BuildCache.partSize * 2 + 7
        for n in 0..<count {
            files["content/many/page-\(n).md"] = "---\ntitle: Page \(n)\nreviewed: 2026-01-15\n---\n\n[Claim \(n)]{.anecdotal}.\n"
        }
        let site = try BuildFixture(files)
        try site.build()
        let cache = try Self.load(site)
        let pages = try Project.load(root: site.root).pages
        #expect(cache.entries.count == pages.count)
        #expect(pages.count > count)
        for page in pages {
            let entry = try #require(cache.entries[page.sourcePath])
            #expect(entry.page.title == page.title)
            #expect(entry.encoded.map(Array.init) == Self.freshBytes(entry), "\(page.sourcePath)")
            // The counts read from the entry's head are those of its decoded claims.
            let rendered = try #require(entry.rendered)
            #expect(entry.levelCounts == BuildCache.Entry.levelCounts(in: rendered), "\(page.sourcePath)")
        }
        #expect(cache.entries["content/many/page-3.md"]?.levelCounts == [.init(level: "anecdotal", count: 1)])
        #expect(cache.entries["content/many/page-300.md"]?.rendered?.claims.first?.claim.text == "Claim 300")

        let url = BuildCache.url(root: site.root, output: site.output)
        let bytes = try Data(contentsOf: url)
        try bytes.dropLast(10).write(to: url)
        #expect(BuildCache.load(root: site.root, output: site.output, stamp: BuildCache.binaryStamp(output: site.output)) == nil)
    }

    /// A cached page whose metadata is damaged in the file (its entry's head still reads)
    /// is rendered again when a build needs its claims; the site equals a clean build, and
    /// the next cache holds the page's metadata whole again.
    @Test func damagedMetadataIsRenderedAgain() throws {
        let site = try BuildFixture()
        try site.build()
        let url = BuildCache.url(root: site.root, output: site.output)
        var bytes = [UInt8](try Data(contentsOf: url))
        // guide.md's first claim, after its length: made longer than what follows, the
        // metadata no longer decodes, and the head before it is untouched.
        let text = Array("Mitragynine binds mu-opioid receptors in cells".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: text) })
        #expect(bytes[at - 1] == UInt8(text.count))
        bytes[at - 1] = 0x7F
        try Data(bytes).write(to: url)
        // A claim elsewhere changes: the site-wide files are made again, from every page's claims.
        try site.write("content/_index.md", try site.read("content/_index.md").replacingOccurrences(of: "{.anecdotal}", with: "{.preliminary}"))
        try site.build()
        let clean = site.url("clean")
        try site.build(output: clean, useCache: false)
        #expect(BuildFixture.snapshot(site.output) == BuildFixture.snapshot(clean))
        #expect(try site.read("public/claims.json").contains("Mitragynine binds"))
        #expect(try Self.load(site).entries["content/guide.md"]?.rendered?.claims.count == 2)
    }

    /// The rendered metadata is decoded when asked for: what was written comes back, and
    /// bytes that do not decode give nil (the page is then rendered again), never a wrong
    /// or empty page.
    @Test func lateRenderedDecodesOrRefuses() throws {
        let claim = PublishedClaim(
            claim: Claim(level: "preliminary", explicitID: "x", text: "A claim", citeKeys: ["a", "b"], location: SourceLocation(line: 3, column: 4)),
            anchor: "x", line: 3, column: 4)
        let page = RenderedPage(
            html: "", claims: [claim], headings: [Heading(level: 2, text: "Head", anchor: "head")],
            links: [MarkdownLink(destination: "a.md", location: SourceLocation(line: 5, column: 1))], citedKeys: ["a", "b"],
            citeAnchors: ["a": ["cite-a-1"], "b": ["cite-b-1", "cite-b-2"]], diagnostics: [])
        var writer = BinaryWriter()
        BuildCache.Entry.writeRendered(page, &writer)
        let good = writer.bytes
        let bytes = good + [0xFF, 0xFF, 0xFF] + good.dropLast()
        let late = LateRendered(bytes: bytes, ranges: [0..<good.count, good.count..<(good.count + 3), (good.count + 3)..<bytes.count])
        let first = try #require(late.rendered(at: 0))
        #expect(first.claims.map(\.claim.text) == ["A claim"] && first.claims.first?.claim.citeKeys == ["a", "b"])
        #expect(first.headings.map(\.anchor) == ["head"] && first.links.map(\.destination) == ["a.md"])
        #expect(first.citeAnchors == page.citeAnchors && first.citedKeys == ["a", "b"])
        #expect(late.rendered(at: 1) == nil)
        #expect(late.rendered(at: 2) == nil)
    }
}
