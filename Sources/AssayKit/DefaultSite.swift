/// The starting point of a new site, and the taxonomy `assay render` uses outside a site.
/// It is data: a site's own `content/site.yml` replaces all of it.
public enum DefaultSite {
    public static let siteYAML = """
        title: "An evidence guide"
        description: "What the evidence says, claim by claim."
        language: en
        # base_url: "https://example.org/guide/"   # enables sitemap.xml
        review:
          period_months: 12
        markdown:
          unsafe_html: false
        levels:
          - id: established
            label: Established
            rank: 4
            definition: "Consistent findings across several good studies or a systematic review, or a documented fact such as a regulation or a definition."
            color: "#1a7f37"
            requires_citation: true
          - id: preliminary
            label: Preliminary study
            rank: 3
            definition: "Lab, animal, or small or early human studies: a signal, not confirmed in patients."
            color: "#9a6700"
            requires_citation: true
          - id: anecdotal
            label: Anecdotal
            rank: 2
            definition: "Personal reports, testimonials, user surveys, single case reports or traditional use."
            color: "#8250df"
          - id: unsupported
            label: No good evidence
            rank: 1
            definition: "No studies found, or the studies point the other way."
            color: "#cf222e"

        """
}
