/// Just enough HTML reading for link tests: the values of `id`, `href` and `src`
/// attributes (double-quoted, as Assay and cmark write them), entities decoded.
enum HTMLScan {
    static func ids(_ html: String) -> [String] { values(of: "id", in: html) }

    static func hrefs(_ html: String) -> [String] { values(of: "href", in: html) }

    static func srcs(_ html: String) -> [String] { values(of: "src", in: html) }

    /// Every ` name="value"` in the markup (not in scripts: JSON there escapes its quotes).
    static func values(of name: String, in html: String) -> [String] {
        let bytes = Array(html.utf8)
        let needle = Array(" \(name)=\"".utf8)
        var found: [String] = []
        var i = 0
        while i + needle.count <= bytes.count {
            let isSpace = bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\t")
            if isSpace, bytes[(i + 1)..<(i + needle.count)].elementsEqual(needle.dropFirst()) {
                let start = i + needle.count
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                found.append(decode(String(decoding: bytes[start..<end], as: UTF8.self)))
                i = end
            }
            i += 1
        }
        return found
    }

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacing("&quot;", with: "\"").replacing("&#39;", with: "'").replacing("&lt;", with: "<")
            .replacing("&gt;", with: ">").replacing("&amp;", with: "&")
    }

    /// The part of `html` from the element with `id="id"` to the end of that element's
    /// line: enough to see what a list item holds.
    static func line(withID id: String, in html: String) -> String? {
        html.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains("id=\"\(id)\"") }.map(String.init)
    }
}
