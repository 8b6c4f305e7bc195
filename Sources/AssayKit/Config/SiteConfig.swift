import AssayMarkdown
import AssaySupport
import Yams

/// `content/site.yml`: the site's title, taxonomy, review policy and rule settings.
public struct SiteConfig: Sendable {
    var title: String
    var description: String
    var language: String
    /// Absolute URL the site is published at, ending in `/`; nil if unknown. Pages never
    /// need it (their links are relative); the sitemap and canonical links do.
    var baseURL: String?
    var taxonomy: Taxonomy
    var reviewPeriodMonths: Int
    var unsafeHTML: Bool
    /// Rule id to severity; a rule set to `off` is absent from `disabledRules`.
    var ruleSeverity: [Rule: Diagnostic.Severity]
    var disabledRules: Set<Rule>
    /// A folder of templates that the site's own `templates/` overrides file by file.
    var theme: String?
    /// `retractions:`, a local copy of the Retraction Watch CSV (relative to the site's
    /// folder): every build and check looks up the cited works in it.
    var retractions: String? = nil
    /// `print: false` turns `print.html` off. It is made from every page on every build
    /// (each page's HTML is not cached), which a guide of hundreds of pages feels.
    var printPage = true
    /// Digest of the file's text, for the build cache.
    public var fingerprint: UInt64 = 0

    public static let path = "content/site.yml"

    /// Reads and validates the config; every problem is reported, not just the first.
    public static func load(text: String, path: String = SiteConfig.path) throws(BuildFailure) -> SiteConfig {
        let yaml = try YAMLDocument(text, path: path)
        var problems: [Diagnostic] = []
        guard let root = yaml.root, root.mappingPairs != nil else {
            throw BuildFailure([yaml.diagnostic(.config, "site.yml must be a mapping with at least 'title' and 'levels'", at: yaml.root)])
        }
        func string(_ key: String, in node: Node = root, required: Bool = false) -> String? {
            guard let value = node[field: key] else {
                if required { problems.append(yaml.diagnostic(.config, "missing '\(key)'", at: node)) }
                return nil
            }
            guard let s = value.stringValue else {
                problems.append(yaml.diagnostic(.config, "'\(key)' must be text", at: value))
                return nil
            }
            return s
        }
        let title = string("title", required: true) ?? ""
        // Read before the problems are counted, so a bad value is reported, not dropped.
        let description = string("description") ?? ""
        let language = string("language") ?? "en"
        let theme = string("theme")
        let retractions = string("retractions")
        var baseURL = string("base_url").flatMap { $0.isEmpty ? nil : $0 }
        if let url = baseURL {
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                problems.append(yaml.diagnostic(.config, "'base_url' must be an absolute http(s) URL", at: root[field: "base_url"]))
            }
            if !url.hasSuffix("/") { baseURL = url + "/" }
        }
        var period = 12
        if let review = root[field: "review"], let value = review[field: "period_months"] {
            if let n = value.stringValue.flatMap(Int.init), n > 0 { period = n } else {
                problems.append(yaml.diagnostic(.config, "'review.period_months' must be a positive whole number", at: value))
            }
        }
        let unsafe = root[field: "markdown"]?[field: "unsafe_html"]?.boolValue ?? false
        var printPage = true
        if let node = root[field: "print"] {
            if let value = node.boolValue { printPage = value } else {
                problems.append(yaml.diagnostic(.config, "'print' must be true or false", at: node))
            }
        }
        let levels = readLevels(root[field: "levels"], yaml: yaml, problems: &problems)
        // A list whose levels are all wrong has had each one reported already.
        if let node = root[field: "levels"], node.sequenceValue?.isEmpty ?? true {
            problems.append(yaml.diagnostic(.config, "'levels' must list at least one evidence level", at: node))
        } else if root[field: "levels"] == nil {
            problems.append(yaml.diagnostic(.config, "missing 'levels': the evidence taxonomy", at: root))
        }
        var severity: [Rule: Diagnostic.Severity] = [:]
        var disabled = Set<Rule>()
        var rules: [(key: Node, value: Node)] = []
        if case .mapping(let mapping)? = root[field: "rules"] { rules = Array(mapping) }
        for (key, value) in rules {
            guard let id = key.string else { continue }
            guard let rule = Rule(rawValue: id), rule.isConfigurable else {
                let hint = Suggestion.closest(to: id, in: Rule.configurable.map(\.rawValue)).map { " — did you mean '\($0)'?" } ?? ""
                problems.append(yaml.diagnostic(.config, "unknown rule '\(id)'\(hint)", at: key))
                continue
            }
            switch value.stringValue {
            case "error": severity[rule] = .error
            case "warning": severity[rule] = .warning
            case "off": disabled.insert(rule)
            default: problems.append(yaml.diagnostic(.config, "rule '\(id)' must be error, warning or off", at: value))
            }
        }
        guard problems.isEmpty else { throw BuildFailure(problems) }
        var config = SiteConfig(
            title: title, description: description, language: language,
            baseURL: baseURL, taxonomy: Taxonomy(levels), reviewPeriodMonths: period, unsafeHTML: unsafe,
            ruleSeverity: severity, disabledRules: disabled, theme: theme)
        config.retractions = retractions
        config.printPage = printPage
        config.fingerprint = Fingerprint.of(text).value
        return config
    }

    private static func readLevels(_ node: Node?, yaml: YAMLDocument, problems: inout [Diagnostic]) -> [EvidenceLevel] {
        var levels: [EvidenceLevel] = []
        var seen = Set<String>()
        for item in node?.sequenceValue ?? [] {
            func field(_ key: String) -> String? {
                guard let s = item[field: key]?.stringValue, !s.isEmpty else {
                    problems.append(yaml.diagnostic(.config, "evidence level needs '\(key)'", at: item))
                    return nil
                }
                return s
            }
            guard let id = field("id"), let label = field("label"), let rankText = field("rank"),
                let definition = field("definition")
            else { continue }
            guard id.utf8.allSatisfy({ $0.isASCIIAlphanumericLower || $0 == UInt8(ascii: "-") }), id.utf8.first?.isASCIILetter == true else {
                problems.append(yaml.diagnostic(.config, "level id '\(id)' must be lowercase letters, digits and '-'", at: item[field: "id"]))
                continue
            }
            guard let rank = Int(rankText) else {
                problems.append(yaml.diagnostic(.config, "level rank must be a whole number", at: item[field: "rank"]))
                continue
            }
            let color = item[field: "color"]?.stringValue ?? "#666666"
            guard isCSSColor(color) else {
                problems.append(yaml.diagnostic(.config, "level colour '\(color)' must be #rgb, #rrggbb or a CSS colour name", at: item[field: "color"]))
                continue
            }
            var colorDark: String?
            if let dark = item[field: "color_dark"] {
                guard let value = dark.stringValue, isCSSColor(value) else {
                    problems.append(yaml.diagnostic(.config, "level 'color_dark' '\(dark.stringValue ?? "")' must be #rgb, #rrggbb or a CSS colour name", at: dark))
                    continue
                }
                colorDark = value
            }
            guard seen.insert(id).inserted else {
                problems.append(yaml.diagnostic(.config, "evidence level '\(id)' is defined twice", at: item))
                continue
            }
            let requires = item[field: "requires_citation"]?.boolValue ?? false
            levels.append(EvidenceLevel(id: id, label: label, rank: rank, definition: definition, color: color, colorDark: colorDark, requiresCitation: requires))
        }
        return levels
    }

    /// Colours go into a `<style>` block, so only shapes that cannot break out of it pass.
    static func isCSSColor(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        if bytes.first == UInt8(ascii: "#") {
            let hex = bytes.dropFirst()
            return [3, 4, 6, 8].contains(hex.count) && hex.allSatisfy { $0.isASCIIHexDigit }
        }
        return !bytes.isEmpty && bytes.count < 30 && bytes.allSatisfy { $0.isASCIILetter }
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
    var isASCIIAlphanumericLower: Bool { (0x61...0x7A).contains(self) || isASCIIDigit }
    var isASCIIHexDigit: Bool { isASCIIDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
