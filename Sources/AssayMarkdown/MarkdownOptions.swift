/// How a page is parsed and rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through. Off by default: cmark then replaces it with a comment,
    /// exactly as the `cmark` CLI does without `--unsafe`.
    public var unsafeHTML: Bool
    /// Give every heading an `id` and a self-link. Off for `assay render`, whose output
    /// must match the `cmark` CLI byte for byte.
    public var headingAnchors: Bool
    /// Turn block quotes that open with a GitHub alert marker (`> [!NOTE]`) into callouts
    /// when annotating. On by default: without it they stay quotes, as cmark renders them.
    public var callouts: Bool

    public init(unsafeHTML: Bool = false, headingAnchors: Bool = false, callouts: Bool = true) {
        self.unsafeHTML = unsafeHTML
        self.headingAnchors = headingAnchors
        self.callouts = callouts
    }
}
