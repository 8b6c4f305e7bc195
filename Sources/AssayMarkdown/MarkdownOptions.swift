/// How a page is parsed and rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through. Off by default: cmark then replaces it with a comment,
    /// exactly as the `cmark` CLI does without `--unsafe`.
    public var unsafeHTML: Bool
    /// Give every heading an `id` and a self-link. Off for `assay render`, whose output
    /// must match the `cmark` CLI byte for byte.
    public var headingAnchors: Bool

    public init(unsafeHTML: Bool = false, headingAnchors: Bool = false) {
        self.unsafeHTML = unsafeHTML
        self.headingAnchors = headingAnchors
    }
}
