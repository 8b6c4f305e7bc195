import AssayTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Assay as a user gets it: the binary copied out of the build folder, run from an empty
/// folder with an empty HOME, so nothing of this checkout (its templates/, its build
/// folders) is within reach. The quick start must end on a working site.
@Suite("Installed tool", .serialized)
struct InstalledToolTests {
    /// A folder outside the checkout holding a copy of the binary, an empty HOME and a
    /// working folder. Removed when released.
    final class Install {
        let base = FileManager.default.temporaryDirectory.appending(path: "assay-installed-\(UUID().uuidString)")
        var binary: URL { base.appending(path: "bin/assay") }
        var home: URL { base.appending(path: "home") }
        var work: URL { base.appending(path: "work") }

        init() throws {
            #expect(!base.path.hasPrefix(TemporarySite.repository.path + "/"), "the copy must live outside the checkout")
            for folder in [base.appending(path: "bin"), home, work] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            // Copied by `cp`, never opened for writing by this process: a child another
            // test forks while the copy is open inherits the descriptor, and running the
            // copy then fails with "Text file busy" (ETXTBSY) for as long as that child
            // holds it (seen once in CI, in `ejectedThemeBuildsTheSameSite`).
            let copy = try Subprocess.run(URL(fileURLWithPath: "/bin/cp"), [AssayProcess.binary.path, binary.path])
            #expect(copy.status == 0, "cp: \(String(decoding: copy.stderr, as: UTF8.self))")
        }

        deinit { try? FileManager.default.removeItem(at: base) }

        /// Only PATH and HOME: no SwiftPM or test variables leak in.
        var environment: [String: String] { ["PATH": "/usr/bin:/bin", "HOME": home.path] }

        func run(_ arguments: [String], in folder: URL? = nil) throws -> AssayProcess.Result {
            let output = try Subprocess.run(binary, arguments, in: folder ?? work, environment: environment)
            return AssayProcess.Result(
                status: output.status, stdout: String(decoding: output.stdout, as: UTF8.self), stderr: String(decoding: output.stderr, as: UTF8.self))
        }

        /// Every regular file under `folder`, by relative path, with its bytes.
        func tree(_ folder: URL) -> [String: Data] {
            var files: [String: Data] = [:]
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
            while let relative = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder.path + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                    files[relative] = FileManager.default.contents(atPath: folder.path + "/" + relative)
                }
            }
            return files
        }
    }

    @Test("init, build, check --strict and serve work from an empty folder, with the built-in theme")
    func quickStart() async throws {
        let install = try Install()
        let initRun = try install.run(["init", "my-guide", "--title", "My guide"])
        #expect(initRun.status == 0, "\(initRun)")
        #expect(initRun.stdout.contains("created my-guide/content/site.yml"))
        let site = install.work.appending(path: "my-guide")
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "templates").path), "init writes no theme: it is built in")

        let build = try install.run(["build"], in: site)
        #expect(build.status == 0, "\(build)")
        #expect(build.stderr == "", "a fresh guide builds without a warning")
        #expect(build.stdout.hasPrefix("built 2 pages, 4 claims (1 Established, 1 Preliminary study, 1 Anecdotal, 1 No good evidence)"), "\(build)")
        let check = try install.run(["check", "--strict"], in: site)
        #expect(check.status == 0, "\(check)")
        #expect(check.stderr == "check: 0 errors, 0 warnings (2 pages, 4 claims)\n", "\(check)")

        let example = String(decoding: try Data(contentsOf: site.appending(path: "public/example.html")), as: UTF8.self)
        #expect(example.contains("id=\"grade-summary\" data-level=\"established\""))
        #expect(example.contains("Guyatt GH"))
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "public/assets/style.css").path))

        let (home, page) = try await Self.serveAndGet(install, site: site)
        // The home page shows the guide's evidence profile and links to the example page,
        // whose claims carry the badges.
        #expect(home.contains("Established: 1") && home.contains("No good evidence: 1") && home.contains("href=\"example.html\""), "\(home)")
        for level in ["established", "preliminary", "anecdotal", "unsupported"] {
            #expect(page.contains("data-level=\"\(level)\""), "the example page has no \(level) claim badge")
        }
    }

    /// Starts `assay serve --port 0`, reads the URL it prints, GETs `/` and the example
    /// page (both must answer 200) and stops it with SIGTERM, expecting a clean exit.
    static func serveAndGet(_ install: Install, site: URL) async throws -> (home: String, example: String) {
        let process = Process()
        process.executableURL = install.binary
        process.arguments = ["serve", "--port", "0", "--output", "served"]
        process.currentDirectoryURL = site
        process.environment = install.environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        var url: URL?
        while url == nil, Date() < deadline {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
            if let match = printed.firstMatch(of: /at (http:\/\/127\.0\.0\.1:\d+\/)/) { url = URL(string: String(match.1)) }
        }
        let address = try #require(url, "serve printed no URL: \(printed)")
        var bodies: [String] = []
        for path in ["", "example.html"] {
            let (body, response) = try await URLSession.shared.data(from: address.appending(path: path))
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "GET /\(path)")
            bodies.append(String(decoding: body, as: UTF8.self))
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "serve did not stop cleanly on SIGTERM")
        return (bodies[0], bodies[1])
    }

    @Test("the site built from the built-in theme is byte for byte the one built with the theme ejected in full")
    func ejectedThemeBuildsTheSameSite() throws {
        let install = try Install()
        // The same title: by default it is made from the folder's name.
        #expect(try install.run(["init", "a", "--title", "Same"]).status == 0)
        #expect(try install.run(["init", "b", "--title", "Same"]).status == 0)
        let a = install.work.appending(path: "a"), b = install.work.appending(path: "b")
        let eject = try install.run(["theme", "eject"], in: b)
        #expect(eject.status == 0, "\(eject)")
        #expect(eject.stdoutLines.filter { $0.hasPrefix("created templates/") }.count >= 20, "\(eject)")
        let list = try install.run(["theme", "list"], in: b)
        #expect(list.stdout.contains("page.mustache") && list.stdout.contains("overridden by templates/ (same as the built-in)"), "\(list)")
        #expect(!list.stdout.contains("differs"), "\(list)")
        for folder in [a, b] { #expect(try install.run(["build"], in: folder).status == 0) }
        let builtIn = install.tree(a.appending(path: "public")), ejected = install.tree(b.appending(path: "public"))
        #expect(builtIn.count > 10)
        #expect(builtIn == ejected)
    }

    @Test("--version names the version and the commit it was built from")
    func version() throws {
        let install = try Install()
        let result = try install.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /0\.1\.0 \(commit ([0-9a-f]{7}|unknown)\)\n/) != nil, "\(result)")
    }
}
