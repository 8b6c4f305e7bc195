import AssayKit
import Foundation
import Testing

/// `assay theme context`: the schema as Markdown, the whole of it or one layout's.
@Suite("assay theme context")
struct ThemeContextCommandTests {
    @Test("without a layout: the text docs/theme.md holds")
    func everything() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["theme", "context"], in: folder.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == TemplateContextSchema.markdown())
        #expect(result.stdout.contains("#### Layout `claims`") && result.stdout.contains("#### Object `reference`"))
    }

    @Test("one layout: its whole context, shared keys and the objects it uses")
    func oneLayout() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["theme", "context", "page"], in: folder.url)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.first == "### Layout `page`")
        #expect(lines.contains { $0.hasPrefix("| `page` | `page` |") })
        #expect(lines.contains { $0.hasPrefix("| `nav_html` | HTML |") })
        #expect(lines.contains("#### Object `reference`"))
        // Pages are made before the guide's totals: no level counts here.
        #expect(!lines.contains { $0.hasPrefix("| `count_label` |") })
        #expect(!result.stdout.contains("`groups`"))
        let claims = try AssayProcess.run(["theme", "context", "claims.mustache"], in: folder.url)
        #expect(claims.status == 0 && claims.stdout.contains("| `groups` | list of `claim_group` |"), "\(claims)")
    }

    @Test("an unknown layout: exit 2, the layouts there are and the closest")
    func unknownLayout() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["theme", "context", "sourcs"], in: folder.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no layout 'sourcs'") && result.stderr.contains("did you mean 'sources'?"), "\(result)")
    }
}
