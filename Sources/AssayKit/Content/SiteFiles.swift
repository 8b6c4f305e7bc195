/// The files Assay itself writes in `public/`, and the order pages are read in.
enum SiteFiles {
    static let claimsPage = "claims.html"
    static let sourcesPage = "sources.html"
    static let methodologyPage = "methodology.html"
    static let searchPage = "search.html"
    static let notFoundPage = "404.html"
    /// Every revision the pages list in `changes:`, newest first.
    static let changesPage = "changes.html"
    /// The whole guide on one page, for printing or saving as PDF.
    static let printPage = "print.html"
    /// The Atom feed of those revisions; written only with `base_url`.
    static let feed = "feed.xml"
    static let claimsJSON = "claims.json"
    static let searchIndex = "search-index.js"
    static let sitemap = "sitemap.xml"
    static let assetsFolder = "assets/"

    /// Files Assay writes itself; a page that would write one of them is an error.
    static let generatedFiles = [
        claimsPage, sourcesPage, methodologyPage, searchPage, notFoundPage, changesPage, printPage, claimsJSON, searchIndex,
        sitemap, feed,
    ]

    /// Home first, then depth-first through the folders: each section's index before its
    /// pages, siblings by `order`, then title, then path. Folders without an `_index.md`
    /// get a plain one, so every section has a page to list its contents.
    static func readingOrder(_ pages: consuming [Page]) -> [Page] {
        // By position: no page is copied. Copied into the folders' lists, the sort's
        // entries and the result, the pages of a 10,000-page guide took 20 ms of one core
        // while the other had nothing to do.
        var all = consume pages
        var byFolder: [String: [Int]] = [:]
        var indexes: [String: Int] = [:]
        var folders = Set<String>([""])
        for i in all.indices {
            let section = all[i].section
            if all[i].isSectionIndex {
                indexes[section] = i
            } else {
                byFolder[section, default: []].append(i)
            }
            // The section and every folder above it; once a folder is known, so are
            // those above it (splitting every page's section was 3% of a one-page
            // rebuild of 1,000 pages).
            var folder = section
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = parent(of: folder)
            }
        }
        for folder in folders where indexes[folder] == nil {
            indexes[folder] = all.count
            all.append(syntheticIndex(for: folder))
        }
        func key(_ i: Int) -> (Int, String, String) { (all[i].frontMatter.order ?? Int.max, all[i].title, all[i].sourcePath) }
        var ordered: [Int] = []
        ordered.reserveCapacity(all.count)
        func visit(_ folder: String) {
            ordered.append(indexes[folder]!)
            // A subfolder sorts among its siblings by its index page.
            var entries: [(key: (Int, String, String), folder: String?, page: Int)] = byFolder[folder, default: []].map { (key($0), nil, $0) }
            for sub in folders where parent(of: sub) == folder && sub != folder {
                entries.append((key(indexes[sub]!), sub, -1))
            }
            entries.sort { $0.key < $1.key }
            for entry in entries {
                if let sub = entry.folder { visit(sub) } else { ordered.append(entry.page) }
            }
        }
        visit("")
        // Put in order in place, following each cycle of the permutation with swaps (moves
        // of the pages' bytes): copied into a new array, each page's strings were retained
        // and released again, between loading and the first pass.
        guard ordered.count == all.count else { return ordered.map { all[$0] } }
        var done = [Bool](repeating: false, count: all.count)
        all.withUnsafeMutableBufferPointer { pages in
            for start in pages.indices where !done[start] {
                var k = start
                done[k] = true
                while ordered[k] != start {
                    let next = ordered[k]
                    pages.swapAt(k, next)
                    done[next] = true
                    k = next
                }
            }
        }
        return all
    }

    static func parent(of folder: String) -> String {
        // On the bytes where they are ASCII (folder names nearly always are): by Character
        // the search walked graphemes, 3,500 instructions a folder, once per page of a
        // rebuild (`OutputKeys.sectionPages`). Elsewhere as before, by Character.
        let slash = folder.utf8.allSatisfy { $0 < 0x80 } ? folder.utf8.lastIndex(of: UInt8(ascii: "/")) : folder.lastIndex(of: "/")
        guard let slash else { return "" }
        return String(folder[..<slash])
    }

    static func syntheticIndex(for folder: String) -> Page {
        let relative = folder.isEmpty ? "_index.md" : folder + "/_index.md"
        var matter = FrontMatter(draft: false, reviewedLine: 1, titleLine: 1)
        if !folder.isEmpty {
            matter.title = Page.fallbackTitle(for: String(folder.split(separator: "/").last!) + ".md")
        }
        return Page(
            sourcePath: "content/" + relative, outputPath: Page.outputPath(for: relative), section: folder,
            isSectionIndex: true, frontMatter: matter, body: "", bodyLineOffset: 0, fingerprint: 0)
    }
}
