/// A parsed Mustache template: variables (`{{x}}` escaped, `{{{x}}}` and `{{& x}}` raw),
/// sections, inverted sections, partials and comments, with the spec's standalone-line
/// rule. Written for Assay instead of taken from a package: values are typed (no `Any`
/// casts), output is built as bytes, and a missing partial is an error at load time.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool)
        case partial(String, line: Int, column: Int)
    }

    /// A dotted name, split once at parse time; `.` is the current value.
    struct Name: Sendable {
        let parts: [String]
        var isImplicit: Bool { parts.isEmpty }
    }

    let nodes: [Node]

    /// The partials this template names, with where, for load-time checks.
    var partials: [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let name, let line, let column): found.append((name, line, column))
                case .section(_, let children, _): walk(children)
                default: break
                }
            }
        }
        walk(nodes)
        return found
    }
}

/// A template syntax error, 1-based line and column.
public struct TemplateError: Error, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
}
