import AssaySupport
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The schema against the contexts the build really makes: every key of every context
/// of two fixture sites, at any depth, is declared for its layout with its type, and
/// every declared key is made by one of them. A key added to the code without the schema
/// (or the other way round) fails here, so `docs/theme.md` and the
/// `unknown-template-variable` rule cannot drift from the code.
@Suite("Template context schema")
struct TemplateContextSchemaTests {
    /// A site with all that the golden site lacks: no `base_url` (the 404 page's root
    /// script), key points, a table of contents with a level-3 heading, several
    /// citations of one work, a section whose child has a summary, nested sections.
    static let fullFiles: [String: String] = {
        var files = BuildFixture.minimalFiles
        files["content/site.yml"] = FixtureSite.siteYAML(title: "Full guide").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("base_url") }.joined(separator: "\n")
        files["content/guide.md"] = """
            ---
            title: "Guide"
            summary: "The page with claims."
            reviewed: 2026-01-15
            key_points:
              - "One point."
              - "Another point."
            ---

            ## Binding

            [Mitragynine binds mu-opioid receptors in cells [@kruegel2016]]{.preliminary #binding}.

            ### In animals

            [Kratom is an opioid-like plant [@prozialeck2012; @kruegel2016]]{.established}.

            ## Reports

            [Users report relief]{.anecdotal}, and [@kruegel2016] again.

            """
        files["content/topic/_index.md"] = """
            ---
            title: "Topic"
            summary: "A section."
            ---
            The section.

            """
        files["content/topic/page.md"] = """
            ---
            title: "Nested page"
            summary: "A page in a section."
            reviewed: 2026-01-15
            ---
            See [the binding claim](../guide.md#binding). [No studies]{.unsupported}.

            """
        files["content/topic/deeper/leaf.md"] = """
            ---
            title: "Leaf"
            ---
            A page two folders down.

            """
        return files
    }()

    /// Every (layout, context) a full build of the site renders.
    static func contexts(of site: BuildFixture) throws -> [(layout: String, context: TemplateValue)] {
        var project = try Project.load(root: site.root)
        let seen = Locked<[(String, TemplateValue)]>([])
        project.theme.observer = { layout, context in seen.withLock { $0.append((layout, context)) } }
        let model = SiteGenerator(project: project).generate { _, _ in }
        #expect(!model.diagnostics.contains { $0.severity == .error }, "\(model.diagnostics)")
        return seen.withLock { $0 }
    }

    static func fixtureContexts() throws -> [(layout: String, context: TemplateValue)] {
        let golden = try GoldenSiteTests.site()
        let full = try BuildFixture(fullFiles)
        return try contexts(of: golden) + contexts(of: full)
    }

    /// Keys made, as `object.key` (an object by its schema name; a layout's own keys as
    /// `layout NAME.key`).
    struct Coverage {
        var made: Set<String> = []
        var problems: [String] = []

        mutating func check(_ value: TemplateValue, against type: ContextType, at path: String) {
            // A record (what a small dictionary literal makes) is an object to templates:
            // its fields are checked as an object's, by the name a lookup finds.
            if case .record = value, let fields = value.objectFields {
                check(.object(fields), against: type, at: path)
                return
            }
            switch (value, type) {
            case (.string, .text), (.string, .html), (.int, .number), (.double, .number), (.bool, .boolean):
                return
            case (.list(let items), .list(let item)):
                for (n, element) in items.enumerated() { check(element, against: item, at: "\(path).\(n)") }
            case (.object(let fields), .object(let object)):
                for name in fields.keys.sorted() {
                    guard let key = object[name] else {
                        problems.append("\(path).\(name) is made but not declared in '\(object.name)'")
                        continue
                    }
                    made.insert(object.name + "." + name)
                    check(fields[name]!, against: key.type, at: path + "." + name)
                }
                for key in object.keys where key.only == nil && fields[key.name] == nil {
                    problems.append("\(path).\(key.name) is declared as always there but is missing")
                }
            case (.fields(let field), .object(let object)):
                // Fields made on demand cannot be listed, only asked for: every declared
                // one must answer, and names declared elsewhere must not.
                for key in object.keys {
                    guard let found = field(key.name) else {
                        if key.only == nil { problems.append("\(path).\(key.name) is declared but not made") }
                        continue
                    }
                    made.insert(object.name + "." + key.name)
                    check(found, against: key.type, at: path + "." + key.name)
                }
                for name in TemplateContextSchema.allKeyNames where object[name] == nil && field(name) != nil {
                    problems.append("\(path).\(name) is made but not declared in '\(object.name)'")
                }
            default:
                problems.append("\(path) is \(value) but declared as \(TemplateContextSchema.describe(type))")
            }
        }
    }

    @Test func everyKeyMadeIsDeclaredAndEveryDeclaredKeyIsMade() throws {
        var coverage = Coverage()
        var layoutsMade: Set<String> = []
        for (name, context) in try Self.fixtureContexts() {
            guard let layout = TemplateContextSchema.layout(name) else {
                Issue.record("layout '\(name)' is rendered but not in TemplateContextSchema.layouts")
                continue
            }
            layoutsMade.insert(name)
            coverage.check(context, against: .object(layout.context), at: name)
        }
        var seen: Set<String> = []
        let problems = coverage.problems.filter { seen.insert($0).inserted }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(layoutsMade == Set(TemplateContextSchema.layouts.map(\.name)))

        var declared: Set<String> = []
        for layout in TemplateContextSchema.layouts {
            for object in ContextType.object(layout.context).objects {
                for key in object.keys { declared.insert(object.name + "." + key.name) }
            }
        }
        let neverMade = declared.subtracting(coverage.made).sorted()
        #expect(neverMade.isEmpty, "declared but made by no fixture: \(neverMade)")
    }

    /// Within a layout an object's name means one object: the check finds objects by name.
    @Test func objectNamesAreUniqueWithinALayout() {
        for layout in TemplateContextSchema.layouts {
            var byName: [String: ContextObject] = [:]
            for object in ContextType.object(layout.context).objects {
                if let other = byName[object.name] { #expect(other == object, "two objects named '\(object.name)' in \(layout.name)") }
                byName[object.name] = object
            }
        }
    }

    /// The layouts a build needs are all declared.
    @Test func everyRequiredLayoutIsDeclared() {
        #expect(Set(Theme.requiredLayouts).isSubset(of: Set(TemplateContextSchema.layouts.map(\.name))))
    }

    @Test func aLayoutWithoutAKeyHasItNowhere() throws {
        let page = try #require(TemplateContextSchema.layout("page"))
        let level = try #require(ContextType.object(page.context).objects.first { $0.name == "level" })
        #expect(level["count"] == nil && level["label"] != nil)
        let notFound = try #require(TemplateContextSchema.layout("404"))
        #expect(notFound.context["canonical"] == nil && notFound.context["inline_css"] != nil)
        #expect(TemplateContextSchema.layout("partials/nav")?.context["site"] == nil)
    }
}

extension TemplateContextSchema {
    /// Every key name of every object, for asking fields made on demand about names
    /// they should not answer.
    static var allKeyNames: Set<String> {
        var names: Set<String> = []
        for layout in layouts {
            for object in ContextType.object(layout.context).objects { names.formUnion(object.keys.map(\.name)) }
        }
        return names
    }
}
