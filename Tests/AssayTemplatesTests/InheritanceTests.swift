import AssayTemplates
import Testing

/// Layers and blocks as a theme uses them: a site's templates over a theme's, and a
/// site's layout that extends the theme's layout of the same name.
@Suite struct InheritanceTests {
    /// The fixture theme's page layout: a block for each part a site may replace.
    static let basePage = """
        <!doctype html>
        <html>
        <head>
        {{$head}}
          <title>{{title}}</title>
        {{/head}}
        </head>
        <body>
        {{$header}}
        <header>{{> partials/header}}</header>
        {{/header}}
        {{$main}}
        <main>
          {{{content}}}
        </main>
        {{/main}}
        {{$footer}}
        <footer>Base footer</footer>
        {{/footer}}
        </body>
        </html>

        """

    static func layer(_ templates: [String: String], folder: String) throws -> [String: Template] {
        var layer: [String: Template] = [:]
        for (name, text) in templates { layer[name] = try Template(text, path: "\(folder)/\(name).mustache") }
        return layer
    }

    static func render(_ layers: [[String: String]], _ name: String = "page") throws -> String {
        let parsed = try layers.enumerated().map { n, templates in try layer(templates, folder: "layer\(n)") }
        return String(decoding: try TemplateLibrary(layers: parsed).render(name, context), as: UTF8.self)
    }

    static let context: TemplateValue = ["title": "A <page>", "content": "<p>Body</p>\n<p>More</p>", "site": "Guide"]
    static let theme = ["page": basePage, "partials/header": "{{site}}"]

    /// A block with no override renders exactly as the text around it would without it.
    @Test func blocksWithoutOverridesRenderTheirSourceAsIs() throws {
        let plain = Self.basePage.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("{{$") && !$0.hasPrefix("{{/") }.joined(separator: "\n")
        #expect(try Self.render([Self.theme]) == Self.render([["page": plain, "partials/header": "{{site}}"]]))
    }

    /// `{{<page}}` in the site's `page` extends the theme's `page`; only the footer changes.
    @Test func siteLayoutReplacesOnlyTheFooter() throws {
        let site = ["page": "{{<page}}\n{{$footer}}\n<footer>Site footer, {{site}}</footer>\n{{/footer}}\n{{/page}}\n"]
        let base = try Self.render([Self.theme])
        let extended = try Self.render([site, Self.theme])
        #expect(base.contains("<footer>Base footer</footer>\n"))
        #expect(extended.contains("<footer>Site footer, Guide</footer>\n"))
        #expect(!extended.contains("Base footer"))
        #expect(extended.replacing("<footer>Site footer, Guide</footer>", with: "<footer>Base footer</footer>") == base)
    }

    /// Three layers: each `page` extends the one below; the top's blocks win.
    @Test func layersChain() throws {
        let top = ["page": "{{<page}}{{$footer}}top{{/footer}}{{/page}}"]
        let middle = ["page": "{{<page}}{{$footer}}middle{{/footer}}{{$header}}middle header{{/header}}{{/page}}"]
        let out = try Self.render([top, middle, Self.theme])
        #expect(out.contains("middle header<main>") && out.contains("top</body>"))
        #expect(!out.contains("Base footer") && !out.contains("<header>") && !out.contains("middle</body>"))
    }

    /// A site's partial replaces the theme's everywhere, also inside the theme's layout.
    @Test func sitePartialsReachIntoTheThemeLayout() throws {
        let out = try Self.render([["partials/header": "Site header"], Self.theme])
        #expect(out.contains("<header>Site header</header>"))
    }

    /// A block's content keeps the indentation of where it renders.
    @Test func overrideIsIndentedLikeTheBlock() throws {
        let theme = ["page": "<main>\n  {{$main}}\n  <p>default</p>\n  {{/main}}\n</main>\n"]
        let site = ["page": "{{<page}}\n{{$main}}\n<p>one</p>\n<p>two</p>\n{{/main}}\n{{/page}}\n"]
        #expect(try Self.render([theme]) == "<main>\n  <p>default</p>\n</main>\n")
        #expect(try Self.render([site, theme]) == "<main>\n  <p>one</p>\n  <p>two</p>\n</main>\n")
    }

    /// A standalone partial is indented as a whole; interpolated text is not.
    @Test func standalonePartialKeepsItsIndentation() throws {
        let out = try Self.render([["page": "<ul>\n  {{> item}}\n</ul>\n", "item": "<li>\n{{{content}}}\n</li>\n"]])
        #expect(out == "<ul>\n  <li>\n  <p>Body</p>\n<p>More</p>\n  </li>\n</ul>\n")
    }
}
