import AssayKit
import AssaySupport
import Foundation

/// What an open tab needs to know about the site it was served: which build it came
/// from, and the errors of the last build if that one failed.
struct LiveState: Sendable, Equatable {
    /// Changes with every build that changed the site, and with every server start, so
    /// a tab that missed an event (or outlived a restarted server) reloads on reconnect.
    var token: String
    var errors: [Diagnostic]

    /// The state as JSON, safe to place inside a `<script>` element: `<` is escaped, so
    /// no message can close the element.
    var json: String {
        let payload = Payload(token: token, errors: errors.map(Payload.Item.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(payload)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    private struct Payload: Encodable {
        struct Item: Encodable {
            var path: String?
            var line: Int?
            var column: Int?
            var severity: String
            var message: String
            var rule: String
            /// The line as the terminal shows it, which the overlay prints.
            var text: String

            init(_ d: Diagnostic) {
                (path, line, column, severity, message, rule) = (d.path, d.line, d.column, d.severity.rawValue, d.message, d.rule.rawValue)
                text = d.description
            }
        }
        var token: String
        var errors: [Item]
    }
}
