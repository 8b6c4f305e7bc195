import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The address `--host` names: an IPv4 or IPv6 address, or `localhost`. Names are not
/// looked up, so what is bound is exactly what was asked for.
public struct ListenAddress: Sendable, Equatable {
    public enum Family: Sendable { case ipv4, ipv6 }

    /// The address as given, `localhost` replaced by `127.0.0.1`.
    public var host: String
    public var family: Family
    /// Only loopback addresses keep the preview to this machine.
    public var isLoopback: Bool

    public init(_ host: String) throws(PreviewError) {
        let address = host.lowercased() == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            let bytes = withUnsafeBytes(of: &v4) { Array($0) }
            (self.host, family, isLoopback) = (address, .ipv4, bytes[0] == 127)
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            let isOne = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
            let mappedV4 = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
            (self.host, family, isLoopback) = (address, .ipv6, isOne || mappedV4)
        } else {
            throw .invalidHost(host)
        }
    }

    /// What `assay serve` prints before listening anywhere but loopback: the preview
    /// has no access control, so the network can read every draft in it.
    public var exposureWarning: String? {
        isLoopback ? nil : "warning: listening on \(host), not a loopback address: anyone who can reach this machine can read the preview"
    }

    /// The page address to print, e.g. `http://127.0.0.1:8000/` or `http://[::1]:8000/`.
    public func url(port: UInt16) -> String {
        family == .ipv6 ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/"
    }
}
