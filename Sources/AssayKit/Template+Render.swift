extension Template {
    /// Renders with `context` as the only value on the stack; `partials` resolves
    /// `{{> name}}` (checked to exist when the theme loads).
    ///
    /// `capacity` is reserved up front. A growing array doubles, and while it copies, the
    /// old and the new buffer are both alive: for the 40 MB claims register of a
    /// 10,000-page guide that was the build's peak memory. Reserving too much costs
    /// address space, not memory, since pages never written are never touched.
    public func render(_ context: TemplateValue, partials: [String: Template], capacity: Int = 16 * 1024) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        var stack = [context]
        Self.render(nodes, stack: &stack, partials: partials, into: &out, depth: 0)
        return out
    }

    static func render(_ nodes: [Node], stack: inout [TemplateValue], partials: [String: Template], into out: inout [UInt8], depth: Int) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out += bytes
            case .variable(let name, let escaped):
                switch lookup(name, in: stack) {
                case .string(let s)?:
                    if escaped { HTMLBytes.escape(s, into: &out) } else { out += s.utf8 }
                case .int(let n)?:
                    out += String(n).utf8
                case .bool(let b)?:
                    out += (b ? "true" : "false").utf8
                default:
                    break
                }
            case .section(let name, let children, let inverted):
                let value = lookup(name, in: stack)
                if inverted {
                    if value?.isFalsy ?? true { render(children, stack: &stack, partials: partials, into: &out, depth: depth) }
                    continue
                }
                guard let value, !value.isFalsy else { continue }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, stack: &stack, partials: partials, into: &out, depth: depth)
                        stack.removeLast()
                    }
                case .bool:
                    render(children, stack: &stack, partials: partials, into: &out, depth: depth)
                default:
                    stack.append(value)
                    render(children, stack: &stack, partials: partials, into: &out, depth: depth)
                    stack.removeLast()
                }
            case .partial(let name, _, _):
                // A partial that includes itself would never end; 32 levels is plenty.
                guard depth < 32, let partial = partials[name] else { continue }
                render(partial.nodes, stack: &stack, partials: partials, into: &out, depth: depth + 1)
            }
        }
    }

    /// Mustache name resolution: the first part is looked up from the top of the stack
    /// down; the rest descend into what was found.
    static func lookup(_ name: Name, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        for value in stack.reversed() {
            if let v = value[first] {
                found = v
                break
            }
        }
        for part in name.parts.dropFirst() {
            guard let current = found else { return nil }
            if case .list(let items) = current, let n = Int(part) {
                found = n < items.count ? items[n] : nil
            } else {
                found = current[part]
            }
        }
        return found
    }
}

/// HTML escaping on UTF-8 bytes: the five characters that matter, everything else copied.
enum HTMLBytes {
    static func escape(_ s: String, into out: inout [UInt8]) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case UInt8(ascii: "<"): out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case UInt8(ascii: ">"): out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case UInt8(ascii: "\""): out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case UInt8(ascii: "'"): out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: out.append(byte)
            }
        }
    }
}
