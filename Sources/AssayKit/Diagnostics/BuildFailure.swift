import AssayMarkdown
import AssaySupport

/// A build or check that found errors. Carries every diagnostic, not just the first.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    /// The command line's exit status (README): 130 for an interrupted build, 2 when
    /// every error is about the machine (a file that cannot be read, an output folder
    /// refused), 1 when the site itself has errors.
    public var exitStatus: Int32 {
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.contains(where: { $0.rule == .interrupted }) { return 130 }
        if !errors.isEmpty, errors.allSatisfy({ !$0.rule.isConfigurable }) { return 2 }
        return 1
    }
}

extension Diagnostic {
    /// A Markdown-layer diagnostic moved into file coordinates.
    init(_ d: MarkdownDiagnostic, path: String, lineOffset: Int) {
        self.init(d.rule, d.message, path: path, line: d.location.line + lineOffset, column: d.location.column)
    }
}
