import Foundation
import Testing

@testable import AssayKit

/// The fast front-matter reader must give exactly what Yams gives, or decline. Each case
/// is read both ways: where the fast reader answers, Yams must answer the same (fields
/// and lines); where Yams fails or the text is unusual, the fast reader must decline.
@Suite("Front matter: the fast reader agrees with Yams")
struct FrontMatterFastPathTests {
    /// Front matters the fast reader should take: what generated corpora and most guides write.
    static let plain: [String] = [
        "title: \"Page 0001: Point Limited Work Able\"\nsummary: \"Guide good absorption.\"\nreviewed: 2026-01-15\norder: 2\n",
        "title: Plain words, commas, [brackets] and {braces}\n",
        "title: 'single quoted: with a colon'\nnav_title: Short\n",
        "title: \"Café, naïve, 👩‍⚕️ and — dashes\"\nsummary: It’s “curly”\n",
        "title:    many spaces before\n",
        "title: a:b and a# and x :y\n",
        "title: yes\nsummary: 123\nnav_title: null\n",
        "title: \"\"\n",
        "reviewed: \"2026-02-28\"\ndraft: No\norder: 0\n",
        "order: 007\ndraft: ON\n",
        "linkTitle: Hugo's name\nlinktitle: lower\n",
        "\ntitle: after a blank line\n\nsummary: and between\n",
    ]

    /// Front matters the fast reader must hand to Yams (some valid, some not).
    static let declined: [String] = [
        "title: \"escaped \\\" quote\"\n",
        "title: \"tab\tinside\"\n",
        "title: x\r\nsummary: y\r\n",
        "title: Kratom: what we know\n",
        "title: x # a comment\n",
        "# a comment\ntitle: x\n",
        "title: |\n  multi\n  line\n",
        "title: >\n  folded\n",
        "summary: \"multi\n  line quoted\"\n",
        "title: &anchor x\nsummary: *anchor\n",
        "title: !tag x\n",
        "title: x\ntitle: y\n",
        "title: x\nsummary: y\ntitle: z\n",
        "titles: longer than a known key\n",
        "tit: shorter than a known key\n",
        "Title: another case\n",
        "title:\n",
        "title: trailing space \n",
        "  title: indented\n",
        "title:x\n",
        "unknown: field\n",
        "key_points:\n  - one\n",
        "changes:\n  - date: 2026-01-01\n    summary: s\n",
        "reviewed: 2026-02-30\n",
        "reviewed: 15/01/2026\n",
        "order: 1.5\n",
        "draft: maybe\n",
        "title: ends with a colon:\n",
        "title: - dash\n",
        "title: \"line\u{2028}separator\"\n",
        "title: next\u{85}line\n",
        "title: 'it''s'\n",
        "[1, 2]\n",
        "title: \"unclosed\n",
    ]

    @Test(arguments: plain)
    func takenAndEqual(_ yaml: String) throws {
        let fast = try #require(FrontMatter.fastParse(yaml), "the fast reader declined a plain front matter")
        #expect(fast == (try FrontMatter.parseWithYams(yaml, path: "content/p.md")))
    }

    @Test(arguments: declined)
    func declinedToYams(_ yaml: String) {
        #expect(FrontMatter.fastParse(yaml) == nil)
    }

    /// Every page of the repository's guide and of the golden site: the fast reader
    /// answers only where Yams gives the same.
    @Test func guidesAgree() throws {
        let roots = [BuildFixture.repository.appending(path: "content"), BuildFixture.fixtures.appending(path: "golden-site/content")]
        var compared = 0
        for root in roots {
            let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
            for file in files {
                let text = try String(contentsOf: root.appending(path: file), encoding: .utf8)
                guard let yaml = FrontMatter.split(text).yaml, let fast = FrontMatter.fastParse(yaml) else { continue }
                #expect(fast == (try FrontMatter.parseWithYams(yaml, path: file)), "\(file)")
                compared += 1
            }
        }
        #expect(compared > 0)
    }
}
