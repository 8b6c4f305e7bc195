/// How `site.yml`'s `rules:` map and `--strict` decide each diagnostic's severity.
extension SiteConfig {
    /// The severity a finding of `rule` gets on this site, or nil when the site turned the
    /// rule `off`. Fatal rules (nothing can be built without fixing them) are always errors.
    public func severity(of rule: String, strict: Bool = false) -> Diagnostic.Severity? {
        let known = CheckRule(rawValue: rule)
        if known?.isFatal == true { return .error }
        if disabledRules.contains(rule) { return nil }
        let severity = ruleSeverity[rule] ?? known?.defaultSeverity ?? .error
        return strict ? .error : severity
    }

    /// `diagnostics` with this site's severities; those of rules set to `off` are dropped.
    public func applyingSeverities(_ diagnostics: [Diagnostic], strict: Bool = false) -> [Diagnostic] {
        diagnostics.compactMap { d in
            guard let severity = severity(of: d.rule, strict: strict) else { return nil }
            var d = d
            d.severity = severity
            return d
        }
    }
}
