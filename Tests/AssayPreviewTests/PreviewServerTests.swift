import AssayTestSupport
@testable import AssayPreview
import Foundation
import Testing

/// End to end: a real server on a free port, a real site built from the repository's
/// templates, requests over a socket.
@Suite("Preview server", .timeLimit(.minutes(1)))
struct PreviewServerTests {
    @Test func servesPagesWithContentTypesAndNoStore() async throws {
        try await RunningPreview.with { (preview) async throws in
            let expected = [
                "/": "text/html; charset=utf-8",
                "/index.html": "text/html; charset=utf-8",
                "/articles/one.html": "text/html; charset=utf-8",
                "/assets/style.css": "text/css; charset=utf-8",
                "/claims.json": "application/json",
                "/search-index.js": "text/javascript; charset=utf-8",
            ]
            for (path, type) in expected {
                let response = try await preview.get(path)
                #expect(response.status == 200, "\(path)")
                #expect(response.headers["content-type"] == type, "\(path)")
                #expect(response.headers["cache-control"] == "no-store", "\(path)")
                #expect(response.headers["x-content-type-options"] == "nosniff", "\(path)")
            }
        }
    }

    @Test func injectsTheScriptOnlyIntoServedPages() async throws {
        try await RunningPreview.with { (preview) async throws in
            let served = try await preview.get("/articles/one.html").text
            let onDisk = try String(contentsOf: preview.site.output.appending(path: "articles/one.html"), encoding: .utf8)
            #expect(served.contains("<script data-assay-live>"))
            #expect(served.contains("/__assay/events"))
            #expect(served.contains("First version of the page."))
            #expect(!onDisk.contains("data-assay-live"))
            #expect(!onDisk.contains("__assay"))
            // The script sits just before the page's own `</body>`, and only once.
            #expect(served.components(separatedBy: "data-assay-live").count == 2)
            #expect(served.range(of: "</script></body>") != nil)
            // CSS is served byte for byte.
            let css = try await preview.get("/assets/style.css")
            #expect(Data(css.body) == (try Data(contentsOf: preview.site.output.appending(path: "assets/style.css"))))
        }
    }

    @Test func headSendsTheLengthWithoutTheBody() async throws {
        try await RunningPreview.with { (preview) async throws in
            let get = try await preview.get("/articles/one.html")
            let head = try await preview.get("/articles/one.html", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == String(get.body.count))
            #expect(head.headers["content-type"] == "text/html; charset=utf-8")
            let missing = try await preview.get("/no-such-page", method: "HEAD")
            #expect(missing.status == 404)
            #expect(missing.body.isEmpty)
        }
    }

    @Test func foldersServeTheirIndex() async throws {
        try await RunningPreview.with { (preview) async throws in
            let redirect = try await preview.get("/articles?x=1")
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/articles/?x=1")
            let index = try await preview.get("/articles/")
            let onDisk = try String(contentsOf: preview.site.output.appending(path: "articles/index.html"), encoding: .utf8)
            #expect(index.status == 200)
            #expect(index.text.hasPrefix(String(onDisk.prefix(200))))
        }
    }

    @Test func unknownPathsGetTheSites404Page() async throws {
        try await RunningPreview.with { (preview) async throws in
            let response = try await preview.get("/no/such/page.html")
            let page = try String(contentsOf: preview.site.output.appending(path: "404.html"), encoding: .utf8)
            let bodyEnd = try #require(page.range(of: "</body>"))
            #expect(response.status == 404)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.text.hasPrefix(String(page[..<bodyEnd.lowerBound])))
            #expect(response.text.contains("data-assay-live"))
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
    func onlyGetAndHeadAreAllowed(method: String) async throws {
        try await RunningPreview.with { (preview) async throws in
            let response = try await preview.get("/", method: method)
            #expect(response.status == 405)
            #expect(response.headers["allow"] == "GET, HEAD")
        }
    }

    /// Every way out of the site folder: raw `..`, encoded dots and slashes, absolute
    /// paths, symlinks pointing out, NUL bytes. None may return the secret beside it.
    @Test func traversalAttemptsNeverLeaveTheSite() async throws {
        try await RunningPreview.with { (preview) async throws in
            let fm = FileManager.default
            let output = preview.site.output
            try fm.createSymbolicLink(atPath: output.appending(path: "secret-link.txt").path, withDestinationPath: preview.site.root.appending(path: "secret.txt").path)
            try fm.createSymbolicLink(atPath: output.appending(path: "outside").path, withDestinationPath: preview.site.root.path)
            try fm.createSymbolicLink(atPath: output.appending(path: "relative-out.txt").path, withDestinationPath: "../secret.txt")
            try fm.createSymbolicLink(atPath: output.appending(path: "alias.html").path, withDestinationPath: "index.html")
            let attempts: [(target: String, status: Set<Int>)] = [
                ("/../secret.txt", [403]),
                ("/../../../../../../etc/passwd", [403]),
                ("/assets/../../secret.txt", [403]),
                ("/%2e%2e/secret.txt", [403]),
                ("/%2E%2E/%2e%2e/etc/passwd", [403]),
                ("/..%2fsecret.txt", [403]),
                ("/..%2Fsecret.txt", [403]),
                ("/%2e%2e%2fsecret.txt", [403]),
                ("/assets/%2e%2e/%2e%2e/secret.txt", [403]),
                ("/.%2e/secret.txt", [403]),
                ("/./../secret.txt", [403]),
                ("/assets/%2e/%2e%2e/%2e%2e/secret.txt", [403]),
                ("/%2e%2e%5csecret.txt", [404]),
                ("/%252e%252e/secret.txt", [404]),
                ("//etc/passwd", [404]),
                ("/%2Fetc%2Fpasswd", [404]),
                ("/etc/passwd", [404]),
                (preview.site.root.appending(path: "secret.txt").path, [404]),
                ("/secret-link.txt", [403]),
                ("/relative-out.txt", [403]),
                ("/outside/secret.txt", [403]),
                ("/outside/", [403]),
                ("/index.html%00.css", [403]),
                ("/%00", [403]),
                ("/index.html\u{0}.css", [403]),
                ("/\u{0}/../secret.txt", [403]),
                ("/..\\secret.txt", [404]),
                ("secret.txt", [400]),
                ("http://127.0.0.1/../secret.txt", [400]),
                ("/%zz", [400]),
            ]
            for attempt in attempts {
                let response: RawResponse
                do {
                    response = try await preview.get(attempt.target)
                } catch {
                    Issue.record("\(attempt.target.debugDescription): \(error)")
                    continue
                }
                #expect(attempt.status.contains(response.status), "\(attempt.target) got \(response.status)")
                #expect(!response.text.contains(TestSite.secret), "\(attempt.target) leaked the secret")
                #expect(!response.text.contains("root:x:0"), "\(attempt.target) leaked /etc/passwd")
            }
            // A symlink that stays inside the site is fine.
            let alias = try await preview.get("/alias.html")
            #expect(alias.status == 200)
        }
    }

    /// The default limits: 8 KiB request line and header field, 100 fields, 32 KiB of
    /// header fields, no bodies.
    @Test func oversizedRequestsAreRefused() async throws {
        try await RunningPreview.with { (preview) async throws in
            #expect(try await preview.get("/" + String(repeating: "a", count: 8200)).status == 414)
            #expect(try await preview.get("/?q=" + String(repeating: "q", count: 8200)).status == 414)
            let bigField = "X-Big: " + String(repeating: "b", count: 8190)
            #expect(try await preview.get("/", headers: [bigField]).status == 431)
            let manyFields = (0..<101).map { "X-Field-\($0): value" }
            #expect(try await preview.get("/", headers: manyFields).status == 431)
            let bigHead = (0..<5).map { "X-Part-\($0): " + String(repeating: "c", count: 7000) }
            #expect(try await preview.get("/", headers: bigHead).status == 431)
            let post = Array("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello".utf8)
            #expect(try await RawHTTP.exchange(port: preview.port, post).status == 413)
            let getWithBody = Array("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello".utf8)
            #expect(try await RawHTTP.exchange(port: preview.port, getWithBody).status == 413)
            #expect(try await preview.get("/", headers: ["Transfer-Encoding: chunked"]).status == 413)
            #expect(try await preview.get("/", headers: ["Content-Length: ten"]).status == 400)
            // Just under every limit is fine, and the server is still serving.
            let fine = (0..<4).map { "X-Ok-\($0): " + String(repeating: "d", count: 7000) } + (0..<90).map { "X-N\($0): v" }
            #expect(try await preview.get("/", headers: fine).status == 200)
            #expect(try await preview.get("/?q=" + String(repeating: "q", count: 8100)).status == 200)
            #expect(try await preview.get("/", headers: ["Content-Length: 0"]).status == 200)
        }
    }

    @Test func malformedHeadsGet400Or505() async throws {
        try await RunningPreview.with { (preview) async throws in
            let heads = [
                ("GET /\r\nHost: x\r\n\r\n", 400),
                ("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400),
                ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
                ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
                ("GET / HTTP/1.1\r\n\r\n", 400),
                ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                ("GET / HTTP/1.0\r\n\r\n", 200),
            ]
            for (head, status) in heads {
                #expect(try await RawHTTP.exchange(port: preview.port, Array(head.utf8)).status == status, "\(head)")
            }
        }
    }

    /// Several requests on one connection, the second sent before the first is answered.
    @Test func keepAliveAndPipelinedRequests() async throws {
        try await RunningPreview.with { (preview) async throws in
            let bytes = try await RawHTTP.exchange(port: preview.port, Array((
                "GET /assets/style.css HTTP/1.1\r\nHost: x\r\n\r\n" + "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /no-such-page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").utf8), raw: true)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            #expect(text.components(separatedBy: "HTTP/1.1 404 Not Found").count == 2)
            // In order: the 404 (the last request) comes after both 200s.
            let lastOK = try #require(text.range(of: "HTTP/1.1 200 OK", options: .backwards))
            let notFound = try #require(text.range(of: "HTTP/1.1 404 Not Found"))
            #expect(lastOK.upperBound < notFound.lowerBound)
        }
    }

    @Test func connectionsThatStallAreClosed() async throws {
        try await RunningPreview.with(limits: RequestLimits(headTimeout: .milliseconds(300))) { (preview) async throws in
            let received = try await offPool {
                let connection = try RawConnection(port: preview.port)
                try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                return try connection.receiveAll(within: .seconds(10))
            }
            #expect(received.isEmpty)
            #expect(try await preview.get("/").status == 200)
        }
    }

    /// A kept-alive connection with no next request is closed after the idle timeout,
    /// once its response has been sent.
    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        try await RunningPreview.with(limits: RequestLimits(idleTimeout: .milliseconds(300))) { (preview) async throws in
            let received = try await offPool {
                let connection = try RawConnection(port: preview.port)
                try connection.send("GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                return try connection.receiveAll(within: .seconds(10))
            }
            #expect(try RawResponse(received).status == 200)
        }
    }

    @Test func changedPageReloadsTheTabWithTheNewContent() async throws {
        try await RunningPreview.with { (preview) async throws in
            let before = preview.token
            let events = try await preview.events(since: before)
            try preview.site.write("content/articles/one.md", TestSite.page(body: "Second version of the page."))
            let reload = try await events.next("reload")
            #expect(reload.data != before)
            #expect(reload.data == preview.token)
            let page = try await preview.get("/articles/one.html")
            #expect(page.text.contains("Second version of the page."))
            #expect(!page.text.contains("First version of the page."))
        }
    }

    /// Told to poll, the server polls, and a save still reloads the tab; left to choose,
    /// it uses inotify on Linux.
    @Test(arguments: [WatchMode.polling, .automatic])
    func aSaveReloadsWithEitherWatcher(mode: WatchMode) async throws {
        try await RunningPreview.with(watch: mode) { (preview) async throws in
            #if os(Linux)
            #expect(preview.server.isPolling == (mode == .polling))
            #else
            #expect(preview.server.isPolling)
            #endif
            let events = try await preview.events(since: preview.token)
            try preview.site.write("content/articles/one.md", TestSite.page(body: "Saved with \(mode)."))
            _ = try await events.next("reload")
            #expect(try await preview.get("/articles/one.html").text.contains("Saved with \(mode)."))
            #expect(preview.rebuilds == [["content/articles/one.md"]])
        }
    }

    /// A folder made while serving (inotify must add a watch for it) and its page.
    @Test func aPageInANewFolderIsBuilt() async throws {
        try await RunningPreview.with { (preview) async throws in
            let events = try await preview.events(since: preview.token)
            try FileManager.default.createDirectory(at: preview.site.content.appending(path: "fresh/deeper"), withIntermediateDirectories: true)
            try preview.site.write("content/fresh/deeper/new.md", TestSite.page(body: "A page in a new folder."))
            _ = try await events.next("reload")
            #expect(try await preview.get("/fresh/deeper/new.html").text.contains("A page in a new folder."))
            let next = try await preview.events(since: preview.token)
            try preview.site.write("content/fresh/deeper/new.md", TestSite.page(body: "Edited in the new folder."))
            _ = try await next.next("reload")
            #expect(try await preview.get("/fresh/deeper/new.html").text.contains("Edited in the new folder."))
        }
    }

    #if os(Linux)
    /// inotify out of watches, as when `fs.inotify.max_user_watches` is reached: at
    /// start, the server polls instead and says so in one line; for a folder made while
    /// serving, it switches to polling, and builds the folder's page all the same.
    @Test func runningOutOfInotifyWatchesFallsBackToPolling() async throws {
        try await RunningPreview.with(inotifyWatchLimit: 1) { (preview) async throws in
            #expect(preview.server.isPolling)
            #expect(preview.notices.count == 1)
            #expect(preview.notices.first?.contains("polling every 50 ms instead") == true)
        }
        // The site root, content, content/articles, templates and its folders: exactly enough.
        let watches = try TestSite.folderCount() + 1
        try await RunningPreview.with(inotifyWatchLimit: watches) { (preview) async throws in
            #expect(!preview.server.isPolling)
            let events = try await preview.events(since: preview.token)
            try FileManager.default.createDirectory(at: preview.site.content.appending(path: "fresh"), withIntermediateDirectories: true)
            try preview.site.write("content/fresh/new.md", TestSite.page(body: "Seen after the fallback."))
            _ = try await events.next("reload")
            #expect(preview.server.isPolling)
            #expect(preview.notices.count == 1)
            #expect(preview.notices.first?.contains("no inotify watch left") == true)
            #expect(try await preview.get("/fresh/new.html").text.contains("Seen after the fallback."))
            // Polling from now on: a later save is still seen.
            let next = try await preview.events(since: preview.token)
            try preview.site.write("content/fresh/new.md", TestSite.page(body: "Seen by polling."))
            _ = try await next.next("reload")
            #expect(try await preview.get("/fresh/new.html").text.contains("Seen by polling."))
        }
    }
    #endif

    @Test func templateChangeRebuildsToo() async throws {
        try await RunningPreview.with { (preview) async throws in
            let events = try await preview.events(since: preview.token)
            let css = preview.site.root.appending(path: "templates/assets/style.css")
            let original = try String(contentsOf: css, encoding: .utf8)
            try (original + "\n.preview-test-marker{color:red}\n").write(to: css, atomically: true, encoding: .utf8)
            _ = try await events.next("reload")
            #expect(try await preview.get("/assets/style.css").text.contains("preview-test-marker"))
        }
    }

    @Test func brokenPageShowsTheErrorsAndKeepsTheLastGoodSite() async throws {
        try await RunningPreview.with { (preview) async throws in
            let events = try await preview.events(since: preview.token)
            try preview.site.write("content/articles/one.md", TestSite.page(body: "Broken version.", level: "anecdotl"))
            let failure = try await events.next("build-error")
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(failure.data.utf8)) as? [String: Any])
            let errors = try #require(payload["errors"] as? [[String: Any]])
            let first = try #require(errors.first)
            #expect(first["path"] as? String == "content/articles/one.md")
            #expect(first["line"] as? Int == TestSite.secondClaimLine)
            #expect((first["message"] as? String)?.contains("anecdotl") == true)

            // The last good page, with the errors in it for the overlay.
            let page = try await preview.get("/articles/one.html")
            #expect(page.status == 200)
            #expect(page.text.contains("First version of the page."))
            #expect(!page.text.contains("Broken version."))
            #expect(page.text.contains(#""path":"content/articles/one.md""#))
            #expect(page.text.contains(#""line":\#(TestSite.secondClaimLine)"#))

            try preview.site.write("content/articles/one.md", TestSite.page(body: "Fixed version of the page."))
            _ = try await events.next("reload")
            let fixed = try await preview.get("/articles/one.html")
            #expect(fixed.text.contains("Fixed version of the page."))
            #expect(fixed.text.contains(#""errors":[]"#))
        }
    }

    @Test func firstBuildFailingStillServesTheErrors() async throws {
        try await RunningPreview.with(prepare: { site in
            try site.write("content/articles/one.md", TestSite.page(body: "Broken from the start.", level: "nope"))
        }) { (preview) async throws in
            let home = try await preview.get("/")
            #expect(home.status == 404)
            #expect(home.text.contains("data-assay-live"))
            #expect(home.text.contains(#""path":"content/articles/one.md""#))
            // A tab that connects now is told about the errors at once.
            let events = try await preview.events(since: preview.token)
            let failure = try await events.next("build-error")
            #expect(failure.data.contains("unknown evidence level 'nope'"))

            try preview.site.write("content/articles/one.md", TestSite.page(body: "Now it builds."))
            _ = try await events.next("reload")
            #expect(try await preview.get("/").status == 200)
            #expect(try await preview.get("/articles/one.html").text.contains("Now it builds."))
        }
    }

    @Test func tabFromAnotherBuildReloadsWhenItConnects() async throws {
        try await RunningPreview.with { (preview) async throws in
            let events = try await preview.events(since: "an-earlier-server-1")
            let reload = try await events.next("reload")
            #expect(reload.data == preview.token)
        }
    }

    /// A longer quiet period than the other tests: on a loaded machine the writes of
    /// the burst may be some way apart, and they must still count as one burst.
    @Test func burstOfChangesGivesOneRebuild() async throws {
        try await RunningPreview.with(quietPeriod: .milliseconds(400)) { (preview) async throws in
            let builds = preview.server.buildCount
            let events = try await preview.events(since: preview.token)
            // Like a `git checkout`: several files, one after the other.
            for version in 1...4 {
                try preview.site.write("content/articles/one.md", TestSite.page(body: "Burst version \(version)."))
                try preview.site.write("content/_index.md", TestSite.home + "\nBurst \(version).\n")
            }
            _ = try await events.next("reload")
            #expect(try await preview.get("/articles/one.html").text.contains("Burst version 4."))
            // Long enough for a second rebuild to have started had the burst been split.
            try await Task.sleep(for: .milliseconds(600))
            #expect(preview.server.buildCount == builds + 1)
            #expect(preview.rebuilds == [["content/_index.md", "content/articles/one.md"]])
        }
    }

    /// The build cache at work: editing one page rewrites that page and the site-wide
    /// files that show it, not the whole site.
    @Test func editingOnePageRewritesOnlyWhatItChanged() async throws {
        try await RunningPreview.with { (preview) async throws in
            let events = try await preview.events(since: preview.token)
            try preview.site.write("content/articles/one.md", TestSite.page(body: "A small edit."))
            _ = try await events.next("reload")
            let first = try #require(preview.builds.first)
            let edit = try #require(preview.builds.last)
            #expect(preview.builds.count == 2)
            #expect(first.unchanged == 0)
            #expect(edit.written >= 1)
            #expect(edit.unchanged > 0)
            #expect(edit.written < first.written)
        }
    }

    @Test func unchangedOutputSendsNoReload() async throws {
        try await RunningPreview.with { (preview) async throws in
            let token = preview.token
            let builds = preview.server.buildCount
            // Same bytes, new modification time: a rebuild that writes nothing.
            let page = preview.site.content.appending(path: "articles/one.md")
            try Data(contentsOf: page).write(to: page)
            let deadline = ContinuousClock.now + .seconds(20)
            while preview.server.buildCount == builds, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(preview.server.buildCount == builds + 1)
            #expect(preview.token == token)
        }
    }

    @Test func stopEndsEventStreamsAndClosesThePort() async throws {
        try await RunningPreview.with { (preview) async throws in
            let events = try await preview.events(since: preview.token)
            await preview.server.stop()
            #expect(try await events.waitForEnd())
            await #expect(throws: (any Error).self) {
                _ = try await RawHTTP.request(port: preview.port, "/")
            }
        }
    }

    @Test func portInUseIsReported() async throws {
        try await RunningPreview.with { (preview) async throws in
            let second = try PreviewServer(options: PreviewOptions(root: preview.site.root, output: preview.site.root.appending(path: "public2"), port: preview.port))
            await #expect(throws: PreviewError.self) {
                _ = try await second.start()
            }
        }
    }
}
