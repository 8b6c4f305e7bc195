import FlyingFox
import Foundation

/// Answers every request: the built site's files, the live-reload event stream, and a
/// refusal for anything else.
struct SiteRequestHandler: HTTPHandler {
    let output: URL
    let hub: LiveReloadHub
    let limits: RequestLimits

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let isHead = request.method == .HEAD
        if let status = limits.violation(in: request) {
            return Self.plain(status, head: isHead)
        }
        guard request.method == .GET || isHead else {
            var response = Self.plain(.methodNotAllowed)
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let path = request.target.path()
        if path == LiveReloadScript.eventsPath {
            return isHead ? Self.plain(.methodNotAllowed, head: true) : events(since: request.query["since"])
        }
        let state = await hub.waitForSite()
        // Resolved per request: the folder may appear only after a first good build.
        guard let root = SitePath.realPath(output.path) else {
            return missingPage(state: state, head: isHead)
        }
        switch SitePath.resolve(path, in: root) {
        case .file(let file):
            return serve(file, status: .ok, state: state, head: isHead) ?? Self.plain(.notFound, head: isHead)
        case .redirect(let location):
            let query = request.target.query()
            var response = Self.plain(.movedPermanently, head: isHead)
            response.headers[.location] = query.isEmpty ? location : location + "?" + query
            return response
        case .notFound:
            if case .file(let page) = SitePath.resolve("/404.html", in: root),
               let response = serve(page, status: .notFound, state: state, head: isHead) {
                return response
            }
            return missingPage(state: state, head: isHead)
        case .forbidden:
            return Self.plain(.forbidden, head: isHead)
        case .badRequest:
            return Self.plain(.badRequest, head: isHead)
        }
    }

    private func serve(_ file: String, status: HTTPStatusCode, state: LiveState, head: Bool) -> HTTPResponse? {
        guard var body = FileManager.default.contents(atPath: file) else { return nil }
        let type = MediaType.forPath(file)
        if MediaType.isHTML(type) {
            body = LiveReloadScript.inject(into: body, state: state)
        }
        return Self.response(status, type: type, body: body, head: head)
    }

    /// No such page and no `404.html`: usually the first build failed. Still a page,
    /// so the script can show the errors and reload once the site builds.
    private func missingPage(state: LiveState, head: Bool) -> HTTPResponse {
        let page = """
            <!doctype html><html><head><meta charset="utf-8"><title>Not found</title></head>
            <body><h1>Not found</h1><p>\(state.errors.isEmpty ? "No such page in the site." : "The site has not been built yet.")</p></body></html>
            """
        let body = LiveReloadScript.inject(into: Data(page.utf8), state: state)
        return Self.response(.notFound, type: "text/html; charset=utf-8", body: body, head: head)
    }

    private func events(since: String?) -> HTTPResponse {
        var headers = Self.commonHeaders
        headers[.contentType] = "text/event-stream"
        let body = HTTPBodySequence(from: EventStreamBody(frames: hub.subscribe(since: since)))
        return HTTPResponse(statusCode: .ok, headers: headers, body: body)
    }

    /// Every response: never cached, so a reload always shows the newest build, and
    /// never sniffed into another type.
    static let commonHeaders: HTTPHeaders = [
        .cacheControl: "no-store",
        HTTPHeader("X-Content-Type-Options"): "nosniff",
    ]

    static func response(_ status: HTTPStatusCode, type: String, body: Data, head: Bool) -> HTTPResponse {
        var headers = commonHeaders
        headers[.contentType] = type
        // A HEAD response carries the length the GET body would have.
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: status, headers: headers, body: head ? Data() : body)
    }

    static func plain(_ status: HTTPStatusCode, head: Bool = false) -> HTTPResponse {
        response(status, type: "text/plain; charset=utf-8", body: Data("\(status.code) \(status.phrase)\n".utf8), head: head)
    }
}
