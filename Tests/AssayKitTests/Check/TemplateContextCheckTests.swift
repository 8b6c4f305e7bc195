import AssaySupport
import Foundation
import Testing

@testable import AssayKit

/// Rule `unknown-template-variable`: a name in a template that no context of its layout
/// can provide, at the tag, with a "did you mean"; nothing for names that resolve, the
/// built-in theme included.
@Suite("Unknown template variables")
struct TemplateContextCheckTests {
    static let rule = Rule.unknownTemplateVariable

    /// A site whose `templates/page.mustache` extends the built-in page layout and fills
    /// its `main` block with `main`.
    static func site(main: String, files: [String: String] = [:]) throws -> CheckFixture {
        var all = files
        all["templates/page.mustache"] = "{{<page}}\n{{$main}}\n" + main + "{{/main}}\n{{/page}}\n"
        return try CheckFixture(all)
    }

    static func findings(_ site: CheckFixture) -> [String] {
        site.check().diagnostics.filter { $0.rule == rule }.map(\.description)
    }

    @Test func aMisspeltVariableIsReportedAtItsTag() throws {
        let site = try Self.site(main: "<main>\n  <h1>{{titel}}</h1>\n</main>\n")
        #expect(Self.findings(site) == [
            "templates/page.mustache:4:7: warning: variable 'titel' is in no context of layout 'page' — did you mean 'title'? [unknown-template-variable]",
        ])
    }

    /// Inside `{{#page.references}}` a reference's keys are in scope first, then the
    /// outer ones (`title` is the page's); a key of neither is reported with the
    /// reference's key closest to it.
    @Test func aMisspeltKeyInsideASection() throws {
        let site = try Self.site(main: "{{#page.references}}<li>{{nuber}} {{{html}}} {{title}} {{site.title}}</li>{{/page.references}}\n")
        #expect(Self.findings(site) == [
            "templates/page.mustache:3:25: warning: variable 'nuber' is in no context of layout 'page' — did you mean 'number'? [unknown-template-variable]",
        ])
    }

    @Test func aMisspeltPartOfADottedName() throws {
        let site = try Self.site(main: "<p>{{page.sumary}}</p>{{#page.prev}}{{url}}{{/page.prev}}\n")
        #expect(Self.findings(site) == [
            "templates/page.mustache:3:4: warning: variable 'page.sumary': 'page' has no key 'sumary' in the context of layout 'page' — did you mean 'page.summary'? [unknown-template-variable]",
        ])
    }

    @Test func aKeyOfAnotherLayoutOnly() throws {
        let site = try Self.site(main: "{{#groups}}{{label}}{{/groups}}\n")
        #expect(Self.findings(site) == [
            "templates/page.mustache:3:1: warning: section 'groups' is in no context of layout 'page' (only layout 'claims' has 'groups'): `assay theme context page` lists every key [unknown-template-variable]",
        ])
        // Pages are made before the guide's totals: a level's count is not there.
        let counts = try Self.site(main: "{{#levels}}{{count_label}}{{/levels}}\n")
        #expect(Self.findings(counts).count == 1)
    }

    /// An override that uses only what the page layout has: nothing to report, however
    /// its names are nested.
    @Test func aCorrectOverrideGivesNothing() throws {
        let site = try Self.site(main: """
            <main>{{#page.toc}}<a href="#{{anchor}}">{{text}}</a>{{#sub}}{{level}}{{/sub}}{{/page.toc}}
            {{#page.key_points}}{{.}}{{/page.key_points}}{{^page.summary}}{{site.description}}{{/page.summary}}
            {{#page.children}}{{#profile}}{{{svg}}}{{title}}{{/profile}}{{/page.children}}{{page.breadcrumbs.0.title}}
            {{#levels}}{{label}} {{marks}}{{/levels}}{{{nav_html}}}{{canonical}}</main>

            """)
        let all = site.check().diagnostics
        #expect(!all.contains { $0.rule == Self.rule }, "\(all)")
    }

    /// A partial is checked against every layout that includes it: a key one of them
    /// has is fine; one that none has is reported once, naming them all.
    @Test func aPartialIsCheckedAgainstEveryLayoutIncludingIt() throws {
        let partial = "<p>{{page.title}} {{total}} {{totl}}</p>\n"
        let site = try Self.site(main: "{{> partials/note}}\n", files: [
            "templates/partials/note.mustache": partial,
            "templates/claims.mustache": "{{<claims}}{{$main}}{{> partials/note}}{{/main}}{{/claims}}\n",
        ])
        #expect(Self.findings(site) == [
            "templates/partials/note.mustache:1:29: warning: variable 'totl' is in no context of layouts 'claims', 'page' — did you mean 'total'? [unknown-template-variable]",
        ])
    }

    /// The built-in theme, as `assay init` sites use it (built in, no `templates/`) and
    /// as the repository's `templates/` (which CheckFixture copies into the site).
    @Test func theBuiltInThemeHasNoUnknownNames() throws {
        let copied = try CheckFixture([:])
        #expect(Self.findings(copied).isEmpty)
        let builtIn = try BuildFixture(templates: false)
        let project = try Project.load(root: builtIn.root)
        #expect(TemplateContextCheck.diagnostics(project.theme.library).isEmpty)
        // Every layout was walked: a misspelling in any of them would be found.
        var walked: Set<String> = []
        for layout in TemplateContextSchema.layouts {
            project.theme.library.walk(layout.name, scope: 0) { tag, _ in
                walked.insert(tag.path)
                return 0
            }
        }
        #expect(walked.contains("(built-in theme)/partials/profile.mustache") && walked.contains("(built-in theme)/404.mustache"), "\(walked.sorted())")
    }

    /// `assay build` reports it as a warning and builds; with the rule set to `error` in
    /// site.yml the build fails and `public/` stays as it was.
    @Test func buildWarnsOrFailsAsSiteYAMLSays() throws {
        let site = try BuildFixture()
        try site.build()
        let before = BuildFixture.snapshot(site.output)
        try site.write("templates/page.mustache", "{{<page}}\n{{$footer}}<footer>{{site.titel}}</footer>{{/footer}}\n{{/page}}\n")
        let report = try site.build()
        let warning = "templates/page.mustache:2:20: warning: variable 'site.titel': 'site' has no key 'titel' in the context of layout 'page' — did you mean 'site.title'? [unknown-template-variable]"
        #expect(report.warnings.map(\.description).contains(warning), "\(report.warnings)")
        let warned = BuildFixture.snapshot(site.output)

        try site.write("content/site.yml", try site.read("content/site.yml") + "rules:\n  unknown-template-variable: error\n")
        try site.write("templates/page.mustache", "{{<page}}\n{{$footer}}<footer>{{site.titel}} {{nope}}</footer>{{/footer}}\n{{/page}}\n")
        let errors = site.failure().map(\.description)
        #expect(errors.contains(warning.replacingOccurrences(of: ": warning: ", with: ": error: ")), "\(errors)")
        #expect(errors.count == 2, "\(errors)")
        #expect(BuildFixture.snapshot(site.output) == warned)
        #expect(warned != before)
    }

    /// The cache keeps what the check found for a theme: a second build of the same
    /// templates reports the same warning without running it, and a changed template is
    /// checked again.
    @Test func theCacheKeepsTheFindingsOfTheSameTheme() throws {
        let site = try BuildFixture()
        try site.write("templates/page.mustache", "{{<page}}\n{{$footer}}<footer>{{site.titel}}</footer>{{/footer}}\n{{/page}}\n")
        let first = try site.build().warnings.filter { $0.rule == Self.rule }
        #expect(first.count == 1)
        let cache = try #require(BuildCache.load(root: site.root, output: site.output, stamp: BuildCache.binaryStamp(output: site.output)))
        #expect(cache.templateProblems == first)
        try site.write("content/guide.md", try site.read("content/guide.md") + "\nMore text.\n")
        #expect(try site.build().warnings.filter { $0.rule == Self.rule } == first)

        try site.write("templates/page.mustache", "{{<page}}\n{{$footer}}<footer>{{site.title}} {{nope}}</footer>{{/footer}}\n{{/page}}\n")
        let changed = try site.build().warnings.filter { $0.rule == Self.rule }.map(\.message)
        #expect(changed.count == 1 && changed.first?.contains("'nope'") == true, "\(changed)")
    }
}
