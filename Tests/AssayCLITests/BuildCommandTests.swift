import Foundation
import Testing

/// `assay build`: writes the site and one summary line; on any error prints
/// `path:line:col: error: …`, exits 1 and leaves an existing `public/` exactly as it was.
@Suite("assay build")
struct BuildCommandTests {
    static var summary: Regex<(Substring, Substring, Substring, Substring)> { /^built 4 pages, 3 claims \(1 Established, 1 Preliminary study, 1 Anecdotal, 0 No good evidence\) in \d+ ms: (\d+) files written, (\d+) unchanged, (\d+) removed$/ }

    @Test("builds public/ and prints one summary line")
    func buildsSite() throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(["build"], in: site.root)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "")
        #expect(result.stdoutLines.count == 1)
        let match = try #require(result.stdout.trimmingCharacters(in: .newlines).wholeMatch(of: Self.summary), "\(result)")
        #expect(Int(match.1)! > 0)
        #expect(match.2 == "0")
        for path in ["index.html", "guide.html", "topic/page.html", "topic/index.html", "claims.html", "claims.json", "sitemap.xml"] {
            #expect(site.exists("public/\(path)"), "public/\(path) missing")
        }
        let guide = try site.read("public/guide.html")
        #expect(guide.contains("id=\"binding\" data-level=\"preliminary\""))
    }

    @Test("-C and --output choose the site and the output folder")
    func rootAndOutput() throws {
        let site = try TemporarySite()
        let elsewhere = try TemporaryFolder()
        let result = try AssayProcess.run(["build", "-C", site.root.path, "--output", "out"], in: elsewhere.url)
        #expect(result.status == 0, "\(result)")
        #expect(site.exists("out/index.html"))
        #expect(!site.exists("public"))
    }

    @Test("a second build of unchanged input writes nothing")
    func secondBuildWritesNothing() throws {
        let site = try TemporarySite()
        _ = try AssayProcess.run(["build"], in: site.root)
        let before = site.snapshot("public")
        let result = try AssayProcess.run(["build"], in: site.root)
        #expect(result.status == 0, "\(result)")
        let match = try #require(result.stdout.trimmingCharacters(in: .newlines).wholeMatch(of: Self.summary), "\(result)")
        #expect(match.1 == "0")
        #expect(site.snapshot("public") == before)
    }

    /// One broken input each, and the one line `assay build` must print for it.
    enum BadInput: String, CaseIterable, CustomTestStringConvertible {
        case unknownLevel, brokenFrontMatter, invalidUTF8, missingTemplate

        var testDescription: String { rawValue }

        func apply(to site: TemporarySite) throws {
            switch self {
            case .unknownLevel:
                try site.write("content/guide.md", try site.read("content/guide.md").replacingOccurrences(of: "{.established}", with: "{.establshed}"))
            case .brokenFrontMatter:
                try site.write("content/topic/page.md", "---\ntitle: \"Nested\nreviewed: 2026-01-15\n---\nText.\n")
            case .invalidUTF8:
                try site.write("content/guide.md", bytes: Array("---\ntitle: \"Guide\"\nreviewed: 2026-01-15\n---\n\nCaf".utf8) + [0xE9, 0x0A])
            case .missingTemplate:
                // A template the site lacks comes from the built-in theme; a partial that
                // neither has is the error.
                try site.write("templates/page.mustache", "<main>\n{{> partials/sidebar}}\n</main>\n")
            }
        }

        /// A line stderr must hold.
        var expected: String {
            switch self {
            case .unknownLevel:
                "content/guide.md:8:52: error: unknown evidence level 'establshed' — did you mean 'established'? [unknown-level]"
            case .brokenFrontMatter:
                // At the quote that is never closed; the wording is the YAML parser's.
                "content/topic/page.md:2:8: error: invalid YAML: while scanning a quoted scalar: found unexpected end of stream (line 4) [yaml-syntax]"
            case .invalidUTF8: "content/guide.md:6:4: error: file is not valid UTF-8 [invalid-utf8]"
            case .missingTemplate:
                "templates/page.mustache:2:1: error: partial 'partials/sidebar' not found [missing-template]"
            }
        }
    }

    @Test("bad input: an error with its position, exit 1, public/ untouched", arguments: BadInput.allCases)
    func badInput(_ bad: BadInput) throws {
        let site = try TemporarySite()
        let first = try AssayProcess.run(["build"], in: site.root)
        try #require(first.status == 0, "\(first)")
        // A file the build does not make: a successful build would remove it.
        try site.write("public/stale.txt", "left by hand\n")
        let before = site.snapshot("public")
        try bad.apply(to: site)

        let result = try AssayProcess.run(["build"], in: site.root)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "")
        let errors = result.stderrLines.filter { $0.contains(": error: ") }
        #expect(!errors.isEmpty, "\(result)")
        #expect(errors.allSatisfy { $0.wholeMatch(of: /[^:]+:\d+:\d+: error: .+ \[[a-z0-9-]+\]/) != nil }, "\(result)")
        #expect(errors.contains(bad.expected), "\(result)")
        #expect(site.snapshot("public") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test("a failed first build creates no public/")
    func failedFirstBuild() throws {
        let site = try TemporarySite()
        try BadInput.brokenFrontMatter.apply(to: site)
        let result = try AssayProcess.run(["build"], in: site.root)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.contains(BadInput.brokenFrontMatter.expected), "\(result)")
        #expect(!site.exists("public"))
    }

    @Test("under GitHub Actions errors are also workflow commands")
    func githubAnnotations() throws {
        let site = try TemporarySite()
        try BadInput.unknownLevel.apply(to: site)
        let result = try AssayProcess.run(["build"], in: site.root, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderrLines.contains(
                "::error file=content/guide.md,line=8,col=52,title=unknown-level::unknown evidence level 'establshed' — did you mean 'established'?"),
            "\(result)")
    }

    @Test("an unknown option is a usage error: exit 2, nothing written")
    func unknownOption() throws {
        let site = try TemporarySite()
        let result = try AssayProcess.run(["build", "--bogus"], in: site.root)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("Unknown option '--bogus'"))
        #expect(!site.exists("public"))
    }

    @Test("a folder that is not a site is a usage error: exit 2, as for check")
    func notASite() throws {
        let empty = try TemporaryFolder()
        let result = try AssayProcess.run(["build"], in: empty.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("content/site.yml: error: no content/site.yml here: is this an Assay site?"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: empty.url.appending(path: "public").path))
    }
}
