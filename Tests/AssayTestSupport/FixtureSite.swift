import Foundation

/// The `content/site.yml` of the small fixture sites: the default four-level taxonomy and
/// a base URL. Shared so the command-line and engine tests build the same site; tests
/// that break a line of it rely on these line numbers (the title is line 1).
public enum FixtureSite {
    public static func siteYAML(title: String) -> String {
        "title: \"\(title)\"\n" + body
    }

    static let body = """
        base_url: "https://example.org/guide/"
        levels:
          - id: established
            label: Established
            rank: 4
            definition: "Several good studies agree."
            color: "#1a7f37"
            requires_citation: true
          - id: preliminary
            label: Preliminary study
            rank: 3
            definition: "Lab, animal or small human studies."
            color: "#9a6700"
          - id: anecdotal
            label: Anecdotal
            rank: 2
            definition: "Personal reports."
            color: "#8250df"
          - id: unsupported
            label: No good evidence
            rank: 1
            definition: "No studies, or they point the other way."
            color: "#cf222e"

        """
}
