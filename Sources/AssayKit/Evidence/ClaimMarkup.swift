import AssayMarkdown
import AssaySupport

/// The HTML around a claim: a span the register can link to, and a badge that names the
/// level in words (never colour alone), explains it on hover and on keyboard focus, and
/// links to the methodology page.
enum ClaimMarkup {
    static func html(level: EvidenceLevel, anchor: String, root: String) -> (open: String, close: String) {
        let id = HTMLEscape.attribute(level.id)
        let open = "<span class=\"claim level-\(id)\" id=\"\(HTMLEscape.attribute(anchor))\" data-level=\"\(id)\">"
        return (open, " " + badge(level: level, root: root) + "</span>")
    }

    static func badge(level: EvidenceLevel, root: String) -> String {
        let id = HTMLEscape.attribute(level.id)
        return "<a class=\"badge level-\(id)\" href=\"\(root)\(SiteFiles.methodologyPage)#level-\(id)\">"
            + "<span class=\"badge-label\">\(HTMLEscape.text(level.label))</span>"
            + "<span class=\"badge-tip\" role=\"tooltip\">\(HTMLEscape.text(level.definition))</span></a>"
    }
}
