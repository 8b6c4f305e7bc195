import Foundation
import Testing

@testable import AssayKit

/// Reading claims.json: what an Assay build writes is accepted, anything else is refused
/// with the file's name and what is wrong.
@Suite("assay diff: reading claims.json")
struct ClaimsFileTests {
    static func failure(_ name: String) throws -> String {
        do {
            _ = try ClaimDiffTests.fixture(name)
        } catch {
            return error.description
        }
        Issue.record("\(name) was accepted")
        return ""
    }

    @Test("a fixture in the layout Assay writes")
    func accepted() throws {
        let file = try ClaimDiffTests.fixture("old.json")
        #expect(file.title == "Kratom and pain")
        #expect(file.levels.map(\.id) == ["established", "preliminary", "anecdotal", "unsupported"])
        #expect(file.claims.count == 7)
        #expect(file.claims[2].anchor == "mu-binding" && file.claims[2].citeKeys == ["kruegel2016"])
        #expect(file.rank(of: "preliminary") == 3)
    }

    @Test("a missing key is named with its place in the file")
    func missingKey() throws {
        #expect(try Self.failure("missing-anchor.json")
            == "missing-anchor.json: error: not a claims.json Assay wrote, or one from an incompatible version: 'claims[1].anchor' is missing")
    }

    @Test("a value of the wrong type")
    func wrongType() throws {
        #expect(try Self.failure("wrong-type.json")
            == "wrong-type.json: error: not a claims.json Assay wrote, or one from an incompatible version: 'claims[0].cite_keys' should be a list")
    }

    @Test("JSON that is not an object with title, levels and claims")
    func notClaims() throws {
        #expect(try Self.failure("not-claims.json")
            == "not-claims.json: error: not a claims.json Assay wrote: expected an object with 'title', 'levels' and 'claims'")
    }

    @Test("a truncated file is not valid JSON")
    func truncated() throws {
        #expect(try Self.failure("truncated.json") == "truncated.json: error: not valid JSON")
    }

    @Test("a file that cannot be read")
    func unreadable() throws {
        do {
            _ = try ClaimsFile.load(path: "no/such/claims.json", relativeTo: BuildFixture.fixtures)
            Issue.record("accepted a missing file")
        } catch {
            #expect(error.description == "no/such/claims.json: error: cannot read: no such file or folder")
        }
    }

    @Test("a site folder gives the same claims its claims.json holds, without writing anything")
    func siteInMemory() throws {
        let site = try BuildFixture()
        let built = try ClaimsFile.build(root: site.root, path: "site/")
        #expect(!FileManager.default.fileExists(atPath: site.url("public").path))
        _ = try site.build()
        let written = try ClaimsFile.load(site.url("public/claims.json"), path: "public/claims.json")
        #expect(built.claims == written.claims)
        #expect(built.levels == written.levels && built.title == written.title)
        #expect(built.claims.map(\.anchor).contains("binding"))
    }

    @Test("a site that does not build is refused with its diagnostics")
    func brokenSite() throws {
        let site = try BuildFixture()
        try site.write("content/guide.md", try site.read("content/guide.md").replacingOccurrences(of: "{.established}", with: "{.bogus}"))
        do {
            _ = try ClaimsFile.build(root: site.root, path: "site/")
            Issue.record("a broken site was accepted")
        } catch {
            #expect(error.description == "site/: error: the site does not build (1 error), so it has no claims to compare")
            #expect(error.diagnostics.map(\.rule) == [.unknownLevel])
        }
    }

    @Test("a folder that is not a site")
    func notASite() throws {
        do {
            _ = try ClaimsFile.load(path: "diff", relativeTo: BuildFixture.fixtures)
            Issue.record("accepted a folder without site.yml")
        } catch {
            #expect(error.description == "diff/: error: neither a claims.json file nor a site folder (no content/site.yml in it)")
        }
    }
}
