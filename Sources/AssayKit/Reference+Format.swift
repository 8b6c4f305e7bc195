import AssayMarkdown

extension Reference {
    /// Authors shown before "et al.": Vancouver lists six; three keeps a reference list
    /// readable on a phone.
    static let authorsShown = 3

    /// The reference as escaped HTML, in a Vancouver-like style:
    /// `Kruegel AC, Gassaway MM, Kapoor A, et al. Title. Journal. 2016;138(21):6754-64. doi:…`
    public var html: String {
        var parts: [String] = []
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
            links.append("<a href=\"https://doi.org/\(HTMLEscape.attribute(doi))\">doi:\(HTMLEscape.text(doi))</a>")
        }
        if let pmid {
            links.append("<a href=\"https://pubmed.ncbi.nlm.nih.gov/\(HTMLEscape.attribute(pmid))/\">PubMed \(HTMLEscape.text(pmid))</a>")
        }
        if let url, title == nil || doi != nil || pmid != nil {
            links.append("<a href=\"\(HTMLEscape.attribute(url))\">\(HTMLEscape.text(url))</a>")
        }
        if !links.isEmpty { parts.append(links.joined(separator: " · ")) }
        return parts.joined(separator: " ")
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
    public var shortLabel: String {
        // "Kruegel AC" → "Kruegel"; a body such as "US Food and Drug Administration" stays whole.
        var name = authors.first ?? title ?? id
        let words = name.split(separator: " ")
        if words.count > 1, let last = words.last, Self.isInitials(last) {
            name = words.dropLast().joined(separator: " ")
        }
        return [name, year].compactMap { $0 }.joined(separator: " ")
    }

    /// Where the work can be read: DOI, then PubMed, then its URL.
    public var link: String? {
        if let doi { return "https://doi.org/\(doi)" }
        if let pmid { return "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }
        return url
    }
}
