import Testing

@testable import AssayKit

@Suite("Site config")
struct SiteConfigTests {
    static let level = """
          - id: anecdotal
            label: Anecdotal
            rank: 2
            definition: "Personal reports."

        """

    static func load(_ text: String) throws(BuildFailure) -> SiteConfig {
        try SiteConfig.load(text: text)
    }

    /// The problems `text` gives, as printed.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func defaultSiteLoads() throws {
        let config = try SiteConfig.load(text: DefaultSite.siteYAML, path: "<default>")
        #expect(config.taxonomy.levels.map(\.id) == ["established", "preliminary", "anecdotal", "unsupported"])
        #expect(config.reviewPeriodMonths == 12)
        #expect(config.baseURL == nil)
        #expect(config.language == "en")
        #expect(!config.unsafeHTML)
        #expect(config.taxonomy["preliminary"]?.requiresCitation == true)
        #expect(config.taxonomy["anecdotal"]?.requiresCitation == false)
    }

    @Test func readsEverything() throws {
        let config = try Self.load("""
            title: "T"
            description: "D"
            language: de
            base_url: https://example.org/guide
            theme: themes/plain
            review:
              period_months: 6
            markdown:
              unsafe_html: true
            rules:
              review-overdue: error
              unused-source: off
            levels:
              - id: weak
                label: Weak
                rank: 1
                definition: "Little."
                color: tomato
              - id: strong
                label: Strong
                rank: 9
                definition: "Much."
                color: "#ABC"
                requires_citation: yes

            """)
        #expect(config.title == "T" && config.description == "D" && config.language == "de")
        // The base URL always ends in '/', so page paths append to it.
        #expect(config.baseURL == "https://example.org/guide/")
        #expect(config.theme == "themes/plain")
        #expect(config.reviewPeriodMonths == 6)
        #expect(config.unsafeHTML)
        // Strongest first, whatever the file's order.
        #expect(config.taxonomy.levels.map(\.id) == ["strong", "weak"])
        #expect(config.taxonomy["strong"]?.color == "#ABC")
        #expect(config.taxonomy["strong"]?.requiresCitation == true)
        #expect(config.taxonomy["weak"]?.color == "tomato")
        #expect(config.severity(of: .reviewOverdue) == .error)
        #expect(config.severity(of: .unusedSource) == nil)
        #expect(config.severity(of: .unknownLevel) == .error)
        // Fatal rules cannot be turned down.
        #expect(config.severity(of: .template) == .error)
    }

    @Test func colourDefaultsToGrey() throws {
        let config = try Self.load("title: T\nlevels:\n" + Self.level)
        #expect(config.taxonomy["anecdotal"]?.color == "#666666")
    }

    @Test func darkColourIsOptionalAndChecked() throws {
        let config = try Self.load("title: T\nlevels:\n" + Self.level + "    color: \"#8a62bd\"\n    color_dark: \"#9a78cf\"\n")
        #expect(config.taxonomy["anecdotal"]?.color == "#8a62bd")
        #expect(config.taxonomy["anecdotal"]?.colorDark == "#9a78cf")
        #expect(try Self.load("title: T\nlevels:\n" + Self.level).taxonomy["anecdotal"]?.colorDark == nil)
        let problems = Self.problems("title: T\nlevels:\n" + Self.level + "    color_dark: \"red;}body{\"\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("'color_dark'") == true, "\(problems)")
        #expect(problems.first?.hasPrefix("content/site.yml:7:") == true, "\(problems)")
    }

    /// Colours land in a `<style>` block: only shapes that cannot break out of it pass.
    @Test(arguments: ["#abc", "#abcd", "#a1b2c3", "#A1B2C3FF", "rebeccapurple", "red"])
    func acceptedColours(_ colour: String) {
        #expect(SiteConfig.isCSSColor(colour))
    }

    @Test(arguments: [
        "red;}", "#12345", "#ggg", "#", "", "rgb(1,2,3)", "red </style><script>", "url(x)", "var(--x)",
        "aVeryLongColourNameThatIsNotOne", "#abc;", "blue\n",
    ])
    func rejectedColours(_ colour: String) {
        #expect(!SiteConfig.isCSSColor(colour))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let yaml: String
        let expected: [String]
        var testDescription: String { expected.first ?? yaml }
    }

    @Test(arguments: [
        Bad(yaml: "- a list\n", expected: ["content/site.yml:1:1: error: site.yml must be a mapping with at least 'title' and 'levels' [config]"]),
        Bad(yaml: "", expected: ["content/site.yml:1:1: error: site.yml must be a mapping with at least 'title' and 'levels' [config]"]),
        Bad(yaml: "levels:\n" + level, expected: ["content/site.yml:1:1: error: missing 'title' [config]"]),
        Bad(yaml: "title: T\n", expected: ["content/site.yml:1:1: error: missing 'levels': the evidence taxonomy [config]"]),
        Bad(yaml: "title: T\nlevels: []\n", expected: ["content/site.yml:2:9: error: 'levels' must list at least one evidence level [config]"]),
        Bad(yaml: "title: [T]\nlevels:\n" + level, expected: ["content/site.yml:1:8: error: 'title' must be text [config]"]),
        Bad(yaml: "title: T\ndescription: [a]\nlevels:\n" + level, expected: ["content/site.yml:2:14: error: 'description' must be text [config]"]),
        // Columns count bytes, as in Markdown diagnostics: 'É' is two.
        Bad(yaml: "title: T\nlevels:\n  - {id: a, label: É, rank: x, definition: d}\n",
            expected: ["content/site.yml:3:30: error: level rank must be a whole number [config]"]),
        Bad(yaml: "title: T\nbase_url: ftp://example.org/\nlevels:\n" + level,
            expected: ["content/site.yml:2:11: error: 'base_url' must be an absolute http(s) URL [config]"]),
        Bad(yaml: "title: T\nreview:\n  period_months: 0\nlevels:\n" + level,
            expected: ["content/site.yml:3:18: error: 'review.period_months' must be a positive whole number [config]"]),
        Bad(yaml: "title: T\nlevels:\n  - id: Strong\n    label: S\n    rank: 1\n    definition: d\n",
            expected: ["content/site.yml:3:9: error: level id 'Strong' must be lowercase letters, digits and '-' [config]"]),
        Bad(yaml: "title: T\nlevels:\n  - id: s\n    label: S\n    rank: high\n    definition: d\n",
            expected: ["content/site.yml:5:11: error: level rank must be a whole number [config]"]),
        Bad(yaml: "title: T\nlevels:\n  - id: s\n    label: S\n    rank: 1\n",
            expected: ["content/site.yml:3:5: error: evidence level needs 'definition' [config]"]),
        Bad(yaml: "title: T\nlevels:\n" + level + level,
            expected: ["content/site.yml:7:5: error: evidence level 'anecdotal' is defined twice [config]"]),
        Bad(yaml: "title: T\nlevels:\n" + level + "print: sometimes\n",
            expected: ["content/site.yml:7:8: error: 'print' must be true or false [config]"]),
        Bad(yaml: "title: T\nlevels:\n" + level + "rules:\n  unknown-level: loud\n",
            expected: ["content/site.yml:8:18: error: rule 'unknown-level' must be error, warning or off [config]"]),
        Bad(yaml: "title: T\nlevels:\n" + level + "rules:\n  unknown-levl: warning\n",
            expected: ["content/site.yml:8:3: error: unknown rule 'unknown-levl' — did you mean 'unknown-level'? [config]"]),
        Bad(yaml: "title: T\nlevels:\n" + level + "rules:\n  spelling: off\n",
            expected: ["content/site.yml:8:3: error: unknown rule 'spelling' [config]"]),
    ])
    func reportsProblemsWhereTheyAre(_ bad: Bad) {
        #expect(Self.problems(bad.yaml) == bad.expected)
    }

    /// Every problem of the file at once, so an editor fixes them in one go.
    @Test func reportsEveryProblem() {
        let lines = Self.problems("""
            base_url: example.org
            levels:
              - id: a
                label: A
                rank: x
                definition: d
                color: "red;}"
            rules:
              nope: off

            """)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.contains { $0.contains("missing 'title'") })
        #expect(lines.contains { $0.contains("'base_url' must be an absolute") })
        #expect(lines.contains { $0.contains("level rank must be a whole number") })
        #expect(lines.contains { $0.contains("unknown rule 'nope'") })
        // The one level is wrong, and said so: no second message that the list is empty.
        #expect(!lines.contains { $0.contains("'levels' must list at least one") })
    }
}
