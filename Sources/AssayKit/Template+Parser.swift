extension Template {
    public init(_ source: String) throws(TemplateError) {
        var parser = TemplateParser(bytes: Array(source.utf8))
        nodes = try parser.parse()
    }
}

/// Reads Mustache source into nodes. Set-delimiter tags are not supported: Assay's
/// templates produce HTML, where `{{` never needs escaping.
private struct TemplateParser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parse() throws(TemplateError) -> [Template.Node] {
        var stack: [(name: String, nodes: [Template.Node], inverted: Bool, at: Int)] = [("", [], false, 0)]
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
            text.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                text.append(bytes[index])
                index += 1
                continue
            }
            let tagStart = index
            var kind = bytes.count > index + 2 ? bytes[index + 2] : 0
            var contentStart = index + 2
            let closer: [UInt8]
            switch kind {
            case UInt8(ascii: "{"):
                closer = Array("}}}".utf8)
                contentStart += 1
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "!"),
                UInt8(ascii: "&"):
                closer = Array("}}".utf8)
                contentStart += 1
            case UInt8(ascii: "="):
                throw error(at: tagStart, "set-delimiter tags are not supported")
            default:
                kind = 0
                closer = Array("}}".utf8)
            }
            guard let end = find(closer, from: contentStart) else {
                throw error(at: tagStart, "tag is never closed with '\(String(decoding: closer, as: UTF8.self))'")
            }
            let content = String(decoding: bytes[contentStart..<end], as: UTF8.self).trimmingCharacters(in: " \t\n")
            index = end + closer.count

            // The spec's standalone rule: a block tag alone on its line takes the line
            // with it, so templates can be indented without leaving blank lines behind.
            let blockTag = [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "!")].contains(kind)
            if blockTag, let lineEnd = standaloneEnd(tagStart: tagStart, tagEnd: index) {
                while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text.removeLast() }
                index = lineEnd
            }
            if kind == UInt8(ascii: "!") { continue }
            guard !content.isEmpty else { throw error(at: tagStart, "empty tag") }
            flush()
            switch kind {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                stack.append((content, [], kind == UInt8(ascii: "^"), tagStart))
            case UInt8(ascii: "/"):
                guard stack.count > 1, stack[stack.count - 1].name == content else {
                    let open = stack.count > 1 ? "'\(stack[stack.count - 1].name)' is still open" : "no section is open"
                    throw error(at: tagStart, "'{{/\(content)}}' closes nothing: \(open)")
                }
                let section = stack.removeLast()
                stack[stack.count - 1].nodes.append(.section(Self.name(section.name), section.nodes, inverted: section.inverted))
            case UInt8(ascii: ">"):
                let (line, column) = position(of: tagStart)
                stack[stack.count - 1].nodes.append(.partial(content, line: line, column: column))
            default:
                stack[stack.count - 1].nodes.append(.variable(Self.name(content), escaped: kind == 0))
            }
        }
        flush()
        if stack.count > 1 {
            let open = stack[stack.count - 1]
            throw error(at: open.at, "section '\(open.name)' is never closed with '{{/\(open.name)}}'")
        }
        return stack[0].nodes
    }

    static func name(_ text: String) -> Template.Name {
        Template.Name(parts: text == "." ? [] : text.split(separator: ".").map(String.init))
    }

    /// If the tag stands alone on its line, where the next line starts.
    func standaloneEnd(tagStart: Int, tagEnd: Int) -> Int? {
        var i = tagStart - 1
        while i >= 0, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i -= 1 }
        guard i < 0 || bytes[i] == UInt8(ascii: "\n") else { return nil }
        var j = tagEnd
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
        if j == bytes.count { return j }
        if bytes[j] == UInt8(ascii: "\n") { return j + 1 }
        if bytes[j] == UInt8(ascii: "\r"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\n") { return j + 2 }
        return nil
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    func position(of offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    func error(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = position(of: offset)
        return TemplateError(line: line, column: column, message: message)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }) else { return "" }
        let end = lastIndex(where: { !chars.contains($0) })!
        return String(self[start...end])
    }
}
