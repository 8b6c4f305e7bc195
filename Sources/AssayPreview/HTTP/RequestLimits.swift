/// How large and how slow a request may be. The preview only answers `GET` and `HEAD`
/// for files, so anything with a body or an outsized head is refused, and a client that
/// sends its head slowly is cut off.
///
/// The sizes are checked while the head arrives (`RequestHeadParser`), as soon as that
/// many bytes are in, so no request is read or parsed past them.
public struct RequestLimits: Sendable {
    /// Longest request line (`GET /target HTTP/1.1`), in bytes: longer gets 414.
    public var maxRequestLineBytes: Int
    /// Most header fields: more gets 431.
    public var maxHeaderFields: Int
    /// Largest single header field line (`Name: value`), in bytes: larger gets 431.
    public var maxHeaderFieldBytes: Int
    /// Largest header section in all (every field line with its line end): larger gets 431.
    public var maxHeaderBytes: Int
    /// The whole head of a request must arrive within this, counted from its first
    /// byte: a client sending a byte now and then (slowloris) cannot hold a connection.
    public var headTimeout: Duration
    /// A connection with no request under way, or whose client stops reading the
    /// response, is closed after this long.
    public var idleTimeout: Duration
    /// Most connections open at once. Past it, the connection that has waited longest
    /// for its client's next request is closed to make room, so idle or hostile clients
    /// cannot crowd out a new one.
    public var maxConnections: Int

    /// Apache's and nginx's defaults, near enough: 8 KiB lines, 100 fields.
    public init(
        maxRequestLineBytes: Int = 8192, maxHeaderFields: Int = 100, maxHeaderFieldBytes: Int = 8192,
        maxHeaderBytes: Int = 32768, headTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30),
        maxConnections: Int = 256
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderFields = maxHeaderFields
        self.maxHeaderFieldBytes = maxHeaderFieldBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.headTimeout = headTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}
