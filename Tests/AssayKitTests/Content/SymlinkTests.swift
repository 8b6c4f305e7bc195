import Foundation
import Testing

@testable import AssayKit

/// A symlink is followed only when it stays inside the site: one added by a pull request
/// must never publish the build machine's files.
@Suite("Symlinks in the site")
struct SymlinkTests {
    @Test(
        "a symlink out of the site is a located error and its bytes are never published",
        arguments: ["content/x.md", "content/env.md", "content/sources.yml", "content/site.yml"])
    func outsideLinks(path: String) throws {
        let site = try BuildFixture()
        let secret = FileManager.default.temporaryDirectory.appending(path: "assay-secret-\(UUID().uuidString).md")
        try Data("---\ntitle: Secret\n---\nTOKEN=hunter2\n".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        try? site.remove(path)
        try FileManager.default.createSymbolicLink(atPath: site.url(path).path, withDestinationPath: secret.path)
        let diagnostics = site.failure()
        let problem = try #require(diagnostics.first { $0.rule == .symlinkOutsideSite }, "\(diagnostics)")
        #expect(problem.path == path)
        #expect(problem.message.contains("outside the site's folder"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        #expect(!diagnostics.contains { $0.message.contains("hunter2") })
    }

    @Test("a symlink loop and a symlinked folder out of the site are errors, not hangs")
    func loopsAndFolders() throws {
        let site = try BuildFixture()
        try FileManager.default.createSymbolicLink(atPath: site.url("content/a.md").path, withDestinationPath: "b.md")
        try FileManager.default.createSymbolicLink(atPath: site.url("content/b.md").path, withDestinationPath: "a.md")
        try FileManager.default.createSymbolicLink(atPath: site.url("content/etc").path, withDestinationPath: "/etc")
        let messages = site.failure().filter { $0.rule == .symlinkOutsideSite }.map { "\($0.path ?? ""): \($0.message)" }
        #expect(messages.contains("content/a.md: content/a.md is a symlink loop"))
        #expect(messages.contains("content/b.md: content/b.md is a symlink loop"))
        #expect(messages.contains { $0.hasPrefix("content/etc: content/etc is a symlink to /etc, outside") })
    }

    @Test("a symlink to a page inside the site is read as that page")
    func insideLink() throws {
        let site = try BuildFixture()
        try site.write("drafts/shared.md", "---\ntitle: Shared\nreviewed: 2026-01-15\n---\nShared words.\n")
        try FileManager.default.createSymbolicLink(atPath: site.url("content/shared.md").path, withDestinationPath: "../drafts/shared.md")
        try site.build()
        #expect(try site.read("public/shared.html").contains("Shared words."))
    }

    @Test("a theme folder that does not exist is a located config error")
    func missingTheme() throws {
        let site = try BuildFixture()
        try site.write("content/site.yml", try site.read("content/site.yml") + "theme: themes/nope\n")
        let problem = try #require(site.failure().first)
        #expect(problem.rule == .config)
        #expect(problem.message == "theme folder 'themes/nope' does not exist (it is relative to the site's folder)")
        let lines = try site.read("content/site.yml").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[try #require(problem.line) - 1] == "theme: themes/nope")
    }
}
