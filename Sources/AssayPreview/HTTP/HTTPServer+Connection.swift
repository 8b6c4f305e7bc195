import Foundation

extension HTTPServer {
    /// One client connection. Only the loop's thread touches it.
    final class Connection {
        enum Phase {
            /// Waiting for (the rest of) a request head.
            case reading
            /// The handler has the request.
            case handling
            /// Sending a response; then the next request, or close.
            case writing
            /// Sending an event stream, for as long as the connection lasts.
            case streaming
        }

        let id: Int
        let fd: Int32
        var phase = Phase.reading
        var parser: RequestHeadParser
        /// When the connection began waiting for its client: accepted, or its last
        /// response sent.
        var waitingSince: ContinuousClock.Instant
        /// When the first byte of the current head arrived.
        var headStarted: ContinuousClock.Instant?
        var bytesRead = 0
        var keepAlive = true
        /// HTTP/1.1: an event stream is sent in chunks; HTTP/1.0 has none, and the end
        /// of the stream is the end of the connection.
        var chunked = true
        var stream: Task<Void, Never>?
        /// When output last made progress.
        var lastWrite: ContinuousClock.Instant
        private var output: [UInt8] = []
        private var sent = 0

        init(id: Int, fd: Int32, limits: RequestLimits, now: ContinuousClock.Instant) {
            self.id = id
            self.fd = fd
            parser = RequestHeadParser(limits: limits)
            waitingSince = now
            lastWrite = now
        }

        var hasOutput: Bool { sent < output.count }
        var pendingOutput: Int { output.count - sent }

        func queue(_ bytes: [UInt8]) {
            if sent == output.count {
                output = bytes
                sent = 0
            } else {
                output.append(contentsOf: bytes)
            }
        }

        /// Writes what the socket takes now. False when the connection has failed.
        func writeSome() -> Bool {
            while sent < output.count {
                let count = output[sent...].withUnsafeBytes { Socket.send(fd, $0) }
                if count > 0 {
                    sent += count
                    lastWrite = .now
                    continue
                }
                return count < 0 && Socket.wouldBlock(errno)
            }
            output = []
            sent = 0
            return true
        }

        /// After a response on a kept-alive connection: back to reading, starting with
        /// whatever the client sent after the last head.
        func next(limits: RequestLimits, now: ContinuousClock.Instant) {
            let pending = parser.leftover
            parser = RequestHeadParser(limits: limits, pending: pending)
            phase = .reading
            waitingSince = now
            headStarted = pending.isEmpty ? nil : now
            bytesRead = pending.count
        }

        /// When this connection is to be closed if nothing happens first.
        func deadline(_ limits: RequestLimits) -> ContinuousClock.Instant? {
            switch phase {
            case .reading:
                return headStarted.map { $0 + limits.headTimeout } ?? waitingSince + limits.idleTimeout
            case .writing, .streaming:
                return hasOutput ? lastWrite + limits.idleTimeout : nil
            case .handling:
                // The handler may hold a request while a build writes the site.
                return nil
            }
        }
    }
}
