import Foundation

/// Answers every request: the built site's files, the live-reload event stream, and a
/// refusal for anything else. Heads that break a limit never get here: `HTTPServer`
/// refuses them as they arrive.
struct SiteRequestHandler: HTTPHandler {
    let output: URL
    let hub: LiveReloadHub

    func respond(to request: RequestHead) async -> HTTPResponse {
        let isHead = request.method == "HEAD"
        guard request.method == "GET" || isHead else {
            var response = HTTPResponse.plain(.methodNotAllowed)
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        let path = String(request.path)
        if path == LiveReloadScript.eventsPath {
            return isHead ? .plain(.methodNotAllowed, omitted: true) : events(since: request.queryValue("since"))
        }
        let state = await hub.waitForSite()
        // Resolved per request: the folder may appear only after a first good build.
        guard let root = SitePath.realPath(output.path) else {
            return missingPage(state: state, head: isHead)
        }
        switch SitePath.resolve(path, in: root) {
        case .file(let file):
            return serve(file, status: .ok, state: state, head: isHead) ?? .plain(.notFound, omitted: isHead)
        case .redirect(let location):
            let query = request.query
            var response = HTTPResponse.plain(.movedPermanently, omitted: isHead)
            response.headers.append(("Location", query.isEmpty ? location : location + "?" + query))
            return response
        case .notFound:
            if case .file(let page) = SitePath.resolve("/404.html", in: root),
               let response = serve(page, status: .notFound, state: state, head: isHead) {
                return response
            }
            return missingPage(state: state, head: isHead)
        case .forbidden:
            return .plain(.forbidden, omitted: isHead)
        case .badRequest:
            return .plain(.badRequest, omitted: isHead)
        }
    }

    private func serve(_ file: String, status: HTTPStatus, state: LiveState, head: Bool) -> HTTPResponse? {
        guard var body = FileManager.default.contents(atPath: file) else { return nil }
        let type = MediaType.forPath(file)
        if MediaType.isHTML(type) {
            body = LiveReloadScript.inject(into: body, state: state)
        }
        // A HEAD response carries the length the GET body would have.
        return .bytes(status, type: type, body: body, omitted: head)
    }

    /// No such page and no `404.html`: usually the first build failed. Still a page,
    /// so the script can show the errors and reload once the site builds.
    private func missingPage(state: LiveState, head: Bool) -> HTTPResponse {
        let page = """
            <!doctype html><html><head><meta charset="utf-8"><title>Not found</title></head>
            <body><h1>Not found</h1><p>\(state.errors.isEmpty ? "No such page in the site." : "The site has not been built yet.")</p></body></html>
            """
        let body = LiveReloadScript.inject(into: Data(page.utf8), state: state)
        return .bytes(.notFound, type: "text/html; charset=utf-8", body: body, omitted: head)
    }

    private func events(since: String?) -> HTTPResponse {
        HTTPResponse(
            status: .ok, headers: HTTPResponse.commonHeaders + [("Content-Type", "text/event-stream")],
            body: .events(hub.subscribe(since: since)))
    }
}
