import CCmark

/// The inline children of one container, cut at the brackets that matter: text runs,
/// `[` and `]` as written (not escaped, not from an entity), and opaque nodes.
enum InlineToken {
    case text([UInt8], SourceLocation)
    case open(SourceLocation)
    /// `attributes` is true when a `{` follows the `]` directly, as written.
    case close(SourceLocation, attributes: Bool)
    case node(OpaquePointer)
}

extension MarkdownDocument {
    /// Cuts a text node into tokens. cmark merges text and drops backslashes and
    /// entities, so each byte is matched back to the source to tell `\[` from `[`.
    /// `loose` is called with the text from each written `{` that does not follow a `]`,
    /// so a claim whose `]` went missing can still be reported. (`\]{.x}` is how an
    /// author writes the brackets literally, so an escaped `]` does not count as missing.)
    func tokens(
        ofText node: MarkdownNode, into tokens: inout [InlineToken],
        loose: (ArraySlice<UInt8>, SourceLocation) -> Void
    ) {
        let literal = Array(node.literal.utf8)
        let match = sourceMatch(of: literal, near: node.start, lastLine: node.enclosingBlockEndLine)
        let start = match.map { SourceLocation(line: $0.line, column: abs($0.columns.first ?? node.start.column)) } ?? node.start
        let columns = match?.columns
        var run: [UInt8] = []
        var runStart = start
        func location(_ i: Int) -> SourceLocation {
            SourceLocation(line: start.line, column: abs(columns?[i] ?? (start.column + i)))
        }
        func asWritten(_ i: Int) -> Bool { (columns?[i] ?? 1) > 0 }
        func flush() {
            if !run.isEmpty { tokens.append(.text(run, runStart)) }
            run.removeAll(keepingCapacity: true)
        }
        for (i, byte) in literal.enumerated() {
            let written = asWritten(i)
            if written && byte == UInt8(ascii: "[") {
                flush()
                tokens.append(.open(location(i)))
                runStart = location(min(i + 1, literal.count - 1))
            } else if written && byte == UInt8(ascii: "]") {
                flush()
                let next = i + 1
                let attributes = next < literal.count && literal[next] == UInt8(ascii: "{") && asWritten(next)
                tokens.append(.close(location(i), attributes: attributes))
                runStart = location(min(next, literal.count - 1))
            } else {
                if run.isEmpty { runStart = location(i) }
                if byte == UInt8(ascii: "{"), written,
                    !(i > 0 && literal[i - 1] == UInt8(ascii: "]"))
                {
                    loose(literal[i...], location(i))
                }
                run.append(byte)
            }
        }
        flush()
    }

    /// Finds a text node's bytes in the source: its line, and for each byte of the literal
    /// its source column, negative where the byte came from a backslash escape or an
    /// entity. Nil if the source cannot be matched (then every byte is taken as written).
    ///
    /// cmark 0.30's inline positions are not always right, so the reported start is tried
    /// first and then the rest of the block: after a backslash hard break the line is not
    /// advanced (`a\⏎b` puts `b` on line 1), and text that begins with an unmatched
    /// backtick run or a leftover emphasis delimiter (`` `a ``, `*a**`) starts a few
    /// columns off. A wrong start nearly never matches, since escapes and entities must
    /// line up byte for byte.
    func sourceMatch(of literal: [UInt8], near start: SourceLocation, lastLine: Int) -> (line: Int, columns: [Int])? {
        guard start.line >= 1, start.line <= sourceLines.count else { return nil }
        if let columns = sourceColumns(of: literal, line: start.line, column: start.column) {
            return (start.line, columns)
        }
        let length = sourceLines[start.line - 1].count
        for column in stride(from: start.column - 1, through: 1, by: -1) {
            if let columns = sourceColumns(of: literal, line: start.line, column: column) { return (start.line, columns) }
        }
        for column in (start.column + 1)...max(start.column + 1, length) {
            if let columns = sourceColumns(of: literal, line: start.line, column: column) { return (start.line, columns) }
        }
        for line in (start.line + 1)...max(start.line + 1, min(lastLine, sourceLines.count)) where line <= sourceLines.count {
            for column in 1...max(1, sourceLines[line - 1].count) {
                if let columns = sourceColumns(of: literal, line: line, column: column) { return (line, columns) }
            }
        }
        return nil
    }

    /// Matches `literal` against the source from `line`:`column`; see `sourceMatch`.
    func sourceColumns(of literal: [UInt8], line lineNumber: Int, column startColumn: Int) -> [Int]? {
        let line = sourceLines[lineNumber - 1]
        let from = line.startIndex + startColumn - 1
        guard startColumn >= 1, from <= line.endIndex else { return nil }
        let source = line[from...]
        var columns: [Int] = []
        columns.reserveCapacity(literal.count)
        var i = source.startIndex
        var j = 0
        func column(_ index: Int) -> Int { index - line.startIndex + 1 }
        while j < literal.count {
            guard i < source.endIndex else { return nil }
            let s = source[i]
            if s == UInt8(ascii: "\\"), i + 1 < source.endIndex, source[i + 1].isASCIIPunctuation,
                source[i + 1] == literal[j]
            {
                columns.append(-column(i))
                i += 2
                j += 1
            } else if s == UInt8(ascii: "&"), let (decoded, length) = entity(in: source, at: i),
                literal[j...].starts(with: decoded)
            {
                for _ in decoded { columns.append(-column(i)) }
                i += length
                j += decoded.count
            } else if s == 0, literal[j...].starts(with: [0xEF, 0xBF, 0xBD]) {
                // cmark replaces NUL with U+FFFD.
                columns += [column(i), column(i), column(i)]
                i += 1
                j += 3
            } else if s == literal[j] {
                columns.append(column(i))
                i += 1
                j += 1
            } else {
                return nil
            }
        }
        return columns
    }

    /// The bytes an HTML entity at `index` stands for, and its length in the source.
    /// cmark itself decodes it, so the two can never disagree.
    private func entity(in source: ArraySlice<UInt8>, at index: Int) -> ([UInt8], Int)? {
        guard let semicolon = source[index...].prefix(40).firstIndex(of: UInt8(ascii: ";")) else {
            return nil
        }
        let text = Array(source[index...semicolon])
        guard text.count >= 3, text.dropFirst().dropLast().allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "#") })
        else { return nil }
        let decoded = text.withUnsafeBufferPointer { buffer -> [UInt8] in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let doc = cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT) else { return [] }
                defer { cmark_node_free(doc) }
                guard let paragraph = cmark_node_first_child(doc), let textNode = cmark_node_first_child(paragraph),
                    let literal = cmark_node_get_literal(textNode)
                else { return [] }
                return Array(String(cString: literal).utf8)
            }
        }
        guard !decoded.isEmpty, decoded != text else { return nil }
        return (decoded, text.count)
    }
}

extension UInt8 {
    var isASCIIPunctuation: Bool {
        (0x21...0x2F).contains(self) || (0x3A...0x40).contains(self) || (0x5B...0x60).contains(self)
            || (0x7B...0x7E).contains(self)
    }

    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
