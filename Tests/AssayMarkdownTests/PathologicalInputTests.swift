import AssayTestSupport
import Foundation
import Testing

@testable import AssayMarkdown

/// Inputs that once made the transform quadratic (a fault-injection run: 20,000 nested `[`
/// took seconds, 100,000 never finished) must still give the right output. Timing is
/// measured by `Benchmarks/linear.py`, not asserted here.
@Suite("Pathological inputs")
struct PathologicalInputTests {
    static let n = 20_000

    @Test("thousands of unclosed '[' render as cmark renders them")
    func nestedOpenBrackets() throws {
        let markdown = String(repeating: "[", count: Self.n) + "\n"
        let (html, document) = rendered(markdown)
        #expect(html == (try CmarkCLI.render(markdown)))
        #expect(document.diagnostics.isEmpty)
        #expect(document.claims.isEmpty)
    }

    @Test("thousands of nested, closed brackets render as cmark renders them")
    func nestedClosedBrackets() throws {
        let markdown = String(repeating: "[", count: Self.n) + "x" + String(repeating: "]", count: Self.n) + "\n"
        let (html, document) = rendered(markdown)
        #expect(html == (try CmarkCLI.render(markdown)))
        #expect(document.diagnostics.isEmpty)
    }

    @Test("a claim inside thousands of brackets is still found, and each bracket kept")
    func claimInsideNestedBrackets() throws {
        let depth = 5_000
        let markdown = String(repeating: "[", count: depth) + "[x]{.anecdotal}" + String(repeating: "]", count: depth) + "\n"
        let (html, document) = rendered(markdown)
        #expect(document.claims.count == 1)
        #expect(document.claims.first?.location == SourceLocation(line: 1, column: depth + 1))
        #expect(
            html == "<p>" + String(repeating: "[", count: depth) + "<span class=\"anecdotal\">x</span>"
                + String(repeating: "]", count: depth) + "</p>\n")
    }

    @Test("a citation inside thousands of brackets", arguments: ["[@a]", "[@a; @b, p. 2]"])
    func citationInsideNestedBrackets(_ citation: String) throws {
        let depth = 5_000
        let markdown = String(repeating: "[", count: depth) + citation + String(repeating: "]", count: depth) + "\n"
        let document = annotated(markdown)
        #expect(document.citations.count == 1)
        #expect(document.citations.first?.location == SourceLocation(line: 1, column: depth + 1))
    }

    @Test("a claim over a paragraph of backslash hard breaks; a later error on its own line")
    func backslashHardBreaks() throws {
        let lines = (0..<Self.n).map { "line \($0)\\" }
        let markdown = "[" + lines.joined(separator: "\n") + "\nend]{.anecdotal} [x]{.bogus}\n"
        let (html, document) = rendered(markdown)
        #expect(document.claims.count == 1)
        #expect(document.claims.first?.text.hasSuffix("line \(Self.n - 1) end") == true)
        // cmark puts text after a backslash break on the first line; the error is found
        // where it is written.
        #expect(positions(document) == ["\(Self.n + 1):22 unknown-level"])
        #expect(html.hasPrefix("<p><span class=\"anecdotal\">line 0<br />\nline 1<br />\n"))
        #expect(html.hasSuffix("<br />\nend</span> [x]{.bogus}</p>\n"))
    }

    @Test("a claim over a paragraph of two-space hard breaks")
    func spaceHardBreaks() throws {
        let lines = (0..<Self.n).map { "line \($0)  " }
        let markdown = "[" + lines.joined(separator: "\n") + "\nend]{.anecdotal} [x]{.bogus}\n"
        let document = annotated(markdown)
        #expect(document.claims.count == 1)
        #expect(positions(document) == ["\(Self.n + 1):22 unknown-level"])
    }

    @Test("a paragraph of hard breaks and no claim renders as cmark renders it")
    func hardBreaksWithoutClaim() throws {
        let markdown = (0..<Self.n).map { "[line] \($0)\\\n" }.joined() + "end\n"
        #expect(rendered(markdown).html == (try CmarkCLI.render(markdown)))
    }

    @Test("thousands of claims in one paragraph, each at its column")
    func manyClaims() throws {
        let claim = "[x]{.anecdotal} "
        let markdown = String(repeating: claim, count: Self.n) + "\n"
        let (html, document) = rendered(markdown)
        #expect(document.claims.count == Self.n)
        #expect(document.claims.last?.location == SourceLocation(line: 1, column: (Self.n - 1) * claim.utf8.count + 1))
        #expect(document.diagnostics.isEmpty)
        #expect(html == "<p>" + Array(repeating: "<span class=\"anecdotal\">x</span>", count: Self.n).joined(separator: " ") + "</p>\n")
    }

    @Test("one claim with thousands of citations keeps each key once, in order")
    func claimWithManyCitations() throws {
        let markdown = "[a " + (0..<Self.n).map { "[@k\($0 % 100)]" }.joined(separator: " ") + "]{.established}\n"
        let document = annotated(markdown)
        #expect(document.claims.map(\.citeKeys) == [(0..<100).map { "k\($0)" }])
        #expect(document.citations.count == Self.n)
    }

    @Test("thousands of equal headings get x, x-1, x-2, … as on GitHub")
    func manyEqualHeadings() {
        let markdown = String(repeating: "## x\n\n", count: 2_000) + "## x-1\n"
        let document = annotated(markdown, options: MarkdownOptions(headingAnchors: true))
        #expect(document.headings.prefix(3).map(\.anchor) == ["x", "x-1", "x-2"])
        #expect(document.headings[1_999].anchor == "x-1999")
        // The literal heading "x-1" comes after x-1 was given: it becomes x-1-1.
        #expect(document.headings.last?.anchor == "x-1-1")
    }

    @Test("a text of thousands of '{' is read once; a loose claim end in it is still found")
    func manyBraces() {
        let markdown = String(repeating: "{.", count: Self.n) + " {.anecdotal}\n"
        #expect(positions(annotated(markdown)) == ["1:\(2 * Self.n + 2) unclosed-claim"])
    }
}

/// `CitationParser.Scanner` decides piece by piece what `CitationParser.items` decides on
/// the whole text; the two must agree, or a citation would be missed or rescanned.
@Suite("Citation scanner")
struct CitationScannerTests {
    static func scanned(_ text: String) -> Bool {
        var scanner = CitationParser.Scanner()
        scanner.append(Array(text.utf8))
        return scanner.accepts
    }

    static let examples = [
        "@a", " @a ", "@a; @b", "@a, p. 12", "@a, p. 12; @b, ch. 3", "@a-", "@a-b", "@", "@,", "@a,", "@a ,x",
        "@a b", "@a;", ";@a", "a", "", " ", "@é", "@日本", "@a—", "@a;\u{301} @b", "@_x", "@x.y:z", "@a, [x]; @b",
        "@a, x; y", "@a\t; @b", "@@a", "@a@b", "@a#1", "@1", "@a, ;", "@a,; @b",
    ]

    @Test("the scanner agrees with the parser", arguments: examples)
    func agrees(_ text: String) {
        #expect(Self.scanned(text) == (CitationParser.items(text) != nil))
    }

    @Test("the scanner agrees with the parser on every short string of citation characters")
    func agreesExhaustively() {
        let alphabet: [String] = ["@", "a", "-", ",", ";", " ", "[", "]", "é", "—"]
        var texts = [""]
        for _ in 0..<5 {
            texts = texts.flatMap { prefix in alphabet.map { prefix + $0 } }
            for text in texts {
                #expect(Self.scanned(text) == (CitationParser.items(text) != nil), "\(text)")
            }
        }
    }

    @Test("a bracket group inside a group: the scanner agrees with the parser on the whole text")
    func agreesAcrossGroups() {
        let inner = ["x", "@a", "x; @b, y", "x; @b", "; @c,", "x;", "@a, [y]"]
        let outer: [(String, String)] = [("@a, ", ""), ("@a, ", " z"), ("@a, ", "; @b"), ("@a ", ""), ("", ""), ("@a, p; @b, ", "")]
        for (before, after) in outer {
            for middle in inner {
                var innerScanner = CitationParser.Scanner()
                innerScanner.append(Array(middle.utf8))
                var scanner = CitationParser.Scanner()
                scanner.append(Array(before.utf8))
                scanner.appendGroup(innerScanner)
                scanner.append(Array(after.utf8))
                let text = before + "[" + middle + "]" + after
                #expect(scanner.accepts == (CitationParser.items(text) != nil), "\(text)")
            }
        }
    }

    @Test("a locator may hold brackets; the citation is one group")
    func bracketsInLocator() throws {
        let document = annotated("See [@a, p. [12]].\n")
        let citation = try #require(document.citations.first)
        #expect(citation.items == [Citation.Item(key: "a", locator: "p. [12]")])
    }
}

/// Inputs the fuzzer (Fuzz/AssayFuzz) found, kept as regression tests.
@Suite("Fuzzer findings")
struct FuzzerFindingTests {
    @Test("NUL bytes before a link: cmark counts each as three columns; the link is located in the source")
    func nulBeforeLink() {
        let nuls = String(repeating: "\u{0}", count: 96)
        let markdown = "[`](javascr\(nuls)P0\u{1};}tA:alert(0)) ![b](data:image/png;base63,AA) <vbscript:x>\n"
        let document = annotated(markdown)
        let utf8 = Array(markdown.utf8)
        func column(of needle: String) -> Int {
            let n = Array(needle.utf8)
            return (0...(utf8.count - n.count)).first { Array(utf8[$0..<($0 + n.count)]) == n }! + 1
        }
        #expect(positions(document) == ["1:\(column(of: "![b]")) unsafe-url", "1:\(column(of: "<vbscript")) unsafe-url"])
        #expect(positions(annotated("\u{0}\u{0} [x]{.bogus}\n")) == ["1:8 unknown-level"])
    }
}

extension FuzzerFindingTests {
    /// Inputs kept in Fixtures/fuzz, as the fuzzer wrote them (invalid UTF-8 and all).
    static let fuzzFixtures = ["repeated-text-after-nul.md"]

    @Test("every location lies inside the input", arguments: fuzzFixtures)
    func locationsInsideInput(_ name: String) throws {
        let data = try Data(contentsOf: Fixtures.folder.appending(path: "fuzz").appending(path: name))
        let markdown = String(decoding: data, as: UTF8.self)
        let lines = MarkdownDocument.lines(of: Array(markdown.utf8)[...])
        let document = annotated(markdown)
        let locations = document.diagnostics.map(\.location) + document.claims.map(\.location)
            + document.citations.map(\.location) + document.links.map(\.location)
        #expect(!document.citations.isEmpty)
        for location in locations {
            #expect(location.line >= 1 && location.line <= lines.count, "\(location)")
            if location.line >= 1 && location.line <= lines.count {
                #expect(location.column >= 1 && location.column <= lines[location.line - 1].count + 1, "\(location)")
            }
        }
    }
}
