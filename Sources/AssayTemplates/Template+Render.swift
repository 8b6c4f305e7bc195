import AssaySupport

/// One render: the output so far, the context stack, the indentation of the partial or
/// block being filled, and the blocks the children above it replace.
struct TemplateRenderer {
    let entries: [TemplateLibrary.Entry]
    var out: [UInt8] = []
    var stack: [TemplateValue]
    /// Put before every line a standalone partial, parent or block renders; empty
    /// almost always, and then text is copied without looking at it.
    var indent: [UInt8] = []
    var atLineStart = true
    var overrides: [String: Template.Block] = [:]
    /// Takes the output so far whenever it reaches `flushAt` bytes, between two items of
    /// a list, and leaves the buffer empty: a listing of every claim of a large guide is
    /// then written in pieces instead of held whole.
    var flush: ((inout [UInt8]) -> Void)?
    var flushAt = Int.max

    init(entries: [TemplateLibrary.Entry], stack: [TemplateValue]) {
        self.entries = entries
        self.stack = stack
    }

    mutating func render(_ nodes: [Template.Node], depth: Int) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes, _):
                emit(bytes)
            case .variable(let name, let escaped):
                interpolate(lookup(name), escaped: escaped)
            case .section(let name, let children, let inverted, let at):
                let value = lookup(name)
                if inverted {
                    if value?.isFalsy ?? true { try nest(children, at: at, depth: depth) }
                    continue
                }
                guard let value, !value.isFalsy else { continue }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        try nest(children, at: at, depth: depth)
                        stack.removeLast()
                        if out.count >= flushAt, let flush { flush(&out) }
                    }
                case .bool:
                    try nest(children, at: at, depth: depth)
                default:
                    stack.append(value)
                    try nest(children, at: at, depth: depth)
                    stack.removeLast()
                }
            case .partial(let include):
                try expand(include, depth: depth)
            case .parent(let include, let given):
                // The child's blocks win over the parent's own: `{{<page}}` in a child of
                // a child keeps what the outermost child said.
                let saved = overrides
                var merged = given
                for (name, block) in saved { merged[name] = block }
                overrides = merged
                try expand(include, depth: depth)
                overrides = saved
            case .block(let block):
                let content = overrides[block.name]?.nodes ?? block.nodes
                guard !block.indent.isEmpty else {
                    try nest(content, at: block.at, depth: depth)
                    continue
                }
                let saved = indent
                indent += block.indent
                try nest(content, at: block.at, depth: depth)
                indent = saved
            }
        }
    }

    private mutating func expand(_ include: Template.Include, depth: Int) throws(TemplateError) {
        let nodes = entries[include.target].nodes
        guard !include.indent.isEmpty else {
            try nest(nodes, at: include.at, depth: depth)
            return
        }
        let saved = indent
        indent += include.indent
        try nest(nodes, at: include.at, depth: depth)
        indent = saved
    }

    /// One level deeper, within the limit: a partial that includes itself inside a
    /// section ends only when its data does, and data that does not end must fail the
    /// build at the tag, not overflow a render thread's stack.
    private mutating func nest(_ nodes: [Template.Node], at: Template.Location, depth: Int) throws(TemplateError) {
        guard depth < TemplateLimits.renderDepth else {
            throw TemplateError(
                .recursion, at: at,
                "rendering nests more than \(TemplateLimits.renderDepth) deep here (sections, partials, parents and blocks): a template that includes itself needs data that ends")
        }
        try render(nodes, depth: depth + 1)
    }

    private mutating func emit(_ bytes: [UInt8]) {
        guard let last = bytes.last else { return }
        if indent.isEmpty {
            out += bytes
            atLineStart = last == 0x0A
            return
        }
        // Indentation goes before every line that has something on it, not before
        // blank lines, which then stay free of trailing whitespace.
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            if atLineStart, i > start { out += indent }
            out += bytes[start...i]
            atLineStart = true
            start = i + 1
        }
        if start < bytes.count {
            if atLineStart { out += indent }
            out += bytes[start...]
            atLineStart = false
        }
    }

    private mutating func lead() {
        if atLineStart, !indent.isEmpty { out += indent }
        atLineStart = false
    }

    private mutating func interpolate(_ value: TemplateValue?, escaped: Bool) {
        switch value {
        case .string(let s)?:
            guard !s.isEmpty else { return }
            lead()
            if escaped { HTMLEscape.append(s, to: &out) } else { out += s.utf8 }
        case .int(let n)?:
            lead()
            out += String(n).utf8
        case .double(let d)?:
            lead()
            out += TemplateValue.format(d).utf8
        case .bool(let b)?:
            lead()
            out += (b ? "true" : "false").utf8
        default:
            break
        }
    }

    /// Mustache name resolution: the first part is looked up from the top of the stack
    /// down; the rest descend into what was found. A part that is a number indexes a
    /// list; anything else on a list finds nothing.
    func lookup(_ name: Template.Name) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        var level = stack.count - 1
        while level >= 0 {
            if let v = stack[level][first] {
                found = v
                break
            }
            level -= 1
        }
        guard name.parts.count > 1 else { return found }
        for part in name.parts.dropFirst() {
            guard let current = found else { return nil }
            if case .list(let items) = current {
                guard let n = Int(part), n >= 0, n < items.count else { return nil }
                found = items[n]
            } else {
                found = current[part]
            }
        }
        return found
    }
}
