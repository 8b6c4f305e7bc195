import CCmark
import Testing

@testable import AssayMarkdown

/// The annotation pass reads ASCII text on its bytes and sends anything else down the
/// `Character` or `Unicode.Scalar` path it always took. Each fast path must give what the
/// reference gives, on the inputs where a byte and a `Character` part ways: `\r\n` (one
/// `Character`), a space followed by a combining mark (one `Character`), non-ASCII letters.
@Suite("Byte fast paths agree with the reference paths")
struct ByteFastPathTests {
    /// Every string of up to `length` pieces of `alphabet`.
    static func strings(of alphabet: [String], upTo length: Int) -> [String] {
        var all = [""]
        var level = [""]
        for _ in 0..<length {
            level = level.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += level
        }
        return all
    }

    // MARK: Plain text of claims and headings

    static let foldExamples = [
        "", " ", "a", " a ", "a  b", "a\tb\nc", "\n\n", "a \u{301}b", "a\r\nb", "a\rb", "café  au lait", "日本 語",
        "x \u{200D} y", "  lead and trail  ", "tab\t\tmany", "e\u{301} \u{301}",
    ]

    @Test("folding whitespace on bytes gives what folding Characters gives", arguments: foldExamples)
    func foldExamplesAgree(_ text: String) {
        #expect(PlainText.folded(Array(text.utf8)) == PlainText.foldedByCharacter(text))
    }

    @Test("folding whitespace agrees on every short string of spaces, breaks, letters and marks")
    func foldExhaustive() {
        for text in Self.strings(of: [" ", "\t", "\n", "\r", "a", "é", "\u{301}"], upTo: 5) {
            #expect(PlainText.folded(Array(text.utf8)) == PlainText.foldedByCharacter(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("a claim's text keeps a space that a combining mark follows, as a Character split does")
    func claimTextWithCombiningMark() throws {
        let document = annotated("[one \u{301}two  three]{.anecdotal}\n")
        let claim = try #require(document.claims.first)
        #expect(claim.text == "one \u{301}two three")
    }

    @Test("a claim's text from an entity CR LF: one Character, not a separator")
    func claimTextWithEntityCRLF() throws {
        let document = annotated("[a&#13;&#10;b c]{.anecdotal}\n")
        let claim = try #require(document.claims.first)
        #expect(claim.text == PlainText.foldedByCharacter("a\r\nb c"))
        #expect(claim.text == "a\r\nb c")
    }

    @Test("heading titles and anchors from ASCII, CR LF sources and non-ASCII text")
    func headingTexts() {
        let document = annotated("# Tab\there  x\r\n\r\n## Café \u{301}crème\r\n")
        #expect(document.headings.map(\.text) == ["Tab here x", "Café \u{301}crème"])
    }

    // MARK: Claim attributes

    static func sameAttributes(_ text: String) -> Bool {
        let reference = ClaimAttributes(text)
        let bytes = ClaimAttributes(utf8: ArraySlice(text.utf8))
        return bytes.levels == reference.levels && bytes.id == reference.id && bytes.unsupported == reference.unsupported
    }

    static let attributeExamples = [
        ".anecdotal", "#id .anecdotal", ".a .b", "  .a\t#x\n", ".", "#", "key=value", ".é", ". \u{301}", ".a\r\n#b",
        "#a #b", "", ".\u{301}", "#\u{301}x .y", ".a\r.b",
    ]

    @Test("claim attributes read on bytes equal those read as Characters", arguments: attributeExamples)
    func attributesAgree(_ text: String) {
        #expect(Self.sameAttributes(text))
    }

    @Test("claim attributes agree on every short string of their characters")
    func attributesExhaustive() {
        for text in Self.strings(of: [".", "#", "a", " ", "\t", "\n", "\r", "é", "\u{301}", "="], upTo: 4) {
            #expect(Self.sameAttributes(text), "\(Array(text.unicodeScalars))")
        }
    }

    static func referenceIsValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    @Test("claim ids are checked on bytes as on scalars")
    func idsAgree() {
        let examples = ["", "a", "A1", "1a", "-a", "_a", "a-b_c9", "a b", "a.b", "é", "aé", "a\u{301}", "Ωmega", "a\u{0}"]
        for id in examples + Self.strings(of: ["a", "Z", "0", "-", "_", ".", "é"], upTo: 3) {
            #expect(ClaimAttributes.isValidID(id) == Self.referenceIsValidID(id), "\(id)")
        }
    }

    // MARK: Cite keys

    @Test("citations read on bytes equal those read as scalars", arguments: CitationScannerTests.examples + ["@a,", "@a ,", "@a\r; @b", "@a, p. 1 ;@b,  x "])
    func citationsAgree(_ text: String) {
        #expect(CitationParser.items(utf8: Array(text.utf8)) == CitationParser.items(text))
    }

    @Test("citations agree on every short string of citation characters")
    func citationsExhaustive() {
        for text in Self.strings(of: ["@", "a", "1", "-", ",", ";", " ", "\r", ":", "é"], upTo: 4) {
            #expect(CitationParser.items(utf8: Array(text.utf8)) == CitationParser.items(text), "\(text)")
        }
    }

    @Test("the citation scanner agrees with the parser on text that is dead before a ';'")
    func scannerSkipsDeadText() {
        for text in ["x; @a", "x y z; @a, p. 2", "xé; @b", "x;y; @c", "x; @a; y", "x—y; @a", "@a b; @c", "x; y"] {
            #expect(CitationScannerTests.scanned(text) == (CitationParser.items(text) != nil), "\(text)")
            // Pieces cut anywhere: the scanner carries its state across them.
            let bytes = Array(text.utf8)
            for cut in 0...bytes.count where cut == bytes.count || bytes[cut] < 0x80 || bytes[cut] >= 0xC0 {
                var scanner = CitationParser.Scanner()
                scanner.append(Array(bytes[..<cut]))
                scanner.append(Array(bytes[cut...]))
                #expect(scanner.accepts == (CitationParser.items(text) != nil), "\(text) cut at \(cut)")
            }
        }
    }

    // MARK: Source lines

    /// The line splitter as it was, index by index.
    static func referenceLines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") {
                lines.append(bytes[start..<i])
                if bytes[i] == UInt8(ascii: "\r"), i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(bytes[start...])
        return lines
    }

    @Test("source lines split at LF, CR LF and lone CR as before, from any slice start")
    func linesAgree() {
        for text in Self.strings(of: ["a", "\r", "\n"], upTo: 6) {
            let bytes = Array(("\u{FEFF}" + text).utf8)
            for slice in [bytes[...], bytes.dropFirst(3)] {
                let lines = MarkdownDocument.lines(of: slice)
                let reference = Self.referenceLines(slice)
                #expect(lines.map { Array($0) } == reference.map { Array($0) }, "\(Array(text.utf8))")
                #expect(lines.map(\.startIndex) == reference.map(\.startIndex))
            }
        }
    }

    // MARK: Tokens

    /// `tokens(of:into:loose:)` as it was, byte by byte.
    static func referenceTokens(of placement: TextPlacement, loose: (ArraySlice<UInt8>, AssayMarkdown.SourceLocation) -> Void) -> [InlineToken] {
        var tokens: [InlineToken] = []
        let literal = placement.literal
        let start = placement.start
        let columns = placement.columns
        var run: [UInt8] = []
        var runStart = start
        var nextClose = -1
        var nextOpen = -1
        func location(_ i: Int) -> AssayMarkdown.SourceLocation {
            AssayMarkdown.SourceLocation(line: start.line, column: abs(columns?[i] ?? (start.column + i)))
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
                if byte == UInt8(ascii: "{"), written, !(i > 0 && literal[i - 1] == UInt8(ascii: "]")) {
                    if nextClose < i { nextClose = literal[i...].firstIndex(of: UInt8(ascii: "}")) ?? literal.count }
                    if nextOpen <= i { nextOpen = literal[(i + 1)...].firstIndex(of: UInt8(ascii: "{")) ?? literal.count }
                    if nextClose < literal.count, nextClose < nextOpen { loose(literal[i...nextClose], location(i)) }
                }
                run.append(byte)
            }
        }
        flush()
        return tokens
    }

    static func describe(_ token: InlineToken) -> String {
        switch token {
        case .text(let bytes, let at): return "text \(bytes) @\(at.line):\(at.column)"
        case .open(let at): return "open @\(at.line):\(at.column)"
        case .close(let at, let attributes): return "close \(attributes) @\(at.line):\(at.column)"
        case .node(let pointer): return "node \(pointer)"
        }
    }

    static let tokenExamples = [
        "plain text with no bracket at all\n",
        "[a]{.anecdotal} and [b] and ]{ and {.x} {.y}}\n",
        "\\[not open\\] [open] \\]{.anecdotal} &#91;x&#93;{.anecdotal}\n",
        "[claim with `[code]` and [link](u) inside]{.preliminary #id}\n",
        "[[[nested [@a; @b]]]]{.established}\n",
        "café [é\u{301}]{.anecdotal} 日本 [語]{.bogus}\n",
        "line one [\r\nline two]{.anecdotal}\r\n",
        "a\\\nb [c]{.anecdotal} {{{.x}\n",
        "*[emph]{.anecdotal}* **[strong [@k]]{.preliminary}**\n",
        "{.anecdotal} {#x .preliminary} {a {b} c}\n",
        "x &amp; [y]{.anecdotal} &lt;[z]&gt;{.anecdotal}\n",
        "[a]{\n",
        "]\n",
        "[\n",
    ]

    @Test("tokens found on contiguous bytes equal those found byte by byte", arguments: tokenExamples)
    func tokensAgree(_ markdown: String) throws {
        let document = MarkdownDocument(markdown: markdown)
        var links: [OpaquePointer: AssayMarkdown.SourceLocation] = [:]
        var compared = 0
        var containers: [MarkdownNode] = []
        func collect(_ node: MarkdownNode) {
            if node.type == CMARK_NODE_PARAGRAPH || node.type == CMARK_NODE_HEADING { containers.append(node) }
            var child = node.firstChild
            while let c = child {
                collect(c)
                child = c.next
            }
        }
        collect(MarkdownNode(pointer: document.root))
        for container in containers {
            for placement in document.placeTexts(in: container, links: &links) {
                var fast: [InlineToken] = []
                var fastLoose: [String] = []
                document.tokens(of: placement, into: &fast) { text, at in fastLoose.append("\(Array(text)) @\(at.line):\(at.column)") }
                var referenceLoose: [String] = []
                let reference = Self.referenceTokens(of: placement) { text, at in
                    referenceLoose.append("\(Array(text)) @\(at.line):\(at.column)")
                }
                #expect(fast.map(Self.describe) == reference.map(Self.describe))
                #expect(fastLoose == referenceLoose)
                compared += 1
            }
        }
        #expect(compared > 0)
    }
}
