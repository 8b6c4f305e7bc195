import AssayTemplates
import Testing

/// `TemplateLibrary.walk`: the tags a render would meet, where they are written, with
/// the scope the caller gives each section, through partials, parents and blocks.
@Suite struct TemplateWalkTests {
    static func library(_ layers: [[String: String]]) throws -> TemplateLibrary {
        let parsed = try layers.enumerated().map { n, templates in
            var layer: [String: Template] = [:]
            for (name, text) in templates { layer[name] = try Template(text, path: "layer\(n)/\(name).mustache") }
            return layer
        }
        return try TemplateLibrary(layers: parsed)
    }

    /// Each tag as `path:line:column kind name @ scope`, in the order met. The scope is
    /// the list of section names the tag is inside.
    static func walk(_ library: TemplateLibrary, _ name: String = "page") -> [String] {
        var met: [String] = []
        library.walk(name, scope: [String]()) { tag, scope in
            let kind = switch tag.kind {
            case .variable: "var"
            case .section: "#"
            case .invertedSection: "^"
            }
            met.append("\(tag.path):\(tag.line):\(tag.column) \(kind) \(tag.name) @ \(scope.joined(separator: "/"))")
            return scope + [tag.name]
        }
        return met
    }

    @Test func variablesAndSectionsWithTheirLocationsAndScopes() throws {
        let library = try Self.library([[
            "page": "<h1>{{title}}</h1>\n{{#refs}}\n  {{{html}}} {{& raw}} {{.}}\n{{/refs}}{{^refs}}none {{page.title}}{{/refs}}\n",
        ]])
        #expect(Self.walk(library) == [
            "layer0/page.mustache:1:5 var title @ ",
            "layer0/page.mustache:2:1 # refs @ ",
            "layer0/page.mustache:3:3 var html @ refs",
            "layer0/page.mustache:3:14 var raw @ refs",
            "layer0/page.mustache:3:24 var . @ refs",
            "layer0/page.mustache:4:10 ^ refs @ ",
            "layer0/page.mustache:4:24 var page.title @ refs",
        ])
    }

    @Test func partialsAreWalkedInTheScopeOfTheirTagInTheirOwnFile() throws {
        let library = try Self.library([[
            "page": "{{#items}}{{> partials/item}}{{/items}}",
            "partials/item": "{{=<% %>=}}\n<li><% name %></li>",
        ]])
        #expect(Self.walk(library) == [
            "layer0/page.mustache:1:1 # items @ ",
            "layer0/partials/item.mustache:2:5 var name @ items",
        ])
    }

    /// A child's block is walked where the parent renders it, inside the parent's
    /// sections, and named in the child's file; the parent's default is not walked.
    @Test func blocksAreWalkedWithWhatTheChildGives() throws {
        let library = try Self.library([
            ["page": "{{<page}}\n{{$footer}}<p>{{site.title}}</p>{{/footer}}\n{{/page}}\n"],
            ["page": "<h1>{{title}}</h1>\n{{#site}}{{$footer}}{{default}}{{/footer}}{{/site}}\n"],
        ])
        #expect(Self.walk(library) == [
            "layer1/page.mustache:1:5 var title @ ",
            "layer1/page.mustache:2:1 # site @ ",
            "layer0/page.mustache:2:15 var site.title @ site",
        ])
    }

    /// A partial that includes itself inside a section ends once its scope repeats; one
    /// whose scope always grows stops at the render depth limit.
    @Test func recursivePartialsEnd() throws {
        let library = try Self.library([[
            "page": "{{> tree}}",
            "tree": "{{name}}{{#children}}{{> tree}}{{/children}}",
        ]])
        var visits = 0
        library.walk("page", scope: 0) { _, scope in
            visits += 1
            return min(scope + 1, 2)
        }
        // Scopes 0, 1, 2, then 2 again: three walks of `tree`, two tags each.
        #expect(visits == 6)

        var deepest = 0
        library.walk("page", scope: 0) { _, scope in
            deepest = max(deepest, scope)
            return scope + 1
        }
        #expect(deepest > 10 && deepest < 200)
    }

    @Test func anUnknownNameWalksNothing() throws {
        let library = try Self.library([["page": "{{title}}"]])
        #expect(Self.walk(library, "nothing").isEmpty)
    }
}
