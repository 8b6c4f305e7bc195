import Testing

import AssaySupport

@Suite("Diagnostic")
struct DiagnosticTests {
    @Test("a location is printed as precisely as it is known, and never made up")
    func locations() {
        let position = Diagnostic(.unknownLevel, "unknown evidence level 'x'", path: "content/a.md", line: 5, column: 34)
        #expect(position.description == "content/a.md:5:34: error: unknown evidence level 'x' [unknown-level]")
        let line = Diagnostic(.retractedSource, "retracted", path: "content/sources.yml", line: 7, severity: .warning)
        #expect(line.description == "content/sources.yml:7: warning: retracted [retracted-source]")
        let file = Diagnostic(.output, "refusing to build into /root", path: "/root")
        #expect(file.description == "/root: error: refusing to build into /root [output]")
        let nowhere = Diagnostic(.interrupted, "build interrupted", path: nil)
        #expect(nowhere.description == "error: build interrupted [interrupted]")
        // A column without a line means nothing, and is dropped.
        #expect(Diagnostic(.io, "x", path: "a", column: 3).column == nil)
    }

    @Test("GitHub annotations name only the parts of the location that exist")
    func annotations() {
        let d = Diagnostic(.brokenLink, "50% of\nlinks", path: "content/a.md", line: 2, column: 9)
        #expect(d.githubAnnotation == "::error file=content/a.md,line=2,col=9,title=broken-link::50%25 of%0Alinks")
        #expect(Diagnostic(.noBaseURL, "no base_url", path: "content/site.yml", severity: .warning).githubAnnotation
            == "::warning file=content/site.yml,title=no-base-url::no base_url")
        #expect(Diagnostic(.interrupted, "stopped", path: nil).githubAnnotation == "::error title=interrupted::stopped")
    }

    @Test("sorted by file, then position, a whole-file problem before the lines")
    func order() {
        let ds = [
            Diagnostic(.brokenLink, "b", path: "content/b.md", line: 1, column: 1),
            Diagnostic(.brokenLink, "a2", path: "content/a.md", line: 3, column: 2),
            Diagnostic(.io, "whole", path: "content/a.md"),
            Diagnostic(.brokenLink, "a1", path: "content/a.md", line: 3, column: 1),
        ]
        #expect(ds.sorted().map(\.message) == ["whole", "a1", "a2", "b"])
    }
}

@Suite("Rule")
struct RuleTests {
    @Test("the machine's failures are rules too, but no site can configure or silence them")
    func machineRules() {
        for rule in [Rule.io, .output, .interrupted] {
            #expect(!rule.isConfigurable)
            #expect(rule.isFatal)
            #expect(!Rule.configurable.contains(rule))
        }
        #expect(Rule.configurable.contains(.unknownTemplateVariable))
        #expect(Rule.unknownTemplateVariable.defaultSeverity == .warning)
        #expect(Rule.unknownCiteKey.defaultSeverity == .error)
    }

    @Test("rule ids are unique, lower-case and hyphenated: they are keys of site.yml")
    func ids() {
        let ids = Rule.allCases.map(\.rawValue)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(id)") }
    }
}

@Suite("HTMLEscape")
struct HTMLEscapeTests {
    @Test("escapes the five characters that matter in text and attributes")
    func htmlEscape() {
        #expect(HTMLEscape.attribute("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscape.text("Café — 12 < 13") == "Café — 12 &lt; 13")
        #expect(HTMLEscape.attribute("plain") == "plain")
    }

    @Test("appending bytes gives the same text as the string form, runs and all")
    func append() {
        for text in ["", "plain", "&", "a&b<c>d\"e'f", "<<>>", "Café — 12 < 13 & ü's", "x\u{0}y&"] {
            var out: [UInt8] = Array("before:".utf8)
            HTMLEscape.append(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "before:" + HTMLEscape.attribute(text), "\(text)")
        }
        var out: [UInt8] = []
        HTMLEscape.append("a&b", to: &out)
        #expect(out == Array("a&amp;b".utf8))
    }
}

@Suite("Suggestion")
struct SuggestionTests {
    @Test("the closest name within a small edit distance, or none")
    func closest() {
        #expect(Suggestion.closest(to: "establishd", in: ["established", "preliminary"]) == "established")
        #expect(Suggestion.closest(to: "titl", in: ["title", "toc"]) == "title")
        // Two swapped letters are one slip, even in a short name.
        #expect(Suggestion.closest(to: "titel", in: ["title", "toc"]) == "title")
        #expect(Suggestion.closest(to: "tilte", in: ["title"]) == "title")
        #expect(Suggestion.closest(to: "zzz", in: ["title", "toc"]) == nil)
    }
}
