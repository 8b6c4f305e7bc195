/// Every revision the pages list in `changes:`: what each page shows under its review
/// date, what `changes.html` lists and what `feed.xml` carries.
struct ChangeLog {
    /// One revision and where it is shown.
    struct Entry {
        /// The page's position in reading order.
        var page: Int
        var change: PageChange
        /// The entry's id on changes.html; also the fragment of its feed entry's id.
        var anchor: String
    }

    /// Newest first; revisions of the same day in reading order, then as each page
    /// lists them, so the order never depends on the machine or the cache.
    let entries: [Entry]

    init(pages: [Page]) {
        var all: [(entry: Entry, position: Int)] = []
        for i in pages.indices where !pages[i].frontMatter.changes.isEmpty {
            for (n, item) in Self.changes(of: pages[i]).enumerated() {
                all.append((Entry(page: i, change: item.change, anchor: item.anchor), n))
            }
        }
        all.sort { a, b in
            if a.entry.change.date != b.entry.change.date { return a.entry.change.date > b.entry.change.date }
            return (a.entry.page, a.position) < (b.entry.page, b.position)
        }
        entries = all.map(\.entry)
    }

    /// A page's revisions newest first (the same day's as written), each with its anchor
    /// on changes.html. The anchor is made from the page's own path and dates only, so a
    /// page's file never depends on another page's `changes:`.
    static func changes(of page: Page) -> [(change: PageChange, anchor: String)] {
        // Most pages list none: no slug to make for them.
        guard !page.frontMatter.changes.isEmpty else { return [] }
        var sameDay: [SimpleDate: Int] = [:]
        let slug = RelativeURL.slug(page.outputPath)
        let listed = page.frontMatter.changes.enumerated().map { n, change -> (change: PageChange, anchor: String, position: Int) in
            sameDay[change.date, default: 0] += 1
            let count = sameDay[change.date]!
            return (change, "change-\(slug)-\(change.date)" + (count > 1 ? "-\(count)" : ""), n)
        }
        return listed.sorted { ($0.change.date, -$0.position) > ($1.change.date, -$1.position) }.map { ($0.change, $0.anchor) }
    }
}
