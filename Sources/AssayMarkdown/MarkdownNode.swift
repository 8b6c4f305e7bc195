import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A borrowed view of one cmark node. Valid only while its `MarkdownDocument` lives;
/// never stored beyond a walk.
struct MarkdownNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }

    var literal: String {
        guard let c = cmark_node_get_literal(pointer) else { return "" }
        return String(cString: c)
    }

    /// The literal's UTF-8 bytes, copied once.
    var literalBytes: [UInt8] {
        guard let c = cmark_node_get_literal(pointer) else { return [] }
        return c.withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(c))) }
    }

    /// Appends the literal's UTF-8 bytes to `out`, with no `String` in between.
    func appendLiteral(to out: inout [UInt8]) {
        guard let c = cmark_node_get_literal(pointer) else { return }
        c.withMemoryRebound(to: UInt8.self, capacity: 1) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(c))) }
    }

    /// Whether the literal holds one of `bytes` (none of them NUL), read in place by
    /// libc's `strpbrk`, which reads many bytes at a step.
    func literalContains(anyOf bytes: (UInt8, UInt8, UInt8)) -> Bool {
        guard let c = cmark_node_get_literal(pointer) else { return false }
        var set = (CChar(bitPattern: bytes.0), CChar(bitPattern: bytes.1), CChar(bitPattern: bytes.2), CChar(0))
        return withUnsafePointer(to: &set) {
            $0.withMemoryRebound(to: CChar.self, capacity: 4) { strpbrk(c, $0) != nil }
        }
    }

    var start: SourceLocation {
        SourceLocation(
            line: Int(cmark_node_get_start_line(pointer)),
            column: Int(cmark_node_get_start_column(pointer))
        )
    }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let c = child {
            result.append(c)
            child = c.next
        }
        return result
    }

    /// Inline containers whose text may hold claims and citations. Link and image text
    /// is left alone: a claim badge inside a link would nest links.
    var holdsAnnotatableInlines: Bool {
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
            CMARK_NODE_CUSTOM_INLINE:
            return true
        default:
            return false
        }
    }
}

/// What a walker wants after visiting a node.
enum WalkAction {
    case visitChildren
    case skipChildren
}

/// Visits a tree depth-first in document order; by default it walks into every child.
protocol MarkdownWalker {
    mutating func visit(_ node: MarkdownNode) -> WalkAction
}

extension MarkdownWalker {
    mutating func visit(_ node: MarkdownNode) -> WalkAction { .visitChildren }

    mutating func walk(_ node: MarkdownNode) {
        guard visit(node) == .visitChildren else { return }
        var child = node.firstChild
        while let c = child {
            // Read `next` first: a visit may not unlink, but being defensive costs nothing.
            let following = c.next
            walk(c)
            child = following
        }
    }
}
