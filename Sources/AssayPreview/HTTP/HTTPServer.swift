import AssaySupport
import AssayKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server for the preview: one thread runs a `poll` loop over every
/// connection, reads request heads within `RequestLimits`, and hands each complete head
/// to the handler as a task; the response comes back to the loop to be written.
///
/// No connection can hold the loop: sockets never block, a head is parsed as it arrives
/// and refused the moment it breaks a limit, and deadlines close connections that are
/// slow to send their head, idle between requests, or not reading their response. The
/// loop has its own thread, so it keeps answering (and stops when asked) however busy
/// Swift's task pool is.
final class HTTPServer: Sendable {
    /// What tasks send the loop.
    enum Message: Sendable {
        case respond(Int, HTTPResponse)
        case frame(Int, [UInt8])
        case streamEnded(Int)
    }

    private struct Inbox {
        var messages: [Message] = []
        var stopping = false
    }

    private struct Lifecycle {
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let port: UInt16
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let limits: RequestLimits
    private let handler: any HTTPHandler
    private let inbox = Locked(Inbox())
    private let lifecycle = Locked(Lifecycle())
    /// The most bytes read of any refused request's head: lets tests check that a head
    /// over the limits is not read to its end.
    let largestRefusedRead = Locked(0)

    /// Binds and listens at once, so a port in use is reported before anything else.
    init(address: ListenAddress, port: UInt16, limits: RequestLimits, handler: any HTTPHandler) throws(PreviewError) {
        (listener, self.port) = try Socket.listen(on: address, port: port)
        wake = Socket.wakePipe()
        self.limits = limits
        self.handler = handler
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// Starts the loop on a thread of its own.
    func start() {
        let thread = Thread { [self] in
            var loop = EventLoop(server: self)
            loop.run()
            close(listener)
            let waiters = lifecycle.withLock { state in
                state.stopped = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = "assay-http"
        thread.start()
    }

    /// Closes the listening socket and every connection (an event stream gets its last
    /// chunk first) and returns once the loop has ended.
    func stop() async {
        inbox.withLock { $0.stopping = true }
        signal()
        await waitUntilStopped()
    }

    func waitUntilStopped() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = lifecycle.withLock { state -> Bool in
                if !state.stopped { state.waiters.append(waiter) }
                return state.stopped
            }
            if done { waiter.resume() }
        }
    }

    func post(_ message: Message) {
        inbox.withLock { $0.messages.append(message) }
        signal()
    }

    private func signal() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// The loop's state; only its thread touches it.
    private struct EventLoop {
        let server: HTTPServer
        var connections: [Int: Connection] = [:]
        var nextID = 0
        var acceptPausedUntil: ContinuousClock.Instant?
        var readBuffer = [UInt8](repeating: 0, count: 16384)

        init(server: HTTPServer) { self.server = server }

        var limits: RequestLimits { server.limits }

        mutating func run() {
            var fds: [pollfd] = []
            var ids: [Int] = []
            while true {
                let (messages, stopping) = server.inbox.withLock { box in
                    defer { box.messages = [] }
                    return (box.messages, box.stopping)
                }
                if stopping { break }
                let now = ContinuousClock.now
                for message in messages { deliver(message, now: now) }
                expire(now: now)

                fds.removeAll(keepingCapacity: true)
                ids.removeAll(keepingCapacity: true)
                fds.append(pollfd(fd: server.wake.read, events: Int16(POLLIN), revents: 0))
                let accepting = acceptPausedUntil.map { now >= $0 } ?? true
                if accepting { acceptPausedUntil = nil }
                fds.append(pollfd(fd: accepting ? server.listener : -1, events: Int16(POLLIN), revents: 0))
                for (id, connection) in connections {
                    var events: Int16 = 0
                    if connection.phase == .reading || connection.phase == .streaming { events |= Int16(POLLIN) }
                    if connection.hasOutput { events |= Int16(POLLOUT) }
                    fds.append(pollfd(fd: connection.fd, events: events, revents: 0))
                    ids.append(id)
                }
                let ready = poll(&fds, nfds_t(fds.count), timeout(now: now))
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[0].revents != 0 { drainWakePipe() }
                if fds[1].revents != 0 { acceptAll() }
                for (index, id) in ids.enumerated() {
                    let events = fds[index + 2].revents
                    guard events != 0, let connection = connections[id] else { continue }
                    if events & Int16(POLLOUT) != 0 { flush(connection) }
                    guard connections[id] != nil, events & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
                    if connection.phase == .reading || connection.phase == .streaming {
                        readable(connection)
                    } else if events & Int16(POLLHUP | POLLERR) != 0 {
                        // Gone while its request is handled: nobody to answer. (Bytes it
                        // sent are left unread: they are its next request.)
                        drop(connection)
                    }
                }
            }
            for connection in Array(connections.values) {
                if connection.phase == .streaming, connection.chunked { connection.queue(HTTPResponse.lastChunk) }
                _ = connection.writeSome()
                drop(connection)
            }
        }

        /// Milliseconds until the next deadline, or -1 (wait for events only).
        func timeout(now: ContinuousClock.Instant) -> Int32 {
            var next: ContinuousClock.Instant? = acceptPausedUntil
            for connection in connections.values {
                guard let deadline = connection.deadline(limits) else { continue }
                next = next.map { min($0, deadline) } ?? deadline
            }
            guard let next else { return -1 }
            let wait = next - now
            guard wait > .zero else { return 0 }
            let (seconds, attoseconds) = wait.components
            return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
        }

        func drainWakePipe() {
            var bytes = [UInt8](repeating: 0, count: 256)
            while read(server.wake.read, &bytes, bytes.count) > 0 {}
        }

        mutating func acceptAll() {
            while true {
                let fd = Socket.accept(server.listener)
                if fd < 0 {
                    if errno == EMFILE || errno == ENFILE {
                        // Out of descriptors: make room, or stop accepting for a moment
                        // rather than spin on a listening socket that stays readable.
                        if !evictOldestWaiting() { acceptPausedUntil = .now + .milliseconds(100) }
                    }
                    return
                }
                if connections.count >= limits.maxConnections, !evictOldestWaiting() {
                    close(fd)
                    continue
                }
                nextID += 1
                connections[nextID] = Connection(id: nextID, fd: fd, limits: limits, now: .now)
            }
        }

        /// Closes the connection that has waited longest for its client to send (idle,
        /// or part-way through a head). Returns false when every one is busy.
        mutating func evictOldestWaiting() -> Bool {
            let waiting = connections.values.filter { $0.phase == .reading }
            guard let oldest = waiting.min(by: { $0.waitingSince < $1.waitingSince }) else { return false }
            drop(oldest)
            return true
        }

        mutating func expire(now: ContinuousClock.Instant) {
            for connection in Array(connections.values) {
                if let deadline = connection.deadline(limits), now >= deadline { drop(connection) }
            }
        }

        mutating func readable(_ connection: Connection) {
            let count = readBuffer.withUnsafeMutableBytes { Socket.receive(connection.fd, into: $0) }
            if count < 0, Socket.wouldBlock(errno) { return }
            guard count > 0 else {
                // The client closed its side (or the connection failed).
                drop(connection)
                return
            }
            // While streaming events nothing is expected from the tab; what comes is dropped.
            guard connection.phase == .reading else { return }
            if !connection.parser.hasStarted { connection.headStarted = .now }
            connection.bytesRead += count
            handle(connection, connection.parser.append(readBuffer[..<count]))
        }

        mutating func handle(_ connection: Connection, _ outcome: RequestHeadParser.Outcome) {
            switch outcome {
            case .needMore:
                return
            case .refused(let status):
                let read = connection.bytesRead
                server.largestRefusedRead.withLock { $0 = max($0, read) }
                connection.phase = .handling
                connection.keepAlive = false
                deliver(.respond(connection.id, HTTPResponse.plain(status, closing: true)), now: .now)
            case .head(let head):
                connection.phase = .handling
                connection.keepAlive = head.keepsAlive
                connection.chunked = head.minorVersion >= 1
                let (id, handler, server) = (connection.id, server.handler, server)
                Task {
                    let response = await handler.respond(to: head)
                    server.post(.respond(id, response))
                }
            }
        }

        mutating func deliver(_ message: Message, now: ContinuousClock.Instant) {
            switch message {
            case .respond(let id, let response):
                guard let connection = connections[id], connection.phase == .handling else { return }
                if response.closesConnection { connection.keepAlive = false }
                switch response.body {
                case .bytes(let data, let omitted):
                    connection.queue(response.head(keepAlive: connection.keepAlive, chunked: false))
                    if !omitted { connection.queue(Array(data)) }
                    connection.phase = .writing
                case .events(let frames):
                    // An event stream lasts as long as the connection.
                    connection.keepAlive = false
                    connection.queue(response.head(keepAlive: false, chunked: connection.chunked))
                    connection.phase = .streaming
                    let (server, chunked) = (server, connection.chunked)
                    connection.stream = Task {
                        for await frame in frames {
                            server.post(.frame(id, chunked ? HTTPResponse.chunk(frame) : frame))
                        }
                        server.post(.streamEnded(id))
                    }
                }
                connection.lastWrite = now
                flush(connection)
            case .frame(let id, let bytes):
                guard let connection = connections[id], connection.phase == .streaming else { return }
                // A tab that stopped reading: its events pile up; let it reconnect.
                if connection.pendingOutput > 1 << 20 {
                    drop(connection)
                    return
                }
                if !connection.hasOutput { connection.lastWrite = now }
                connection.queue(bytes)
                flush(connection)
            case .streamEnded(let id):
                guard let connection = connections[id], connection.phase == .streaming else { return }
                if connection.chunked { connection.queue(HTTPResponse.lastChunk) }
                connection.phase = .writing
                flush(connection)
            }
        }

        mutating func flush(_ connection: Connection) {
            guard connection.writeSome() else {
                drop(connection)
                return
            }
            guard !connection.hasOutput, connection.phase == .writing else { return }
            guard connection.keepAlive else {
                // Half-close first, so the response is not cut off by a reset.
                shutdown(connection.fd, Int32(SHUT_WR))
                drop(connection)
                return
            }
            // Ready for the next request, which may already be here.
            connection.next(limits: limits, now: .now)
            let outcome = connection.parser.append([])
            handle(connection, outcome)
        }

        mutating func drop(_ connection: Connection) {
            connection.stream?.cancel()
            close(connection.fd)
            connections[connection.id] = nil
        }
    }
}
