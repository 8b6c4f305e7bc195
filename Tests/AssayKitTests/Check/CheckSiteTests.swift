import Foundation
import Testing

@testable import AssayKit

/// Whole-site behaviour of `assay check`: every problem once, severities from site.yml
/// and `--strict`, a clean site reporting nothing, and the JSON form.
@Suite("Check a site")
struct CheckSiteTests {
    /// site.yml without `base_url`, so the no-base-url warning is one of the problems.
    static var siteWithoutBaseURL: String {
        CheckFixture.siteYAML.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("base_url") }.joined(separator: "\n")
    }

    static let twentyProblems: [String: String] = [
        "content/_index.md": """
            ---
            title: "Kratom guide"
            ---
            Start with [the basics](basics.md) and [the risks](risk.md).

            """,
        "content/basics.md": """
            ---
            title: "Basics"
            reviewed: 2024-01-15
            ---
            ## What kratom is

            [Kratom is a tree in the coffee family]{.established}.

            [Kratom leaves are chewed for energy]{.anecdotl}.

            [Mitragynine binds opioid receptors [@kruegel2061]]{.preliminary}.

            See [liver](risks.md#livr) and [glossary](glossary.md).

            """,
        "content/risks.md": """
            ---
            title: "Risks"
            ---
            ## Liver

            [Case reports describe liver injury [@prozialeck2012]]{.anecdotal}.

            [Users report dependence]{.anecdotal #dep} and [withdrawal]{.anecdotal #dep}.

            [Kratom is safe]{.established} [@kruegel2016].

            [Kratom is regulated]{.preliminary}.

            Back to [basics](basics.md#what-kratom-is) and [nothing](#nothing).

            ![Chart](chart.png)

            """,
        "content/dosing.md": """
            ---
            reviewed: 2025-01-01
            ---
            [Low doses stimulate]{.anecdotal} and [high doses sedate]{.establishd}.

            [Doses are measured in grams]{.anecdotal #main}.

            """,
        "content/sources.yml": CheckFixture.sourcesYAML + """
            - id: grundmann2017
              author: "Grundmann O"
              title: "Patterns of kratom use and health impact in the US"
              issued: 2017
            - id: swogger2015
              author: "Swogger MT"
              title: "Experiences of kratom users"
              issued: 2015

            """,
    ]

    @Test func twentyProblemsReportTwenty() throws {
        let site = try CheckFixture(Self.twentyProblems, siteYAML: Self.siteWithoutBaseURL)
        let result = site.check()
        let uncited = "claim cites no source: put a citation such as [@key] inside the claim's brackets [uncited-claim]"
        #expect(result.diagnostics.map(\.description) == [
            "content/_index.md:4:40: error: broken link 'risk.md': there is no page content/risk.md — did you mean 'content/risks.md'? [broken-link]",
            "content/basics.md:3: warning: review overdue: reviewed 2024-01-15, due 2025-01-15 (review.period_months: 12) [review-overdue]",
            "content/basics.md:7:1: error: 'established' \(uncited)",
            "content/basics.md:9:39: error: unknown evidence level 'anecdotl' — did you mean 'anecdotal'? [unknown-level]",
            "content/basics.md:11:37: error: unknown cite key '@kruegel2061' — did you mean '@kruegel2016'? [unknown-cite-key]",
            "content/basics.md:13:5: error: broken anchor 'risks.md#livr': risks.html has no heading, claim or element with id 'livr' — did you mean 'liver'? [broken-anchor]",
            "content/basics.md:13:32: error: broken link 'glossary.md': there is no page content/glossary.md [broken-link]",
            "content/dosing.md: error: page has no title: add 'title:' to its front matter (it is shown as 'Dosing') [missing-title]",
            "content/dosing.md:2: warning: review overdue: reviewed 2025-01-01, due 2026-01-01 (review.period_months: 12) [review-overdue]",
            "content/dosing.md:4:59: error: unknown evidence level 'establishd' — did you mean 'established'? [unknown-level]",
            "content/dosing.md:6:1: error: claim id '#main' is also the id of an element the template makes on this page: links to it may land there [duplicate-claim-id]",
            "content/risks.md: error: page has no review date: add 'reviewed: YYYY-MM-DD' to its front matter [missing-review-date]",
            "content/risks.md:8:48: error: claim id '#dep' is already used on line 8 [duplicate-claim-id]",
            "content/risks.md:10:1: error: 'established' \(uncited)",
            "content/risks.md:12:1: error: 'preliminary' \(uncited)",
            "content/risks.md:14:48: error: broken anchor '#nothing': risks.html has no heading, claim or element with id 'nothing' [broken-anchor]",
            "content/risks.md:16:10: error: broken link 'chart.png': the site has no chart.png [broken-link]",
            "content/site.yml: warning: no 'base_url' in site.yml: sitemap.xml is not written and the 404 page links from the domain root [no-base-url]",
            "content/sources.yml:9: warning: source 'grundmann2017' is never cited [unused-source]",
            "content/sources.yml:13: warning: source 'swogger2015' is never cited [unused-source]",
        ])
        #expect(result.diagnostics.count == 20)
        #expect((result.errors, result.warnings) == (15, 5))
        #expect(result.pages == 4)
        #expect(result.summary == "check: 15 errors, 5 warnings (4 pages, 9 claims)")
    }

    /// Identical input, identical report: sorted, whatever order the pages render in.
    @Test func reportIsDeterministic() throws {
        let site = try CheckFixture(Self.twentyProblems, siteYAML: Self.siteWithoutBaseURL)
        let first = site.lines()
        for _ in 0..<3 { #expect(site.lines() == first) }
    }

    static let warningsOnly: [String: String] = [
        "content/sources.yml": CheckFixture.sourcesYAML,
        "content/a.md": """
            ---
            title: "A"
            reviewed: 2024-03-01
            ---
            [Mitragynine binds mu-opioid receptors [@kruegel2016]]{.preliminary}.

            [Kratom is sold online]{.established}.

            """,
    ]

    @Test func strictTurnsWarningsIntoErrors() throws {
        let site = try CheckFixture([
            "content/sources.yml": CheckFixture.sourcesYAML,
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2024-03-01
                ---
                [Mitragynine binds mu-opioid receptors [@kruegel2016]]{.preliminary}.

                """,
        ])
        let normal = site.check()
        #expect((normal.errors, normal.warnings) == (0, 2))
        let strict = site.check(strict: true)
        #expect((strict.errors, strict.warnings) == (2, 0))
        #expect(strict.diagnostics.map(\.description) == [
            "content/a.md:3: error: review overdue: reviewed 2024-03-01, due 2025-03-01 (review.period_months: 12) [review-overdue]",
            "content/sources.yml:5: error: source 'prozialeck2012' is never cited [unused-source]",
        ])
    }

    @Test func siteYAMLSetsSeverities() throws {
        let rules = """
            rules:
              unused-source: error
              review-overdue: off
              uncited-claim: warning

            """
        let site = try CheckFixture(Self.warningsOnly, siteYAML: CheckFixture.siteYAML + rules)
        #expect(site.lines() == [
            "content/a.md:7:1: warning: 'established' claim cites no source: put a citation such as [@key] inside the claim's brackets [uncited-claim]",
            "content/sources.yml:5: error: source 'prozialeck2012' is never cited [unused-source]",
        ])
        // --strict promotes what site.yml made a warning, and leaves `off` off.
        #expect(site.lines(strict: true) == [
            "content/a.md:7:1: error: 'established' claim cites no source: put a citation such as [@key] inside the claim's brackets [uncited-claim]",
            "content/sources.yml:5: error: source 'prozialeck2012' is never cited [unused-source]",
        ])
    }

    /// Rules that stop a build cannot be turned off: the site would not build.
    @Test func fatalRulesStayErrors() {
        let config = try! SiteConfig.load(text: CheckFixture.siteYAML + "rules:\n  unknown-level: off\n  template: warning\n")
        #expect(config.severity(of: .unknownLevel) == nil)
        #expect(config.severity(of: .template) == .error)
        #expect(config.severity(of: .yamlSyntax, strict: false) == .error)
        #expect(config.severity(of: .reviewOverdue) == .warning)
        #expect(config.severity(of: .reviewOverdue, strict: true) == .error)
    }

    /// A site that cannot be loaded reports why, and nothing else.
    @Test func brokenConfigIsReportedAsIs() throws {
        let site = try CheckFixture(["content/a.md": "Text.\n"], siteYAML: "title: [unclosed\n")
        let result = site.check()
        #expect(result.pages == 0)
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.path == "content/site.yml" && $0.rule == .yamlSyntax && $0.severity == .error })
    }

    @Test func brokenTemplateIsReportedAsIs() throws {
        let site = try CheckFixture([
            "content/a.md": "Text.\n",
            "templates/page.mustache": "{{#page}}\n<p>{{title}}</p>\n",
        ])
        let result = site.check()
        #expect(result.pages == 0)
        #expect(result.diagnostics.map(\.path) == ["templates/page.mustache"])
        #expect(result.diagnostics.first?.rule == .template)
    }

    /// A site using every kind of link the default theme and Markdown allow: nothing to
    /// report. Guards against false alarms from the templates' own links.
    @Test func cleanSiteReportsNothing() throws {
        let site = try CheckFixture([
            "content/sources.yml": CheckFixture.sourcesYAML,
            "content/_index.md": """
                ---
                title: "Kratom guide"
                reviewed: 2026-03-01
                ---
                Start with [the overview](overview.md) or [pain](topics/effects.md#pain).
                [Some users say kratom helps them]{.anecdotal}.

                """,
            "content/overview.md": """
                ---
                title: "Overview"
                summary: "What kratom is."
                reviewed: 2026-03-01
                ---
                ## Chemistry

                [Mitragynine binds mu-opioid receptors in cells [@kruegel2016, p. 3]]{.preliminary #binding}.
                See [above](#chemistry), [the claim](#binding), [the register](claims.html#level-preliminary),
                [the source](sources.html), [how claims are rated](methodology.html#level-anecdotal),
                [effects](topics/effects.md), [a folder](topics/), [the web](https://example.com/a?b=1&c=2)
                and [mail](mailto:editor@example.org).

                ## Chemistry

                A second heading with the same words gets its own anchor: [it](#chemistry-1).

                """,
            "content/topics/_index.md": """
                ---
                title: "Topics"
                order: 2
                ---
                What kratom is said to do.

                """,
            "content/topics/effects.md": """
                ---
                title: "Effects"
                reviewed: 2026-03-01
                ---
                ## Pain

                [Kratom is reviewed as a pain treatment [@prozialeck2012]]{.established}.
                Back to [binding](../overview.md#binding) and [home](../_index.md).

                """,
            "content/topics/deep/more.md": """
                ---
                title: "More"
                reviewed: 2026-03-01
                ---
                A folder without `_index.md` gets one made for it. [Up](../effects.md).

                """,
        ])
        let result = site.check()
        #expect(result.diagnostics.map(\.description) == [])
        #expect((result.errors, result.warnings, result.pages, result.claims) == (0, 0, 6, 3))
        #expect(result.summary == "check: 0 errors, 0 warnings (6 pages, 3 claims)")
    }

    @Test func jsonForEditorsAndScripts() throws {
        let site = try CheckFixture(Self.warningsOnly)
        let json = site.check().json()
        #expect(json.hasPrefix("{\n"))
        #expect(json.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 2)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 3)
        let first = try #require(diagnostics.first)
        #expect(first["path"] as? String == "content/a.md")
        #expect(first["line"] as? Int == 3)
        // The entry's line is known, a column is not: null, not a made-up 1.
        #expect(first["column"] is NSNull)
        #expect(first["severity"] as? String == "warning")
        #expect(first["rule"] as? String == "review-overdue")
        #expect(first["message"] as? String == "review overdue: reviewed 2024-03-01, due 2025-03-01 (review.period_months: 12)")
        // Fields in a fixed order, so diffs of the output stay small.
        let keys = ["\"path\"", "\"line\"", "\"column\"", "\"severity\"", "\"rule\"", "\"message\""]
        let positions = keys.map { json.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    /// What `DiagnosticPrinter` adds under GitHub Actions, for a finding of `check`.
    @Test func githubAnnotation() throws {
        let site = try CheckFixture(Self.warningsOnly)
        let annotations = site.check().diagnostics.map(\.githubAnnotation)
        #expect(annotations.first == "::warning file=content/a.md,line=3,title=review-overdue::review overdue: reviewed 2024-03-01, due 2025-03-01 (review.period_months: 12)")
    }
}
