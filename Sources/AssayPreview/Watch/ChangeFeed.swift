import AssaySupport
import AssayKit
import Foundation

/// Where the watch loop learns that the site's sources changed: inotify events on
/// Linux (`InotifyFeed`), polling elsewhere and whenever inotify cannot be used
/// (`PollingFeed`).
protocol ChangeFeed: Sendable {
    /// Waits for a change, then until the sources have been quiet for `quiet`, so a
    /// burst of saves is one answer. Throws `CancellationError` when the task is cancelled.
    func nextBurst(quiet: Duration) async throws -> Burst
    /// Releases what the feed holds (a thread, descriptors).
    func close()
}

enum Burst: Sendable, Equatable {
    /// The files added, changed or removed (absolute paths, sorted).
    case changed([String])
    /// The feed can no longer see every change (inotify ran out of watches): the reason,
    /// and what it had seen so far.
    case failed(reason: String, changed: [String])
}

/// How `assay serve` notices changes.
public enum WatchMode: Sendable, Equatable {
    /// inotify where there is one (Linux), polling otherwise or if it cannot start.
    case automatic
    /// Polling only: for file systems that send no events (some network and container
    /// mounts), or to compare.
    case polling
}

/// Polls `SiteWatcher` snapshots: the same on every platform, at the cost of a `stat`
/// of every source file at each poll.
final class PollingFeed: ChangeFeed {
    private let watcher: SiteWatcher
    private let interval: Duration
    private let last: Locked<SiteWatcher.Snapshot>

    /// Takes the first snapshot now: a change made after this is seen.
    init(watcher: SiteWatcher, interval: Duration) {
        self.watcher = watcher
        self.interval = interval
        last = Locked(watcher.snapshot())
    }

    func nextBurst(quiet: Duration) async throws -> Burst {
        while true {
            var current = watcher.snapshot()
            let before = last.withLock { $0 }
            if current != before {
                var settled: SiteWatcher.Snapshot
                repeat {
                    settled = current
                    try await Task.sleep(for: quiet)
                    current = watcher.snapshot()
                } while current != settled
                last.withLock { $0 = current }
                return .changed(SiteWatcher.changes(from: before, to: current))
            }
            try await Task.sleep(for: interval)
        }
    }

    func close() {}
}
