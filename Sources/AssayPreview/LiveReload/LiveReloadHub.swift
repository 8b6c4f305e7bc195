import AssayKit
import AssaySupport
import Foundation

/// Where builds meet open tabs: holds the live state, holds requests back while a build
/// writes the site, and sends each connected tab its events.
final class LiveReloadHub: Sendable {
    private struct Storage {
        var generation = 0
        var errors: [Diagnostic] = []
        var building = false
        var builds = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var clients: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var nextClient = 0
        var closed = false
    }

    private let storage = Locked(Storage())
    /// Differs between runs of the server, so tabs left open across a restart reload.
    private let session: String

    init() {
        session = String(UInt32.random(in: .min ... .max), radix: 36)
    }

    private func token(_ s: Storage) -> String { "\(session)-\(s.generation)" }

    var state: LiveState {
        storage.withLock { LiveState(token: token($0), errors: $0.errors) }
    }

    /// Builds finished since the server started, failed ones included.
    var buildCount: Int { storage.withLock { $0.builds } }

    var clientCount: Int { storage.withLock { $0.clients.count } }

    /// The state to serve a page with, once no build is writing the site: files are
    /// renamed into place one by one, and a page must not mix two builds.
    func waitForSite() async -> LiveState {
        if let ready = storage.withLock({ $0.building ? nil : LiveState(token: token($0), errors: $0.errors) }) {
            return ready
        }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let wait = storage.withLock { s -> Bool in
                guard s.building, !s.closed else { return false }
                s.waiters.append(waiter)
                return true
            }
            if !wait { waiter.resume() }
        }
        return state
    }

    func buildStarted() {
        storage.withLock { $0.building = true }
    }

    /// After a good build: tabs reload if the site changed or they are showing errors.
    func buildSucceeded(changed: Bool) {
        finishBuild { s in
            guard changed || !s.errors.isEmpty else { return nil }
            s.errors = []
            s.generation += 1
            return Self.frame(event: "reload", data: token(s))
        }
    }

    /// After a failed build: the site is as it was; tabs show the diagnostics.
    func buildFailed(_ diagnostics: [Diagnostic]) {
        finishBuild { s in
            s.errors = diagnostics
            return Self.frame(event: "build-error", data: LiveState(token: token(s), errors: diagnostics).json)
        }
    }

    private func finishBuild(_ update: (inout Storage) -> [UInt8]?) {
        let waiters = storage.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.builds += 1
            s.building = false
            if let frame = update(&s) {
                for client in s.clients.values { client.yield(frame) }
            }
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// A new tab's event stream. It opens with what the tab missed: a reload when its
    /// page came from another build (`since` is the token the page was served with),
    /// otherwise the errors if the last build failed.
    func subscribe(since: String?) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(16))
        let id = storage.withLock { s -> Int in
            s.nextClient += 1
            return s.nextClient
        }
        continuation.onTermination = { [weak self] _ in
            self?.storage.withLock { _ = $0.clients.removeValue(forKey: id) }
        }
        storage.withLock { s in
            guard !s.closed else {
                continuation.finish()
                return
            }
            s.clients[id] = continuation
            continuation.yield(Array("retry: 1000\n\n".utf8))
            if let since, since != token(s) {
                continuation.yield(Self.frame(event: "reload", data: token(s)))
            } else if !s.errors.isEmpty {
                continuation.yield(Self.frame(event: "build-error", data: LiveState(token: token(s), errors: s.errors).json))
            }
        }
        return stream
    }

    /// A comment line to every tab: finds connections that went away, and keeps
    /// proxies from closing quiet ones.
    func ping() {
        let frame = Array(": ping\n\n".utf8)
        storage.withLock { s in
            for client in s.clients.values { client.yield(frame) }
        }
    }

    /// Ends every event stream and releases waiting requests: the server is stopping.
    func close() {
        let (clients, waiters) = storage.withLock { s in
            s.closed = true
            s.building = false
            defer { s.clients = [:]; s.waiters = [] }
            return (Array(s.clients.values), s.waiters)
        }
        for client in clients { client.finish() }
        for waiter in waiters { waiter.resume() }
    }

    static func frame(event: String, data: String) -> [UInt8] {
        Array("event: \(event)\ndata: \(data)\n\n".utf8)
    }
}
