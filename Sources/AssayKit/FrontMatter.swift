import Yams

/// The YAML block between `---` lines at the top of a page.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var summary: String?
    /// A shorter title for the navigation bar (Hugo's `linkTitle`).
    public var navTitle: String?
    /// `YYYY-MM-DD`, as written.
    public var reviewed: SimpleDate?
    public var order: Int?
    public var draft: Bool
    /// Where `reviewed`'s value stands (or the front matter's first line), for diagnostics.
    public var reviewedLine: Int
    public var titleLine: Int

    /// Splits `text` into front matter and body. `bodyLineOffset` is how many lines come
    /// before the body, so body line N is file line N + offset.
    static func split(_ text: String) -> (yaml: String?, body: Substring, bodyLineOffset: Int) {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (nil, text[...], 0) }
        // On UTF-8 bytes: Swift reads "\r\n" as one Character, so searching the String for
        // "\n" finds nothing in a file with Windows line ends.
        let utf8 = text.utf8
        let newline = UInt8(ascii: "\n")
        var lineCount = 1
        var index = utf8.index(after: utf8.firstIndex(of: newline)!)
        let yamlStart = index
        while index < utf8.endIndex {
            let lineEnd = utf8[index...].firstIndex(of: newline) ?? utf8.endIndex
            var line = utf8[index..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lineCount += 1
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return (String(text[yamlStart..<index]), text[bodyStart...], lineCount)
            }
            index = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return (nil, text[...], -1)
    }

    static func parse(_ yaml: String?, path: String) throws(BuildFailure) -> FrontMatter {
        var matter = FrontMatter(draft: false, reviewedLine: 1, titleLine: 1)
        guard let yaml, !yaml.allSatisfy(\.isWhitespace) else { return matter }
        let document = try YAMLDocument(yaml, path: path, lineOffset: 1)
        guard let root = document.root else { return matter }
        guard let pairs = root.mappingPairs else {
            throw BuildFailure([document.diagnostic("front-matter", "front matter must be a mapping of fields", at: root)])
        }
        var problems: [Diagnostic] = []
        for (key, value) in pairs {
            switch key {
            case "title":
                matter.title = value.stringValue
                matter.titleLine = document.location(of: value).line
            case "summary":
                matter.summary = value.stringValue
            case "nav_title", "linkTitle", "linktitle":
                matter.navTitle = value.stringValue
            case "reviewed":
                matter.reviewedLine = document.location(of: value).line
                if let date = value.stringValue.flatMap(SimpleDate.init(iso:)) {
                    matter.reviewed = date
                } else {
                    problems.append(document.diagnostic("front-matter", "'reviewed' must be a date written YYYY-MM-DD", at: value))
                }
            case "order":
                if let n = value.stringValue.flatMap(Int.init) { matter.order = n } else {
                    problems.append(document.diagnostic("front-matter", "'order' must be a whole number", at: value))
                }
            case "draft":
                if let b = value.boolValue { matter.draft = b } else {
                    problems.append(document.diagnostic("front-matter", "'draft' must be true or false", at: value))
                }
            default:
                // Unknown fields are allowed: other tools (Pandoc, editors) add their own.
                break
            }
        }
        guard problems.isEmpty else { throw BuildFailure(problems) }
        return matter
    }
}
