import Foundation
import Testing
import Yams

@testable import AssayKit

/// `YAMLDocument` composes without implicit typing (`Resolver.basic`): Assay reads every
/// value as the text the author wrote, so the tree must be the default resolver's in all
/// that Assay reads: the same shape, the same texts, the same positions. Only the tags
/// (`!!int`, `!!bool`, `!!null`, …) may differ, and nothing reads them.
@Suite("YAML: composed without implicit typing, read the same")
struct YAMLResolverTests {
    /// What Assay can see of a node: its kind, text and position, recursively.
    static func shape(_ node: Node?) -> String {
        guard let node else { return "none" }
        let at = node.mark.map { "@\($0.line):\($0.column)" } ?? ""
        switch node {
        case .scalar: return "s\(at)[\(node.stringValue ?? "nil")]"
        case .sequence(let items): return "q\(at)(" + items.map { shape($0) }.joined(separator: ",") + ")"
        case .mapping(let mapping):
            let pairs = mapping.map { "\(shape($0.key))=\(shape($0.value))|\($0.key.string ?? "nil")" }
            let fields = node.mappingPairs.map { $0.map { "\($0.key):\(shape($0.value))" } } ?? []
            return "m\(at){" + pairs.joined(separator: ",") + "}" + fields.joined(separator: ";")
        @unknown default: return "other"
        }
    }

    static var texts: [String] {
        var texts = [
            "title: yes\nsummary: 123\nnav_title: null\norder: 0x1F\nreviewed: 2026-01-15\ndraft: ~\n",
            "a: 1.5e3\nb: .inf\nc: -.NaN\nd: 0o17\ne: true\nf: On\ng: 2001-12-14t21:59:43.10-05:00\n",
            "<<: {x: 1}\n=: value key\nk: {=: inner}\n",
            "list: [1, two, 'three', \"4\", null, ~, {a: b}]\n",
            "anchors: &a {x: 1}\nref: *a\n",
            "? complex key\n: value\n",
            "text: |\n  multi\n  line\n",
            "- id: x\n  issued: 2016\n  DOI: 10.1021/jacs.6b00360\n",
            "[1, 2, {a: null}]",
            "",
        ]
        let repository = BuildFixture.repository
        for path in ["content/site.yml", "content/sources.yml"] {
            if let text = try? String(contentsOf: repository.appending(path: path), encoding: .utf8) { texts.append(text) }
        }
        for name in ["csl.yaml", "pandoc.yaml", "zotero.json"] {
            if let text = try? BibliographyTests.fixture(name) { texts.append(text) }
        }
        let content = repository.appending(path: "content")
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: content.path)) ?? [] where name.hasSuffix(".md") {
            guard let data = FileManager.default.contents(atPath: content.appending(path: name).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let (yaml, _, offset) = FrontMatter.split(text)
            if offset >= 0, let yaml { texts.append(yaml) }
        }
        return texts
    }

    @Test func everyTextReadsTheSame() throws {
        let texts = Self.texts
        #expect(texts.count > 20)
        for text in texts {
            let typed = try Yams.compose(yaml: text, .default)
            let plain = try YAMLDocument(text, path: "x.yml").root
            #expect(Self.shape(plain) == Self.shape(typed), "\(text)")
        }
    }

    /// The guide's config and bibliography come out field for field as before.
    @Test func theGuideLoadsAsWithTyping() throws {
        let repository = BuildFixture.repository
        let text = try String(contentsOf: repository.appending(path: "content/sources.yml"), encoding: .utf8)
        let bibliography = try Bibliography.parse(text, path: "content/sources.yml")
        let typed = try #require(try Yams.compose(yaml: text, .default)?.sequenceValue ?? Yams.compose(yaml: text, .default)?[field: "references"]?.sequenceValue)
        #expect(bibliography.references.count == typed.count)
        for node in typed {
            let id = try #require(node[field: "id"]?.stringValue)
            #expect(bibliography[id]?.title == node[field: "title"]?.stringValue?.trimmingCharacters(in: " \t\u{A0}"))
        }
    }
}
