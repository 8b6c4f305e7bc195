import Foundation
import Testing

@testable import AssayKit

/// A page and a theme asset that would write the same file: an error, never one silently
/// replacing the other (and the output folder left as it was).
@Suite("Output collisions")
struct CollisionTests {
    @Test func pageAndAssetWriteTheSameFile() throws {
        let site = try BuildFixture()
        try site.build()
        let before = BuildFixture.snapshot(site.output)
        try site.write("content/assets/x.md", "---\ntitle: X\nreviewed: 2026-01-15\n---\nPage.\n")
        try site.write("templates/assets/x.html", "<p>asset</p>\n")
        let problem = try #require(site.failure().first)
        #expect(problem.rule == .urlCollision)
        #expect(problem.path == "content/assets/x.md")
        #expect(problem.message.contains("assets/x.html"))
        #expect(BuildFixture.snapshot(site.output) == before)
    }
}
