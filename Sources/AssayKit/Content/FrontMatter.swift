import AssaySupport
import Yams

/// The YAML block between `---` lines at the top of a page.
struct FrontMatter: Sendable, Hashable {
    var title: String?
    public var summary: String?
    /// A shorter title for the navigation bar (Hugo's `linkTitle`).
    var navTitle: String?
    /// `YYYY-MM-DD`, as written.
    var reviewed: SimpleDate?
    var order: Int?
    var draft: Bool
    /// `key_points:`, the few sentences shown in a box at the top of the page.
    var keyPoints: [String] = []
    /// `changes:`, the page's revisions as its editors list them (newest first is the
    /// usual way to write them, but any order is kept as written).
    var changes: [PageChange] = []
    /// Where `reviewed`'s value stands (or the front matter's first line), for diagnostics.
    var reviewedLine: Int
    var titleLine: Int

    /// Splits `text` into front matter and body. `bodyLineOffset` is how many lines come
    /// before the body, so body line N is file line N + offset. A line ends at LF, CRLF or
    /// a lone CR, as in CommonMark and YAML, so a file saved with old Mac line ends is
    /// read the same as any other.
    static func split(_ text: String) -> (yaml: String?, body: Substring, bodyLineOffset: Int) {
        // On UTF-8 bytes: Swift reads "\r\n" as one Character.
        let utf8 = text.utf8
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        /// The line starting at `start`: its content's end and where the next line starts.
        func line(from start: String.Index) -> (end: String.Index, next: String.Index) {
            guard let end = utf8[start...].firstIndex(where: { $0 == cr || $0 == lf }) else { return (utf8.endIndex, utf8.endIndex) }
            var next = utf8.index(after: end)
            if utf8[end] == cr, next < utf8.endIndex, utf8[next] == lf { next = utf8.index(after: next) }
            return (end, next)
        }
        let first = line(from: utf8.startIndex)
        guard utf8[utf8.startIndex..<first.end].elementsEqual("---".utf8), first.next > first.end else { return (nil, text[...], 0) }
        var lineCount = 1
        var index = first.next
        let yamlStart = index
        while index < utf8.endIndex {
            let (end, next) = line(from: index)
            lineCount += 1
            let content = utf8[index..<end]
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                return (String(text[yamlStart..<index]), text[next...], lineCount)
            }
            index = next
        }
        return (nil, text[...], -1)
    }

    static func parse(_ yaml: String?, path: String) throws(BuildFailure) -> FrontMatter {
        guard let yaml, !yaml.allSatisfy(\.isWhitespace) else { return FrontMatter(draft: false, reviewedLine: 1, titleLine: 1) }
        if let plain = fastParse(yaml) { return plain }
        return try parseWithYams(yaml, path: path)
    }

    /// Everything the fast reader declines, and the definition it must match.
    static func parseWithYams(_ yaml: String, path: String) throws(BuildFailure) -> FrontMatter {
        var matter = FrontMatter(draft: false, reviewedLine: 1, titleLine: 1)
        let document = try YAMLDocument(yaml, path: path, lineOffset: 1)
        guard let root = document.root else { return matter }
        guard let pairs = root.mappingPairs else {
            throw BuildFailure([document.diagnostic(.frontMatter, "front matter must be a mapping of fields", at: root)])
        }
        var problems: [Diagnostic] = []
        /// A field that must be text: a list or a mapping there is a mistake, never
        /// published as empty.
        func text(_ node: Node, _ field: String) -> String? {
            if let string = node.stringValue { return string }
            problems.append(document.diagnostic(.frontMatter, "\(field) must be text, not a \(node.kindName)", at: node))
            return nil
        }
        for (key, value) in pairs {
            switch key {
            case "title":
                matter.title = text(value, "'title'")
                matter.titleLine = document.location(of: value).line
            case "summary":
                matter.summary = text(value, "'summary'")
            case "nav_title", "linkTitle", "linktitle":
                matter.navTitle = text(value, "'\(key)'")
            case "key_points":
                guard let items = value.sequenceValue else {
                    problems.append(document.diagnostic(.frontMatter, "'key_points' must be a list of sentences", at: value))
                    continue
                }
                matter.keyPoints = items.compactMap { text($0, "each key point") }
            case "changes":
                matter.changes = changes(value, document: document, problems: &problems)
            case "reviewed":
                matter.reviewedLine = document.location(of: value).line
                if let date = value.stringValue.flatMap(SimpleDate.init(iso:)) {
                    matter.reviewed = date
                } else {
                    problems.append(document.diagnostic(.frontMatter, "'reviewed' must be a date written YYYY-MM-DD", at: value))
                }
            case "order":
                if let n = value.stringValue.flatMap(Int.init) { matter.order = n } else {
                    problems.append(document.diagnostic(.frontMatter, "'order' must be a whole number", at: value))
                }
            case "draft":
                if let b = value.boolValue { matter.draft = b } else {
                    problems.append(document.diagnostic(.frontMatter, "'draft' must be true or false", at: value))
                }
            default:
                // Unknown fields are allowed: other tools (Pandoc, editors) add their own.
                break
            }
        }
        guard problems.isEmpty else { throw BuildFailure(problems) }
        return matter
    }

    /// `changes:` as a list of `{date, summary}` mappings (block or flow YAML). Every
    /// problem is located at the entry (or the field) it is about, and one bad entry does
    /// not hide the others' problems.
    private static func changes(_ value: Node, document: YAMLDocument, problems: inout [Diagnostic]) -> [PageChange] {
        guard let items = value.sequenceValue else {
            problems.append(document.diagnostic(.frontMatter, "'changes' must be a list of {date, summary} entries", at: value))
            return []
        }
        var changes: [PageChange] = []
        for item in items {
            guard item.mappingPairs != nil else {
                problems.append(document.diagnostic(.frontMatter, "each change must be a mapping with a date and a summary, not a \(item.kindName)", at: item))
                continue
            }
            var date: SimpleDate?
            var summary: String?
            if let node = item[field: "date"] {
                date = node.stringValue.flatMap(SimpleDate.init(iso:))
                if date == nil {
                    problems.append(document.diagnostic(.frontMatter, "a change's 'date' must be a date written YYYY-MM-DD", at: node))
                }
            } else {
                problems.append(document.diagnostic(.frontMatter, "a change needs a 'date' (YYYY-MM-DD)", at: item))
            }
            if let node = item[field: "summary"] {
                if let text = node.stringValue, !text.allSatisfy(\.isWhitespace) {
                    summary = text
                } else {
                    let what = node.stringValue == nil ? "text, not a \(node.kindName)" : "text that says what changed"
                    problems.append(document.diagnostic(.frontMatter, "a change's 'summary' must be \(what)", at: node))
                }
            } else {
                problems.append(document.diagnostic(.frontMatter, "a change needs a 'summary' of what changed", at: item))
            }
            if let date, let summary {
                changes.append(PageChange(date: date, summary: summary, line: document.location(of: item).line))
            }
        }
        return changes
    }
}
