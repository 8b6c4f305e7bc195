import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inline children of one container, cut at the brackets that matter: text runs,
/// `[` and `]` as written (not escaped, not from an entity), and opaque nodes.
enum InlineToken {
    case text([UInt8], SourceLocation)
    case open(SourceLocation)
    /// `attributes` is true when a `{` follows the `]` directly, as written.
    case close(SourceLocation, attributes: Bool)
    case node(OpaquePointer)
}

/// Where the bytes of one text node stand in the source (see `sourceMatch`).
struct TextPlacement {
    /// The text node placed.
    var node: OpaquePointer?
    var literal: [UInt8]
    var start: SourceLocation
    /// Each byte's source column, negative where it came from a backslash escape or an
    /// entity; nil when the bytes stand as written from `start` on (nearly always, so no
    /// array is made), or when the source could not be matched.
    var columns: [Int]?
}

extension TextPlacement {
    /// The index in `placements` of `node`'s placement, from the user data `placeTexts`
    /// set; nil for a node it did not place (one the transform made), or placed for
    /// another container (checked against the node, so stale user data is harmless).
    static func index(of node: OpaquePointer, in placements: [TextPlacement]) -> Int? {
        guard let data = cmark_node_get_user_data(node) else { return nil }
        let index = Int(bitPattern: data) - 1
        guard index >= 0, index < placements.count, placements[index].node == node else { return nil }
        return index
    }
}

extension MarkdownDocument {
    /// Places every text node under `container` (a paragraph or heading) in the source.
    /// Text nodes come in source order, so each search starts where the previous text
    /// ended: a text node is looked for in the few bytes after its predecessor rather than
    /// across the whole block, which keeps a paragraph of a hundred thousand nodes linear.
    /// Links and images are placed too, at their first byte (`[`, `![` or `<`), for the same
    /// reason: cmark reports them after a backslash hard break as if on an earlier line.
    ///
    /// Each text node's user data is set to its index in the result, plus one (see
    /// `TextPlacement.index(of:in:)`): a dictionary by node, hashed for every text of the
    /// page, cost more than the placing.
    func placeTexts(in container: MarkdownNode, links: inout [OpaquePointer: SourceLocation]) -> [TextPlacement] {
        var placements: [TextPlacement] = []
        guard let iterator = cmark_iter_new(container.pointer) else { return placements }
        defer { cmark_iter_free(iterator) }
        let lastLine = Int(cmark_node_get_end_line(container.pointer))
        var cursor = sourceLocation(ofCmark: container.start)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(pointer)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let node = MarkdownNode(pointer: pointer)
                let first: Set<UInt8> = type == CMARK_NODE_IMAGE ? [UInt8(ascii: "!")] : [UInt8(ascii: "["), UInt8(ascii: "<")]
                if let found = sourceByte(in: first, near: sourceLocation(ofCmark: node.start), after: cursor, lastLine: lastLine) {
                    links[pointer] = found
                    cursor = SourceLocation(line: found.line, column: found.column + 1)
                }
                continue
            }
            guard type == CMARK_NODE_TEXT else { continue }
            let node = MarkdownNode(pointer: pointer)
            let literal = node.literalBytes
            let reported = sourceLocation(ofCmark: node.start)
            if let match = sourceMatch(of: literal, near: reported, after: cursor, lastLine: lastLine) {
                let start = SourceLocation(line: match.line, column: abs(match.columns?.first ?? match.column))
                placements.append(TextPlacement(node: pointer, literal: literal, start: start, columns: match.columns))
                cursor = match.end
            } else {
                placements.append(TextPlacement(node: pointer, literal: literal, start: reported, columns: nil))
            }
            cmark_node_set_user_data(pointer, UnsafeMutableRawPointer(bitPattern: placements.count))
        }
        return placements
    }

    /// Cuts a text node into tokens. cmark merges text and drops backslashes and
    /// entities, so each byte is matched back to the source to tell `\[` from `[`.
    /// `loose` is called with `{…}` (through the first `}`, with no `{` inside) for each
    /// written `{` that does not follow a `]`, so a claim whose `]` went missing can still be reported.
    /// (`\]{.x}` is how an author writes the brackets literally, so an escaped `]` does not
    /// count as missing.)
    func tokens(
        of placement: TextPlacement, into tokens: inout [InlineToken],
        loose: (ArraySlice<UInt8>, SourceLocation) -> Void
    ) {
        let literal = placement.literal
        let start = placement.start
        let columns = placement.columns
        // The first `}` and the first `{` after the byte being read, each found once and
        // moved forward only, so a text of many `{` is read once rather than once per `{`.
        var nextClose = -1
        var nextOpen = -1
        func location(_ i: Int) -> SourceLocation {
            SourceLocation(line: start.line, column: abs(columns?[i] ?? (start.column + i)))
        }
        func asWritten(_ i: Int) -> Bool { (columns?[i] ?? 1) > 0 }
        // A run of text is every byte since the last written bracket: copied in one go
        // when it ends, at the location of its first byte.
        var runStart = 0
        func flush(_ end: Int) {
            if runStart < end { tokens.append(.text(Array(literal[runStart..<end]), location(runStart))) }
        }
        let count = literal.count
        // The next `[`, `]` and `{` at or after the byte being read, each found by `memchr`
        // (many bytes at a step) and looked for again only once it is passed.
        var ahead: (open: Int, close: Int, brace: Int) = (-1, -1, -1)
        func find(_ byte: UInt8, from: Int) -> Int {
            literal.withUnsafeBytes { bytes in
                guard from < count, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), count - from)
                else { return count }
                return base.distance(to: UnsafeRawPointer(found))
            }
        }
        var i = 0
        while i < count {
            if ahead.open < i { ahead.open = find(UInt8(ascii: "["), from: i) }
            if ahead.close < i { ahead.close = find(UInt8(ascii: "]"), from: i) }
            if ahead.brace < i { ahead.brace = find(UInt8(ascii: "{"), from: i) }
            i = min(ahead.open, ahead.close, ahead.brace)
            guard i < count else { break }
            let byte = literal[i]
            let written = asWritten(i)
            if written && byte == UInt8(ascii: "[") {
                flush(i)
                tokens.append(.open(location(i)))
                runStart = i + 1
            } else if written && byte == UInt8(ascii: "]") {
                flush(i)
                let next = i + 1
                let attributes = next < count && literal[next] == UInt8(ascii: "{") && asWritten(next)
                tokens.append(.close(location(i), attributes: attributes))
                runStart = next
            } else if byte == UInt8(ascii: "{"), written, !(i > 0 && literal[i - 1] == UInt8(ascii: "]")) {
                if nextClose < i {
                    nextClose = literal[i...].firstIndex(of: UInt8(ascii: "}")) ?? count
                }
                if nextOpen <= i {
                    nextOpen = literal[(i + 1)...].firstIndex(of: UInt8(ascii: "{")) ?? count
                }
                // Only the last `{` before a `}` can open attributes.
                if nextClose < count, nextClose < nextOpen { loose(literal[i...nextClose], location(i)) }
            }
            i += 1
        }
        flush(count)
    }

    /// Finds a text node's bytes in the source, at or after `cursor` (where the previous
    /// text of the block ended): its line, each byte's source column (negative where the
    /// byte came from a backslash escape or an entity), and where it ends. Nil if the
    /// source cannot be matched.
    ///
    /// cmark 0.30's inline positions are not always right, so the reported start is tried
    /// first, then a little before it, then after it: after a backslash hard break the line
    /// is not advanced (`a\⏎b` puts `b` on line 1, at the column it would have there), and
    /// text that begins with an unmatched backtick run or a leftover emphasis delimiter
    /// (`` `a ``, `*a**`) starts a few columns off. A reported start before the cursor is
    /// impossible, so then the search runs on from the cursor. A wrong start nearly never
    /// matches, since escapes and entities must line up byte for byte.
    func sourceMatch(
        of literal: [UInt8], near start: SourceLocation, after cursor: SourceLocation, lastLine: Int
    ) -> Match? {
        let lastLine = min(lastLine, sourceLines.count)
        func attempt(_ line: Int, _ column: Int) -> Match? {
            sourceColumns(of: literal, line: line, column: column).map {
                Match(line: line, column: column, columns: $0.columns, end: SourceLocation(line: line, column: $0.end))
            }
        }
        func forward(from line: Int, column: Int) -> Match? {
            guard line >= 1 else { return nil }
            var first = column
            for l in stride(from: line, through: lastLine, by: 1) {
                let length = sourceLines[l - 1].count
                if first <= max(1, length) {
                    for c in first...max(1, length) {
                        if let found = attempt(l, c) { return found }
                    }
                }
                first = 1
            }
            return nil
        }
        // A start past the end of its line is one of cmark's wrong ones (hard break).
        let plausible = start.line >= 1 && start.line <= sourceLines.count && start.column >= 1
            && start.column <= sourceLines[start.line - 1].count + 1
        if start >= cursor, plausible {
            if let found = attempt(start.line, start.column) { return found }
            let floor = start.line == cursor.line ? max(1, cursor.column) : 1
            for column in stride(from: start.column - 1, through: floor, by: -1) {
                if let found = attempt(start.line, column) { return found }
            }
            if let found = forward(from: start.line, column: start.column + 1) { return found }
        } else if let found = forward(from: max(1, cursor.line), column: max(1, cursor.column)) {
            return found
        }
        // Not found after the cursor: an earlier text matched too far on (its bytes occur
        // again later). Search around the reported start alone, as if there were no cursor.
        guard plausible else { return nil }
        if let found = attempt(start.line, start.column) { return found }
        for column in stride(from: start.column - 1, through: 1, by: -1) {
            if let found = attempt(start.line, column) { return found }
        }
        return forward(from: start.line, column: start.column + 1)
    }

    /// The first of `bytes` at the reported `start` if it is there and not before `cursor`,
    /// else the first one from `cursor` on, up to `lastLine`.
    func sourceByte(in bytes: Set<UInt8>, near start: SourceLocation, after cursor: SourceLocation, lastLine: Int) -> SourceLocation? {
        func byte(_ location: SourceLocation) -> UInt8? {
            guard location.line >= 1, location.line <= sourceLines.count, location.column >= 1 else { return nil }
            let line = sourceLines[location.line - 1]
            let index = line.startIndex + location.column - 1
            return index < line.endIndex ? line[index] : nil
        }
        if start >= cursor, let b = byte(start), bytes.contains(b) { return start }
        guard cursor.line >= 1 else { return nil }
        var column = max(1, cursor.column)
        for line in stride(from: cursor.line, through: min(lastLine, sourceLines.count), by: 1) {
            let text = sourceLines[line - 1]
            let from = text.startIndex + column - 1
            if from < text.endIndex, let index = text[from...].firstIndex(where: { bytes.contains($0) }) {
                return SourceLocation(line: line, column: index - text.startIndex + 1)
            }
            column = 1
        }
        return nil
    }

    /// Where `sourceMatch` found a text: `columns` as in `TextPlacement`.
    struct Match {
        var line: Int
        var column: Int
        var columns: [Int]?
        var end: SourceLocation
    }

    /// Matches `literal` against the source from `line`:`column`; see `sourceMatch`.
    /// `columns` is nil when every byte stands as written; `end` is the column just after
    /// the last source byte matched.
    func sourceColumns(of literal: [UInt8], line lineNumber: Int, column startColumn: Int) -> (columns: [Int]?, end: Int)? {
        let line = sourceLines[lineNumber - 1]
        let from = line.startIndex + startColumn - 1
        guard startColumn >= 1, from <= line.endIndex else { return nil }
        let source = line[from...]
        // The common case first: the bytes as written, compared in one go. Sound only for
        // a literal with no `\\` or `&`: `\\\\` and `&amp;amp;` in the source begin with
        // bytes equal to their literals `\\` and `&amp;` but are longer.
        if source.count >= literal.count, Self.standsAsWritten(literal, in: source) {
            return (nil, startColumn + literal.count)
        }
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
        return (columns, column(i))
    }

    /// Whether `source` begins with `literal` byte for byte, and `literal` holds no `\\` or
    /// `&` (see `sourceColumns`). On the contiguous bytes: generic `elementsEqual` of a
    /// slice and an array was most of the cost of placing a text.
    private static func standsAsWritten(_ literal: [UInt8], in source: ArraySlice<UInt8>) -> Bool {
        literal.withUnsafeBytes { l in
            source.withUnsafeBytes { s in
                guard s.count >= l.count else { return false }
                guard let lp = l.baseAddress, let sp = s.baseAddress else { return l.isEmpty }
                return memcmp(lp, sp, l.count) == 0 && memchr(lp, 0x5C, l.count) == nil && memchr(lp, 0x26, l.count) == nil
            }
        }
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
