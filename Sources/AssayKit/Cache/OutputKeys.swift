import AssayMarkdown

/// Digests of what each output file depends on, so the build cache can tell which
/// files would come out the same without making them.
enum OutputKeys {
    /// Everything every page shows besides its own source: the config, theme and
    /// bibliography (`globalKey`) and every page's place in the site (titles, summaries,
    /// order, paths: navigation, neighbours, breadcrumbs, section listings).
    static func structure(pages: [Page], globalKey: UInt64) -> UInt64 {
        // Numbers as words, not text: a string made per number per page was a third of
        // making the keys of 1,000 pages.
        var f = Fingerprint()
        f.add(word: globalKey)
        // Fields read where they lie: `for page in` copied every page.
        pages.withUnsafeBufferPointer { pages in
            for i in pages.indices {
                f.add(pages[i].sourcePath)
                f.add(pages[i].outputPath)
                f.add(pages[i].frontMatter.title ?? "")
                f.add(pages[i].frontMatter.summary ?? "")
                f.add(pages[i].frontMatter.navTitle ?? "")
                f.add(word: UInt64(bitPattern: Int64(pages[i].frontMatter.order ?? Int.min)))
            }
        }
        return f.value
    }

    /// An ordinary page's file: the structure and its own source.
    static func page(_ page: Page, structure: UInt64) -> UInt64 {
        var f = Fingerprint()
        f.add(word: structure)
        f.add(word: page.fingerprint)
        return f.value
    }

    /// A section index (or the home page) also shows its children's evidence and, for
    /// the home page, the guide's totals.
    ///
    /// Counted without making text: each page's claims per level go into one digest of
    /// its own (its path, then each level with its count, levels in order), and each
    /// folder's digest is made of its pages' digests. At 1,000 pages the text-based
    /// version (a string per level per ancestor) was a tenth of a one-page rebuild.
    static func sectionPages(_ model: SiteGenerator.Model, structure: UInt64) -> [Int: UInt64] {
        var totals: [BuildCache.LevelCount] = []
        var children: [String: Fingerprint] = [:]
        var counts: [BuildCache.LevelCount] = []
        // Fields read through the buffer: `for page in` copied every page, a retain and a
        // release of each of its strings, between the passes of a full build.
        model.pages.withUnsafeBufferPointer { pages in
            for i in pages.indices {
                counts.removeAll(keepingCapacity: true)
                // The levels alone: an unchanged page's metadata stays in the cache.
                model.forEachLevelCount(of: i) { BuildCache.LevelCount.add($1, to: $0, in: &counts) }
                for c in counts { BuildCache.LevelCount.add(c.count, to: c.level, in: &totals) }
                guard !(pages[i].isSectionIndex && pages[i].section.isEmpty) else { continue }
                counts.sort { $0.level < $1.level }
                var own = Fingerprint()
                own.add(pages[i].sourcePath)
                for c in counts {
                    own.add(c.level)
                    own.add(word: UInt64(c.count))
                }
                // Section cards sum up whole sections: every ancestor folder depends on this page.
                var folder = pages[i].isSectionIndex ? SiteFiles.parent(of: pages[i].section) : pages[i].section
                while true {
                    children[folder, default: Fingerprint()].add(word: own.value)
                    if folder.isEmpty { break }
                    folder = SiteFiles.parent(of: folder)
                }
            }
        }
        var guide = Fingerprint()
        for c in totals.sorted(by: { $0.level < $1.level }) {
            guide.add(c.level)
            guide.add(word: UInt64(c.count))
        }
        var keys: [Int: UInt64] = [:]
        for i in model.pages.indices where model.pages[i].isSectionIndex {
            let page = model.pages[i]
            var f = Fingerprint()
            f.add(word: Self.page(page, structure: structure))
            f.add(word: children[page.section]?.value ?? 0)
            if page.section.isEmpty { f.add(word: guide.value) }
            keys[i] = f.value
        }
        return keys
    }

    /// print.html shows every page whole: the structure and every page's source (section
    /// indexes' and the home page's included; a folder without `_index.md` is in the
    /// structure by its pages' paths).
    static func print(_ model: SiteGenerator.Model, structure: UInt64) -> UInt64 {
        var f = Fingerprint()
        f.add(word: structure)
        model.pages.withUnsafeBufferPointer { pages in
            for i in pages.indices {
                f.add(pages[i].sourcePath)
                f.add(word: pages[i].fingerprint)
            }
        }
        return f.value
    }

    /// Everything the site-wide files show: every claim, heading, citation, review date,
    /// as each page's `siteDigest`, folded in page order.
    static func site(_ digests: [UInt64], structure: UInt64) -> UInt64 {
        var site = Fingerprint()
        site.add(word: structure)
        for digest in digests { site.add(word: digest) }
        return site.value
    }

    /// What the site-wide files read of one page: its review date, revisions, claims
    /// (text, level, anchor, cited keys), headings and cited keys. It depends only on the
    /// page's source (and the global key, under which the cache is kept), so the cache
    /// stores it with the page's metadata: hashing every claim's text of every page on
    /// each build was a twentieth of a one-page rebuild of 1,000 pages.
    static func siteDigest(_ page: Page, _ rendered: RenderedPage) -> UInt64 {
        var site = Fingerprint()
        site.add(page.frontMatter.reviewed?.description ?? "")
        // changes.html and feed.xml list every page's revisions.
        site.add(page.frontMatter.changes.count)
        for change in page.frontMatter.changes {
            site.add(change.date.description)
            site.add(change.summary)
        }
        rendered.claims.withUnsafeBufferPointer { claims in
            for i in claims.indices {
                site.add(claims[i].claim.text)
                site.add(claims[i].claim.level)
                site.add(claims[i].anchor)
                for key in claims[i].claim.citeKeys { site.add(key) }
            }
        }
        rendered.headings.withUnsafeBufferPointer { headings in
            for i in headings.indices {
                site.add(headings[i].text)
                site.add(headings[i].anchor)
            }
        }
        for key in rendered.citedKeys { site.add(key) }
        return site.value
    }
}
