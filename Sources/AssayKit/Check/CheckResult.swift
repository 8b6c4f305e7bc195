import AssaySupport

/// What `assay check` found: every diagnostic, sorted, with the counts for the summary.
public struct CheckResult: Sendable {
    /// Sorted by path, line, column, rule; no two alike.
    public var diagnostics: [Diagnostic]
    /// Pages checked (section indexes Assay makes for folders without `_index.md` included,
    /// as in `assay build`'s summary); 0 when the site could not be loaded.
    var pages: Int
    var claims: Int

    init(diagnostics: [Diagnostic], pages: Int, claims: Int) {
        self.diagnostics = Array(Set(diagnostics)).sorted()
        self.pages = pages
        self.claims = claims
    }

    public var errors: Int { diagnostics.count { $0.severity == .error } }
    public var warnings: Int { diagnostics.count { $0.severity == .warning } }

    /// `check: 1 error, 2 warnings (12 pages, 85 claims)`.
    public var summary: String {
        "check: \(EvidenceProfile.count(errors, "error")), \(EvidenceProfile.count(warnings, "warning"))"
            + " (\(EvidenceProfile.count(pages, "page")), \(EvidenceProfile.count(claims, "claim")))"
    }

    /// The `--format json` document, keys in a fixed order (its shape is documented in
    /// the README, for editors and scripts).
    public func json() -> String {
        let items: [JSONValue] = diagnostics.map { d in
            .object([
                // null where the diagnostic has no such part (README: `--format json`).
                ("path", d.path.map { .string($0) } ?? .null), ("line", d.line.map { .number($0) } ?? .null),
                ("column", d.column.map { .number($0) } ?? .null),
                ("severity", .string(d.severity.rawValue)), ("rule", .string(d.rule.rawValue)), ("message", .string(d.message)),
            ])
        }
        let document = JSONValue.object([
            ("diagnostics", .array(items)), ("errors", .number(errors)), ("warnings", .number(warnings)),
            ("pages", .number(pages)), ("claims", .number(claims)),
        ])
        return document.serialized(pretty: true) + "\n"
    }
}
