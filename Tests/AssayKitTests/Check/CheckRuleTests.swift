import Testing

@testable import AssayKit

/// One failing fixture per rule, and the exact diagnostic each must produce.
@Suite("Check rules")
struct CheckRuleTests {
    @Test func unknownLevel() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                Kratom is [sold as a supplement]{.establishd}.

                """
        ])
        #expect(site.lines() == [
            "content/a.md:5:34: error: unknown evidence level 'establishd' — did you mean 'established'? [unknown-level]"
        ])
    }

    @Test func unknownCiteKey() throws {
        let site = try CheckFixture([
            "content/sources.yml": CheckFixture.sourcesYAML,
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                [Mitragynine binds mu-opioid receptors [@kruegel2061]]{.preliminary}.

                Reviewed in [@prozialeck2012] and [@kruegel2016].

                """,
        ])
        #expect(site.lines() == [
            "content/a.md:5:40: error: unknown cite key '@kruegel2061' — did you mean '@kruegel2016'? [unknown-cite-key]"
        ])
    }

    /// A citation must stand inside the claim's brackets: one just after it may support
    /// the whole sentence or paragraph, so it does not count.
    @Test func uncitedClaim() throws {
        let site = try CheckFixture([
            "content/sources.yml": CheckFixture.sourcesYAML,
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                Kratom [binds opioid receptors in cells]{.preliminary}, and users [report relief]{.anecdotal}.

                [Kratom is a tree]{.established} [@kruegel2016].

                [Kratom is sold online [@prozialeck2012]]{.established}.

                """,
        ])
        #expect(site.lines() == [
            "content/a.md:5:8: error: 'preliminary' claim cites no source: put a citation such as [@key] inside the claim's brackets [uncited-claim]",
            "content/a.md:7:1: error: 'established' claim cites no source: put a citation such as [@key] inside the claim's brackets [uncited-claim]",
        ])
    }

    @Test func brokenLink() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                See [the risks](risk.md), [the glossary](glossary.html) and [up](../../x.html).

                Fine: [risks](risks.md), [home](_index.md), [web](https://example.com/x), [mail](mailto:a@b.c), [sources](sources.html).

                """,
            "content/risks.md": """
                ---
                title: "Risks"
                reviewed: 2026-01-10
                ---
                Text.

                """,
        ])
        #expect(site.lines() == [
            "content/a.md:5:5: error: broken link 'risk.md': there is no page content/risk.md — did you mean 'content/risks.md'? [broken-link]",
            "content/a.md:5:27: error: broken link 'glossary.html': the site has no glossary.html [broken-link]",
            "content/a.md:5:61: error: broken link '../../x.html': it leads above the site's root folder [broken-link]",
        ])
    }

    @Test func linkToDraftSaysSo() throws {
        let files = [
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                See [the plan](plan.md).

                """,
            "content/plan.md": """
                ---
                title: "Plan"
                reviewed: 2026-01-10
                draft: true
                ---
                Not yet.

                """,
        ]
        let site = try CheckFixture(files)
        #expect(site.lines() == [
            "content/a.md:5:5: error: broken link 'plan.md': content/plan.md is a draft, so it is not published (check and build with --drafts to include drafts) [broken-link]"
        ])
        #expect(site.lines(drafts: true) == [])
    }

    @Test func brokenAnchor() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                Read [liver](risks.md#livr), [binding](risks.md#binding), [here](#nowhere) and [top](#top).

                Fine: [liver](risks.md#liver), [reports](risks.md#liver-reports), [claims](claims.html#level-anecdotal).

                """,
            "content/risks.md": """
                ---
                title: "Risks"
                reviewed: 2026-01-10
                ---
                ## Liver

                [Some users report liver injury]{.anecdotal #liver-reports}.

                """,
        ])
        #expect(site.lines() == [
            "content/a.md:5:6: error: broken anchor 'risks.md#livr': risks.html has no heading, claim or element with id 'livr' — did you mean 'liver'? [broken-anchor]",
            "content/a.md:5:30: error: broken anchor 'risks.md#binding': risks.html has no heading, claim or element with id 'binding' [broken-anchor]",
            "content/a.md:5:59: error: broken anchor '#nowhere': a.html has no heading, claim or element with id 'nowhere' [broken-anchor]",
        ])
    }

    /// An image is no Markdown link to cmark; it is found where the source spells it.
    @Test func brokenImage() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                Text.

                ![A chart](img/chart.png)

                """
        ])
        #expect(site.lines() == [
            "content/a.md:7:12: error: broken link 'img/chart.png': the site has no img/chart.png [broken-link]"
        ])
    }

    /// A template's link is reported in the generated file, naming the layout.
    @Test func templateLinks() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                Text.

                """,
            "templates/methodology.mustache": """
                <!doctype html>
                <p><a href="{{root}}glossary.html">Glossary</a> <a href="#levels">Levels</a> <a href="{{claims_url}}">Claims</a></p>
                {{#levels}}<h2 id="level-{{id}}">{{label}}</h2>{{/levels}}

                """,
        ])
        #expect(site.lines() == [
            "public/methodology.html:2:13: error: broken link 'glossary.html': the site has no glossary.html (made by the 'methodology' template or its partials) [broken-link]",
            "public/methodology.html:2:50: error: broken anchor '#levels': methodology.html has no heading, claim or element with id 'levels' (made by the 'methodology' template or its partials) [broken-anchor]",
        ])
    }

    /// A broken link in a partial every page uses is one problem, reported once.
    @Test func templateLinkOnEveryPageIsOneProblem() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                Text.

                """,
            "templates/partials/footer.mustache": """
                <footer><a href="{{root}}about.html">About</a></footer>
                </body>
                </html>

                """,
        ])
        let result = site.check()
        // home, a.html and the generated pages but print.html, whose links are its pages' links.
        let generatedHTML = 2 + SiteFiles.generatedFiles.filter { $0.hasSuffix(".html") && $0 != SiteFiles.printPage }.count
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == .brokenLink)
        #expect(d.path == "public/404.html")
        #expect(d.message.hasPrefix("broken link '/guide/about.html': the site has no about.html (made by the '404' template or its partials; also in \(generatedHTML - 1) more files)"))
    }

    @Test func missingTitleAndReviewDate() throws {
        let site = try CheckFixture([
            "content/_index.md": """
                Welcome: the home page shows the site's title and needs no review date.

                """,
            "content/a.md": """
                ---
                reviewed: 2026-01-10
                ---
                Text.

                """,
            "content/b.md": """
                ---
                title: "B"
                ---
                Text.

                """,
            "content/c.md": """
                Just text.

                """,
            "content/topics/_index.md": """
                ---
                title: "Topics"
                ---
                An index that makes a claim needs a review date: [users report relief]{.anecdotal}.

                """,
            "content/topics/plain/_index.md": """
                ---
                title: "Plain"
                ---
                An index without claims needs none.

                """,
        ])
        #expect(site.lines() == [
            "content/a.md: error: page has no title: add 'title:' to its front matter (it is shown as 'A') [missing-title]",
            "content/b.md: error: page has no review date: add 'reviewed: YYYY-MM-DD' to its front matter [missing-review-date]",
            "content/c.md: error: page has no review date: add 'reviewed: YYYY-MM-DD' to its front matter [missing-review-date]",
            "content/c.md: error: page has no title: add 'title:' to its front matter (it is shown as 'C') [missing-title]",
            "content/topics/_index.md: error: page has no review date: add 'reviewed: YYYY-MM-DD' to its front matter [missing-review-date]",
        ])
    }

    /// Due the day the period ends; overdue from the day after.
    @Test func reviewOverdue() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2025-05-31
                ---
                Text.

                """,
            "content/b.md": """
                ---
                title: "B"
                reviewed: 2025-06-01
                ---
                Text.

                """,
        ])
        #expect(site.lines() == [
            "content/a.md:3: warning: review overdue: reviewed 2025-05-31, due 2026-05-31 (review.period_months: 12) [review-overdue]"
        ])
    }

    @Test func unusedSource() throws {
        let site = try CheckFixture([
            "content/sources.yml": CheckFixture.sourcesYAML,
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                [Mitragynine binds mu-opioid receptors [@kruegel2016]]{.preliminary}.

                """,
        ])
        #expect(site.lines() == [
            "content/sources.yml:5: warning: source 'prozialeck2012' is never cited [unused-source]"
        ])
    }

    /// Two claims with one id, or a claim id the template also uses: a link to the id may
    /// land on the wrong element. A heading with the same words steps aside (`relief-1`).
    @Test func duplicateClaimID() throws {
        let site = try CheckFixture([
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                ## Relief

                [Users report relief]{.anecdotal #relief}.

                [Users report sleep]{.anecdotal #sleep}. [Users report better sleep]{.anecdotal #sleep}.

                [Users report calm]{.anecdotal #main}.

                """
        ])
        #expect(site.lines() == [
            "content/a.md:9:42: error: claim id '#sleep' is already used on line 9 [duplicate-claim-id]",
            "content/a.md:11:1: error: claim id '#main' is also the id of an element the template makes on this page: links to it may land there [duplicate-claim-id]",
        ])
    }

    /// With the default theme every page is listed on its section's index; a theme that
    /// lists nothing leaves pages reachable only by previous/next.
    @Test func unreferencedPage() throws {
        let site = try CheckFixture([
            "templates/partials/children.mustache": "",
            "content/a.md": """
                ---
                title: "A"
                reviewed: 2026-01-10
                ---
                See [the linked page](extra/linked.md).

                """,
            "content/extra/_index.md": """
                ---
                title: "Extra"
                ---

                """,
            "content/extra/linked.md": """
                ---
                title: "Linked"
                reviewed: 2026-01-10
                ---
                Text.

                """,
            "content/extra/orphan.md": """
                ---
                title: "Orphan"
                reviewed: 2026-01-10
                ---
                Text.

                """,
        ])
        #expect(site.lines() == [
            "content/extra/orphan.md: warning: no page links to extra/orphan.html: readers only reach it by previous/next, search or its URL [unreferenced-page]"
        ])
    }
}
