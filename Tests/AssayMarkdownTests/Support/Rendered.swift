import AssaySupport
@testable import AssayMarkdown

/// Annotates `markdown` and gives every claim and citation short, fixed markup, so a test
/// can compare the whole HTML. The site's real markup (badges, numbers) is AssayKit's and
/// is tested there; here only where the transform puts the nodes matters.
func rendered(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> (html: String, document: MarkdownDocument) {
    let document = annotated(markdown, options: options)
    for (index, claim) in document.claims.enumerated() {
        let id = claim.explicitID.map { " id=\"\(HTMLEscape.attribute($0))\"" } ?? ""
        document.setClaimMarkup(index, open: "<span class=\"\(HTMLEscape.attribute(claim.level))\"\(id)>", close: "</span>")
    }
    for (index, citation) in document.citations.enumerated() {
        let items = citation.items.map { item in
            HTMLEscape.text(item.key) + (item.locator.map { ", " + HTMLEscape.text($0) } ?? "")
        }
        document.setCitationMarkup(index, html: "<cite>" + items.joined(separator: "; ") + "</cite>")
    }
    return (document.renderHTML(), document)
}

/// Diagnostics as `line:column rule: message`, for assertions on the wording too.
func messages(_ document: MarkdownDocument) -> [String] {
    document.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.rule.rawValue): \($0.message)" }
}
