import Foundation

/// Reads a request head as its bytes arrive, and refuses it as soon as it breaks a limit.
///
/// Every byte is looked at once: a line's end is searched for only in the bytes that
/// came since the last search, and the limits are checked on every call, so a head
/// never costs more than a pass over at most `RequestLimits`' sizes (plus one read).
/// A request line or header section that is too long is refused before its end
/// arrives, and no more of it is read.
struct RequestHeadParser {
    enum Outcome: Equatable {
        /// The head is not complete yet: read more.
        case needMore
        case head(RequestHead)
        /// Answer with this status and close the connection.
        case refused(HTTPStatus)
    }

    private let limits: RequestLimits
    private var buffer: [UInt8]
    /// Bytes of `buffer` already searched for a line end.
    private var scanned = 0
    private var lineStart = 0
    private var requestLine: Range<Int>?
    private var fieldLines: [Range<Int>] = []
    /// Where the header section starts: just after the request line's end.
    private var fieldsStart = 0
    /// Where the head ended, once it has.
    private var headEnd: Int?

    /// `pending`: bytes that came after the previous request on the same connection.
    init(limits: RequestLimits, pending: [UInt8] = []) {
        self.limits = limits
        buffer = pending
    }

    /// Bytes received after the head: the start of the next request on the connection.
    var leftover: [UInt8] { headEnd.map { Array(buffer[$0...]) } ?? [] }

    /// Whether any byte of this request has arrived.
    var hasStarted: Bool { !buffer.isEmpty }

    mutating func append(_ bytes: some Collection<UInt8>) -> Outcome {
        guard headEnd == nil else { return .needMore }
        buffer.append(contentsOf: bytes)
        while scanned < buffer.count {
            guard let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) else {
                scanned = buffer.count
                break
            }
            scanned = newline + 1
            var end = newline
            if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = lineStart..<end
            lineStart = newline + 1
            if requestLine == nil {
                if line.count > limits.maxRequestLineBytes { return .refused(.uriTooLong) }
                // A client may send blank lines before a request (RFC 9112 §2.2).
                if line.isEmpty { continue }
                requestLine = line
                fieldsStart = lineStart
            } else if line.isEmpty {
                if lineStart - fieldsStart > limits.maxHeaderBytes { return .refused(.headerFieldsTooLarge) }
                headEnd = lineStart
                return finish()
            } else {
                if line.count > limits.maxHeaderFieldBytes { return .refused(.headerFieldsTooLarge) }
                fieldLines.append(line)
                if fieldLines.count > limits.maxHeaderFields { return .refused(.headerFieldsTooLarge) }
            }
        }
        // The line still arriving, and everything so far, against the limits.
        let partial = buffer.count - lineStart
        if requestLine == nil {
            if buffer.count > limits.maxRequestLineBytes + 2 { return .refused(.uriTooLong) }
        } else {
            if partial > limits.maxHeaderFieldBytes + 1 { return .refused(.headerFieldsTooLarge) }
            if buffer.count - fieldsStart > limits.maxHeaderBytes { return .refused(.headerFieldsTooLarge) }
        }
        return .needMore
    }

    private func finish() -> Outcome {
        guard let requestLine, let (method, target, minor) = Self.parseRequestLine(buffer[requestLine]) else {
            return .refused(.badRequest)
        }
        guard minor >= 0 else { return .refused(.versionNotSupported) }
        var fields: [RequestHead.Field] = []
        fields.reserveCapacity(fieldLines.count)
        for line in fieldLines {
            guard let field = Self.parseField(buffer[line]) else { return .refused(.badRequest) }
            fields.append(field)
        }
        let head = RequestHead(method: method, target: target, minorVersion: minor, fields: fields)
        if let refusal = Self.refusal(of: head) { return .refused(refusal) }
        return .head(head)
    }

    /// `METHOD SP target SP HTTP/1.x`. A version other than 1.x parses with minor -1.
    private static func parseRequestLine(_ line: ArraySlice<UInt8>) -> (String, String, Int)? {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[0].allSatisfy(isTokenByte) else { return nil }
        // Any byte but space may sit in the target; NUL and the like are refused later,
        // by the path resolution, with 403.
        guard let target = String(bytes: parts[1], encoding: .utf8) else { return nil }
        let version = Array(parts[2])
        let prefix = Array("HTTP/".utf8)
        guard version.count == 8, version.starts(with: prefix), version[6] == UInt8(ascii: "."),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(version[5]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(version[7]) else { return nil }
        let minor = version[5] == UInt8(ascii: "1") ? Int(version[7] - UInt8(ascii: "0")) : -1
        return (String(decoding: parts[0], as: UTF8.self), target, minor)
    }

    /// `Name: value`, the value without the spaces around it. A space before the colon
    /// or a folded line (one starting with a space) is refused (RFC 9112 §5).
    private static func parseField(_ line: ArraySlice<UInt8>) -> RequestHead.Field? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { return nil }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard !value.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7f }) else { return nil }
        return RequestHead.Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// What the preview refuses in a well-formed head: any body (it takes none), and an
    /// HTTP/1.1 request without `Host`.
    static func refusal(of head: RequestHead) -> HTTPStatus? {
        var hasHost = false
        for field in head.fields {
            switch field.name.lowercased() {
            case "host":
                hasHost = true
            case "transfer-encoding":
                return .contentTooLarge
            case "content-length":
                guard !field.value.isEmpty, field.value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return .badRequest }
                if field.value.utf8.contains(where: { $0 != 0x30 }) { return .contentTooLarge }
            default:
                continue
            }
        }
        return hasHost || head.minorVersion == 0 ? nil : .badRequest
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
