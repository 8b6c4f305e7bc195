import AssaySupport
import CCmark

/// Heading anchors without leaving cmark's renderer: each heading gets two empty custom
/// nodes whose output is a control-character marker, replaced after rendering by the
/// `id` and the self-link. Rendering headings by hand would drift from cmark's output.
extension MarkdownDocument {
    static let headingStart = "\u{1}"
    static let headingEnd = "\u{2}"

    func markHeading(_ heading: MarkdownNode) {
        let start = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(start, Self.headingStart)
        let end = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(end, Self.headingEnd)
        if let first = cmark_node_first_child(heading.pointer) {
            cmark_node_insert_before(first, start)
        } else {
            cmark_node_append_child(heading.pointer, start)
        }
        cmark_node_append_child(heading.pointer, end)
        headingNodes.append(heading.pointer)
    }

    func insertHeadingAnchors(_ html: String) -> String {
        guard !headings.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + headings.count * 96)
        var i = 0
        var next = 0
        // Markers only follow `<hN>` and precede `</hN>`: find each \u{1}, then its \u{2}.
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x01, next < headings.count, i >= 4, bytes[i - 1] == UInt8(ascii: ">"), bytes[i - 4] == UInt8(ascii: "<"),
                bytes[i - 3] == UInt8(ascii: "h")
            {
                let anchor = Array(HTMLEscape.attribute(headings[next].anchor).utf8)
                out.removeLast()  // the '>' of <hN>
                out += Array(" id=\"".utf8) + anchor + Array("\">".utf8)
                i += 1
                // Copy the heading's content up to its end marker.
                while i < bytes.count, bytes[i] != 0x02 {
                    out.append(bytes[i])
                    i += 1
                }
                out += Array(" <a class=\"anchor\" href=\"#".utf8) + anchor
                    + Array("\" aria-label=\"Link to this section\">#</a>".utf8)
                next += 1
                i += 1
                continue
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
