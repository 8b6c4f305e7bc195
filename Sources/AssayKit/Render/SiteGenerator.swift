import AssayMarkdown
#if canImport(Glibc)
import Glibc
#endif
import AssaySupport
import AssayTemplates

/// Turns a loaded project into every output file of the site, handing each file to a
/// sink as it is made. Writes nothing itself: `SiteBuilder` stages files, `SiteChecker`
/// reads them.
///
/// Two passes. The first renders each page's Markdown and, for ordinary pages, fills
/// its template at once, keeping only the page's metadata (claims, headings, citations):
/// a 10,000-page build never holds every page's HTML. The second makes what needs the
/// whole guide: the home page and section indexes (they show their children's evidence)
/// and the site-wide files.
struct SiteGenerator: Sendable {
    let project: Project

    init(project: Project) {
        self.project = project
    }

    /// Every page's metadata after rendering; `html` is kept only for section indexes
    /// (empty for pages whose HTML was written or came from the cache).
    struct Model: Sendable {
        var pages: [Page]
        var rendered: [RenderedPage]
        public var diagnostics: [Diagnostic]
        /// What `Plan.digest` made of each page the first pass rendered (nil for a page
        /// whose metadata came from the cache, or without a `digest` in the plan).
        var digests: [UInt64?] = []
        /// What `Plan.encodeMetadata` made of each page the first pass rendered (nil for the
        /// others, or without one in the plan).
        var encodedMetadata: [[UInt8]?] = []
        /// Where page i's metadata is still in the cache (`Plan.cached`): `rendered[i]` is
        /// then empty until `SiteGenerator.loadCached` fills it. Empty when none is.
        var cached: [CachedMetadata?] = []
        /// Lazy: at 10,000 pages a copied array of every claim is 100,000 copies.
        var allClaims: some Collection<PublishedClaim> { rendered.lazy.flatMap(\.claims) }

        /// Calls `body` with each level of page i's claims and how many claims have it
        /// (a level may come more than once), whether its metadata is at hand or still in
        /// the cache.
        func forEachLevelCount(of i: Int, _ body: (String, Int) -> Void) {
            if i < cached.count, let later = cached[i] {
                for c in later.levelCounts { body(c.level, c.count) }
                return
            }
            rendered[i].forEachClaimLevel { body($0, 1) }
        }
    }

    /// An unchanged page's metadata, left in the build cache until something needs it:
    /// its claims per level (all that the keys of the home page and section indexes and
    /// the build's summary read) and a way to decode the rest.
    struct CachedMetadata: Sendable {
        let levelCounts: [BuildCache.LevelCount]
        let decode: @Sendable () -> RenderedPage?
    }

    /// What the build cache lets the generator skip; `nil` fields mean "make everything".
    struct Plan: Sendable {
        /// Metadata of a page whose source is unchanged, still in the cache.
        var cached: (@Sendable (Page) -> CachedMetadata?)? = nil
        /// Whether page i's file must be made (else it is already right on disk).
        var pageNeeded: (@Sendable (Int) -> Bool)? = nil
        /// Whether the home page, section indexes, site-wide files and print.html must be
        /// made, decided once the first pass knows every page's metadata.
        var secondPassNeeded: (@Sendable (Model) -> (pages: (Int) -> Bool, siteFiles: Bool, printPage: Bool))? = nil
        /// A digest of each page the first pass renders, made there, on whichever core
        /// rendered it, while its metadata is fresh: made between the passes for every
        /// page it was 35 ms of one core at 10,000 pages while the other had nothing to do.
        var digest: (@Sendable (Page, RenderedPage) -> UInt64)? = nil
        /// Each page's metadata coded for the build cache, made as `digest` is, in the first
        /// pass while the metadata is fresh: coded at the end of a build of 10,000 pages it
        /// was a tenth of a second on two cores that, by then, had little else to do.
        var encodeMetadata: (@Sendable (RenderedPage) -> [UInt8])? = nil
        /// Takes what the site-wide files were made from (the listing of every claim)
        /// instead of letting it be freed, when the process ends right after the build
        /// (`ExitParking`): freeing it object by object was 25 ms of one core at the end of
        /// a full build of 10,000 pages, while the other had nothing to do.
        var park: (@Sendable (any Sendable) -> Void)? = nil
    }

    private var renderer: PageRenderer {
        var outputPaths: [String: String] = [:]
        outputPaths.reserveCapacity(project.pages.count)
        project.pages.withUnsafeBufferPointer { pages in
            for i in pages.indices { outputPaths[pages[i].sourcePath] = pages[i].outputPath }
        }
        return PageRenderer(config: project.config, bibliography: project.bibliography, outputPaths: outputPaths)
    }

    /// Renders every page's Markdown (in parallel) without making any file, for checks.
    /// Errors are collected, never thrown half-way, so one run reports every problem.
    func renderMarkdown() -> Model {
        firstPass(Plan(), writePages: false, site: SiteContext(project: project, guideProfile: nil), sink: OutputSink { _, _ in })
    }

    /// Makes every output file of the site; returns the model, whose diagnostics say
    /// whether the files may be published (the sink must discard them on errors).
    @discardableResult
    func generate(sink: @escaping @Sendable (String, [UInt8]) -> Void) -> Model {
        generate(Plan(), sink: OutputSink(sink))
    }

    /// Makes every output file from a model `renderMarkdown()` returned (its pages still
    /// hold their HTML): what `assay check` scans for links without writing anything.
    /// Returns the template errors met on the way (a template nesting too deep).
    @discardableResult
    func generate(_ model: Model, sink: @escaping @Sendable (String, [UInt8]) -> Void) -> [Diagnostic] {
        let site = SiteContext(project: project, guideProfile: nil)
        let failures = Locked<[Diagnostic]>([])
        let contexts = PageContexts(site: site, pages: model.pages)
        let project = self.project
        ParallelFor.run(model.pages.count) { i in
            guard !model.pages[i].isSectionIndex else { return }
            let context = contexts.context(for: i, rendered: model.rendered[i]) { model.rendered[$0] }
            do throws(BuildFailure) {
                sink(model.pages[i].outputPath, try project.theme.render(context, layout: "page"))
            } catch {
                failures.withLock { $0 += error.diagnostics }
            }
        }
        var copy = model
        copy.diagnostics = []
        secondPass(&copy, site: site, pageNeeded: { _ in true }, siteFiles: true, printPage: true, sink: OutputSink(sink))
        return Self.unique(site.problems + failures.withLock { $0 } + copy.diagnostics)
    }

    func generate(_ plan: Plan, sink: OutputSink) -> Model {
        // Made once: the second pass adds the guide's totals to it.
        let site = SiteContext(project: project, guideProfile: nil)
        var model = firstPass(plan, writePages: true, site: site, sink: sink)
        guard !model.diagnostics.contains(where: { $0.severity == .error }) else { return model }
        Self.returnFreedMemory()
        let second = plan.secondPassNeeded?(model) ?? ({ _ in true }, true, true)
        secondPass(&model, site: site, pageNeeded: second.0, siteFiles: second.1, printPage: second.2, sink: sink, park: plan.park)
        return model
    }

    private func firstPass(_ plan: Plan, writePages: Bool, site: SiteContext, sink: OutputSink) -> Model {
        let renderer = self.renderer
        let contexts = PageContexts(site: site, pages: project.pages)
        // Each result goes straight to its column: a list of tuples split up afterwards
        // copied every page and its metadata, and released them again, between the passes.
        let count = project.pages.count
        let pages = ParallelFor.Column<Page>(count: count), rendered = ParallelFor.Column<RenderedPage>(count: count)
        let digests = ParallelFor.Column<UInt64?>(count: count), cached = ParallelFor.Column<CachedMetadata?>(count: count)
        let encoded = ParallelFor.Column<[UInt8]?>(count: count)
        ParallelFor.run(count) { i in
            let (page, metadata, digest, later, bytes) = firstPassPage(i, plan, writePages: writePages, renderer: renderer, contexts: contexts, sink: sink)
            pages.put(page, at: i)
            rendered.put(metadata, at: i)
            digests.put(digest, at: i)
            cached.put(later, at: i)
            encoded.put(bytes, at: i)
        }
        let metadata = rendered.take()
        // A template error is the same on every page that meets it: reported once.
        var model = Model(
            pages: pages.take(), rendered: metadata, diagnostics: Self.unique(site.problems + metadata.flatMap { $0.diagnostics }),
            digests: digests.take())
        let later = cached.take()
        if later.contains(where: { $0 != nil }) { model.cached = later }
        let bytes = encoded.take()
        if plan.encodeMetadata != nil { model.encodedMetadata = bytes }
        return model
    }

    /// Page i of the first pass: its page without the body, its metadata, its digest,
    /// where its metadata waits in the cache, and its metadata coded for the cache.
    private func firstPassPage(
        _ i: Int, _ plan: Plan, writePages: Bool, renderer: PageRenderer, contexts: PageContexts, sink: OutputSink
    ) -> (Page, RenderedPage, UInt64?, CachedMetadata?, [UInt8]?) {
        let page = project.pages[i]
        let needed = plan.pageNeeded?(i) ?? true
        // A section index is made in the second pass, if at all, from its cached metadata.
        if !needed || page.isSectionIndex, let later = plan.cached?(page) { return (page, Self.awaitingCache, nil, later, nil) }
        do throws(BuildFailure) {
            let loaded = try project.loadingBody(page)
            var rendered = renderer.render(loaded)
            // `rules:` in site.yml may turn a claim or citation problem into a warning.
            rendered.diagnostics = project.config.applyingSeverities(rendered.diagnostics)
            if writePages, !page.isSectionIndex, needed, !rendered.diagnostics.contains(where: { $0.severity == .error }) {
                let context = contexts.context(for: i, rendered: rendered) { _ in rendered }
                sink.whole(page.outputPath, try project.theme.render(context, layout: "page"))
                // print.html (made after this pass) takes the body from here rather
                // than rendering the page again; otherwise it is let go at once.
                if !project.config.printPage { rendered.html = "" }
            }
            return (Self.dropBody(loaded), rendered, plan.digest?(page, rendered), nil, plan.encodeMetadata?(rendered))
        } catch {
            return (page, RenderedPage(html: "", claims: [], headings: [], links: [], citedKeys: [], citeAnchors: [:], diagnostics: error.diagnostics), nil, nil, nil)
        }
    }

    /// What `rendered` holds for a page whose metadata is still in the cache. (A cached
    /// page's diagnostics are not kept: they were reported when it was rendered.)
    private static let awaitingCache = RenderedPage(html: "", claims: [], headings: [], links: [], citedKeys: [], citeAnchors: [:], diagnostics: [])

    /// Fills in every page's metadata still in the cache, on all cores. A page whose
    /// cached bytes do not decode (a damaged cache file: only its head was read so far)
    /// is read and rendered again.
    func loadCached(_ model: inout Model) {
        guard !model.cached.isEmpty else { return }
        // The first decode decodes every cached page at once, on all cores (`LateRendered`).
        var failed: [Int] = []
        for (i, later) in model.cached.enumerated() {
            guard let later else { continue }
            if let rendered = later.decode() { model.rendered[i] = rendered } else { failed.append(i) }
        }
        model.cached = []
        guard !failed.isEmpty else { return }
        // The renderer (a table of every page's output path) made once for them all.
        let renderer = self.renderer
        let project = self.project
        let pages = model.pages
        let redone = ParallelFor.map(failed) { i -> RenderedPage in
            guard let page = try? project.loadingBody(pages[i]) else { return Self.awaitingCache }
            var rendered = renderer.render(page)
            rendered.html = ""
            rendered.diagnostics = project.config.applyingSeverities(rendered.diagnostics)
            return rendered
        }
        for (i, rendered) in zip(failed, redone) { model.rendered[i] = rendered }
        model.diagnostics = Self.unique(model.diagnostics + redone.flatMap(\.diagnostics))
    }

    private func secondPass(
        _ model: inout Model, site firstPassSite: SiteContext, pageNeeded: (Int) -> Bool, siteFiles: Bool, printPage: Bool, sink: OutputSink,
        park: (@Sendable (any Sendable) -> Void)? = nil
    ) {
        let indexes = model.pages.indices.filter { model.pages[$0].isSectionIndex && pageNeeded($0) }
        // An edit that changes nothing any index or site-wide file shows (most edits):
        // nothing to make, and no site context to build for it.
        guard !indexes.isEmpty || siteFiles || (printPage && project.config.printPage) else {
            for i in model.rendered.indices { model.rendered[i].html = "" }
            return
        }
        // Everything below reads the pages' metadata.
        loadCached(&model)
        let site = firstPassSite.adding(guideProfile: EvidenceProfile(taxonomy: project.config.taxonomy, pages: model.rendered))
        var printProblems: [Diagnostic] = []
        if printPage, project.config.printPage { printProblems = makePrintPage(model, site: site, sink: sink) }
        // Only the section indexes still need their body; every other page lets it go
        // before the site-wide files are made.
        let indexHTML = indexes.map { model.rendered[$0].html }
        for i in model.rendered.indices { model.rendered[i].html = "" }
        let contexts = PageContexts(site: site, pages: model.pages)
        let renderer = self.renderer
        let snapshot = model
        let project = self.project
        let theme = project.theme
        // One pool of jobs over the cores, each core taking the next job when it is done
        // with one, longest first: the three listings of every claim (the register, the
        // sources page and claims.json, written in pieces so that two made at once hold
        // a few megabytes, not hundreds), the search index with the small files, the
        // small site-wide pages, then each section index, which fill whichever core is
        // free. claims.json comes second although it is shorter than the sources page:
        // it needs no listing (below), so the second core starts on it while the first
        // makes the listing, instead of waiting for it. Before, the three listings were one job, made one after the other to hold
        // one at a time, and one core idled while it finished (a tenth of a full build of
        // 10,000 pages).
        var jobs: [SecondPassJob] = siteFiles ? [.register, .claimsJSON, .sourcesPage, .searchIndexAndSmallFiles, .smallPages] : []
        let siteJobs = jobs.count
        jobs += indexes.indices.map { .sectionIndex($0) }
        // The listing of every claim, made once by the first job that needs it; whoever
        // comes next waits on the lock while it is made, never for a job that has not
        // started, so one core alone still gets through.
        let listing = Locked<GuidePages?>(nil)
        park?(listing)
        let guide: @Sendable () -> GuidePages = {
            listing.withLock { made in
                if let made { return made }
                let guide = GuidePages(site: site, model: snapshot)
                made = guide
                return guide
            }
        }
        let flushAt = OutputSink.pieceSize
        let problems = ParallelFor.map(jobs) { job -> [Diagnostic] in
            do throws(BuildFailure) {
                switch job {
                case .register, .sourcesPage:
                    let (path, layout, context, capacity) = guide().pages()[job == .register ? 0 : 1]
                    try sink.make(path) { flush throws(BuildFailure) in
                        try theme.render(context(), layout: layout, capacity: min(capacity, flushAt + flushAt / 4), flushingAt: flushAt, flush: flush)
                    }
                case .claimsJSON:
                    try sink.make(SiteFiles.claimsJSON) { flush in
                        ClaimsJSON(config: project.config, guide: site.guideProfile!, model: snapshot).bytes(flushingAt: flushAt, flush: flush)
                    }
                case .searchIndexAndSmallFiles:
                    sink.whole(SiteFiles.searchIndex, SearchIndex(pages: snapshot.pages, rendered: snapshot.rendered, config: project.config).bytes())
                    if let sitemap = GuidePages.sitemap(pages: snapshot.pages, config: project.config) { sink.whole(SiteFiles.sitemap, Array(sitemap.utf8)) }
                    if let feed = GuidePages.feed(pages: snapshot.pages, config: project.config) { sink.whole(SiteFiles.feed, Array(feed.utf8)) }
                    for (name, bytes) in theme.assets.sorted(by: { $0.key < $1.key }) {
                        sink.whole(SiteFiles.assetsFolder + name, bytes)
                    }
                case .smallPages:
                    var problems: [Diagnostic] = []
                    for (path, layout, context, capacity) in guide().pages().dropFirst(2) {
                        do throws(BuildFailure) {
                            sink.whole(path, try theme.render(context(), layout: layout, capacity: capacity))
                        } catch {
                            problems += error.diagnostics
                        }
                    }
                    return problems
                case .sectionIndex(let n):
                    let i = indexes[n]
                    var rendered = snapshot.rendered[i]
                    rendered.html = indexHTML[n]
                    if rendered.html.isEmpty, let page = try? project.loadingBody(snapshot.pages[i]) {
                        rendered.html = renderer.render(page).html
                    }
                    let layout = snapshot.pages[i].outputPath == "index.html" ? "home" : "section"
                    let context = contexts.context(for: i, rendered: rendered) { snapshot.rendered[$0] }
                    sink.whole(snapshot.pages[i].outputPath, try theme.render(context, layout: layout))
                }
                return []
            } catch {
                return error.diagnostics
            }
        }
        // In the order they were reported before: the indexes', print.html's, the site-wide files'.
        model.diagnostics = Self.unique(
            model.diagnostics + problems[siteJobs...].flatMap { $0 } + printProblems + problems[..<siteJobs].flatMap { $0 })
    }

    /// The second pass's jobs, in the order the cores take them (see `secondPass`).
    private enum SecondPassJob: Sendable, Equatable {
        /// claims.html, sources.html (`GuidePages.pages()`, the first two) and claims.json.
        case register, sourcesPage, claimsJSON
        /// search-index.js, sitemap.xml, feed.xml and the theme's assets.
        case searchIndexAndSmallFiles
        /// The other site-wide pages: methodology, search, 404, changes.
        case smallPages
        /// The nth section index (the home page among them).
        case sectionIndex(Int)
    }

    /// print.html needs every page's body: pages this build rendered still hold theirs;
    /// those the first pass took from the cache unread are read and rendered again, in
    /// parallel. Only when print.html's key changed (`OutputKeys.print`): any page's
    /// source, the config, theme or bibliography.
    private func makePrintPage(_ snapshot: Model, site: SiteContext, sink: OutputSink) -> [Diagnostic] {
        let renderer = self.renderer
        let project = self.project
        let book = PrintBook(site: site, model: snapshot)
        let chapters = ParallelFor.map(Array(snapshot.pages.indices)) { i -> String in
            if !snapshot.rendered[i].html.isEmpty { return book.chapterHTML(i, body: snapshot.rendered[i].html) }
            guard let page = try? project.loadingBody(snapshot.pages[i]) else { return "" }
            return book.chapterHTML(i, body: renderer.render(page).html)
        }
        let capacity = 64 * 1024 + chapters.reduce(0) { $0 + $1.utf8.count } * 5 / 4
        do throws(BuildFailure) {
            sink.whole(SiteFiles.printPage, try project.theme.render(^book.context(chapters: chapters), layout: "print", capacity: capacity))
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Gives the pages' freed bodies back to the kernel before the second pass: they were
    /// freed one by one among the metadata that stays, so the allocator keeps the pages
    /// they held, and the site-wide files are then made on top of them. At 100,000 pages
    /// the first pass ends holding about 1.4 GB, much of it freed Markdown.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // Looked up by name: the `assay` binary runs on jemalloc (see Package.swift), whose
        // `mallctl` purges every arena's unused pages; a process on glibc's malloc (the
        // test runners) has `malloc_trim`, which is not in Swift's Glibc module either.
        let everything = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT
        typealias Control = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int) -> Int32
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(everything, "mallctl") {
            // 4096 is MALLCTL_ARENAS_ALL.
            _ = unsafeBitCast(symbol, to: Control.self)("arena.4096.purge", nil, nil, nil, 0)
        } else if let symbol = dlsym(everything, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    /// Each diagnostic once, in the order first met.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }

    /// The body is only needed for rendering; letting it go keeps memory to metadata.
    static func dropBody(_ page: Page) -> Page {
        var p = page
        p.body = ""
        p.bodyLoaded = false
        return p
    }

    /// The site-wide files `generate` makes besides the pages.
    var siteFilePaths: [String] {
        var paths = [SiteFiles.claimsPage, SiteFiles.sourcesPage, SiteFiles.methodologyPage, SiteFiles.searchPage,
                     SiteFiles.notFoundPage, SiteFiles.changesPage, SiteFiles.claimsJSON, SiteFiles.searchIndex]
        if project.config.printPage { paths.append(SiteFiles.printPage) }
        if project.config.baseURL != nil { paths += [SiteFiles.sitemap, SiteFiles.feed] }
        paths += project.theme.assets.keys.sorted().map { SiteFiles.assetsFolder + $0 }
        return paths
    }
}
