import AssayTemplates
import Testing

/// Small dictionary literals make records, found by comparing names instead of hashing
/// them: templates must see them exactly as the dictionaries they replace.
@Suite struct TemplateRecordTests {
    static func render(_ text: String, _ context: TemplateValue) throws -> String {
        let library = try TemplateLibrary(layers: [["page": try Template(text, path: "page.mustache")]])
        return String(decoding: try library.render("page", context), as: UTF8.self)
    }

    static let text = "{{title}}|{{#item}}{{id}}:{{label}}:{{title}}{{/item}}|{{item.id}}|{{^item.none}}no{{/item.none}}|{{#items}}[{{n}}{{title}}]{{/items}}"

    @Test func aSmallLiteralIsARecordALargeOneADictionary() {
        let small: TemplateValue = ["a": 1, "b": 2]
        guard case .record = small else {
            Issue.record("not a record: \(small)")
            return
        }
        let large: TemplateValue = ["a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9]
        guard case .object(let fields) = large else {
            Issue.record("not an object: \(large)")
            return
        }
        #expect(fields.count == 9)
    }

    @Test func recordsRenderAsTheDictionariesTheyReplace() throws {
        let item: [String: TemplateValue] = ["id": "x1", "label": "<b>"]
        let items: [[String: TemplateValue]] = [["n": 1], ["n": 2, "title": "inner"]]
        let asObjects: TemplateValue = .object(["title": "outer", "item": .object(item), "items": .list(items.map { .object($0) })])
        let asRecords: TemplateValue = .record([
            ("title", "outer"), ("item", .record(item.sorted { $0.key < $1.key })),
            ("items", .list(items.map { .record($0.sorted { $0.key < $1.key }) })),
        ])
        let expected = "outer|x1:&lt;b&gt;:outer|x1|no|[1outer][2inner]"
        #expect(try Self.render(Self.text, asObjects) == expected)
        #expect(try Self.render(Self.text, asRecords) == expected)
    }

    @Test func aNameGivenTwiceMeansItsLastValue() throws {
        let record: TemplateValue = .record([("a", 1), ("b", 2), ("a", 3)])
        #expect(try Self.render("{{a}}{{b}}{{c}}", record) == "32")
        guard let fields = record.objectFields, case .int(3)? = fields["a"], fields.count == 2 else {
            Issue.record("wrong fields of \(record)")
            return
        }
    }

    @Test func anEmptyRecordIsTruthyAsAnEmptyObjectIs() throws {
        #expect(try Self.render("{{#r}}yes{{/r}}{{^r}}no{{/r}}", ["r": .record([])]) == "yes")
        #expect(try Self.render("{{#r}}yes{{/r}}{{^r}}no{{/r}}", ["r": .object([:])]) == "yes")
    }

    /// A record finds a name as a dictionary does, by canonical equivalence, even where
    /// the two spellings differ in byte length (KELVIN SIGN, three bytes, equals `K`).
    @Test func namesMatchAsDictionaryKeysDo() throws {
        let text = "{{\u{212A}ey}}|{{caf\u{E9}}}"
        let fields: [(String, TemplateValue)] = [("Key", "kelvin"), ("cafe\u{301}", "composed")]
        let expected = "kelvin|composed"
        #expect(try Self.render(text, .object(Dictionary(fields, uniquingKeysWith: { _, b in b }))) == expected)
        #expect(try Self.render(text, .record(fields)) == expected)
    }
}
