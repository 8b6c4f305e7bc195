import AssaySupport
import AssayMarkdown
import AssayTemplates

/// changes.html and feed.xml: every revision the pages list in `changes:`.
extension GuidePages {
    func changesContext() -> [String: TemplateValue] {
        var context = site.base(for: SiteFiles.changesPage, title: "Changes")
        let log = ChangeLog(pages: model.pages)
        // Grouped by day, newest first, as the log is already sorted.
        var days: [(date: SimpleDate, items: [TemplateValue])] = []
        for entry in log.entries {
            let page = model.pages[entry.page]
            let item: TemplateValue = [
                "summary": ^entry.change.summary, "anchor": ^entry.anchor, "page_title": ^page.title(orSite: config),
                "page_url": ^RelativeURL.to(page.outputPath, from: SiteFiles.changesPage), "page_path": ^page.outputPath,
            ]
            if days.last?.date == entry.change.date { days[days.count - 1].items.append(item) } else { days.append((entry.change.date, [item])) }
        }
        context["days"] = ^days.map { ["date": ^$0.date.description, "changes": ^$0.items] }
        context["has_changes"] = ^(!log.entries.isEmpty)
        context["total"] = ^log.entries.count
        context["total_label"] = ^EvidenceProfile.count(log.entries.count, "change")
        return context
    }

    /// An Atom 1.0 feed (RFC 4287) of every revision, or nil without `base_url`: a feed's
    /// links and ids must be absolute. Nothing in it comes from the clock: the feed's
    /// `updated` is its newest entry's date (with no entry, the newest review date), so
    /// the same guide always gives the same bytes. Static, as sitemap.xml: made beside
    /// the listings of every claim, without them.
    static func feed(pages: [Page], config: SiteConfig) -> String? {
        guard let base = config.baseURL else { return nil }
        let log = ChangeLog(pages: pages)
        let newest = log.entries.first?.change.date ?? pages.compactMap(\.frontMatter.reviewed).max()
        // A guide with no date anywhere: the start of the Unix epoch, fixed, not today.
        let updated = newest.map(Self.atomDate) ?? "1970-01-01T00:00:00Z"
        let x = XMLEscape.text
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(config.language))">
              <title>Changes to \(x(config.title))</title>

            """
        if !config.description.isEmpty { xml += "  <subtitle>\(x(config.description))</subtitle>\n" }
        xml += """
              <id>\(x(base + SiteFiles.changesPage))</id>
              <link rel="self" type="application/atom+xml" href="\(x(base + SiteFiles.feed))"/>
              <link rel="alternate" type="text/html" href="\(x(base + SiteFiles.changesPage))"/>
              <updated>\(updated)</updated>
              <author><name>\(x(config.title))</name></author>
              <generator>Assay</generator>

            """
        for entry in log.entries {
            let page = pages[entry.page]
            let pageURL = base + RelativeURL.encode(page.outputPath)
            xml += """
                  <entry>
                    <title>\(x(page.title(orSite: config)))</title>
                    <id>\(x(pageURL + "#" + entry.anchor))</id>
                    <link rel="alternate" type="text/html" href="\(x(pageURL))"/>
                    <link rel="related" type="text/html" href="\(x(base + SiteFiles.changesPage + "#" + entry.anchor))"/>
                    <updated>\(Self.atomDate(entry.change.date))</updated>
                    <summary type="text">\(x(entry.change.summary))</summary>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// A date as RFC 3339 requires in Atom: midnight UTC of the day the editor wrote.
    static func atomDate(_ date: SimpleDate) -> String { date.description + "T00:00:00Z" }
}

/// Text for XML 1.0: escaped like HTML, and without the characters XML forbids even
/// escaped (most C0 controls, lone surrogates cannot occur in a Swift string, U+FFFE/F),
/// which a YAML `"\u0001"` could otherwise carry into the feed and break every reader.
enum XMLEscape {
    static func text(_ string: String) -> String {
        let allowed = string.unicodeScalars.allSatisfy(isAllowed)
        guard !allowed else { return HTMLEscape.attribute(string) }
        var clean = String.UnicodeScalarView()
        for scalar in string.unicodeScalars { clean.append(isAllowed(scalar) ? scalar : "\u{FFFD}") }
        return HTMLEscape.attribute(String(clean))
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
