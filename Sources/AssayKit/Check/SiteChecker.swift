import AssaySupport
import Foundation

/// `assay check`: every rule, on the parsed pages and on the HTML a build would make (so
/// links and anchors that templates make are checked too), without writing a file.
///
/// Severities come from `Rule.defaultSeverity`, then `site.yml`'s `rules:`, then
/// `--strict`; rules set to `off` report nothing. Every problem is reported, once.
public enum SiteChecker {
    /// The folder template-made link problems are reported in: the generated file's path
    /// under the default output folder, where `assay build` writes it.
    static let outputFolder = "public"

    /// Checks the site at `root`. Never throws: a site that cannot be loaded at all
    /// (config, YAML or template errors) comes back as those diagnostics.
    ///
    /// - Parameters:
    ///   - drafts: check pages marked `draft: true` too, as `assay build --drafts` would
    ///     publish them.
    ///   - today: the date reviews are due against (fixed in tests).
    ///   - strict: report warnings as errors.
    ///   - retractions: a local copy of the Retraction Watch CSV, and how diagnostics name
    ///     it; every cited work it lists is reported at its bibliography entry.
    public static func check(
        root: URL, drafts: Bool = false, today: SimpleDate, strict: Bool, retractions: (url: URL, path: String)? = nil
    ) -> CheckResult {
        let root = root.standardizedFileURL
        var trace = PhaseTrace(start: .now)
        defer { trace.report() }
        let project: Project
        do {
            project = try Project.load(root: root, drafts: drafts)
        } catch {
            return CheckResult(diagnostics: error.diagnostics, pages: 0, claims: 0)
        }
        trace.mark("load")
        let generator = SiteGenerator(project: project)
        let model = generator.renderMarkdown()
        trace.mark("markdown")
        var found = model.diagnostics + project.warnings + project.bibliography.diagnostics
        found += pageRules(project: project, model: model, today: today)
        found += sourceRules(project: project, model: model)
        found += TemplateContextCheck.diagnostics(project.theme.library)
        var notices: [Diagnostic] = []
        let retractions = retractions ?? project.config.retractions.map { (root.appending(path: $0), $0) }
        if let retractions {
            do throws(BuildFailure) {
                let index = try RetractionIndex.load(retractions.url, path: retractions.path)
                notices = retractionRules(project: project, model: model, index: index, strict: strict)
            } catch {
                found += error.diagnostics
            }
            trace.mark("retractions")
        }
        if let missing = project.config.baseURLWarning { found.append(missing) }
        let site = GeneratedSite(generator: generator, model: model)
        found += site.renderProblems
        trace.mark("templates and scan")
        found += LinkRules(project: project, model: model, site: site).diagnostics()
        trace.mark("links")
        return CheckResult(
            diagnostics: project.config.applyingSeverities(found, strict: strict) + notices,
            pages: model.pages.count, claims: model.allClaims.count)
    }

    /// Cited works Retraction Watch lists as an original paper, by DOI or PubMed ID, at
    /// their bibliography entries. A retraction gets the rule's severity (an error unless
    /// site.yml says otherwise); an expression of concern or a correction is at most a
    /// warning, as it does not by itself make the work unusable (`--strict`: an error).
    static func retractionRules(project: Project, model: SiteGenerator.Model, index: RetractionIndex, strict: Bool) -> [Diagnostic] {
        guard let path = project.bibliography.path else { return [] }
        let rule = Rule.retractedSource
        guard let severity = project.config.severity(of: rule, strict: strict) else { return [] }
        let cited = Set(model.rendered.flatMap(\.citedKeys))
        var found: [Diagnostic] = []
        for reference in project.bibliography.references.values where cited.contains(reference.id) {
            for notice in index.notices(for: reference) {
                var notes: [String] = []
                if let date = notice.date { notes.append(date) }
                if let doi = notice.doi {
                    notes.append("notice doi:\(doi)")
                } else if let pmid = notice.pubMedID {
                    notes.append("notice PMID \(pmid)")
                }
                notes.append("Retraction Watch record \(notice.recordID)")
                let detail = notes.joined(separator: ", ")
                let message: String
                var level = severity
                switch notice.nature {
                case .retraction:
                    message = "source '\(reference.id)' was retracted (\(detail)): cite other evidence or say why it is still cited"
                case .expressionOfConcern:
                    message = "source '\(reference.id)' has an expression of concern (\(detail))"
                    level = strict ? .error : .warning
                case .correction:
                    message = "source '\(reference.id)' was corrected (\(detail)): check the claims citing it against the correction"
                    level = strict ? .error : .warning
                }
                found.append(Diagnostic(rule, message, path: path, line: reference.line, severity: level))
            }
        }
        return found
    }

    /// Citations, titles and review dates of each page.
    static func pageRules(project: Project, model: SiteGenerator.Model, today: SimpleDate) -> [Diagnostic] {
        let taxonomy = project.config.taxonomy
        let period = project.config.reviewPeriodMonths
        var found: [Diagnostic] = []
        for (page, rendered) in zip(model.pages, model.rendered) {
            let path = page.sourcePath
            for published in rendered.claims {
                // Unknown levels are already an error of their own.
                guard let level = taxonomy[published.claim.level], level.requiresCitation, published.claim.citeKeys.isEmpty else { continue }
                found.append(Diagnostic(
                    .uncitedClaim,
                    "'\(level.id)' claim cites no source: put a citation such as [@key] inside the claim's brackets",
                    path: path, line: published.line, column: published.column))
            }
            // Folders without `_index.md` get a section index Assay writes itself: no file to fix.
            guard !page.isSynthetic else { continue }
            let isHome = page.outputPath == "index.html"
            // The home page shows the site's title, so it needs none of its own.
            if page.frontMatter.title == nil && !isHome {
                found.append(Diagnostic(
                    .missingTitle, "page has no title: add 'title:' to its front matter (it is shown as '\(page.title)')",
                    path: path))
            }
            if let reviewed = page.frontMatter.reviewed {
                let due = reviewed.adding(months: period)
                if due < today {
                    found.append(Diagnostic(
                        .reviewOverdue,
                        "review overdue: reviewed \(reviewed), due \(due) (review.period_months: \(period))",
                        path: path, line: page.frontMatter.reviewedLine, severity: .warning))
                }
            } else if !page.isSectionIndex || !rendered.claims.isEmpty {
                // Guide pages need a review date; an index or home page only when it makes claims.
                found.append(Diagnostic(
                    .missingReviewDate, "page has no review date: add 'reviewed: YYYY-MM-DD' to its front matter",
                    path: path))
            }
        }
        return found
    }

    /// Bibliography entries no page cites.
    static func sourceRules(project: Project, model: SiteGenerator.Model) -> [Diagnostic] {
        guard let path = project.bibliography.path else { return [] }
        let cited = Set(model.rendered.flatMap(\.citedKeys))
        return project.bibliography.references.values.filter { !cited.contains($0.id) }.map { reference in
            Diagnostic(.unusedSource, "source '\(reference.id)' is never cited", path: path, line: reference.line, severity: .warning)
        }
    }
}

extension Page {
    /// A section index Assay made for a folder without `_index.md`: it has no file (and
    /// so no digest).
    var isSynthetic: Bool { isSectionIndex && fingerprint == 0 }
}
