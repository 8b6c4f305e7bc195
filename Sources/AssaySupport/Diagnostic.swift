/// One problem, printed the way compilers print them:
/// `content/risks.md:12:5: error: unknown cite key 'smith2020' [unknown-cite-key]`.
/// The location is as precise as the problem: a position in a file, a whole file
/// (`public: error: …`), or none at all.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var rule: Rule
    public var severity: Severity
    public var message: String
    /// Path relative to the site root, with `/` separators (or as the user typed it);
    /// nil when the problem belongs to no file.
    public var path: String?
    /// 1-based line, nil for a problem with the whole file.
    public var line: Int?
    /// 1-based byte column, nil when only the line is known.
    public var column: Int?

    public init(
        _ rule: Rule, _ message: String, path: String?, line: Int? = nil, column: Int? = nil,
        severity: Severity = .error
    ) {
        self.rule = rule
        self.message = message
        self.path = path
        self.line = line.map { max($0, 1) }
        self.column = line == nil ? nil : column.map { max($0, 1) }
        self.severity = severity
    }

    /// `path:line:column`, as much of it as is known; empty when there is no location.
    public var location: String {
        guard let path else { return "" }
        guard let line else { return path }
        guard let column else { return "\(path):\(line)" }
        return "\(path):\(line):\(column)"
    }

    public var description: String {
        let head = location.isEmpty ? "" : location + ": "
        return "\(head)\(severity.rawValue): \(message) [\(rule.rawValue)]"
    }

    /// The GitHub Actions workflow command that shows the diagnostic on a pull request
    /// (at its line, on its file, or on the run when it has no file).
    public var githubAnnotation: String {
        var properties: [String] = []
        if let path { properties.append("file=\(path)") }
        if let line { properties.append("line=\(line)") }
        if let column { properties.append("col=\(column)") }
        properties.append("title=\(rule.rawValue)")
        let text = message.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
        return "::\(severity.rawValue) \(properties.joined(separator: ","))::\(text)"
    }

    /// By file, then position (a whole-file problem first), then rule and message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path ?? "", a.line ?? 0, a.column ?? 0, a.rule.rawValue, a.message)
            < (b.path ?? "", b.line ?? 0, b.column ?? 0, b.rule.rawValue, b.message)
    }
}

extension String {
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
