@testable import AssayMarkdown

/// The default taxonomy's ids, strongest first (see AssayKit's DefaultSite).
let defaultLevels: Set<String> = ["established", "preliminary", "anecdotal", "unsupported"]

/// Parses and annotates `markdown` with the default levels.
func annotated(
    _ markdown: String, options: MarkdownOptions = MarkdownOptions(),
    rewriteLink: ((String) -> String?)? = nil
) -> MarkdownDocument {
    let document = MarkdownDocument(markdown: markdown, options: options)
    document.annotate(levels: defaultLevels, rewriteLink: rewriteLink)
    return document
}

/// Diagnostics as `line:column rule`, the shape most assertions need.
func positions(_ document: MarkdownDocument) -> [String] {
    document.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.rule.rawValue)" }
}
