import AssayKit
import FlyingFox
import FlyingSocks
import Foundation

/// `assay serve`: builds the site, serves the output folder over HTTP (FlyingFox),
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
    }

    public let options: PreviewOptions
    public let address: ListenAddress
    let hub = LiveReloadHub()
    private let pool: IdleTimeoutPool
    private let http: HTTPServer
    private let onEvent: @Sendable (Event) -> Void
    private let watcher: SiteWatcher
    private let tasks = LockedValue(Tasks())

    private struct Tasks {
        var run: Task<Void, Never>?
        var background: [Task<Void, Never>] = []
        var runError: String?
        var runEnded = false
    }

    public init(options: PreviewOptions, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) throws(PreviewError) {
        self.options = options
        self.onEvent = onEvent
        address = try ListenAddress(options.host)
        pool = IdleTimeoutPool(base: HTTPServer.defaultPool(), timeout: options.limits.idleTimeout)
        let config = try address.configuration(port: options.port, pool: pool)
        http = HTTPServer(config: config, handler: SiteRequestHandler(output: options.output, hub: hub, limits: options.limits))
        let output = options.output
        watcher = SiteWatcher(
            paths: options.watchedPaths,
            excluding: [output, output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).assay-staging")])
    }

    /// Builds the site once, starts listening and watching. Returns the port listened
    /// on (the one asked for, or a free one for port 0). A failed first build does not
    /// stop it: the tabs show the errors until a rebuild succeeds.
    public func start() async throws(PreviewError) -> UInt16 {
        let before = watcher.snapshot()
        await rebuild(changed: [])
        let run = Task { [http, tasks] in
            do {
                try await http.run()
            } catch {
                tasks.withLock { $0.runError = "\(error)" }
            }
            tasks.withLock { $0.runEnded = true }
        }
        tasks.withLock { $0.run = run }
        // FlyingFox reports a bind failure only by `run()` ending, so wait for whichever
        // comes first: listening, or the end of `run()`.
        while await !http.isListening {
            if let failure = tasks.withLock({ $0.runEnded ? ($0.runError ?? "stopped") : nil }) {
                throw .cannotListen(host: address.host, port: options.port, reason: failure)
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let port: UInt16 = switch await http.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: port
        default: options.port
        }
        // Strong references: `stop()` cancels both, and they must outlive `start()`.
        let watch = Task { await self.watch(from: before) }
        let housekeeping = Task { await self.housekeeping() }
        tasks.withLock { $0.background = [watch, housekeeping] }
        return port
    }

    /// Stops watching, ends the event streams (so open tabs see the server go) and
    /// closes the listening socket and every connection. A rebuild under way finishes
    /// first, so the output folder is never left half written.
    public func stop() async {
        let (run, background) = tasks.withLock { t in
            defer { t.background = [] }
            return (t.run, t.background)
        }
        for task in background { task.cancel() }
        for task in background { await task.value }
        hub.close()
        await http.stop(timeout: 1)
        run?.cancel()
        await run?.value
    }

    /// Returns when the server has stopped, by `stop()` or because it failed.
    public func waitUntilStopped() async {
        await tasks.withLock { $0.run }?.value
    }

    /// Builds finished since start, failed ones included.
    public var buildCount: Int { hub.buildCount }

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

    /// Polls the sources; after a change, waits until they have been quiet for the quiet
    /// period, then rebuilds once. Changes made during a rebuild are seen by the next poll.
    private func watch(from initial: SiteWatcher.Snapshot) async {
        var last = initial
        while !Task.isCancelled {
            var current = watcher.snapshot()
            if current != last {
                var settled: SiteWatcher.Snapshot
                repeat {
                    settled = current
                    guard (try? await Task.sleep(for: options.quietPeriod)) != nil else { return }
                    current = watcher.snapshot()
                } while current != settled
                let root = options.root.path + "/"
                let changed = SiteWatcher.changes(from: last, to: current).map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 }
                last = current
                await rebuild(changed: changed)
                continue
            }
            guard (try? await Task.sleep(for: options.pollInterval)) != nil else { return }
        }
    }

    /// Closes connections idle past the limit; pings the event streams now and then so
    /// connections whose tab has gone are noticed and closed.
    private func housekeeping() async {
        let tick = min(options.limits.idleTimeout / 4, .seconds(1))
        var sincePing = Duration.zero
        while (try? await Task.sleep(for: tick)) != nil {
            pool.closeIdleConnections()
            sincePing += tick
            if sincePing >= .seconds(15) {
                hub.ping()
                sincePing = .zero
            }
        }
    }
}
