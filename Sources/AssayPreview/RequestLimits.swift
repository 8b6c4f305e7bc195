import FlyingFox

/// How large a request may be. The preview only answers `GET` and `HEAD` for files, so
/// anything with a body or an outsized head is refused before any file is looked at.
///
/// FlyingFox 0.27 reads a request's head before handing it over and has no cap of its
/// own, so these are checked on the parsed request; `idleTimeout` closes connections
/// that stop sending halfway (see `IdleTimeoutPool`).
public struct RequestLimits: Sendable {
    /// Longest request target (path and query), in bytes: longer gets 414.
    public var maxTargetBytes: Int
    /// Most header fields: more gets 431.
    public var maxHeaderFields: Int
    /// Largest single header field (`Name: value`), in bytes: larger gets 431.
    public var maxHeaderFieldBytes: Int
    /// Largest head in all (every `Name: value` line), in bytes: larger gets 431.
    public var maxHeaderBytes: Int
    /// Largest body: the preview takes none, so any body gets 413.
    public var maxBodyBytes: Int
    /// A connection waiting this long for the next bytes of a request is closed.
    public var idleTimeout: Duration

    /// Apache's and nginx's defaults, near enough: 8 KiB lines, 100 fields.
    public init(
        maxTargetBytes: Int = 8192, maxHeaderFields: Int = 100, maxHeaderFieldBytes: Int = 8192,
        maxHeaderBytes: Int = 32768, maxBodyBytes: Int = 0, idleTimeout: Duration = .seconds(30)
    ) {
        self.maxTargetBytes = maxTargetBytes
        self.maxHeaderFields = maxHeaderFields
        self.maxHeaderFieldBytes = maxHeaderFieldBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
    }

    /// Why a request is refused, as its status code, or nil when it is within every limit.
    func violation(in request: HTTPRequest) -> HTTPStatusCode? {
        let fields = request.headers.map { (name: $0.key.rawValue, value: $0.value) }
        return violation(target: request.target.rawValue, fields: fields).map { HTTPStatusCode($0.code, phrase: $0.phrase) }
    }

    /// The same, on the parts of a request: 414, 431, 413 or 400.
    func violation(target: String, fields: [(name: String, value: String)]) -> (code: Int, phrase: String)? {
        if target.utf8.count > maxTargetBytes { return (414, "URI Too Long") }
        var total = 0
        for field in fields {
            let size = field.name.utf8.count + 2 + field.value.utf8.count
            if size > maxHeaderFieldBytes { return (431, "Request Header Fields Too Large") }
            total += size + 2
        }
        if fields.count > maxHeaderFields || total > maxHeaderBytes { return (431, "Request Header Fields Too Large") }
        for field in fields {
            switch field.name.lowercased() {
            case "transfer-encoding":
                return (413, "Payload Too Large")
            case "content-length":
                guard let bytes = Int(field.value), bytes >= 0 else { return (400, "Bad Request") }
                if bytes > maxBodyBytes { return (413, "Payload Too Large") }
            default:
                continue
            }
        }
        return nil
    }
}
