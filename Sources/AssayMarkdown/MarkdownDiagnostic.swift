/// A problem found while reading the annotations of one page.
public struct MarkdownDiagnostic: Error, Sendable, Hashable {
    /// Stable rule ids, shared with `assay check`.
    public enum Rule: String, Sendable {
        case unknownLevel = "unknown-level"
        case malformedClaim = "malformed-claim"
        case unclosedClaim = "unclosed-claim"
        case strayClaimEnd = "stray-claim-end"
        case nestedClaim = "nested-claim"
        /// A link or image destination whose scheme is not http, https or mailto.
        case unsafeURL = "unsafe-url"
    }

    public var location: SourceLocation
    public var message: String
    public var rule: Rule

    public init(_ rule: Rule, at location: SourceLocation, _ message: String) {
        self.rule = rule
        self.location = location
        self.message = message
    }
}
