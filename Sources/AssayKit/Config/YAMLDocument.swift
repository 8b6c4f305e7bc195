import AssaySupport
import Yams

/// YAML read as a node tree, so every value keeps its line and column for diagnostics
/// and dates stay the strings the author wrote.
struct YAMLDocument {
    let path: String
    let text: String
    /// Lines before the YAML's first line in its file (front matter starts on line 2).
    let lineOffset: Int
    let root: Node?

    init(_ text: String, path: String, lineOffset: Int = 0) throws(BuildFailure) {
        self.path = path
        self.text = text
        self.lineOffset = lineOffset
        do {
            // No implicit typing: every value is read as the text the author wrote
            // (`stringValue`), so the default resolver's regular expressions, compiled on
            // first use and matched against every scalar, would change nothing but the
            // time (a fifth of reading a bibliography, and ICU's start-up on every build).
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw BuildFailure([Self.diagnostic(error, text: text, path: path, lineOffset: lineOffset)])
        } catch {
            throw BuildFailure([Diagnostic(.yamlSyntax, "\(error)", path: path, line: lineOffset + 1)])
        }
    }

    static func diagnostic(_ error: YamlError, text: String, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            var at = mark
            // An unclosed quote or bracket is found only lines later, at the end of the
            // text: point at where it opened, which is where the fix goes.
            if let context, context.mark.line < mark.line {
                message += " (line \(mark.line + lineOffset))"
                at = context.mark
            }
            let column = byteColumn(in: text, line: at.line, column: at.column)
            return Diagnostic(.yamlSyntax, "invalid YAML: \(message)", path: path, line: at.line + lineOffset, column: column)
        default:
            return Diagnostic(.yamlSyntax, "invalid YAML: \(error)", path: path, line: lineOffset + 1)
        }
    }

    func location(of node: Node?) -> (line: Int, column: Int) {
        guard let mark = node?.mark else { return (lineOffset + 1, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    func diagnostic(_ rule: Rule, _ message: String, at node: Node?, severity: Diagnostic.Severity = .error) -> Diagnostic {
        let (line, column) = location(of: node)
        let bytes = Self.byteColumn(in: text, line: line - lineOffset, column: column)
        return Diagnostic(rule, message, path: path, line: line, column: bytes, severity: severity)
    }

    /// libyaml counts columns in Unicode scalars; every other diagnostic counts bytes, as
    /// cmark does, so `summary: Café: x` and a Markdown line agree on where column 15 is.
    static func byteColumn(in text: String, line: Int, column: Int) -> Int {
        guard column > 1 else { return column }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        for _ in 1..<max(line, 1) {
            guard let newline = scalars[index...].firstIndex(of: "\n") else { return column }
            index = scalars.index(after: newline)
        }
        var bytes = 0
        for scalar in scalars[index...].prefix(column - 1) {
            if scalar == "\n" { break }
            bytes += UTF8.width(scalar)
        }
        return bytes + 1
    }
}

extension Node {
    /// The value for `key` in a mapping, or nil.
    subscript(field key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (k, v) in mapping where k.string == key { return v }
        return nil
    }

    var stringValue: String? {
        guard case .scalar(let scalar) = self else { return nil }
        return scalar.string
    }

    var sequenceValue: [Node]? {
        guard case .sequence(let sequence) = self else { return nil }
        return Array(sequence)
    }

    var mappingPairs: [(key: String, value: Node)]? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.compactMap { k, v in k.string.map { ($0, v) } }
    }

    /// What a value is, for messages: "list", "mapping" or "value".
    var kindName: String {
        switch self {
        case .sequence: "list"
        case .mapping: "mapping"
        default: "value"
        }
    }

    var boolValue: Bool? {
        switch stringValue?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}
