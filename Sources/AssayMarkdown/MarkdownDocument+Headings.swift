import AssaySupport
import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The page's HTML with the markers replaced, from cmark's bytes. On the contiguous
    /// bytes, copying the runs between markers in one go: byte by byte into an array,
    /// this was 4% of a full build.
    func insertHeadingAnchors(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard !headings.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + headings.count * 96)
        var run = 0
        var i = 0
        var next = 0
        /// The index of the first `byte` at or after `from`, or the end: by `memchr`, which
        /// reads many bytes at a step.
        func find(_ byte: UInt8, from: Int) -> Int {
            guard from < bytes.count, let base = bytes.baseAddress,
                let found = memchr(base + from, Int32(byte), bytes.count - from)
            else { return bytes.count }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
        // Markers only follow `<hN>` and precede `</hN>`: find each \u{1}, then its \u{2}.
        while i < bytes.count {
            i = find(0x01, from: i)
            guard i < bytes.count else { break }
            guard next < headings.count, i >= 4, bytes[i - 1] == UInt8(ascii: ">"),
                bytes[i - 4] == UInt8(ascii: "<"), bytes[i - 3] == UInt8(ascii: "h")
            else {
                i += 1
                continue
            }
            // Up to the '>' of <hN>, which the id goes before.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<(i - 1)]))
            let anchor = Array(HTMLEscape.attribute(headings[next].anchor).utf8)
            out.append(contentsOf: " id=\"".utf8)
            out.append(contentsOf: anchor)
            out.append(contentsOf: "\">".utf8)
            i += 1
            // The heading's content up to its end marker.
            let content = i
            i = find(0x02, from: i)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[content..<i]))
            out.append(contentsOf: " <a class=\"anchor\" href=\"#".utf8)
            out.append(contentsOf: anchor)
            out.append(contentsOf: "\" aria-label=\"Link to this section\">#</a>".utf8)
            next += 1
            i += 1
            run = min(i, bytes.count)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        return String(decoding: out, as: UTF8.self)
    }
}
