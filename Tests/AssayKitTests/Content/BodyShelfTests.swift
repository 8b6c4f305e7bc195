import Foundation
import Testing

@testable import AssayKit

/// A loaded project keeps page bodies on its shelf, not in its pages, so that a body is
/// let go once it is rendered; a body asked for again is read from the file again.
@Suite("Page bodies on the shelf")
struct BodyShelfTests {
    @Test func bodyTakenOnceThenReadAgain() throws {
        let site = try BuildFixture()
        let project = try Project.load(root: site.root)
        let page = try #require(project.pages.first { $0.sourcePath == "content/guide.md" })
        #expect(page.body.isEmpty && page.bodyShelved && page.bodyLoaded)

        let file = try site.read("content/guide.md")
        let body = String(file[file.range(of: "\n---\n")!.upperBound...])
        let first = try project.loadingBody(page)
        #expect(first.body == body && !first.bodyShelved)
        // The shelf is empty for this page now: the second reader gets the file's body.
        #expect(project.bodies.take(page.sourcePath) == nil)
        let second = try project.loadingBody(page)
        #expect(second.body == body && second.fingerprint == page.fingerprint)
    }

    @Test func copiesOfTheProjectShareTheShelf() throws {
        let site = try BuildFixture()
        let project = try Project.load(root: site.root)
        let copy = project
        let page = try #require(project.pages.first { $0.sourcePath == "content/guide.md" })
        _ = try copy.loadingBody(page)
        #expect(project.bodies.take(page.sourcePath) == nil)
    }
}
