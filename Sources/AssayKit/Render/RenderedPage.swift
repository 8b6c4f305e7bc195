import AssayMarkdown
import AssaySupport

/// A claim as published: where it lives and the anchor that reaches it.
public struct PublishedClaim: Sendable, Hashable {
    public var claim: Claim
    public var anchor: String
    /// File line of the claim's `[`, for diagnostics.
    public var line: Int
    public var column: Int
}

/// One page after Markdown rendering, before templates.
public struct RenderedPage: Sendable {
    public var html: String
    public var claims: [PublishedClaim]
    public var headings: [Heading]
    public var links: [MarkdownLink]
    /// Cited keys in the order of their numbers (first citation is 1).
    public var citedKeys: [String]
    /// For each cited key, the ids of the places that cite it, for back-links.
    public var citeAnchors: [String: [String]]
    /// Cite locations, for unused-source and sources-page bookkeeping.
    public var diagnostics: [Diagnostic]
}
