import Foundation
import Testing

@testable import AssayKit

/// The golden site (`Fixtures/golden-site/content` with the repository's templates) built
/// and compared file by file with `Fixtures/golden-site-expected/`.
///
/// After an intended change of output, re-record with
/// `ASSAY_RECORD_GOLDEN=1 swift test --filter GoldenSiteTests`, then read the diff.
@Suite("Golden site")
struct GoldenSiteTests {
    static let expectedFolder = BuildFixture.fixtures.appending(path: "golden-site-expected")
    static var recording: Bool { ProcessInfo.processInfo.environment["ASSAY_RECORD_GOLDEN"] == "1" }

    /// A fresh copy of the golden site (cache off: every build here is a clean one).
    static func site() throws -> BuildFixture {
        let site = try BuildFixture(nil)
        try site.copyFixture("golden-site/content", to: "content")
        return site
    }

    @Test func matchesRecordedOutput() throws {
        let site = try Self.site()
        try site.build(useCache: false)
        let actual = BuildFixture.snapshot(site.output)
        #expect(actual.count > 10)

        if Self.recording {
            let fm = FileManager.default
            try? fm.removeItem(at: Self.expectedFolder)
            for (path, bytes) in actual {
                let url = Self.expectedFolder.appending(path: path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            print("ASSAY_RECORD_GOLDEN=1: recorded \(actual.count) files into \(Self.expectedFolder.path)")
            return
        }

        let expected = BuildFixture.snapshot(Self.expectedFolder)
        #expect(!expected.isEmpty, "no recorded output: run with ASSAY_RECORD_GOLDEN=1")
        let missing = Set(expected.keys).subtracting(actual.keys).sorted()
        let extra = Set(actual.keys).subtracting(expected.keys).sorted()
        #expect(missing.isEmpty, "files no longer made: \(missing)")
        #expect(extra.isEmpty, "files not in the recording: \(extra)")
        for path in Set(expected.keys).intersection(actual.keys).sorted() where expected[path] != actual[path] {
            Issue.record("\(path) differs from the recording: \(Self.firstDifference(expected[path]!, actual[path]!))")
        }
    }

    /// The first line that differs, both ways, so a failure says what changed.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let linesA = a.text.split(separator: "\n", omittingEmptySubsequences: false)
        let linesB = b.text.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(linesA.count, linesB.count) {
            let x = i < linesA.count ? String(linesA[i]) : "<end of file>"
            let y = i < linesB.count ? String(linesB[i]) : "<end of file>"
            if x != y { return "line \(i + 1):\n  recorded: \(x)\n  built:    \(y)" }
        }
        return "same lines, different bytes"
    }
}
