import AssayMarkdown

/// Digests of what each output file depends on, so the build cache can tell which
/// files would come out the same without making them.
enum OutputKeys {
    /// Everything every page shows besides its own source: the config, theme and
    /// bibliography (`globalKey`) and every page's place in the site (titles, summaries,
    /// order, paths: navigation, neighbours, breadcrumbs, section listings).
    static func structure(pages: [Page], globalKey: UInt64) -> UInt64 {
        var f = Fingerprint()
        f.add(String(globalKey))
        for page in pages {
            f.add(page.sourcePath)
            f.add(page.outputPath)
            f.add(page.frontMatter.title ?? "")
            f.add(page.frontMatter.summary ?? "")
            f.add(page.frontMatter.navTitle ?? "")
            f.add(page.frontMatter.order ?? Int.min)
        }
        return f.value
    }

    /// An ordinary page's file: the structure and its own source.
    static func page(_ page: Page, structure: UInt64) -> UInt64 {
        var f = Fingerprint()
        f.add(String(structure))
        f.add(String(page.fingerprint))
        return f.value
    }

    /// A section index (or the home page) also shows its children's evidence and, for
    /// the home page, the guide's totals.
    static func sectionPages(_ model: SiteGenerator.Model, structure: UInt64) -> [Int: UInt64] {
        var totals: [String: Int] = [:]
        var children: [String: Fingerprint] = [:]
        for (page, rendered) in zip(model.pages, model.rendered) {
            var counts: [String: Int] = [:]
            for claim in rendered.claims { counts[claim.claim.level, default: 0] += 1 }
            for (level, n) in counts { totals[level, default: 0] += n }
            guard !(page.isSectionIndex && page.section.isEmpty) else { continue }
            // Section cards sum up whole sections: every ancestor folder depends on this page.
            var folder = page.isSectionIndex ? SiteFiles.parent(of: page.section) : page.section
            while true {
                children[folder, default: Fingerprint()].add(page.sourcePath)
                for level in counts.keys.sorted() { children[folder, default: Fingerprint()].add(level + String(counts[level]!)) }
                if folder.isEmpty { break }
                folder = SiteFiles.parent(of: folder)
            }
        }
        var guide = Fingerprint()
        for level in totals.keys.sorted() { guide.add(level + String(totals[level]!)) }
        var keys: [Int: UInt64] = [:]
        for (i, page) in model.pages.enumerated() where page.isSectionIndex {
            var f = Fingerprint()
            f.add(String(Self.page(page, structure: structure)))
            f.add(String(children[page.section]?.value ?? 0))
            if page.section.isEmpty { f.add(String(guide.value)) }
            keys[i] = f.value
        }
        return keys
    }

    /// print.html shows every page whole: the structure and every page's source (section
    /// indexes' and the home page's included; a folder without `_index.md` is in the
    /// structure by its pages' paths).
    static func print(_ model: SiteGenerator.Model, structure: UInt64) -> UInt64 {
        var f = Fingerprint()
        f.add(String(structure))
        for page in model.pages {
            f.add(page.sourcePath)
            f.add(String(page.fingerprint))
        }
        return f.value
    }

    /// Everything the site-wide files show: every claim, heading, citation, review date.
    static func site(_ model: SiteGenerator.Model, structure: UInt64) -> UInt64 {
        var site = Fingerprint()
        site.add(String(structure))
        for (page, rendered) in zip(model.pages, model.rendered) {
            site.add(page.frontMatter.reviewed?.description ?? "")
            // changes.html and feed.xml list every page's revisions.
            site.add(page.frontMatter.changes.count)
            for change in page.frontMatter.changes {
                site.add(change.date.description)
                site.add(change.summary)
            }
            for claim in rendered.claims {
                site.add(claim.claim.text)
                site.add(claim.claim.level)
                site.add(claim.anchor)
                for key in claim.claim.citeKeys { site.add(key) }
            }
            for heading in rendered.headings {
                site.add(heading.text)
                site.add(heading.anchor)
            }
            for key in rendered.citedKeys { site.add(key) }
        }
        return site.value
    }
}
