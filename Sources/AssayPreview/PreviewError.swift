/// Why the preview server could not start.
public enum PreviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--host` is neither an IP address nor `localhost`.
    case invalidHost(String)
    /// Binding failed: the port is taken, or the address is not this machine's.
    case cannotListen(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .invalidHost(let host):
            "invalid --host '\(host)': give an IP address such as 127.0.0.1 or ::1, or localhost"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)" + (port == 0 ? "" : " (is another server using the port? try --port)")
        }
    }
}
