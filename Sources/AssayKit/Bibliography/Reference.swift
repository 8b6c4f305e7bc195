/// One work in the bibliography, with the CSL fields Assay shows.
struct Reference: Sendable, Hashable {
    var id: String
    var type: String
    /// Display names, "Family AB" or a literal; `etAl` when the source list ends in "et al.".
    var authors: [String]
    var etAl: Bool
    var title: String?
    var containerTitle: String?
    var volume: String?
    var issue: String?
    var page: String?
    var year: String?
    /// Normalised: no `https://doi.org/` or `doi:` prefix; nil when the field was malformed.
    var doi: String?
    /// Digits only; nil when the field was malformed.
    var pmid: String?
    /// Only `http`, `https`, `mailto` or relative URLs are kept (`isLinkable`).
    var url: String?
    var publisher: String?
    /// CSL `number`: a report's or a recall's number (`F-1414-2018`).
    var number: String? = nil
    /// Where the entry starts in its file.
    var line: Int
    /// Retraction Watch notices about the work (retraction, expression of concern,
    /// correction), when the site checks against a copy of the data set: the reference is
    /// then marked on the page.
    var notices: [RetractionNotice] = []
    /// `html`, formatted once when the bibliography is read: every page citing the work
    /// and the sources page reuse it.
    var formattedHTML = ""
}

extension Reference {
    /// The DOI without the resolver or `doi:` prefix authors often paste, or nil when what
    /// is left is not a DOI (`10.` + a registrant code of 4 to 9 digits + `/` + a suffix).
    static func normalizedDOI(_ raw: String) -> String? {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        var doi = Substring(raw).drop(while: blank)
        while let last = doi.last, blank(last) { doi = doi.dropLast() }
        // Checked against 65,000 rows of Retraction Watch data: most are bare DOIs.
        if !doi.hasPrefix("10.") {
            let lower = doi.prefix(19).lowercased()
            for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] where lower.hasPrefix(prefix) {
                doi = doi.dropFirst(prefix.count)
                break
            }
        }
        doi = doi.drop { $0 == " " }
        let utf8 = Array(doi.utf8)
        guard utf8.count > 3, utf8[0] == UInt8(ascii: "1"), utf8[1] == UInt8(ascii: "0"), utf8[2] == UInt8(ascii: ".") else { return nil }
        var i = 3
        while i < utf8.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[i]) { i += 1 }
        guard (4...9).contains(i - 3), i < utf8.count, utf8[i] == UInt8(ascii: "/"), i + 1 < utf8.count else { return nil }
        // `\S+`: no whitespace anywhere in the suffix (read as bytes unless it holds
        // non-ASCII text, which may hold Unicode spaces).
        let suffix = utf8[(i + 1)...]
        if suffix.contains(where: { $0 >= 0x80 }) {
            guard !doi[doi.utf8.index(doi.utf8.startIndex, offsetBy: i + 1)...].contains(where: \.isWhitespace) else { return nil }
        } else if suffix.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            return nil
        }
        return String(doi)
    }

    /// The key DOIs are compared by: DOIs are case-insensitive (DOI Handbook 2.4).
    static func doiKey(_ doi: String) -> String { doi.lowercased() }

    /// A PubMed ID is a number.
    static func isValidPMID(_ raw: String) -> Bool {
        !raw.isEmpty && raw.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `https://doi.org/…` for a normalised DOI, with every character a URL path may not
    /// hold as it is percent-encoded (`#`, `?`, `%`, spaces, `<`, `"`, non-ASCII…).
    static func doiURL(_ doi: String) -> String {
        "https://doi.org/" + percentEncodedPath(doi)
    }

    /// On bytes, with the allowed set spelled out: a Character per byte asked whether it
    /// is a letter cost 30,000 instructions per DOI, and every citation on every page
    /// makes its reference's link (4% of a full build).
    static func percentEncodedPath(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            // RFC 3986 `pchar` and `/`: unreserved, sub-delims, `:` and `@`.
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
                UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ d: UInt8) -> UInt8 {
        d < 10 ? 0x30 + d : 0x37 + d  // 0-9, A-F
    }

    /// Whether `url` may become a link: `http`, `https`, `mailto`, or a relative URL. A
    /// `javascript:` or `data:` URL in a bibliography would run in the reader's browser.
    ///
    /// The scheme is read as a browser reads it: leading spaces and control characters
    /// are skipped and tabs and line breaks inside are dropped, so `" java\tscript:"`
    /// is `javascript:` here too.
    static func isLinkable(_ url: String) -> Bool {
        let scalars = url.unicodeScalars.drop { $0.value <= 0x20 }.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" {
                return ["http", "https", "mailto"].contains(scheme.lowercased())
            }
            let isSchemeChar = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar))
            // A `/`, `?` or `#` before any `:` makes it a relative URL; so does a character
            // no scheme may hold (`a b:c` is a path).
            guard isSchemeChar, !(scheme.isEmpty && !scalar.properties.isAlphabetic) else { return true }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }
}
