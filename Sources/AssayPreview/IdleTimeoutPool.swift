import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's socket pool, with a deadline on waiting for request bytes.
///
/// FlyingFox waits for the next bytes of a request for as long as the client likes, so
/// a client that opens connections and sends a few bytes now and then (slowloris) would
/// hold them forever. Every wait to read is noted here; `closeIdleConnections()` shuts
/// down the sockets that have waited longer than the timeout, which ends the wait with
/// end-of-file and FlyingFox closes the connection. The listening socket is never
/// touched, and a connection streaming events is writing, not waiting to read.
struct IdleTimeoutPool: AsyncSocketPool {
    let base: any AsyncSocketPool
    let timeout: Duration
    private let waiting = LockedValue<[Int32: ContinuousClock.Instant]>([:])

    init(base: any AsyncSocketPool, timeout: Duration) {
        self.base = base
        self.timeout = timeout
    }

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        guard events.contains(.read) else {
            return try await base.suspendSocket(socket, untilReadyFor: events)
        }
        let fd = Int32(socket.file.rawValue)
        waiting.withLock { $0[fd] = .now }
        defer { waiting.withLock { _ = $0.removeValue(forKey: fd) } }
        try await base.suspendSocket(socket, untilReadyFor: events)
    }

    /// Shuts down every connection that has waited to read for longer than the timeout.
    /// Returns how many it closed.
    @discardableResult
    func closeIdleConnections(now: ContinuousClock.Instant = .now) -> Int {
        // Under the lock: a wait is unrecorded before FlyingFox can close its socket, so
        // a recorded descriptor is still this connection's and not a reused number.
        waiting.withLock { waits in
            var closed = 0
            for (fd, since) in waits where now - since > timeout && !Self.isListening(fd) {
                if shutdown(fd, Int32(SHUT_RDWR)) == 0 { closed += 1 }
                waits[fd] = nil
            }
            return closed
        }
    }

    private static func isListening(_ fd: Int32) -> Bool {
        var value: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &value, &size) == 0 else { return true }
        return value != 0
    }
}
