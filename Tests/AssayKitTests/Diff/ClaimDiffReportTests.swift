import Foundation
import Testing

@testable import AssayKit

/// The three report forms of `assay diff`, on the fixture pair.
@Suite("assay diff: text, JSON and Markdown reports")
struct ClaimDiffReportTests {
    @Test("text: headline, then each page and claim with what changed")
    func text() throws {
        let text = try ClaimDiffTests.pair().text()
        #expect(text == """
            claims: 1 claim changed level, 1 re-worded, 2 re-cited, 1 moved, 1 added, 1 removed (7 → 7 claims)
            old: old.json
            new: new.json

            pharmacology.html (How kratom acts)
              ~ [established] Mitragynine binds mu-opioid receptors in cells  (pharmacology.html#mu-binding)
                  level: preliminary → established (stronger)
                  sources: +varadi2016
              ~ [anecdotal] Kratom relieves chronic pain in some people with arthritis  (pharmacology.html#claim-66666666)
                  was: Kratom relieves chronic pain in people with arthritis
              ~ [preliminary] 7-hydroxymitragynine is more potent than morphine in mice  (pharmacology.html#claim-33333333)
                  sources: +matsumoto2004b -matsumoto2004

            risks.html (Risks)
              + [preliminary] Kratom withdrawal resembles mild opioid withdrawal  (risks.html#claim-77777777)
              ~ [anecdotal] Kratom causes liver injury in rare cases  (risks.html#claim-44444444)
                  moved from pharmacology.html#claim-44444444
              - [unsupported] Kratom cures opioid addiction  (risks.html#claim-55555555)

            """)
    }

    @Test("JSON: counts by kind and every change with both versions")
    func json() throws {
        let data = Data(try ClaimDiffTests.pair().json().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts == ["relevel": 1, "reword": 1, "recite": 2, "moved": 1, "added": 1, "removed": 1, "unchanged": 2])
        #expect(object["headline"] as? String == "1 claim changed level, 1 re-worded, 2 re-cited, 1 moved, 1 added, 1 removed")
        let pages = try #require(object["pages"] as? [[String: Any]])
        #expect(pages.map { $0["page"] as? String } == ["pharmacology.html", "risks.html"])
        let first = try #require((pages[0]["changes"] as? [[String: Any]])?.first)
        #expect(first["kinds"] as? [String] == ["relevel", "recite"])
        #expect(first["direction"] as? String == "stronger")
        #expect(first["cites_added"] as? [String] == ["varadi2016"])
        #expect((first["old"] as? [String: Any])?["level"] as? String == "preliminary")
        #expect((first["new"] as? [String: Any])?["level"] as? String == "established")
        let removed = try #require((pages[1]["changes"] as? [[String: Any]])?.last)
        #expect(removed["kinds"] as? [String] == ["removed"])
        #expect(removed["new"] is NSNull)
    }

    @Test("Markdown: a headline, then a table per page")
    func markdown() throws {
        let markdown = try ClaimDiffTests.pair().markdown()
        #expect(markdown == """
            ### Evidence changes: 1 claim changed level, 1 re-worded, 2 re-cited, 1 moved, 1 added, 1 removed

            7 → 7 claims, comparing `old.json` with `new.json`.

            #### How kratom acts (`pharmacology.html`)

            | Change | Claim | Level | Sources |
            |---|---|---|---|
            | re-levelled, re-cited | Mitragynine binds mu-opioid receptors in cells | preliminary → **established** (stronger) | +varadi2016 |
            | re-worded | Kratom relieves chronic pain in some people with arthritis<br>was: Kratom relieves chronic pain in people with arthritis | anecdotal | none |
            | re-cited | 7-hydroxymitragynine is more potent than morphine in mice | preliminary | +matsumoto2004b -matsumoto2004 |

            #### Risks (`risks.html`)

            | Change | Claim | Level | Sources |
            |---|---|---|---|
            | added | Kratom withdrawal resembles mild opioid withdrawal | preliminary | singh2014 |
            | moved from `pharmacology.html#claim-44444444` | Kratom causes liver injury in rare cases | anecdotal | schimmel2021 |
            | removed | ~~Kratom cures opioid addiction~~ | unsupported | none |

            """)
    }

    @Test("Markdown escapes what would break a table or inject HTML")
    func markdownEscaping() {
        let old = ClaimsFile(path: "a", title: "t", levels: [], claims: [])
        let new = ClaimsFile(path: "b", title: "t", levels: [], claims: [
            .init(text: "A | B <script>alert(1)</script> *x* [y](z) & `c`", level: "anecdotal", page: "p.html", pageTitle: "P <b>", anchor: "claim-aaaaaaaa")
        ])
        let markdown = ClaimDiff(old: old, new: new).markdown()
        #expect(markdown.contains("| added | A \\| B &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[y\\](z) &amp; \\`c\\` | anecdotal | none |"))
        #expect(markdown.contains("#### P &lt;b&gt; (`p.html`)"))
        #expect(!markdown.contains("<script>") && !markdown.contains("<b>"))
    }
}
