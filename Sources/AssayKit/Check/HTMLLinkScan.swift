/// The element ids and the link targets of one generated HTML file: all that link checks
/// need. A small tag scanner, not a parser: Assay's own output (cmark's HTML and the
/// templates') is well-formed, and a stray `<` in text only costs a missed attribute.
struct HTMLLinkScan: Sendable {
    /// One `href` or `src` value, entity-decoded, where its value starts in the file.
    struct Link: Sendable {
        var url: String
        var line: Int
        var column: Int
        /// The `rel` of the same element, lowercased (`prev`, `next`, `stylesheet`…).
        var rel: String
    }

    /// Each `id` (and `<a name>`) with how often it occurs.
    var ids: [String: Int] = [:]
    var links: [Link] = []

    init(_ bytes: [UInt8]) {
        var offsets: [Int] = []  // where each link's value starts, turned into lines below
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = TagScanner(bytes: buffer)
            scanner.run(into: &self, offsets: &offsets)
        }
        // Lines from one pass over the newlines, not per byte while scanning.
        var newlines: [Int] = []
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { newlines.append(i) }
        for k in links.indices {
            let offset = offsets[k]
            var low = 0
            var high = newlines.count
            while low < high {
                let mid = (low + high) / 2
                if newlines[mid] < offset { low = mid + 1 } else { high = mid }
            }
            links[k].line = low + 1
            links[k].column = offset - (low == 0 ? 0 : newlines[low - 1] + 1) + 1
        }
    }
}

/// The tag scanner proper, over the file's bytes without copying them.
private struct TagScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func run(into scan: inout HTMLLinkScan, offsets: inout [Int]) {
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n else {
                i += 1
                continue
            }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") && matches("<!--", at: i) {
                skip(past: Array("-->".utf8))
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                skip(past: [UInt8(ascii: ">")])
            } else if next.isASCIILetter {
                i += 1
                tag(into: &scan, offsets: &offsets)
            } else {
                i += 1
            }
        }
    }

    /// Reads one start tag's attributes; keeps `id`, `name` (on `a`), `href`, `src`, `rel`.
    private mutating func tag(into scan: inout HTMLLinkScan, offsets: inout [Int]) {
        let n = bytes.count
        let nameStart = i
        while i < n, bytes[i].isASCIILetter || bytes[i].isASCIIDigit || bytes[i] == UInt8(ascii: "-") { i += 1 }
        let name = lowercased(nameStart..<i)
        var rel = ""
        var found: [(attribute: String, value: String, offset: Int)] = []
        while i < n {
            let byte = bytes[i]
            if byte.isHTMLSpace || byte == UInt8(ascii: "/") {
                i += 1
                continue
            }
            if byte == UInt8(ascii: ">") {
                i += 1
                break
            }
            let attributeStart = i
            while i < n, !bytes[i].isHTMLSpace, bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
            if i == attributeStart {
                i += 1  // a lone `=`: step over it rather than loop
                continue
            }
            let attributeEnd = i
            while i < n, bytes[i].isHTMLSpace { i += 1 }
            guard i < n, bytes[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < n, bytes[i].isHTMLSpace { i += 1 }
            var valueStart = i
            let valueEnd: Int
            if i < n, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                let quote = bytes[i]
                valueStart = i + 1
                i = valueStart
                while i < n, bytes[i] != quote { i += 1 }
                valueEnd = i
                i += 1
            } else {
                while i < n, !bytes[i].isHTMLSpace, bytes[i] != UInt8(ascii: ">") { i += 1 }
                valueEnd = i
            }
            // Only 2- to 4-letter names can matter: most attributes are skipped unread.
            let attribute = (2...4).contains(attributeEnd - attributeStart) ? lowercased(attributeStart..<attributeEnd) : ""
            switch attribute {
            case "id", "href", "src", "rel", "name":
                let value = HTMLEntities.decode(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
                if attribute == "rel" { rel = value.lowercased() } else { found.append((attribute, value, valueStart)) }
            default:
                break
            }
        }
        for (attribute, value, offset) in found {
            switch attribute {
            case "id":
                scan.ids[value, default: 0] += 1
            case "name" where name == "a":
                scan.ids[value, default: 0] += 1
            case "href", "src":
                // Positions point at the value's first character, after any quote.
                scan.links.append(HTMLLinkScan.Link(url: value, line: 0, column: 0, rel: rel))
                offsets.append(offset)
            default:
                break
            }
        }
        // Script and style bodies are not HTML: a `<a href` inside a string is no link.
        if name == "script" || name == "style" {
            let end = Array(("</" + name).utf8)
            while i < n, !matches(end, at: i, ignoringCase: true) { i += 1 }
        }
    }

    private func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map { $0.asciiLowercased }, as: UTF8.self)
    }

    private func matches(_ text: String, at position: Int) -> Bool {
        matches(Array(text.utf8), at: position, ignoringCase: false)
    }

    private func matches(_ pattern: [UInt8], at position: Int, ignoringCase: Bool) -> Bool {
        guard position + pattern.count <= bytes.count else { return false }
        for (k, byte) in pattern.enumerated() {
            let actual = ignoringCase ? bytes[position + k].asciiLowercased : bytes[position + k]
            if actual != byte { return false }
        }
        return true
    }

    private mutating func skip(past pattern: [UInt8]) {
        while i < bytes.count, !matches(pattern, at: i, ignoringCase: false) { i += 1 }
        i = min(bytes.count, i + pattern.count)
    }
}

/// Character references in attribute values: the ones cmark and Assay write, and the
/// numeric forms. Anything else stays as written.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            if let decoded = named[String(name)] ?? numeric(name) {
                out += decoded
            } else {
                out += "&" + name + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }

    private static let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    private static func numeric(_ name: Substring) -> String? {
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}

extension UInt8 {
    /// Space, tab, newline, form feed, carriage return: what HTML calls whitespace.
    var isHTMLSpace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D
    }

    fileprivate var asciiLowercased: UInt8 {
        (0x41...0x5A).contains(self) ? self + 0x20 : self
    }
}
