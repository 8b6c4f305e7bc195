/// A response status: the code and its reason phrase.
struct HTTPStatus: Sendable, Equatable, CustomStringConvertible {
    var code: Int
    var phrase: String

    static let ok = HTTPStatus(code: 200, phrase: "OK")
    static let movedPermanently = HTTPStatus(code: 301, phrase: "Moved Permanently")
    static let badRequest = HTTPStatus(code: 400, phrase: "Bad Request")
    static let forbidden = HTTPStatus(code: 403, phrase: "Forbidden")
    static let notFound = HTTPStatus(code: 404, phrase: "Not Found")
    static let methodNotAllowed = HTTPStatus(code: 405, phrase: "Method Not Allowed")
    static let contentTooLarge = HTTPStatus(code: 413, phrase: "Content Too Large")
    static let uriTooLong = HTTPStatus(code: 414, phrase: "URI Too Long")
    static let headerFieldsTooLarge = HTTPStatus(code: 431, phrase: "Request Header Fields Too Large")
    static let versionNotSupported = HTTPStatus(code: 505, phrase: "HTTP Version Not Supported")

    var description: String { "\(code) \(phrase)" }
}
