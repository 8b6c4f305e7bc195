import AssayTemplates
import Testing

/// Templates that must fail with one located error, never a crash or a hang.
struct BadTemplate: Sendable, CustomTestStringConvertible {
    let name: String
    /// The templates of one layer, by name; `main` is the one rendered.
    let templates: [String: String]
    let kind: TemplateError.Kind
    let path: String
    let line: Int
    let column: Int
    let fragment: String

    var testDescription: String { name }

    static let all: [BadTemplate] = [
        BadTemplate(
            name: "tag never closed", templates: ["main": "<p>\n  a {{title</p>\n"],
            kind: .syntax, path: "main", line: 2, column: 5, fragment: "tag is never closed with '}}'"),
        BadTemplate(
            name: "triple mustache never closed", templates: ["main": "{{{html}}\n"],
            kind: .syntax, path: "main", line: 1, column: 1, fragment: "tag is never closed with '}}}'"),
        BadTemplate(
            name: "section never closed", templates: ["main": "<ul>\n{{#items}}\n<li>{{.}}</li>\n</ul>\n"],
            kind: .syntax, path: "main", line: 2, column: 1, fragment: "section 'items' is never closed with '{{/items}}'"),
        BadTemplate(
            name: "closing tag that does not match", templates: ["main": "{{#a}}\n  {{#b}}x{{/a}}\n{{/b}}\n"],
            kind: .syntax, path: "main", line: 2, column: 10, fragment: "'{{/a}}' closes nothing: 'b' is still open"),
        BadTemplate(
            name: "closing tag with nothing open", templates: ["main": "x{{/a}}"],
            kind: .syntax, path: "main", line: 1, column: 2, fragment: "'{{/a}}' closes nothing: no section is open"),
        BadTemplate(
            name: "empty tag", templates: ["main": "a {{ }} b"],
            kind: .syntax, path: "main", line: 1, column: 3, fragment: "empty tag"),
        BadTemplate(
            name: "set-delimiter tag with one delimiter", templates: ["main": "{{=<%=}}"],
            kind: .syntax, path: "main", line: 1, column: 1, fragment: "a set-delimiter tag takes two delimiters"),
        BadTemplate(
            name: "tag never closed after a delimiter change", templates: ["main": "{{=<% %>=}}\n<%title"],
            kind: .syntax, path: "main", line: 2, column: 1, fragment: "tag is never closed with '%>'"),
        BadTemplate(
            name: "negative list index", templates: ["main": "{{#site}}{{levels.-1.label}}{{/site}}"],
            kind: .syntax, path: "main", line: 1, column: 10, fragment: "'-1' in 'levels.-1.label' is not a list index"),
        BadTemplate(
            name: "dynamic partial name", templates: ["main": "{{>*name}}"],
            kind: .syntax, path: "main", line: 1, column: 1, fragment: "dynamic names ('*name') are not supported"),
        BadTemplate(
            name: "unknown partial", templates: ["main": "<p>\n {{> partials/fotter}}</p>"],
            kind: .missingTemplate, path: "main", line: 2, column: 2, fragment: "partial 'partials/fotter' not found"),
        BadTemplate(
            name: "partial that includes itself", templates: ["main": "{{> item}}", "item": "<li>\n{{> item}}\n</li>"],
            kind: .recursion, path: "item", line: 2, column: 1, fragment: "'item' includes itself without end (item → item)"),
        BadTemplate(
            name: "partials that include each other", templates: ["main": "{{> a}}", "a": "A{{> b}}", "b": "B{{#x}}{{/x}}{{> a}}"],
            kind: .recursion, path: "b", line: 1, column: 14, fragment: "'a' includes itself without end (a → b → a)"),
        BadTemplate(
            name: "parents that extend each other", templates: ["main": "{{> a}}", "a": "{{<b}}{{/b}}", "b": "{{<a}}{{/a}}"],
            kind: .recursion, path: "b", line: 1, column: 1, fragment: "'a' includes itself without end (a → b → a)"),
        BadTemplate(
            name: "parent that does not exist", templates: ["main": "{{<layuot}}\n{{$main}}x{{/main}}\n{{/layuot}}\n", "layout": "{{$main}}{{/main}}"],
            kind: .missingTemplate, path: "main", line: 1, column: 1, fragment: "parent 'layuot' not found"),
        BadTemplate(
            name: "parent named after itself with no layer below", templates: ["main": "{{> page}}", "page": "{{<page}}{{/page}}"],
            kind: .missingTemplate, path: "page", line: 1, column: 1, fragment: "parent 'page' not found below page"),
        BadTemplate(
            name: "block the parent does not have", templates: ["main": "{{<layout}}\n  {{$fotter}}x{{/fotter}}\n{{/layout}}", "layout": "{{$main}}{{/main}}{{$footer}}{{/footer}}"],
            kind: .inheritance, path: "main", line: 2, column: 3, fragment: "'layout' has no block 'fotter' (its blocks: footer, main)"),
        BadTemplate(
            name: "block given twice", templates: ["main": "{{<layout}}{{$main}}a{{/main}}{{$main}}b{{/main}}{{/layout}}", "layout": "{{$main}}{{/main}}"],
            kind: .inheritance, path: "main", line: 1, column: 31, fragment: "block 'main' is given twice"),
        BadTemplate(
            name: "a variable in a parent outside every block", templates: ["main": "{{<layout}}\n{{title}}\n{{/layout}}", "layout": "{{$main}}{{/main}}"],
            kind: .inheritance, path: "main", line: 2, column: 1, fragment: "'{{title}}' is inside '{{<layout}}' but outside every block"),
        BadTemplate(
            name: "a partial in a parent outside every block", templates: ["main": "{{<layout}}{{> x}}{{/layout}}", "layout": "{{$main}}{{/main}}", "x": ""],
            kind: .inheritance, path: "main", line: 1, column: 12, fragment: "'{{>x}}' is inside '{{<layout}}' but outside every block"),
        BadTemplate(
            name: "block never closed", templates: ["main": "{{$main}}\n<p>\n"],
            kind: .syntax, path: "main", line: 1, column: 1, fragment: "block 'main' is never closed with '{{/main}}'"),
        BadTemplate(
            name: "10,000 nested sections", templates: ["main": String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000)],
            kind: .syntax, path: "main", line: 1, column: 601, fragment: "more than 100 sections, parents and blocks open at once"),
    ]

    /// The one error loading (parsing, then linking) the templates gives.
    func error() -> TemplateError? {
        var layer: [String: Template] = [:]
        for (name, text) in templates {
            do {
                layer[name] = try Template(text, path: name)
            } catch {
                return error
            }
        }
        do {
            _ = try TemplateLibrary(layers: [layer])
        } catch {
            return error.errors.count == 1 ? error.errors[0] : nil
        }
        return nil
    }
}

@Suite struct TemplateErrorTests {
    @Test(arguments: BadTemplate.all)
    func locatedError(_ bad: BadTemplate) throws {
        let error = try #require(bad.error(), "expected exactly one error")
        #expect(error.kind == bad.kind)
        #expect(error.path == bad.path)
        #expect(error.line == bad.line, "\(error)")
        #expect(error.column == bad.column, "\(error)")
        #expect(error.message.contains(bad.fragment), "\(error.message)")
    }

    static func library(_ templates: [String: String]) throws -> TemplateLibrary {
        var layer: [String: Template] = [:]
        for (name, text) in templates { layer[name] = try Template(text, path: name) }
        return try TemplateLibrary(layers: [layer])
    }

    /// Recursion inside a section is legitimate (the data decides when it ends, as in
    /// the spec's recursion case), so only rendering can tell it never ends: an error at
    /// the tag once rendering is 100 deep, not a crash, not a silent cut.
    @Test func recursionThatDataNeverEndsFailsAtTheTag() throws {
        // `{{#items}}` inside the partial finds the outer `items` again, for ever.
        let library = try Self.library(["main": "{{> tree}}", "tree": "<ul>\n{{#items}}\n  {{> tree}}\n{{/items}}\n</ul>\n"])
        #expect {
            try library.render("main", ["items": [["name": "a"]]])
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.kind == .recursion && error.path == "tree" && (error.line == 2 || error.line == 3) && error.message.contains("more than 100 deep")
        }
        // Data that ends renders, however the partial recurses.
        let ends = try Self.library(["main": "{{> tree}}", "tree": "{{name}}({{#children}}{{> tree}}{{/children}})"])
        let data: TemplateValue = ["name": "a", "children": [["name": "b", "children": [["name": "c", "children": []]]]]]
        #expect(String(decoding: try ends.render("main", data), as: UTF8.self) == "a(b(c()))")
    }

    /// Data nested 99 deep still renders: the limit counts nesting, not work.
    @Test func deepButEndingDataRenders() throws {
        var data: TemplateValue = ["name": "leaf", "children": []]
        for n in 0..<45 { data = ["name": ^"n\(n)", "children": [data]] }
        let library = try Self.library(["main": "{{> tree}}", "tree": "{{name}}{{#children}}{{> tree}}{{/children}}"])
        let text = String(decoding: try library.render("main", data), as: UTF8.self)
        #expect(text.hasPrefix("n44n43") && text.hasSuffix("n0leaf"))
    }

    /// Decided for `{{list.-1}}`: refused when the template loads (above). An index past
    /// the end, or a name that is not a number, on a list finds nothing, as a missing
    /// key does.
    @Test func listIndexesOutOfRangeRenderNothing() throws {
        let library = try Self.library(["main": "[{{list.0}}|{{list.2}}|{{list.x}}|{{list.99999999999999999999}}]"])
        #expect(String(decoding: try library.render("main", ["list": ["a", "b"]]), as: UTF8.self) == "[a|||]")
    }

    /// 10 MB of template: parsed and rendered in linear time (line numbers are counted
    /// as the parser goes, not from the start for every tag).
    @Test func tenMegabyteTemplate() throws {
        let line = "<p class=\"x\">{{title}} and some text to fill the line out a little</p>\n"
        let count = 10_000_000 / line.utf8.count
        let source = String(repeating: line, count: count)
        let clock = ContinuousClock()
        let start = clock.now
        let library = try Self.library(["main": source])
        let out = try library.render("main", ["title": "T"])
        #expect(out.count == (line.utf8.count - "{{title}}".utf8.count + 1) * count)
        #expect(clock.now - start < .seconds(60))
        // And an error at its very end is found, at the right line.
        do {
            _ = try Template(source + "{{#open}}", path: "big")
            Issue.record("an unclosed section at the end was not found")
        } catch {
            #expect(error.line == count + 1 && error.column == 1)
        }
    }

    /// Every problem of a set of templates is reported at once.
    @Test func everyLinkProblemIsReported() throws {
        let layer = ["main": try Template("{{> a}}{{> b}}", path: "main"), "x": try Template("{{<nope}}{{/nope}}", path: "x")]
        #expect {
            try TemplateLibrary(layers: [layer])
        } throws: { error in
            let errors = (error as? TemplateErrors)?.errors ?? []
            return Set(errors.compactMap(\.missingName)) == ["a", "b", "nope"]
        }
    }
}
