#if os(Linux)
import AssaySupport
import AssayKit
import Foundation
import Glibc

/// Changes as the kernel reports them (inotify), so an idle preview does no work and a
/// save is seen within a millisecond or so.
///
/// inotify watches one folder at a time, so every folder under `content/` and
/// `templates/` gets a watch, and a folder that appears later gets one as its creation
/// is reported (its files, which may have been written before the watch, count as
/// changed). The site's root is watched too, for `site.yml` and for `content/` or
/// `templates/` appearing. A thread waits in `poll` for events and notes the paths;
/// `nextBurst` hands them over once they have been quiet.
final class InotifyFeed: ChangeFeed {
    enum StartError: Error, Equatable {
        /// inotify could not start, or could not watch every folder: why, for the
        /// one-line message before falling back to polling.
        case unavailable(String)
    }

    private struct Pending {
        var changed = Set<String>()
        var lastEvent: ContinuousClock.Instant?
        var failure: String?
    }

    private let fd: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let watched: [String]
    private let excluded: [String]
    private let maxWatches: Int?
    /// Folder watched for each watch descriptor; only the event thread changes it after init.
    private let folders = Locked<[Int32: String]>([:])
    private let pending = Locked(Pending())
    private let signal: AsyncStream<Void>
    private let signalContinuation: AsyncStream<Void>.Continuation
    /// False once the descriptors are closed, so `close()` never writes to a number
    /// that may since belong to another file.
    private let descriptorsOpen = Locked(true)

    private static let folderMask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK)

    /// Watches `paths` (folders, watched with everything under them, or single files,
    /// seen through their folder), never anything in `excluded`. `maxWatches` stands in
    /// for the kernel's `fs.inotify.max_user_watches` in tests.
    init(paths: [URL], excluding excluded: [URL], maxWatches: Int? = nil) throws(StartError) {
        watched = paths.map(\.standardizedFileURL.path)
        self.excluded = excluded.map(\.standardizedFileURL.path)
        self.maxWatches = maxWatches
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw .unavailable("inotify_init1: \(String(cString: strerror(errno)))") }
        stopPipe = Socket.wakePipe()
        (signal, signalContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        var parents = Set<String>()
        for path in watched {
            parents.insert((path as NSString).deletingLastPathComponent)
            if Self.isDirectory(path), let failure = addTree(path, reporting: false) {
                closeDescriptors()
                throw .unavailable(failure)
            }
        }
        for parent in parents.sorted() {
            if let failure = addWatch(parent) {
                closeDescriptors()
                throw .unavailable(failure)
            }
        }
        let thread = Thread { [self] in readEvents() }
        thread.name = "assay-watch"
        thread.start()
    }

    var watchCount: Int { folders.withLock { $0.count } }

    func close() {
        descriptorsOpen.withLock { open in
            guard open else { return }
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
        }
        signalContinuation.finish()
    }

    func nextBurst(quiet: Duration) async throws -> Burst {
        // The first change (or one noted while the last burst was rebuilt).
        while pending.withLock({ $0.lastEvent == nil && $0.failure == nil }) {
            var iterator = signal.makeAsyncIterator()
            guard await iterator.next() != nil else { throw CancellationError() }
            try Task.checkCancellation()
        }
        // Then quiet: no event for `quiet`.
        while true {
            let (last, failed) = pending.withLock { ($0.lastEvent, $0.failure != nil) }
            guard !failed, let last else { break }
            let wait = last + quiet - .now
            if wait <= .zero { break }
            try await Task.sleep(for: wait)
        }
        return pending.withLock { state in
            defer { state = Pending(failure: state.failure) }
            let changed = state.changed.sorted()
            if let failure = state.failure { return .failed(reason: failure, changed: changed) }
            return .changed(changed)
        }
    }

    // MARK: The event thread

    private func closeDescriptors() {
        descriptorsOpen.withLock { open in
            open = false
            Glibc.close(fd)
            Glibc.close(stopPipe.read)
            Glibc.close(stopPipe.write)
        }
    }

    private func readEvents() {
        defer { closeDescriptors() }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            var seen: [String] = []
            var failure: String?
            while true {
                let count = read(fd, &buffer, buffer.count)
                guard count > 0 else { break }
                var offset = 0
                while offset + 16 <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                        (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                         raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                         Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                    }
                    let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                    offset += 16 + length
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    if let problem = event(wd: wd, mask: mask, name: name, into: &seen) { failure = problem }
                }
            }
            guard !seen.isEmpty || failure != nil else { continue }
            pending.withLock { state in
                state.changed.formUnion(seen)
                state.lastEvent = .now
                if let failure, state.failure == nil { state.failure = failure }
            }
            signalContinuation.yield()
        }
    }

    /// Notes what one event changed. Returns a reason when watching can no longer be
    /// complete (a new folder could not be watched).
    private func event(wd: Int32, mask: UInt32, name: String, into seen: inout [String]) -> String? {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: every watched path may have changed; re-watch them all.
            seen.append(contentsOf: watched)
            for path in watched where Self.isDirectory(path) {
                if let failure = addTree(path, reporting: false) { return failure }
            }
            return nil
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders.withLock { _ = $0.removeValue(forKey: wd) }
            return nil
        }
        guard !name.isEmpty, let folder = folders.withLock({ $0[wd] }) else { return nil }
        let path = folder + "/" + name
        // The root's own events matter only for the watched names in it.
        guard isWatched(path), !SiteWatcher.isIgnored(name) else { return nil }
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        if isFolder, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            // Its files may have been written before the watch was in place. A new
            // empty folder changes nothing in the site, as for polling.
            guard let failure = addTree(path, reporting: true, into: &seen) else { return nil }
            seen.append(path)
            return failure
        } else {
            seen.append(path)
        }
        return nil
    }

    /// Inside a watched path and outside every excluded one.
    private func isWatched(_ path: String) -> Bool {
        guard watched.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return false }
        return !excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    private func addTree(_ path: String, reporting: Bool) -> String? {
        var ignored: [String] = []
        return addTree(path, reporting: reporting, into: &ignored)
    }

    /// Watches `path` and every folder under it; with `reporting`, notes the files found.
    private func addTree(_ path: String, reporting: Bool, into seen: inout [String]) -> String? {
        guard isWatched(path) else { return nil }
        if let failure = addWatch(path) { return failure }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        for name in names.sorted() where !SiteWatcher.isIgnored(name) {
            let child = path + "/" + name
            if Self.isDirectory(child) {
                if let failure = addTree(child, reporting: reporting, into: &seen) { return failure }
            } else if reporting, isWatched(child) {
                seen.append(child)
            }
        }
        return nil
    }

    private func addWatch(_ folder: String) -> String? {
        if let maxWatches, watchCount >= maxWatches, !folders.withLock({ $0.values.contains(folder) }) {
            return "no inotify watch left for \(folder) (limit \(maxWatches))"
        }
        let wd = inotify_add_watch(fd, folder, Self.folderMask)
        guard wd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            if errno == ENOSPC {
                let limit = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                return "no inotify watch left for \(folder) (fs.inotify.max_user_watches = \(limit))"
            }
            return "inotify_add_watch \(folder): \(String(cString: strerror(errno)))"
        }
        // The same folder again (moved, or re-watched) keeps its descriptor.
        folders.withLock { $0[wd] = folder }
        return nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
#endif
