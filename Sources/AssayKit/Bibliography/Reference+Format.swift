import AssayMarkdown
import AssaySupport

extension Reference {
    /// Authors shown before "et al.": Vancouver lists six; three keeps a reference list
    /// readable on a phone.
    static let authorsShown = 3

    /// The reference as escaped HTML, in a Vancouver-like style:
    /// `Kruegel AC, Gassaway MM, Kapoor A, et al. Title. Journal. 2016;138(21):6754-64. doi:…`
    ///
    /// A work Retraction Watch lists is marked first, in words (not colour alone):
    /// `<strong class="retracted">Retracted</strong>`, or "Expression of concern"; the
    /// notice is linked after the work's own links.
    var html: String {
        var parts: [String] = []
        if let mark = noticeMark {
            parts.append("<strong class=\"\(mark.cssClass)\">\(HTMLEscape.text(mark.label))</strong>")
        }
        // Never an href a browser would run: the bibliography rejects such URLs, and a
        // Reference made any other way is held to the same rule here.
        let url = self.url.flatMap { Self.isLinkable($0) ? $0 : nil }
        if !authors.isEmpty {
            var names = authors.prefix(Self.authorsShown).map(HTMLEscape.text).joined(separator: ", ")
            if etAl || authors.count > Self.authorsShown { names += ", et al" }
            parts.append("<span class=\"ref-authors\">\(names).</span>")
        }
        if let title {
            let end = title.last.map { ".?!".contains($0) } == true ? "" : "."
            if let url, doi == nil, pmid == nil {
                parts.append("<a class=\"ref-title\" href=\"\(HTMLEscape.attribute(url))\">\(HTMLEscape.text(title))</a>\(end)")
            } else {
                parts.append("<span class=\"ref-title\">\(HTMLEscape.text(title))\(end)</span>")
            }
        }
        // A record known by its number alone (an FDA recall) needs it to be found again.
        if let number { parts.append(HTMLEscape.text("No. \(number).")) }
        if let containerTitle {
            parts.append("<i class=\"ref-container\">\(HTMLEscape.text(containerTitle))</i>.")
        }
        var locator = year ?? "n.d."
        if let volume {
            locator += ";\(volume)"
            if let issue { locator += "(\(issue))" }
        } else if let issue {
            locator += ";(\(issue))"
        }
        if let page { locator += ":\(page)" }
        // "n.d." already ends with its stop.
        parts.append(HTMLEscape.text(locator) + (locator.hasSuffix(".") ? "" : "."))
        if let publisher, containerTitle == nil { parts.append(HTMLEscape.text(publisher) + ".") }
        var links: [String] = []
        if let doi {
            links.append("<a href=\"\(HTMLEscape.attribute(Self.doiURL(doi)))\">doi:\(HTMLEscape.text(doi))</a>")
        }
        if let pmid {
            links.append("<a href=\"https://pubmed.ncbi.nlm.nih.gov/\(HTMLEscape.attribute(pmid))/\">PubMed \(HTMLEscape.text(pmid))</a>")
        }
        if let url, title == nil || doi != nil || pmid != nil {
            links.append("<a href=\"\(HTMLEscape.attribute(url))\">\(HTMLEscape.text(url))</a>")
        }
        for notice in notices where notice.nature.marksReference {
            let words = HTMLEscape.text("\(notice.nature.label) notice" + (notice.date.map { ", \($0)" } ?? ""))
            if let noticeDOI = notice.doi {
                links.append("<a class=\"ref-notice\" href=\"\(HTMLEscape.attribute(Self.doiURL(noticeDOI)))\">\(words)</a>")
            } else if let noticePMID = notice.pubMedID {
                links.append("<a class=\"ref-notice\" href=\"https://pubmed.ncbi.nlm.nih.gov/\(HTMLEscape.attribute(noticePMID))/\">\(words)</a>")
            } else {
                links.append("<span class=\"ref-notice\">\(words)</span>")
            }
        }
        if !links.isEmpty { parts.append(links.joined(separator: " · ")) }
        return parts.joined(separator: " ")
    }

    /// The strongest notice's mark: a retraction outweighs an expression of concern;
    /// corrections are listed by `assay check` but not marked.
    var noticeMark: (cssClass: String, label: String)? {
        if notices.contains(where: { $0.nature == .retraction }) { return ("retracted", "Retracted") }
        if notices.contains(where: { $0.nature == .expressionOfConcern }) { return ("expression-of-concern", "Expression of concern") }
        return nil
    }

    /// Whether an author reads as a person ("Kruegel AC", initials last) rather than a
    /// body ("US Food and Drug Administration"): CSL's `literal` names lose the difference.
    static func isPersonalName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard words.count > 1, let last = words.last else { return false }
        return isInitials(last)
    }

    /// "AC", "J", "NJ-Y": the initials that end a name written "Family AB".
    static func isInitials(_ word: Substring) -> Bool {
        let letters = word.filter { $0 != "-" && $0 != "." }
        return (1...4).contains(letters.count) && letters.allSatisfy(\.isUppercase)
    }

    /// "Kruegel 2016", for compact mentions and sorting.
    var shortLabel: String {
        // "Kruegel AC" → "Kruegel"; a body such as "US Food and Drug Administration" stays whole.
        var name = authors.first ?? title ?? id
        let words = name.split(separator: " ")
        if words.count > 1, let last = words.last, Self.isInitials(last) {
            name = words.dropLast().joined(separator: " ")
        }
        return [name, year].compactMap { $0 }.joined(separator: " ")
    }

    /// Where the work can be read: DOI, then PubMed, then its URL.
    var link: String? {
        if let doi { return Self.doiURL(doi) }
        if let pmid { return "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }
        return url.flatMap { Self.isLinkable($0) ? $0 : nil }
    }
}
