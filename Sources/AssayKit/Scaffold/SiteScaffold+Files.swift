/// The files `assay init` writes. The pages pass `assay check --strict` on the day they
/// are written (their review date is that day) and cite the one source, which is real
/// and checked: the GRADE overview in the BMJ.
extension SiteScaffold {
    static func files(title: String, today: String) -> [(path: String, text: String)] {
        [
            ("content/site.yml", siteYAML(title: title)),
            ("content/_index.md", home(title: title, today: today)),
            ("content/example.md", example(today: today)),
            ("content/sources.yml", sources),
            (".gitignore", gitignore),
            (".github/workflows/site.yml", workflow),
        ]
    }

    static func siteYAML(title: String) -> String {
        """
        # The site's settings. Every key but title is optional; this file shows them all.

        # The name in every page's header and <title>.
        title: \(yamlQuoted(title))
        # One sentence: the home page's meta description and the footer.
        description: "What the evidence says, claim by claim."
        # The pages' language (the lang attribute of <html>).
        language: en
        # Links are relative, so the site works from any folder and from file://. Set
        # base_url to the address the site is published at to get sitemap.xml and
        # canonical links, e.g. for GitHub Pages:
        # base_url: "https://USER.github.io/REPOSITORY/"
        # A folder of templates that overrides the built-in theme, below templates/
        # (`assay theme eject` copies the built-in files into templates/ for editing).
        # theme: my-theme
        # print.html, the whole guide on one page for printing or PDF, is remade from
        # every page whenever one changes: on a guide of hundreds of pages, turn it off.
        # print: false
        # A local copy of the Retraction Watch data (CSV) to check the sources against.
        # retractions: retraction-watch.csv

        review:
          # A page's next review is due this many months after its `reviewed:` date;
          # `assay check` warns when one is overdue.
          period_months: 12

        markdown:
          # Raw HTML in pages: off, so a page cannot inject scripts or break the layout.
          unsafe_html: false

        # The evidence levels, strongest first. A claim is written [text]{.ID}.
        #   id: what pages write; label: the badge's text; rank: higher is stronger;
        #   definition: shown on hover and on the methodology page; color and color_dark:
        #   the level's colour in light and dark mode (the label and dots say the same);
        #   requires_citation: a claim at this level without [@key] is an error.
        \(DefaultSite.levelsYAML)
        # Each check rule can be set to error, warning or off (`assay check` lists rule ids
        # in brackets after each message).
        rules:
          # There is no base_url yet, so no sitemap.xml: without this line `assay check`
          # warns about it. Delete the line once base_url is set.
          no-base-url: off

        """
    }

    static func home(title: String, today: String) -> String {
        """
        ---
        title: \(yamlQuoted(title))
        summary: "What the evidence says, claim by claim."
        reviewed: \(today)
        ---

        This guide sorts what is known from what is only claimed, one statement at a time.
        Every claim carries a label that says how strong the evidence behind it is, and the
        [methodology](methodology.html) page explains the labels.

        Start with [the example page](example.md), which shows one claim at each level, or go
        straight to [its claim about the GRADE approach](example.md#grade-summary).

        ## Writing this guide

        - Edit the pages under `content/`: this one is `content/_index.md`.
        - Add a page with `assay new content/my-topic.md`; folders become sections.
        - Add the works you cite to `content/sources.yml`.
        - Preview with `assay serve`, check with `assay check`, publish with `assay build`.

        """
    }

    static func example(today: String) -> String {
        """
        ---
        title: "How claims are labelled"
        summary: "An example page: one claim at each evidence level, a citation and a claim with an anchor of its own. Edit it or delete it."
        reviewed: \(today)
        ---

        This page is an example to edit or delete. Each labelled sentence below is a
        *claim*: its text in square brackets, then its evidence level in braces. The badge
        after each one names the level and links to the methodology page.

        ## One claim at each level

        [The GRADE Working Group advises that guidelines tell their readers how good the
        evidence behind each recommendation is, and whether the recommendation is strong or
        weak [@guyatt2008]]{.established #grade-summary}.

        [A preliminary claim reports a signal from lab, animal or small early studies and
        cites them. This one is a stand-in that cites the GRADE paper only so the example
        builds: cite the studies themselves [@guyatt2008]]{.preliminary}.

        [An anecdotal claim rests on what people report about their own experience]{.anecdotal}.

        [A claim with no good evidence behind it is labelled so, and the text says
        why]{.unsupported}.

        ## How they are written

        The first claim above is written like this:

        ```markdown
        [The GRADE Working Group advises that guidelines tell their readers how good the
        evidence behind each recommendation is, and whether the recommendation is strong or
        weak [@guyatt2008]]{.established #grade-summary}.
        ```

        `[@guyatt2008]` cites the work with that `id` in `content/sources.yml`, and
        `#grade-summary` gives the claim an anchor of its own, so other pages can link to
        it as `example.md#grade-summary`: [like this](#grade-summary). Established and
        preliminary claims must cite a source; `assay check` says which do not.

        """
    }

    static let sources = """
        # The works the pages cite, in CSL-YAML (a Zotero export as CSL-JSON works too, as
        # content/sources.json). A page cites one as [@id]; `assay check` warns about a
        # work no page cites.

        - id: guyatt2008
          type: article-journal
          author: Guyatt GH; Oxman AD; Vist GE; Kunz R; Falck-Ytter Y; Alonso-Coello P; Schünemann HJ; GRADE Working Group
          title: "GRADE: an emerging consensus on rating quality of evidence and strength of recommendations"
          container-title: BMJ
          volume: 336
          issue: 7650
          page: 924-926
          issued: 2008
          DOI: 10.1136/bmj.39489.470347.AD
          PMID: 18436948

        """

    static let gitignore = """
        # Assay's build cache: it makes rebuilds fast and is never worth committing.
        .assay-cache/
        # The built site. Keep it out of git when CI builds and publishes it (the workflow
        # in .github/workflows/site.yml does); commit it if you publish the files yourself.
        # public/

        """

    static let workflow = #"""
        # Check the guide, build it and publish it to GitHub Pages.
        #
        # What you must adjust:
        # - ASSAY_REPOSITORY and ASSAY_REF below: where Assay's source is and which tag or
        #   branch to build. The runner builds Assay from source (a few minutes, then cached)
        #   with the repository's scripts/install; there is no prebuilt download here.
        # - Settings → Pages → Build and deployment → Source: "GitHub Actions", once.
        # - To publish elsewhere, drop the deploy job and copy public/ to any static host.
        name: site

        on:
          push:
            branches: [main]
          pull_request:
          workflow_dispatch:

        permissions:
          contents: read

        concurrency:
          group: site-${{ github.ref }}
          cancel-in-progress: ${{ github.event_name == 'pull_request' }}

        env:
          ASSAY_REPOSITORY: https://github.com/OWNER/assay.git   # adjust: Assay's repository
          ASSAY_REF: main                                        # adjust: a tag, to pin a version

        jobs:
          build:
            runs-on: ubuntu-latest
            timeout-minutes: 30
            # The official Swift image: the toolchain Assay builds with, git and pkg-config.
            container: swift:6.3-noble
            steps:
              - uses: actions/checkout@v4

              - name: Install libcmark and jemalloc (Assay links them at run time)
                run: |
                  apt-get update -qq
                  apt-get install -y -qq libcmark-dev libjemalloc-dev

              - name: Cache the Assay binary
                id: assay-cache
                uses: actions/cache@v4
                with:
                  path: /opt/assay
                  # With a branch as ASSAY_REF the cache keeps its first build: change the
                  # key (or pin a tag) to pick up a newer Assay.
                  key: assay-${{ env.ASSAY_REF }}-swift-6.3-noble

              - name: Build and install Assay
                if: steps.assay-cache.outputs.cache-hit != 'true'
                run: |
                  git clone --depth 1 --branch "$ASSAY_REF" "$ASSAY_REPOSITORY" /tmp/assay-source
                  /tmp/assay-source/scripts/install /opt/assay

              - name: Put assay on the PATH
                run: |
                  echo /opt/assay/bin >> "$GITHUB_PATH"
                  /opt/assay/bin/assay --version

              - name: Check the guide
                # Under GitHub Actions the problems also show as annotations on the pull request.
                run: assay check --strict

              - name: Build the site
                run: assay build

              - name: Upload public/ for GitHub Pages
                if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
                uses: actions/upload-pages-artifact@v3
                with:
                  path: public

          deploy:
            needs: build
            if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
            runs-on: ubuntu-latest
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v4

        """#
}
