import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX socket calls the server makes, with the platforms' differences kept here.
enum Socket {
    /// A non-blocking socket listening on `address`, and the port it got (the one asked
    /// for, or a free one for 0).
    static func listen(on address: ListenAddress, port: UInt16) throws(PreviewError) -> (fd: Int32, port: UInt16) {
        let fail = { (what: String) -> PreviewError in
            .cannotListen(host: address.host, port: port, reason: "\(what): \(String(cString: strerror(errno)))")
        }
        let family = address.family == .ipv4 ? AF_INET : AF_INET6
        let fd = socket(family, streamType, 0)
        guard fd >= 0 else { throw fail("socket") }
        var yes: Int32 = 1
        // A restart right after a stop must not wait for the old connections' TIME_WAIT.
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if address.family == .ipv6 {
            // `::1` means only `::1`, not IPv4 as well.
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound: Int32
        switch address.family {
        case .ipv4:
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = port.bigEndian
            inet_pton(AF_INET, address.host, &sin.sin_addr)
            bound = withUnsafePointer(to: &sin) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6:
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = port.bigEndian
            inet_pton(AF_INET6, address.host, &sin6.sin6_addr)
            bound = withUnsafePointer(to: &sin6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard bound == 0 else {
            let error = fail("bind")
            close(fd)
            throw error
        }
        guard systemListen(fd, 128) == 0 else {
            let error = fail("listen")
            close(fd)
            throw error
        }
        setNonBlocking(fd)
        return (fd, boundPort(fd) ?? port)
    }

    private static func boundPort(_ fd: Int32) -> UInt16? {
        var storage = sockaddr_storage()
        var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let got = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
        }
        guard got == 0 else { return nil }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> UInt16 in
            if family == AF_INET {
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
        }
    }

    /// The next waiting connection, non-blocking, or -1 with `errno` set.
    static func accept(_ listener: Int32) -> Int32 {
        let fd = systemAccept(listener, nil, nil)
        guard fd >= 0 else { return fd }
        setNonBlocking(fd)
        #if canImport(Darwin)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return fd
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// Writes what it can without blocking; never raises SIGPIPE on a closed peer.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        #if canImport(Glibc)
        Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        #else
        Darwin.send(fd, bytes.baseAddress, bytes.count, 0)
        #endif
    }

    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        recv(fd, buffer.baseAddress, buffer.count, 0)
    }

    /// A pipe whose ends do not block: a byte written to it wakes a thread in `poll`.
    static func wakePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return (-1, -1) }
        setNonBlocking(fds[0])
        setNonBlocking(fds[1])
        return (fds[0], fds[1])
    }

    static func wouldBlock(_ code: Int32) -> Bool { code == EAGAIN || code == EWOULDBLOCK || code == EINTR }
}

#if canImport(Glibc)
private let streamType = Int32(SOCK_STREAM.rawValue)
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { Glibc.listen(fd, backlog) }
private func systemAccept(_ fd: Int32, _ a: UnsafeMutablePointer<sockaddr>?, _ l: UnsafeMutablePointer<socklen_t>?) -> Int32 { Glibc.accept(fd, a, l) }
#else
private let streamType = SOCK_STREAM
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { Darwin.listen(fd, backlog) }
private func systemAccept(_ fd: Int32, _ a: UnsafeMutablePointer<sockaddr>?, _ l: UnsafeMutablePointer<socklen_t>?) -> Int32 { Darwin.accept(fd, a, l) }
#endif
