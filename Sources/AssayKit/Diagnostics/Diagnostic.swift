import AssayMarkdown

/// One problem, printed the way compilers print them:
/// `content/risks.md:12:5: error: unknown cite key 'smith2020' [unknown-cite-key]`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// Path relative to the site root, with `/` separators.
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    /// Stable id of the rule, e.g. `unknown-level`; the key in `site.yml`'s `rules`.
    public var rule: String

    public init(
        _ rule: String, _ message: String, path: String, line: Int = 1, column: Int = 1,
        severity: Severity = .error
    ) {
        self.rule = rule
        self.message = message
        self.path = path
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.severity = severity
    }

    public var description: String {
        "\(path):\(line):\(column): \(severity.rawValue): \(message) [\(rule)]"
    }

    /// The GitHub Actions workflow command that shows the diagnostic on a pull request.
    public var githubAnnotation: String {
        let title = rule.replacingAll(",", with: "%2C")
        let text = message.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
        return "::\(severity.rawValue) file=\(path),line=\(line),col=\(column),title=\(title)::\(text)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.column, a.rule, a.message) < (b.path, b.line, b.column, b.rule, b.message)
    }
}

extension Diagnostic {
    /// A Markdown-layer diagnostic moved into file coordinates.
    init(_ d: MarkdownDiagnostic, path: String, lineOffset: Int) {
        self.init(d.rule.rawValue, d.message, path: path, line: d.location.line + lineOffset, column: d.location.column)
    }
}

/// A build or check that found errors. Carries every diagnostic, not just the first.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
