import AssayKit
import AssaySupport
import Foundation

/// `assay serve`: builds the site, serves the output folder over HTTP (`HTTPServer`),
/// rebuilds when a source changes and tells the open tabs to reload.
///
/// A failed build changes nothing in the output folder (`SiteBuilder` writes only after
/// everything rendered), so the last good site keeps being served while the tabs show
/// the diagnostics.
public final class PreviewServer: Sendable {
    /// Something the command line may want to print.
    public enum Event: Sendable {
        /// Sources changed (paths relative to the site root); a rebuild starts.
        case rebuilding(changed: [String])
        case built(BuildReport)
        case failed([Diagnostic])
        /// A one-line message about the server itself, such as falling back to polling.
        case notice(String)
    }

    public let options: PreviewOptions
    public let address: ListenAddress
    let hub = LiveReloadHub()
    private let onEvent: @Sendable (Event) -> Void
    private let state = Locked(State())

    private struct State {
        var http: HTTPServer?
        var feed: (any ChangeFeed)?
        var background: [Task<Void, Never>] = []
        var stopped = false
    }

    public init(options: PreviewOptions, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) throws(PreviewError) {
        self.options = options
        self.onEvent = onEvent
        address = try ListenAddress(options.host)
    }

    /// Starts listening, builds the site once and starts watching. Returns the port
    /// listened on (the one asked for, or a free one for port 0). A failed first build
    /// does not stop it: the tabs show the errors until a rebuild succeeds. Requests
    /// that come during the first build wait for it.
    public func start() async throws(PreviewError) -> UInt16 {
        hub.buildStarted()
        let http = try HTTPServer(
            address: address, port: options.port, limits: options.limits,
            handler: SiteRequestHandler(output: options.output, hub: hub))
        // Watching starts before the first build, so a save made during it is seen.
        let feed = makeFeed()
        state.withLock {
            $0.http = http
            $0.feed = feed
        }
        http.start()
        await rebuild(changed: [])
        // Strong references: `stop()` cancels both, and they must outlive `start()`.
        let watch = Task { await self.watch(feed) }
        let housekeeping = Task { await self.housekeeping() }
        state.withLock { $0.background = [watch, housekeeping] }
        return http.port
    }

    /// Stops watching, ends the event streams (so open tabs see the server go) and
    /// closes the listening socket and every connection. A rebuild under way finishes
    /// first, so the output folder is never left half written.
    public func stop() async {
        let (http, feed, background) = state.withLock { s in
            defer {
                s.background = []
                s.stopped = true
            }
            return (s.http, s.feed, s.background)
        }
        for task in background { task.cancel() }
        feed?.close()
        for task in background { await task.value }
        hub.close()
        await http?.stop()
    }

    /// Returns when the server has stopped.
    public func waitUntilStopped() async {
        await state.withLock { $0.http }?.waitUntilStopped()
    }

    /// Builds finished since start, failed ones included.
    public var buildCount: Int { hub.buildCount }

    /// The HTTP server, once started: for tests.
    var http: HTTPServer? { state.withLock { $0.http } }

    /// Whether changes are seen by polling (asked for, or inotify could not start).
    var isPolling: Bool { state.withLock { $0.feed is PollingFeed } }

    /// Rebuilds now; rebuilds are serialised by the one watch loop that calls this.
    /// The outcome is reported before the tabs hear of it, so whoever reads the log
    /// has the summary by the time a tab reloads.
    func rebuild(changed: [String]) async {
        hub.buildStarted()
        if !changed.isEmpty { onEvent(.rebuilding(changed: changed)) }
        switch await Self.build(options.buildOptions) {
        case .success(let report):
            onEvent(.built(report))
            hub.buildSucceeded(changed: report.written + report.removed > 0)
        case .failure(let failure):
            onEvent(.failed(failure.diagnostics))
            hub.buildFailed(failure.diagnostics)
        }
    }

    /// Runs the build on a Dispatch thread: it blocks for as long as it renders, and the
    /// request handlers share the few threads of Swift's cooperative pool.
    private static func build(_ options: BuildOptions) async -> Result<BuildReport, BuildFailure> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do throws(BuildFailure) {
                    continuation.resume(returning: .success(try SiteBuilder.build(options)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
    }

    /// inotify when asked for and available, polling otherwise (with a line saying why).
    private func makeFeed() -> any ChangeFeed {
        if options.watch == .automatic {
            #if os(Linux)
            do throws(InotifyFeed.StartError) {
                return try InotifyFeed(paths: options.watchedPaths, excluding: options.unwatchedPaths, maxWatches: options.inotifyWatchLimit)
            } catch {
                if case .unavailable(let reason) = error { onEvent(.notice(pollingNotice(reason))) }
            }
            #endif
        }
        return pollingFeed()
    }

    private func pollingFeed() -> PollingFeed {
        PollingFeed(watcher: SiteWatcher(paths: options.watchedPaths, excluding: options.unwatchedPaths), interval: options.pollInterval)
    }

    private func pollingNotice(_ reason: String) -> String {
        let (seconds, attoseconds) = options.pollInterval.components
        return "cannot watch with inotify (\(reason)): polling every \(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms instead"
    }

    /// Waits for each burst of changes and rebuilds once for it. Changes made during a
    /// rebuild make the next burst.
    private func watch(_ initial: any ChangeFeed) async {
        var feed = initial
        var isPolling = feed is PollingFeed
        let root = options.root.path + "/"
        let relative = { (paths: [String]) in paths.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 } }
        while !Task.isCancelled {
            let quiet = options.quietPeriod ?? (isPolling ? .milliseconds(150) : .milliseconds(30))
            guard let burst = try? await feed.nextBurst(quiet: quiet) else { return }
            switch burst {
            case .changed(let changed):
                await rebuild(changed: relative(changed))
            case .failed(let reason, let changed):
                // A folder inotify could not watch: poll from now on, and rebuild for
                // what was seen, the unwatched folder's files among it.
                onEvent(.notice(pollingNotice(reason)))
                feed.close()
                feed = pollingFeed()
                isPolling = true
                let replaced = feed
                let stopped = state.withLock { s -> Bool in
                    if !s.stopped { s.feed = replaced }
                    return s.stopped
                }
                if stopped { return }
                await rebuild(changed: relative(changed))
            }
        }
    }

    /// Pings the event streams now and then, so connections whose tab has gone are
    /// noticed and closed, and proxies keep quiet ones open.
    private func housekeeping() async {
        while (try? await Task.sleep(for: .seconds(15))) != nil {
            hub.ping()
        }
    }
}
