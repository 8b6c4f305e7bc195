import AssaySupport

/// How `site.yml`'s `rules:` map and `--strict` decide each diagnostic's severity.
extension SiteConfig {
    /// The severity a finding of `rule` gets on this site, or nil when the site turned the
    /// rule `off`. Fatal rules (nothing can be built without fixing them) are always errors.
    func severity(of rule: Rule, strict: Bool = false) -> Diagnostic.Severity? {
        if rule.isFatal { return .error }
        if disabledRules.contains(rule) { return nil }
        let severity = ruleSeverity[rule] ?? rule.defaultSeverity
        return strict ? .error : severity
    }

    /// `diagnostics` with this site's severities; those of rules set to `off` are dropped.
    func applyingSeverities(_ diagnostics: [Diagnostic], strict: Bool = false) -> [Diagnostic] {
        diagnostics.compactMap { d in
            guard let severity = severity(of: d.rule, strict: strict) else { return nil }
            var d = d
            d.severity = severity
            return d
        }
    }

    /// The `no-base-url` warning, which `assay build` and `assay check` both give.
    var baseURLWarning: Diagnostic? {
        guard baseURL == nil else { return nil }
        return Diagnostic(
            .noBaseURL, "no 'base_url' in site.yml: sitemap.xml is not written and the 404 page links from the domain root",
            path: SiteConfig.path, severity: .warning)
    }
}
