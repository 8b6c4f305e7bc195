/// The starting point of a new site, and the taxonomy `assay render` uses outside a site.
/// It is data: a site's own `content/site.yml` replaces all of it.
enum DefaultSite {
    static let siteYAML = """
        title: "An evidence guide"
        description: "What the evidence says, claim by claim."
        language: en
        # base_url: "https://example.org/guide/"   # enables sitemap.xml
        review:
          period_months: 12
        markdown:
          unsafe_html: false
        \(levelsYAML)
        """

    /// The default taxonomy, strongest first: the same in `assay render`'s site and in the
    /// `content/site.yml` that `assay init` writes.
    static let levelsYAML = """
        levels:
          - id: established
            label: Established
            rank: 4
            definition: "Consistent findings across several good studies or a systematic review, or a documented fact such as a regulation or a definition."
            color: "#0a2f52"
            color_dark: "#d3e4fb"
            requires_citation: true
          - id: preliminary
            label: Preliminary study
            rank: 3
            definition: "Lab, animal, or small or early human studies: a signal, not confirmed in patients."
            color: "#2a5690"
            color_dark: "#79a6de"
            requires_citation: true
          - id: anecdotal
            label: Anecdotal
            rank: 2
            definition: "Personal reports, testimonials, user surveys, single case reports or traditional use."
            color: "#8a62bd"
            color_dark: "#9a78cf"
          - id: unsupported
            label: No good evidence
            rank: 1
            definition: "No studies found, or the studies point the other way."
            color: "#8e877f"
            color_dark: "#7a746d"

        """
}
