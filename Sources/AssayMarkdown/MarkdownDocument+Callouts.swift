import AssaySupport
import CCmark

/// Callouts on the tree: a block quote that opens with `[!KIND]` becomes a custom block
/// whose markup is the `<div>` and whose children are the quote's blocks, rendered by cmark
/// as usual (claims and citations inside are annotated like any others).
extension MarkdownDocument {
    func makeCallouts() {
        var quotes: [OpaquePointer] = []
        if let iterator = cmark_iter_new(root) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE
                {
                    quotes.append(node)
                }
            }
        }
        // Changed after the walk: the iterator may not outlive a change to the tree.
        for quote in quotes {
            makeCallout(MarkdownNode(pointer: quote))
        }
    }

    private func makeCallout(_ quote: MarkdownNode) {
        guard let paragraph = quote.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH,
            writtenAsBracket(sourceLocation(ofCmark: paragraph.start))
        else { return }
        // The first line: every inline up to the first line break.
        var firstLine: [MarkdownNode] = []
        var lineEnd: MarkdownNode?
        var node = paragraph.firstChild
        while let n = node {
            if n.type == CMARK_NODE_SOFTBREAK || n.type == CMARK_NODE_LINEBREAK {
                lineEnd = n
                break
            }
            firstLine.append(n)
            node = n.next
        }
        // The marker is in the leading text (cmark may cut `[!NOTE]` into several nodes).
        var leading: [UInt8] = []
        for n in firstLine {
            guard n.type == CMARK_NODE_TEXT else { break }
            leading += Array(n.literal.utf8)
        }
        guard let (kind, length) = Callout.marker(at: leading) else { return }

        var title = String(decoding: leading[length...], as: UTF8.self)
        for n in firstLine.drop(while: { $0.type == CMARK_NODE_TEXT }) {
            title += Self.plainText(n)
        }
        let trimmed = title.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if ClaimAttributes.mayHoldClaim(Array(trimmed.utf8)) {
            // The title is plain text: a claim there would drop out of the register.
            diagnostics.append(
                MarkdownDiagnostic(
                    .malformedClaim, at: sourceLocation(ofCmark: paragraph.start),
                    "a claim cannot sit in a callout's title: put it on the next line of the quote"))
        }

        let callout = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(callout, "<div class=\"callout callout-\(kind.rawValue)\" role=\"note\">")
        cmark_node_set_on_exit(callout, "</div>")
        let heading = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(
            heading, "<p class=\"callout-title\">\(HTMLEscape.text(trimmed.isEmpty ? kind.defaultTitle : trimmed))</p>")
        cmark_node_append_child(callout, heading)

        for n in firstLine { cmark_node_free(n.pointer) }
        if let lineEnd { cmark_node_free(lineEnd.pointer) }
        if paragraph.firstChild == nil { cmark_node_free(paragraph.pointer) }
        while let child = cmark_node_first_child(quote.pointer) {
            cmark_node_append_child(callout, child)
        }
        cmark_node_insert_before(quote.pointer, callout)
        cmark_node_free(quote.pointer)
    }

    /// Whether the source has a `[` at `location`, not `\[` or `&#91;` (which cmark also
    /// turns into `[`): an escaped marker is text, as on GitHub.
    private func writtenAsBracket(_ location: SourceLocation) -> Bool {
        guard location.line >= 1, location.line <= sourceLines.count, location.column >= 1 else { return false }
        let line = sourceLines[location.line - 1]
        let index = line.startIndex + location.column - 1
        return index < line.endIndex && line[index] == UInt8(ascii: "[")
    }

    /// The words of an inline node, for a callout's title.
    private static func plainText(_ node: MarkdownNode) -> String {
        switch node.type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            return node.literal
        case CMARK_NODE_HTML_INLINE:
            return ""
        default:
            var out = ""
            var child = node.firstChild
            while let c = child {
                out += plainText(c)
                child = c.next
            }
            return out
        }
    }
}
