import AssayTemplates
import Testing

/// One case of the Mustache spec: a template, its partials, the data, what it renders.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let module: String
    let name: String
    let template: String
    let partials: [String: String]
    let data: TemplateValue
    let expected: String

    init(_ module: String, _ name: String, template: String, partials: [String: String] = [:], data: TemplateValue, expected: String) {
        self.module = module
        self.name = name
        self.template = template
        self.partials = partials
        self.data = data
        self.expected = expected
    }

    var testDescription: String { "\(module): \(name)" }

    /// The cases where Assay deliberately does something else; each has its own test.
    static let deviations: Set<String> = [
        "partials: Failed Lookup"
    ]

    static var conforming: [SpecCase] { all.filter { !deviations.contains($0.testDescription) } }

    static let mainName = "spec-template"

    /// The case's template and partials as one layer of a library.
    func library() throws -> TemplateLibrary {
        var layer: [String: Template] = [:]
        for (name, text) in partials { layer[name] = try Template(text, path: name) }
        layer[Self.mainName] = try Template(template, path: Self.mainName)
        return try TemplateLibrary(layers: [layer])
    }

    func render() throws -> String {
        String(decoding: try library().render(Self.mainName, data), as: UTF8.self)
    }
}

@Suite struct MustacheSpecTests {
    @Test(arguments: SpecCase.conforming)
    func rendersAsTheSpecSays(_ spec: SpecCase) throws {
        #expect(try spec.render() == spec.expected)
    }

    @Test func everyModuleIsCovered() {
        let counts = Dictionary(grouping: SpecCase.all, by: \.module).mapValues(\.count)
        #expect(counts == ["comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12, "sections": 34, "inheritance": 27])
    }

    /// Assay differs from the spec here: a partial that does not exist is an error where it
    /// is named, when the templates load, so a misspelt name fails the build instead of
    /// leaving a hole in every page. (The spec renders an empty string.)
    @Test func failedPartialLookupIsAnErrorNotEmpty() throws {
        let spec = try #require(SpecCase.all.first { $0.testDescription == "partials: Failed Lookup" })
        #expect(spec.expected == "\"\"")
        #expect {
            try spec.library()
        } throws: { error in
            guard let found = (error as? TemplateErrors)?.errors, found.count == 1 else { return false }
            return found[0].kind == .missingTemplate && found[0].line == 1 && found[0].column == 2 && found[0].missingName == "text"
        }
    }

    /// Assay also escapes `'` (the spec leaves it alone), so a value is safe inside a
    /// single-quoted attribute too.
    @Test func apostropheIsEscapedToo() throws {
        let spec = SpecCase("interpolation", "HTML Escaping, with '", template: "{{text}}|{{{text}}}", data: .object(["text": .string("it's <b>")]), expected: "it&#39;s &lt;b&gt;|it's <b>")
        #expect(try spec.render() == spec.expected)
    }
}
