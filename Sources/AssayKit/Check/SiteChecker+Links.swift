import AssayMarkdown
import AssaySupport
import Foundation

extension SiteChecker {
    /// The rules that need the generated HTML: broken links and anchors, pages nothing
    /// links to, and claim ids that clash with another id of their page.
    ///
    /// Where a problem is reported:
    /// - a Markdown link: at the link in its page's source (`content/…md:line:col`);
    /// - an image or raw-HTML link in a page's Markdown: where the page's source spells it;
    /// - anything else (a template's link): in the generated file, `public/…:line:col`,
    ///   naming the layout; the same broken target from many files is one problem,
    ///   reported once with the count of the other files.
    struct LinkRules {
        let project: Project
        let model: SiteGenerator.Model
        let site: GeneratedSite
        /// Output path to the index of the page that makes it.
        let pageIndex: [String: Int]
        /// Where each Markdown link of each page leads once published, by page index.
        let markdownTargets: [[GeneratedSite.Target]]

        init(project: Project, model: SiteGenerator.Model, site: GeneratedSite) {
            self.project = project
            self.model = model
            self.site = site
            pageIndex = Dictionary(model.pages.enumerated().map { ($1.outputPath, $0) }, uniquingKeysWith: { a, _ in a })
            var outputPaths: [String: String] = [:]
            for page in model.pages { outputPaths[page.sourcePath] = page.outputPath }
            let renderer = PageRenderer(config: project.config, bibliography: project.bibliography, outputPaths: outputPaths)
            markdownTargets = zip(model.pages, model.rendered).map { page, rendered in
                let folder = page.sourcePath.split(separator: "/").dropLast().joined(separator: "/")
                return rendered.links.map { link in
                    let published = renderer.rewrite(link.destination, folder: folder, from: page.outputPath) ?? link.destination
                    return site.resolve(published, from: page.outputPath)
                }
            }
        }

        func diagnostics() -> [Diagnostic] {
            let (problems, referenced) = htmlLinks()
            return markdownLinks() + problems + unreferencedPages(referenced: referenced) + claimIDClashes()
        }

        /// Every link written in Markdown, checked as published (`x.md` becomes `x.html`)
        /// and reported at the link itself.
        private func markdownLinks() -> [Diagnostic] {
            var found: [Diagnostic] = []
            for (i, (page, rendered)) in zip(model.pages, model.rendered).enumerated() where !page.isSynthetic {
                let folder = page.sourcePath.split(separator: "/").dropLast().joined(separator: "/")
                for (link, target) in zip(rendered.links, markdownTargets[i]) {
                    guard let problem = site.problem(with: target) else { continue }
                    var (rule, message) = describe(problem, url: link.destination)
                    if case .missingFile = problem, let written = LinkTarget(link.destination), written.path.hasSuffix(".md") {
                        message = missingPage(LinkTarget.normalize(folder + "/" + written.path), url: link.destination)
                    }
                    found.append(Diagnostic(
                        rule, message, path: page.sourcePath,
                        line: link.location.line + page.bodyLineOffset, column: link.location.column))
                }
            }
            return found
        }

        /// A `.md` link whose page is not in the site: missing, or a draft.
        private func missingPage(_ source: String, url: String) -> String {
            if FileManager.default.fileExists(atPath: project.root.appending(path: source).path) {
                return "broken link '\(url)': \(source) is a draft, so it is not published (check and build with --drafts to include drafts)"
            }
            let hint = Suggestion.closest(to: source, in: model.pages.filter { !$0.isSynthetic }.map(\.sourcePath))
                .map { " — did you mean '\($0)'?" } ?? ""
            return "broken link '\(url)': there is no page \(source)\(hint)"
        }

        /// Every `href` and `src` in the generated HTML that no Markdown link accounts for;
        /// and, in the same pass, which pages the pages link to (for unreferenced pages).
        private func htmlLinks() -> (problems: [Diagnostic], referenced: Set<String>) {
            var found: [Diagnostic] = []
            var referenced = Set<String>()
            // Template problems, grouped by what is wrong; the first occurrence is reported.
            var templateProblems: [GeneratedSite.Problem: (first: Diagnostic, layout: String, others: Set<String>)] = [:]
            var problemOrder: [GeneratedSite.Problem] = []
            // print.html copies every page's body: a link there that fails fails on its page
            // too, where it is reported at its Markdown source (PrintBook's own rewriting is
            // tested on its own), so it would only be reported twice.
            for file in site.scans.keys.sorted() where file != SiteFiles.printPage {
                let scan = site.scans[file]!
                let page = pageIndex[file].map { model.pages[$0] }
                let written = pageIndex[file].map { Set(markdownTargets[$0]) } ?? []
                var searchFrom: [String: String.Index] = [:]
                // The model keeps metadata only: the body is read again, once, if needed.
                var body: String??
                for link in scan.links {
                    let target = site.resolve(link.url, from: file)
                    if page != nil, case .file(let path, _) = target, path != file, !link.isPrevOrNext {
                        referenced.insert(path)
                    }
                    guard let problem = site.problem(with: target) else { continue }
                    if written.contains(target) { continue }  // reported at the Markdown link
                    let (rule, message) = describe(problem, url: link.url)
                    if let page, !page.isSynthetic {
                        if body == nil { body = .some(try? project.loadingBody(page).body) }
                        if let text = body ?? nil,
                            let location = locate(link.url, in: text, lineOffset: page.bodyLineOffset, after: &searchFrom[link.url])
                        {
                            found.append(Diagnostic(rule, message, path: page.sourcePath, line: location.line, column: location.column))
                            continue
                        }
                    }
                    let diagnostic = Diagnostic(rule, message, path: SiteChecker.outputFolder + "/" + file, line: link.line, column: link.column)
                    if templateProblems[problem] == nil {
                        templateProblems[problem] = (diagnostic, layout(of: file), [file])
                        problemOrder.append(problem)
                    } else {
                        templateProblems[problem]!.others.insert(file)
                    }
                }
            }
            for problem in problemOrder {
                let (first, layout, files) = templateProblems[problem]!
                var diagnostic = first
                let others = files.count - 1
                diagnostic.message += " (made by the '\(layout)' template or its partials"
                    + (others > 0 ? "; also in \(EvidenceProfile.count(others, "more file")))" : ")")
                found.append(diagnostic)
            }
            return (found, referenced)
        }

        /// The next place after `start` where a page's Markdown `body` spells `url` as a link
        /// target would be spelt (after `(`, a quote, `<`, `=` or a space): images and raw
        /// HTML links, which cmark does not list as links.
        private func locate(_ url: String, in body: String, lineOffset: Int, after start: inout String.Index?) -> SourceLocation? {
            var from = start ?? body.startIndex
            while let range = body[from...].range(of: url) {
                from = range.upperBound
                let before = range.lowerBound == body.startIndex ? " " : body[body.index(before: range.lowerBound)]
                guard "(\"'<= ".contains(before) else { continue }
                start = range.upperBound
                let prefix = body[..<range.lowerBound]
                let line = prefix.count { $0 == "\n" } + 1
                let lineStart = prefix.lastIndex(of: "\n").map { body.index(after: $0) } ?? body.startIndex
                let column = body.utf8.distance(from: lineStart, to: range.lowerBound) + 1
                return SourceLocation(line: line + lineOffset, column: column)
            }
            return nil
        }

        /// The layout a generated HTML file comes from, for messages.
        private func layout(of file: String) -> String {
            if let i = pageIndex[file] {
                let page = model.pages[i]
                return page.outputPath == "index.html" ? "home" : page.isSectionIndex ? "section" : "page"
            }
            switch file {
            case SiteFiles.claimsPage: return "claims"
            case SiteFiles.sourcesPage: return "sources"
            case SiteFiles.methodologyPage: return "methodology"
            case SiteFiles.searchPage: return "search"
            case SiteFiles.notFoundPage: return "404"
            case SiteFiles.changesPage: return "changes"
            case SiteFiles.printPage: return "print"
            default: return "theme asset"
            }
        }

        /// The rule and message for a problem with the link written `url`.
        private func describe(_ problem: GeneratedSite.Problem, url: String) -> (Rule, String) {
            switch problem {
            case .outside:
                return (.brokenLink, "broken link '\(url)': it leads above the site's root folder")
            case .missingFile(let path):
                let hint = Suggestion.closest(to: path, in: site.files).map { " — did you mean '\($0)'?" } ?? ""
                return (.brokenLink, "broken link '\(url)': the site has no \(path)\(hint)")
            case .missingAnchor(let file, let fragment):
                let hint = Suggestion.closest(to: fragment, in: site.scans[file]?.ids.keys.sorted() ?? []).map { " — did you mean '\($0)'?" } ?? ""
                return (.brokenAnchor, "broken anchor '\(url)': \(file) has no heading, claim or element with id '\(fragment)'\(hint)")
            }
        }

        /// Pages no other page links to. The previous/next links (`rel="prev"`/`"next"`)
        /// do not count, nor do the claims register and sources page, which list pages
        /// mechanically: what counts is prose, navigation and section listings.
        private func unreferencedPages(referenced: Set<String>) -> [Diagnostic] {
            model.pages.filter { !$0.isSynthetic && $0.outputPath != "index.html" && !referenced.contains($0.outputPath) }.map { page in
                Diagnostic(
                    .unreferencedPage,
                    "no page links to \(page.outputPath): readers only reach it by previous/next, search or its URL",
                    path: page.sourcePath, severity: .warning)
            }
        }

        /// An explicit claim id that another element of the generated page also has, such as
        /// the template's `main`. Headings already step aside (`relief-1`), and two claims
        /// with one id are `PageRenderer`'s report.
        private func claimIDClashes() -> [Diagnostic] {
            var found: [Diagnostic] = []
            for (page, rendered) in zip(model.pages, model.rendered) {
                guard let scan = site.scans[page.outputPath] else { continue }
                var claimCount: [String: Int] = [:]
                for claim in rendered.claims { if let id = claim.claim.explicitID { claimCount[id, default: 0] += 1 } }
                for claim in rendered.claims {
                    guard let id = claim.claim.explicitID, claimCount[id] == 1, (scan.ids[id] ?? 0) > 1
                    else { continue }
                    found.append(Diagnostic(
                        .duplicateClaimID,
                        "claim id '#\(id)' is also the id of an element the template makes on this page: links to it may land there",
                        path: page.sourcePath, line: claim.line, column: claim.column))
                }
            }
            return found
        }
    }
}

extension HTMLLinkScan.Link {
    /// The pager's links: every page has them, so they make no page "referenced".
    var isPrevOrNext: Bool {
        rel.split(separator: " ").contains { $0 == "prev" || $0 == "next" }
    }
}
