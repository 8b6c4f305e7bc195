import AssaySupport
import AssayTemplates
import Foundation
import Testing

@testable import AssayKit

/// A theme of its own for these tests (in `mytheme/`, named by `theme:` in site.yml), so
/// they do not move when the default theme's HTML does: every layout a build needs, and
/// a page layout with the four blocks a site may replace.
enum FixtureTheme {
    static let page = """
        <!doctype html>
        <html>
        <head>
        {{$head}}
          <title>{{page.title}}</title>
        {{/head}}
        </head>
        <body>
        {{$header}}
        <header>{{site.title}}{{{nav_html}}}</header>
        {{/header}}
        {{$main}}
        <main>
        {{{page.content}}}
        </main>
        {{/main}}
        {{$footer}}
        <footer>Base footer</footer>
        {{/footer}}
        </body>
        </html>

        """

    static let files: [String: String] = {
        var files = ["page": page, "partials/nav": "{{#nav}}<a href=\"{{url}}\">{{title}}</a>{{/nav}}"]
        for layout in Theme.requiredLayouts where layout != "page" { files[layout] = "<h1>{{title}}</h1>\n" }
        return files
    }()

    /// The fixture site with this theme in `mytheme/` and `templates` as the site's own.
    static func site(templates: [String: String] = [:]) throws -> BuildFixture {
        var files = BuildFixture.minimalFiles
        files["content/site.yml"] = "theme: mytheme\n" + files["content/site.yml"]!
        for (name, text) in Self.files { files["mytheme/\(name).mustache"] = text }
        for (name, text) in templates { files["templates/\(name).mustache"] = text }
        return try BuildFixture(files, templates: false)
    }
}

/// One way to break a theme, and the one diagnostic the build must give.
struct BadTheme: Sendable, CustomTestStringConvertible {
    enum Change: Sendable {
        case write(String, String)
        case bytes(String, [UInt8])
        /// A symlink at the path to a file outside the site.
        case linkOutside(String)
        /// A symlink at the path to the folder outside the site that holds that file.
        case linkOutsideFolder(String)
        /// A symlink at the path to itself.
        case loop(String)
    }

    let name: String
    let changes: [Change]
    let path: String
    let line: Int?
    let column: Int?
    let rule: Rule
    let fragment: String

    var testDescription: String { name }

    static let secret = "SECRET-\(UUID().uuidString)"

    func apply(to site: BuildFixture, outside: URL) throws {
        let fm = FileManager.default
        for change in changes {
            if case .linkOutside(let path) = change { try fm.createDirectory(at: site.url(path).deletingLastPathComponent(), withIntermediateDirectories: true) }
            if case .loop(let path) = change { try fm.createDirectory(at: site.url(path).deletingLastPathComponent(), withIntermediateDirectories: true) }
            switch change {
            case .write(let path, let text): try site.write(path, text)
            case .bytes(let path, let bytes): try site.write(path, bytes: bytes)
            case .linkOutside(let path):
                try? fm.removeItem(at: site.url(path))
                try fm.createSymbolicLink(atPath: site.url(path).path, withDestinationPath: outside.path)
            case .linkOutsideFolder(let path):
                try? fm.removeItem(at: site.url(path))
                try fm.createDirectory(at: site.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.createSymbolicLink(atPath: site.url(path).path, withDestinationPath: outside.deletingLastPathComponent().path)
            case .loop(let path):
                try? fm.removeItem(at: site.url(path))
                try fm.createSymbolicLink(atPath: site.url(path).path, withDestinationPath: site.url(path).path)
            }
        }
    }

    static let all: [BadTheme] = [
        BadTheme(
            name: "tag never closed", changes: [.write("mytheme/404.mustache", "<h1>{{title</h1>\n")],
            path: "mytheme/404.mustache", line: 1, column: 5, rule: .template, fragment: "tag is never closed with '}}'"),
        BadTheme(
            name: "section never closed", changes: [.write("mytheme/home.mustache", "{{#title}}\n<h1>{{title}}</h1>\n")],
            path: "mytheme/home.mustache", line: 1, column: 1, rule: .template, fragment: "section 'title' is never closed"),
        BadTheme(
            name: "closing tag that does not match", changes: [.write("templates/home.mustache", "{{#site}}\n  {{/title}}\n")],
            path: "templates/home.mustache", line: 2, column: 3, rule: .template, fragment: "'{{/title}}' closes nothing: 'site' is still open"),
        BadTheme(
            name: "unknown partial, with a suggestion", changes: [.write("mytheme/section.mustache", "<h1>{{title}}</h1>{{> partials/nva}}\n")],
            path: "mytheme/section.mustache", line: 1, column: 19, rule: .missingTemplate,
            fragment: "partial 'partials/nva' not found — did you mean 'partials/nav'?"),
        BadTheme(
            name: "partial that includes itself", changes: [.write("templates/partials/nav.mustache", "<nav>\n{{> partials/nav}}\n</nav>\n")],
            path: "templates/partials/nav.mustache", line: 2, column: 1, rule: .template, fragment: "'partials/nav' includes itself without end"),
        BadTheme(
            name: "partials that include each other",
            changes: [.write("templates/partials/a.mustache", "{{> partials/b}}"), .write("templates/partials/b.mustache", "b {{> partials/a}}")],
            path: "templates/partials/b.mustache", line: 1, column: 3, rule: .template,
            fragment: "'partials/a' includes itself without end (partials/a → partials/b → partials/a)"),
        BadTheme(
            name: "recursion the data never ends (render time)",
            changes: [.write("templates/partials/nav.mustache", "{{#nav}}\n{{> partials/nav}}\n{{/nav}}\n")],
            path: "templates/partials/nav.mustache", line: 1, column: 1, rule: .template, fragment: "rendering nests more than 100 deep"),
        BadTheme(
            name: "recursion in the page layout (render time)",
            changes: [.write("templates/partials/levels.mustache", "{{#levels}}{{> partials/levels}}{{/levels}}"),
                      .write("templates/page.mustache", "{{<page}}{{$footer}}{{> partials/levels}}{{/footer}}{{/page}}")],
            path: "templates/partials/levels.mustache", line: 1, column: 12, rule: .template, fragment: "rendering nests more than 100 deep"),
        BadTheme(
            name: "parent that does not exist", changes: [.write("templates/page.mustache", "{{<pagee}}\n{{/pagee}}\n")],
            path: "templates/page.mustache", line: 1, column: 1, rule: .missingTemplate, fragment: "parent 'pagee' not found — did you mean 'page'?"),
        BadTheme(
            // The lowest folder's `{{<page}}` extends the built-in page; a template the
            // built-in theme does not have can extend nothing below itself.
            name: "a template extending itself", changes: [.write("mytheme/partials/mine.mustache", "{{<partials/mine}}{{/partials/mine}}")],
            path: "mytheme/partials/mine.mustache", line: 1, column: 1, rule: .missingTemplate,
            fragment: "parent 'partials/mine' not found below mytheme/partials/mine.mustache"),
        BadTheme(
            name: "block the parent does not have", changes: [.write("templates/page.mustache", "{{<page}}\n{{$fotter}}x{{/fotter}}\n{{/page}}\n")],
            path: "templates/page.mustache", line: 2, column: 1, rule: .template,
            fragment: "'page' has no block 'fotter' (its blocks: footer, head, header, main)"),
        BadTheme(
            name: "a tag in a parent outside every block", changes: [.write("templates/page.mustache", "{{<page}}\n<p>{{page.title}}</p>\n{{/page}}\n")],
            path: "templates/page.mustache", line: 2, column: 4, rule: .template, fragment: "is inside '{{<page}}' but outside every block"),
        BadTheme(
            name: "negative list index", changes: [.write("mytheme/404.mustache", "<h1>{{levels.-1.label}}</h1>")],
            path: "mytheme/404.mustache", line: 1, column: 5, rule: .template, fragment: "'-1' in 'levels.-1.label' is not a list index"),
        BadTheme(
            name: "10,000 nested sections",
            changes: [.write("mytheme/404.mustache", String(repeating: "{{#title}}", count: 10_000) + String(repeating: "{{/title}}", count: 10_000))],
            path: "mytheme/404.mustache", line: 1, column: 1001, rule: .template, fragment: "more than 100 sections, parents and blocks open at once"),
        BadTheme(
            name: "invalid UTF-8", changes: [.bytes("mytheme/404.mustache", Array("<h1>\nCaf".utf8) + [0xE9] + Array("</h1>".utf8))],
            path: "mytheme/404.mustache", line: 2, column: 4, rule: .invalidUTF8, fragment: "not valid UTF-8"),
        BadTheme(
            name: "symlink to a file outside the site", changes: [.linkOutside("templates/partials/secret.mustache")],
            path: "templates/partials/secret.mustache", line: nil, column: nil, rule: .symlinkOutsideSite, fragment: "outside the site's folder"),
        BadTheme(
            name: "symlinked asset outside the site", changes: [.linkOutside("mytheme/assets/style.css")],
            path: "mytheme/assets/style.css", line: nil, column: nil, rule: .symlinkOutsideSite, fragment: "outside the site's folder"),
        BadTheme(
            name: "symlinked folder outside the site", changes: [.linkOutsideFolder("templates/partials")],
            path: "templates/partials", line: nil, column: nil, rule: .symlinkOutsideSite, fragment: "outside the site's folder"),
        BadTheme(
            name: "symlink loop", changes: [.loop("templates/loop.mustache")],
            path: "templates/loop.mustache", line: nil, column: nil, rule: .symlinkOutsideSite, fragment: "is a symlink loop"),
    ]
}

@Suite struct ThemeTests {
    static func render(_ site: BuildFixture, _ path: String = "guide.html") throws -> String {
        try site.build()
        return try site.read("public/" + path)
    }

    /// The site's `page` extends the theme's `page` and replaces only the footer: the
    /// page differs from the theme's own only there.
    @Test func overrideReplacesOnlyTheFooter() throws {
        let base = try Self.render(try FixtureTheme.site())
        let override = "{{<page}}\n{{$footer}}\n<footer>Site footer for {{site.title}}</footer>\n{{/footer}}\n{{/page}}\n"
        let extended = try Self.render(try FixtureTheme.site(templates: ["page": override]))
        #expect(base.contains("<footer>Base footer</footer>\n</body>"))
        #expect(base.contains("<title>Guide</title>") && base.contains("<header>Fixture guide"))
        #expect(extended.contains("<footer>Site footer for Fixture guide</footer>\n</body>"))
        #expect(extended.replacing("<footer>Site footer for Fixture guide</footer>", with: "<footer>Base footer</footer>") == base)
    }

    /// Named by path: `partials/page.mustache` is the partial `partials/page`, and leaves
    /// the `page` layout alone; so does a `page.mustache` in any other subfolder.
    @Test func partialNamedPageDoesNotReplaceThePageLayout() throws {
        let site = try FixtureTheme.site(templates: ["partials/page": "PARTIAL", "layouts/page": "LAYOUTS"])
        let page = try Self.render(site)
        #expect(page.contains("<footer>Base footer</footer>"))
        #expect(!page.contains("PARTIAL") && !page.contains("LAYOUTS"))
        let theme = try Theme.load(folders: [(site.url("templates"), "templates"), (site.url("mytheme"), "mytheme")], root: site.root)
        #expect(theme.contains("partials/page") && theme.contains("layouts/page") && theme.contains("page"))
    }

    /// A symlink that stays inside the site is followed.
    @Test func symlinkInsideTheSiteIsRead() throws {
        let site = try FixtureTheme.site()
        try site.write("shared/footer.mustache", "<footer>Shared footer</footer>")
        try FileManager.default.createDirectory(at: site.url("templates/partials"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.url("templates/partials/footer.mustache").path, withDestinationPath: "../../shared/footer.mustache")
        try site.write("templates/page.mustache", "{{<page}}{{$footer}}{{> partials/footer}}\n{{/footer}}{{/page}}")
        let page = try Self.render(site)
        #expect(page.contains("<footer>Shared footer</footer>\n</body>"), "\(page)")
    }

    /// Each bad theme gives exactly its one located diagnostic, the build fails, and
    /// `public/` stays as the last good build left it. What a symlink out of the site
    /// points to is never read, so it cannot end up anywhere.
    @Test(arguments: BadTheme.all)
    func badThemeFailsTheBuildAtTheTag(_ bad: BadTheme) throws {
        let site = try FixtureTheme.site()
        try site.build()
        let before = BuildFixture.snapshot(site.output)
        #expect(before["guide.html"] != nil)

        let outside = FileManager.default.temporaryDirectory.appending(path: "assay-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = outside.appending(path: "secret")
        try Data("\(BadTheme.secret) {{> partials/nav}}".utf8).write(to: secret)
        try bad.apply(to: site, outside: secret)

        let diagnostics = site.failure()
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))")
        let d = try #require(diagnostics.first, "\(diagnostics.map(\.description))")
        #expect(d.description.hasPrefix([bad.path, bad.line.map(String.init), bad.column.map(String.init)].compactMap { $0 }.joined(separator: ":") + ": error: "), "\(d)")
        #expect(d.rule == bad.rule, "\(d)")
        #expect(d.message.contains(bad.fragment), "\(d.message)")
        #expect(!d.message.contains(BadTheme.secret))

        let after = BuildFixture.snapshot(site.output)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "public/ changed: \(changed)")
    }

    /// A 10 MB template loads and renders; it is not a hang.
    @Test func tenMegabyteLayout() throws {
        let site = try FixtureTheme.site()
        let line = "<p>{{title}}: a line of a very long 404 page, long enough to make it big</p>\n"
        let count = 10_000_000 / line.utf8.count
        try site.write("templates/404.mustache", String(repeating: line, count: count))
        let theme = try Theme.load(folders: [(site.url("templates"), "templates"), (site.url("mytheme"), "mytheme")], root: site.root)
        let out = try theme.render(["title": "Not found"], layout: "404", capacity: 12_000_000)
        #expect(out.count == count * (line.utf8.count - "{{title}}".utf8.count + "Not found".utf8.count))
    }
}
