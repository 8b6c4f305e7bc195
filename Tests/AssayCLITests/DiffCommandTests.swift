import Foundation
import Testing

/// `assay diff OLD [NEW]`: the report on stdout, exit 0; 1 when `--fail-on` names a kind
/// of change found; 2 on bad input.
@Suite("assay diff")
struct DiffCommandTests {
    static let fixtures = TemporarySite.repository.appending(path: "Tests/AssayKitTests/Fixtures/diff")

    @Test("two claims.json files: text by default, exit 0")
    func twoFiles() throws {
        let result = try AssayProcess.run(["diff", "old.json", "new.json"], in: Self.fixtures)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "")
        #expect(result.stdoutLines.first == "claims: 1 claim changed level, 1 re-worded, 2 re-cited, 1 moved, 1 added, 1 removed (7 → 7 claims)")
        #expect(result.stdout.contains("  - [unsupported] Kratom cures opioid addiction  (risks.html#claim-55555555)\n"))
    }

    @Test("--format json and --format markdown")
    func formats() throws {
        let json = try AssayProcess.run(["diff", "old.json", "new.json", "--format", "json"], in: Self.fixtures)
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["counts"] as? [String: Int])?["moved"] == 1)
        let markdown = try AssayProcess.run(["diff", "old.json", "new.json", "--format", "markdown"], in: Self.fixtures)
        #expect(markdown.status == 0, "\(markdown)")
        #expect(markdown.stdoutLines.first == "### Evidence changes: 1 claim changed level, 1 re-worded, 2 re-cited, 1 moved, 1 added, 1 removed")
        #expect(markdown.stdout.contains("| Change | Claim | Level | Sources |"))
    }

    static let policies: [([String], Int32)] = [
        (["--fail-on", "relevel"], 1),
        (["--fail-on", "removed,added"], 1),
        (["--fail-on", "moved", "--fail-on", "reword"], 1),
        (["--fail-on", "any"], 1),
        ([], 0),
    ]

    @Test("--fail-on: exit 1 when a named kind is found; repeatable and comma-separated", arguments: policies)
    func failOn(flags: [String], status: Int32) throws {
        let result = try AssayProcess.run(["diff", "old.json", "new.json"] + flags, in: Self.fixtures)
        #expect(result.status == status, "\(result)")
        if status == 1 { #expect(result.stderrLines.last?.hasPrefix("diff: failing on ") == true, "\(result)") }
    }

    @Test("--fail-on passes when the kind is absent")
    func failOnAbsent() throws {
        let same = try AssayProcess.run(["diff", "new.json", "new.json", "--fail-on", "any"], in: Self.fixtures)
        #expect(same.status == 0, "\(same)")
        #expect(same.stdoutLines.first == "claims: no claim changed (7 → 7 claims)")
    }

    @Test("an unknown --fail-on kind is a usage error")
    func failOnUnknown() throws {
        let result = try AssayProcess.run(["diff", "old.json", "new.json", "--fail-on", "relevelled"], in: Self.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--fail-on: unknown kind 'relevelled'"), "\(result)")
    }

    @Test("bad files: the file named, what is wrong, exit 2", arguments: [
        ("missing-anchor.json", "missing-anchor.json: error: not a claims.json Assay wrote, or one from an incompatible version: 'claims[1].anchor' is missing"),
        ("wrong-type.json", "wrong-type.json: error: not a claims.json Assay wrote, or one from an incompatible version: 'claims[0].cite_keys' should be a list"),
        ("truncated.json", "truncated.json: error: not valid JSON"),
        ("nothing-here.json", "nothing-here.json: error: cannot read: no such file or folder"),
    ])
    func badFiles(name: String, message: String) throws {
        let result = try AssayProcess.run(["diff", name, "new.json"], in: Self.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderrLines == [message])
    }

    @Test("NEW defaults to the site in -C DIR, built in memory; OLD may be a site folder")
    func sites() throws {
        let before = try TemporarySite()
        let after = try TemporarySite()
        try after.write("content/guide.md", try after.read("content/guide.md")
            .replacingOccurrences(of: "{.established}", with: "{.preliminary}"))
        let result = try AssayProcess.run(["diff", before.root.path, "--format", "json"], in: after.root)
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["headline"] as? String == "1 claim changed level")
        #expect((object["new"] as? [String: Any])?["path"] as? String == "./")
        #expect(!before.exists("public") && !after.exists("public"))
        // The same comparison against the claims.json a build writes.
        let build = try AssayProcess.run(["build"], in: before.root)
        #expect(build.status == 0, "\(build)")
        let fromFile = try AssayProcess.run(["diff", before.url("public/claims.json").path, "-C", after.root.path, "--fail-on", "relevel"], in: before.root)
        #expect(fromFile.status == 1, "\(fromFile)")
        #expect(fromFile.stdout.contains("level: established → preliminary (weaker)"), "\(fromFile)")
    }

    @Test("a site that does not build: its diagnostics, then the reason, exit 2")
    func brokenSite() throws {
        let site = try TemporarySite()
        try site.write("content/guide.md", try site.read("content/guide.md").replacingOccurrences(of: "{.established}", with: "{.bogus}"))
        let result = try AssayProcess.run(["diff", Self.fixtures.appending(path: "old.json").path], in: site.root)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderrLines.first?.hasSuffix("[unknown-level]") == true, "\(result)")
        #expect(result.stderrLines.last == "./: error: the site does not build (1 error), so it has no claims to compare")
    }
}
