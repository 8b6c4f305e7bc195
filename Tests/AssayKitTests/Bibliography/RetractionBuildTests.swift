import Foundation
import Testing

@testable import AssayKit

/// `retractions:` in site.yml: every build looks the cited works up, as `assay check
/// --retractions` does, and a site built anyway marks the reference on its pages.
@Suite("Retractions in the build")
struct RetractionBuildTests {
    func site(rules: String = "") throws -> BuildFixture {
        let site = try BuildFixture()
        try FileManager.default.copyItem(
            at: BuildFixture.fixtures.appending(path: "retractions/retraction_watch.csv"), to: site.url("retraction_watch.csv"))
        try site.write("content/site.yml", try site.read("content/site.yml") + "retractions: retraction_watch.csv\n" + rules)
        try site.write("content/sources.yml", try site.read("content/sources.yml").replacingOccurrences(
            of: "  issued: 2016\n", with: "  issued: 2016\n  DOI: 10.5555/jep.2016.retracted\n"))
        return site
    }

    @Test("a cited work that was retracted stops the build, at its entry")
    func retractedStopsTheBuild() throws {
        let site = try site()
        let problem = try #require(site.failure().first { $0.rule == .retractedSource })
        #expect(problem.path == "content/sources.yml" && problem.line == 1)
        #expect(problem.message.contains("2024-03-09"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("with the rule set to warning the site is built and the reference marked Retracted")
    func warningMarks() throws {
        // Without print.html (which shows every page's prose), the edit below makes
        // nothing site-wide again.
        let site = try site(rules: "rules:\n  retracted-source: warning\nprint: false\n")
        let report = try site.build()
        #expect(report.warnings.contains { $0.rule == .retractedSource })
        #expect(try site.read("public/guide.html").contains("Retracted"))
        #expect(try site.read("public/sources.html").contains("Retracted"))
        // A rebuild after an edit of another page still finds it: the rule reads the
        // citations of the pages whose metadata stayed in the build cache.
        try site.write("content/topic/page.md", try site.read("content/topic/page.md") + "\nOne more sentence.\n")
        let again = try site.build()
        #expect(again.written >= 1)
        #expect(again.warnings.contains { $0.rule == .retractedSource })
    }

    @Test("a malformed DOI in the bibliography fails the build as it fails check")
    func invalidIdentifier() throws {
        let site = try BuildFixture()
        try site.write("content/sources.yml", try site.read("content/sources.yml").replacingOccurrences(
            of: "  issued: 2016\n", with: "  issued: 2016\n  DOI: not-a-doi\n"))
        #expect(site.failure().contains { $0.rule == .invalidIdentifier && $0.path == "content/sources.yml" })
    }
}
