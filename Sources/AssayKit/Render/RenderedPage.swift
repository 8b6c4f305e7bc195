import AssayMarkdown
import AssaySupport

/// A claim as published: where it lives and the anchor that reaches it.
struct PublishedClaim: Sendable, Hashable {
    var claim: Claim
    var anchor: String
    /// File line of the claim's `[`, for diagnostics.
    var line: Int
    var column: Int
}

/// One page after Markdown rendering, before templates.
struct RenderedPage: Sendable {
    var html: String
    var claims: [PublishedClaim]
    var headings: [Heading]
    var links: [MarkdownLink]
    /// Cited keys in the order of their numbers (first citation is 1).
    var citedKeys: [String]
    /// For each cited key, the ids of the places that cite it, for back-links.
    var citeAnchors: [String: [String]]
    /// Cite locations, for unused-source and sources-page bookkeeping.
    public var diagnostics: [Diagnostic]
}

extension RenderedPage {
    /// Calls `body` with each claim's level, in order. Read through the claims' buffer:
    /// copied out one by one, each claim's strings were retained and released again,
    /// in every count of levels (a page's profile, a section's card, the cache's counts).
    func forEachClaimLevel(_ body: (String) -> Void) {
        claims.withUnsafeBufferPointer { claims in
            for k in claims.indices { body(claims[k].claim.level) }
        }
    }
}
