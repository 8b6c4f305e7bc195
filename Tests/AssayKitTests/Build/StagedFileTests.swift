import AssaySupport
import Foundation
import Testing

@testable import AssayKit

/// A file of the new tree written in pieces ends as the old file's hard link when its
/// bytes are the old ones, and as a new file with exactly its bytes otherwise.
@Suite("Staged file in pieces")
struct StagedFileTests {
    static let old = Array("<p>one</p>\n<p>two</p>\n<p>three</p>\n".utf8)

    /// Writes `pieces` as `listing.html` into a stage over an output holding `old`, then
    /// commits; returns whether the inode stayed, the bytes now in place, and the outcome.
    func write(_ pieces: [[UInt8]], over old: [UInt8]?) throws -> (kept: Bool, bytes: [UInt8], written: Int) {
        let site = try BuildFixture()
        let output = site.root.appending(path: "out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let path = output.appending(path: "listing.html").path
        if let old { _ = FileManager.default.createFile(atPath: path, contents: Data(old)) }
        let before = try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
        let writer = try StagedWriter(output: try OutputFolder(output, root: site.root), previousOutputs: ["listing.html"])
        let file = writer.open("listing.html")
        for piece in pieces { file.add(piece) }
        file.finish()
        let outcome = try writer.commit()
        writer.waitForCleanup()
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
        return (before != nil && before == after, Array(try Data(contentsOf: URL(fileURLWithPath: path))), outcome.written)
    }

    static func cut(_ bytes: [UInt8], at offsets: [Int]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        for end in offsets + [bytes.count] {
            pieces.append(Array(bytes[start..<end]))
            start = end
        }
        return pieces
    }

    @Test("the same bytes, in any pieces: the old file stays (same inode)", arguments: [[Int](), [1], [5, 6, 20], [34]])
    func sameBytesKeepTheOldFile(offsets: [Int]) throws {
        let result = try write(Self.cut(Self.old, at: offsets), over: Self.old)
        #expect(result.kept)
        #expect(result.bytes == Self.old)
        #expect(result.written == 0)
    }

    @Test(
        "other bytes: a new file with exactly them",
        arguments: [
            "<p>one</p>\n<p>TWO</p>\n<p>three</p>\n",  // same length, differs in the middle
            "<p>one</p>\n<p>two</p>\n",  // the old file's beginning
            "<p>one</p>\n<p>two</p>\n<p>three</p>\n<p>four</p>\n",  // the old file and more
            "",
        ])
    func otherBytesMakeANewFile(text: String) throws {
        let new = Array(text.utf8)
        let result = try write(Self.cut(new, at: new.count > 12 ? [12] : []), over: Self.old)
        #expect(!result.kept)
        #expect(result.bytes == new)
        #expect(result.written == 1)
    }

    @Test("no old file: a new one")
    func noOldFile() throws {
        let result = try write(Self.cut(Self.old, at: [3]), over: nil)
        #expect(result.bytes == Self.old)
        #expect(result.written == 1)
    }

    @Test("a path outside the output folder is refused, and the commit fails")
    func refusesEscapes() throws {
        let site = try BuildFixture()
        let output = site.root.appending(path: "out")
        let writer = try StagedWriter(output: try OutputFolder(output, root: site.root), previousOutputs: nil)
        let file = writer.open("../escape.html")
        file.add(Array("x".utf8))
        file.finish()
        #expect(throws: BuildFailure.self) { try writer.commit() }
        #expect(!FileManager.default.fileExists(atPath: site.root.appending(path: "escape.html").path))
    }
}
