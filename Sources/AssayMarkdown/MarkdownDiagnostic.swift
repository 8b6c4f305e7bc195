import AssaySupport

/// A problem found while reading the annotations of one page, at a position in the
/// Markdown text the parser was given (AssayKit moves it into the file's coordinates).
/// Its rule is one of `unknown-level`, `malformed-claim`, `unclosed-claim`,
/// `stray-claim-end`, `nested-claim` and `unsafe-url`.
public struct MarkdownDiagnostic: Error, Sendable, Hashable {
    public var location: SourceLocation
    public var message: String
    public var rule: Rule

    public init(_ rule: Rule, at location: SourceLocation, _ message: String) {
        self.rule = rule
        self.location = location
        self.message = message
    }
}
