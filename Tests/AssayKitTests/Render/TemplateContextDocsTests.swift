import Foundation
import Testing

@testable import AssayKit

/// `docs/theme.md` holds, between its two marker lines, exactly what
/// `assay theme context` prints, so the documented keys are the declared ones.
///
/// After changing `TemplateContextSchema`, regenerate the section with
/// `ASSAY_RECORD_DOCS=1 swift test --filter TemplateContextDocsTests`.
@Suite("Template context docs")
struct TemplateContextDocsTests {
    static let page = BuildFixture.repository.appending(path: "docs/theme.md")

    @Test func themeDocsHoldTheGeneratedContext() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let start = try #require(text.range(of: TemplateContextSchema.markdownStart + "\n"), "no start marker in docs/theme.md")
        let end = try #require(text.range(of: TemplateContextSchema.markdownEnd, range: start.upperBound..<text.endIndex), "no end marker after the start")
        let generated = TemplateContextSchema.markdown()
        if ProcessInfo.processInfo.environment["ASSAY_RECORD_DOCS"] == "1" {
            let updated = String(text[..<start.upperBound]) + generated + String(text[end.lowerBound...])
            try Data(updated.utf8).write(to: Self.page)
            return
        }
        let documented = String(text[start.upperBound..<end.lowerBound])
        #expect(documented == generated, "docs/theme.md's Context section differs from `assay theme context`: regenerate it with ASSAY_RECORD_DOCS=1 swift test --filter TemplateContextDocsTests")
    }

    /// Every key of every layout appears in the generated text, in its layout's or its
    /// object's table.
    @Test func generatedTextNamesEveryKey() {
        let text = TemplateContextSchema.markdown()
        for layout in TemplateContextSchema.layouts {
            #expect(text.contains("#### Layout `\(layout.name)`"))
            for object in ContextType.object(layout.context).objects.dropFirst() {
                #expect(text.contains("#### Object `\(object.name)`"))
                for key in object.keys { #expect(text.contains("| `\(key.name)` |")) }
            }
        }
    }
}
