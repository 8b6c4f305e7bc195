import AssayTemplates
import Testing

/// A render handed over in pieces (the listings of every claim of a large guide) must
/// join to exactly the render made whole, and cut only between two items of a list.
@Suite("Rendering in pieces")
struct TemplatePiecesTests {
    static let template = """
        <h1>{{title}}</h1>
        {{#groups}}<section id="{{id}}">
          {{> partials/items}}
        </section>
        {{/groups}}
        <footer>{{title}}</footer>

        """
    static let items = "<ul>\n{{#items}}  <li>{{text}} &amp; {{{raw}}}</li>\n{{/items}}</ul>\n"

    static func library() throws -> TemplateLibrary {
        try TemplateLibrary(layers: [[
            "main": try Template(template, path: "main.mustache"),
            "partials/items": try Template(items, path: "partials/items.mustache"),
        ]])
    }

    static var context: TemplateValue {
        let groups: [TemplateValue] = (0..<4).map { g in
            ["id": .string("g\(g)"), "items": .list((0..<50).map { i in ["text": .string("claim <\(g).\(i)>"), "raw": .string("<b>\(i)</b>")] })]
        }
        return ["title": "Register", "groups": .list(groups)]
    }

    @Test("the pieces join to the whole render, each at least the size asked for but the last", arguments: [1, 64, 700, 100_000])
    func piecesJoinToTheWhole(size: Int) throws {
        let library = try Self.library()
        let whole = try library.render("main", Self.context)
        var pieces: [[UInt8]] = []
        let last = try library.render("main", Self.context, capacity: 1024, flushingAt: size) { buffer in
            pieces.append(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        #expect(pieces.joined() + last == whole)
        #expect(pieces.allSatisfy { $0.count >= size })
        if size >= whole.count { #expect(pieces.isEmpty) }
        // Cut only after an item: every piece ends where a list item's text ends.
        for piece in pieces {
            let text = String(decoding: piece, as: UTF8.self)
            #expect(text.hasSuffix("</li>\n") || text.hasSuffix("</section>\n"), "\(text.suffix(20))")
        }
    }

    @Test("without a size nothing is handed over")
    func wholeWithoutSize() throws {
        let library = try Self.library()
        var calls = 0
        let all = try library.render("main", Self.context, capacity: 1024, flushingAt: .max) { _ in calls += 1 }
        #expect(calls == 0)
        #expect(all == (try library.render("main", Self.context)))
    }
}
