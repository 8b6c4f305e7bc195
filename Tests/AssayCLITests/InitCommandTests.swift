import Foundation
import Testing

/// `assay init`: never overwrites, refuses what it cannot do with exit 2 and writes nothing.
@Suite("assay init")
struct InitCommandTests {
    static let written = ["content/site.yml", "content/_index.md", "content/example.md", "content/sources.yml", ".gitignore", ".github/workflows/site.yml"]

    @Test("into the current folder; the pages are reviewed today, so nothing is overdue")
    func currentFolder() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["init"], in: folder.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.prefix(6).map { $0 } == Self.written.map { "created \($0)" })
        let home = try String(contentsOf: folder.url.appending(path: "content/_index.md"), encoding: .utf8)
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        #expect(home.contains("reviewed: \(today)\n"))
        let config = try String(contentsOf: folder.url.appending(path: "content/site.yml"), encoding: .utf8)
        // No --title: one made from the folder's name, "assay-cli-…".
        #expect(config.contains("\ntitle: \"Assay cli "), "\(config)")
        let check = try AssayProcess.run(["check", "--strict"], in: folder.url)
        #expect(check.status == 0, "\(check)")
    }

    @Test("--title with quotes and a colon is written as valid YAML and shown escaped")
    func title() throws {
        let folder = try TemporaryFolder()
        #expect(try AssayProcess.run(["init", "g", "--title", "Pain: \"what works\" <really>"], in: folder.url).status == 0)
        let site = folder.url.appending(path: "g")
        #expect(try AssayProcess.run(["build"], in: site).status == 0)
        let index = try String(contentsOf: site.appending(path: "public/index.html"), encoding: .utf8)
        #expect(index.contains("Pain: &quot;what works&quot; &lt;really&gt;") || index.contains("Pain: \"what works\" &lt;really&gt;"))
        #expect(!index.contains("<really>"))
    }

    @Test("a folder that is not empty: exit 2, a clear message, nothing written")
    func notEmpty() throws {
        let folder = try TemporaryFolder()
        try Data("mine\n".utf8).write(to: folder.url.appending(path: "notes.txt"))
        let result = try AssayProcess.run(["init"], in: folder.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("is not empty (it holds notes.txt)") && result.stderr.contains("--force"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["notes.txt"])
    }

    @Test("--force writes only the missing files and names those it skipped")
    func force() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "content"), withIntermediateDirectories: true)
        let mine = "title: \"Mine\"\n"
        try Data(mine.utf8).write(to: folder.url.appending(path: "content/site.yml"))
        let result = try AssayProcess.run(["init", "--force"], in: folder.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("skipped content/site.yml: it exists and is kept as it is"))
        #expect(result.stdout.contains("created content/example.md"))
        #expect(try String(contentsOf: folder.url.appending(path: "content/site.yml"), encoding: .utf8) == mine)
    }

    @Test("a .git folder alone still counts as empty")
    func gitOnly() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appending(path: ".git"), withIntermediateDirectories: true)
        #expect(try AssayProcess.run(["init"], in: folder.url).status == 0)
    }

    @Test("a file path, or a folder that cannot be created: exit 2 and a message naming it")
    func badTargets() throws {
        let folder = try TemporaryFolder()
        try Data("x\n".utf8).write(to: folder.url.appending(path: "file"))
        let file = try AssayProcess.run(["init", "file"], in: folder.url)
        #expect(file.status == 2, "\(file)")
        #expect(file.stderr == "file: error: file is a file, not a folder: name a new or empty folder [io]\n", "\(file)")
        // /proc refuses new folders even to root, who may write anywhere else.
        let proc = try AssayProcess.run(["init", "/proc/assay-init-test"], in: folder.url)
        #expect(proc.status == 2, "\(proc)")
        #expect(proc.stderr.hasPrefix("/proc/assay-init-test: error: cannot create /proc/assay-init-test"), "\(proc)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["file"])
    }

    @Test("a read-only folder: exit 2, nothing written", .enabled(if: getuid() != 0, "root may write anywhere"))
    func readOnly() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appending(path: "ro")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: target.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path) }
        let result = try AssayProcess.run(["init", "ro"], in: folder.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("cannot write in ro"))
    }

    @Test("theme eject of a name not in the theme: exit 2 with a suggestion")
    func ejectUnknown() throws {
        let folder = try TemporaryFolder()
        let result = try AssayProcess.run(["theme", "eject", "pge.mustache"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "error: the built-in theme has no 'pge.mustache' — did you mean 'page.mustache'? (`assay theme list` shows every file)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
