import Foundation

/// A response to send: a status, header fields and either bytes or an event stream.
struct HTTPResponse: Sendable {
    enum Body: Sendable {
        /// Sent with its `Content-Length`; for `HEAD`, the length alone (`omitted`).
        case bytes(Data, omitted: Bool)
        /// Server-Sent Events: each element is written as it comes, until the stream ends.
        case events(AsyncStream<[UInt8]>)
    }

    var status: HTTPStatus
    var headers: [(name: String, value: String)]
    var body: Body
    /// Close the connection once this is sent (a refused head: what follows it is not
    /// a request to read).
    var closesConnection = false

    init(status: HTTPStatus, headers: [(name: String, value: String)] = [], body: Body, closesConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.closesConnection = closesConnection
    }

    /// The status line and header fields, with the framing the body needs.
    func head(keepAlive: Bool, chunked: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.phrase)\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        switch body {
        case .bytes(let data, _):
            text += "Content-Length: \(data.count)\r\n"
        case .events:
            if chunked { text += "Transfer-Encoding: chunked\r\n" }
        }
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        text += "\r\n"
        return Array(text.utf8)
    }

    /// One chunk of a chunked body.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8)
    }

    static let lastChunk = Array("0\r\n\r\n".utf8)
}

/// Answers requests; `HTTPServer` calls it for every head it has read in full.
protocol HTTPHandler: Sendable {
    func respond(to request: RequestHead) async -> HTTPResponse
}

extension HTTPResponse {
    /// On every response: never cached, so a reload always shows the newest build, and
    /// never sniffed into another type.
    static let commonHeaders: [(name: String, value: String)] = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    static func bytes(_ status: HTTPStatus, type: String, body: Data, omitted: Bool) -> HTTPResponse {
        HTTPResponse(status: status, headers: commonHeaders + [("Content-Type", type)], body: .bytes(body, omitted: omitted))
    }

    /// A short text answer: `404 Not Found`.
    static func plain(_ status: HTTPStatus, omitted: Bool = false, closing: Bool = false) -> HTTPResponse {
        var response = bytes(status, type: "text/plain; charset=utf-8", body: Data("\(status)\n".utf8), omitted: omitted)
        response.closesConnection = closing
        return response
    }
}
