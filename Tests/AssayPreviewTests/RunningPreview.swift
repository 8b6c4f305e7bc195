import AssaySupport
import AssayKit
@testable import AssayPreview
import Foundation

/// A preview server on a free port, serving a fresh `TestSite`.
struct RunningPreview {
    let site: TestSite
    let server: PreviewServer
    let port: UInt16
    /// Everything the server reported, in order: what the command line would print.
    let reported: Locked<[PreviewServer.Event]>

    /// Polls fast so the tests wait little; the quiet period still covers a burst of
    /// writes made one after the other.
    static func start(
        limits: RequestLimits = RequestLimits(),
        quietPeriod: Duration = .milliseconds(150),
        watch: WatchMode = .automatic,
        inotifyWatchLimit: Int? = nil,
        prepare: (TestSite) throws -> Void = { _ in }
    ) async throws -> RunningPreview {
        let site = try TestSite()
        try prepare(site)
        var options = PreviewOptions(
            root: site.root, port: 0, watch: watch,
            pollInterval: .milliseconds(50), quietPeriod: quietPeriod, limits: limits)
        options.inotifyWatchLimit = inotifyWatchLimit
        let reported = Locked<[PreviewServer.Event]>([])
        do {
            let server = try PreviewServer(options: options) { event in reported.withLock { $0.append(event) } }
            let port = try await server.start()
            return RunningPreview(site: site, server: server, port: port, reported: reported)
        } catch {
            site.remove()
            throw error
        }
    }

    /// Runs `body` against a fresh preview, and stops it and removes the site however
    /// `body` ends.
    static func with(
        limits: RequestLimits = RequestLimits(),
        quietPeriod: Duration = .milliseconds(150),
        watch: WatchMode = .automatic,
        inotifyWatchLimit: Int? = nil,
        prepare: (TestSite) throws -> Void = { _ in },
        _ body: (RunningPreview) async throws -> Void
    ) async throws {
        let preview = try await start(limits: limits, quietPeriod: quietPeriod, watch: watch, inotifyWatchLimit: inotifyWatchLimit, prepare: prepare)
        do {
            try await body(preview)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    func stop() async {
        await server.stop()
        site.remove()
    }

    /// The files each rebuild reported as changed, in order.
    var rebuilds: [[String]] {
        reported.withLock { $0.compactMap { if case .rebuilding(let changed) = $0 { changed } else { nil } } }
    }

    /// The one-line notices, such as falling back to polling.
    var notices: [String] {
        reported.withLock { $0.compactMap { if case .notice(let line) = $0 { line } else { nil } } }
    }

    /// The reports of the good builds, the first (at start) included.
    var builds: [BuildReport] {
        reported.withLock { $0.compactMap { if case .built(let report) = $0 { report } else { nil } } }
    }

    /// The token the next page would be served with.
    var token: String { server.hub.state.token }

    func get(_ target: String, method: String = "GET", headers: [String] = []) async throws -> RawResponse {
        try await RawHTTP.request(port: port, target, method: method, headers: headers)
    }

    func events(since token: String?) async throws -> EventStreamClient {
        let before = server.hub.clientCount
        let client = try await EventStreamClient(port: port, since: token)
        // The stream is open once the server has registered it; wait for that so no
        // event sent right after can be missed.
        let deadline = ContinuousClock.now + .seconds(10)
        while server.hub.clientCount <= before, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return client
    }
}
