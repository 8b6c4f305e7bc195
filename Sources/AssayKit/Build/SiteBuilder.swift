import AssaySupport
import Foundation

/// What `assay build` is asked to do.
public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    var drafts: Bool
    /// Reuse `.assay-cache/` from the last build; off for a clean build.
    var useCache: Bool
    /// The process ends right after the build (`assay build`): its memory is left to the
    /// kernel instead of being freed object by object (`ExitParking`).
    public var endsProcess = false

    public init(root: URL, output: URL? = nil, drafts: Bool = false, useCache: Bool = true) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appending(path: "public")).standardizedFileURL
        self.drafts = drafts
        self.useCache = useCache
    }
}

/// What a build did, for the summary line.
public struct BuildReport: Sendable {
    var pages: Int
    /// Claims per level, strongest first.
    var claims: [(level: EvidenceLevel, count: Int)]
    public var written: Int
    public var unchanged: Int
    public var removed: Int
    /// Files in the output folder that Assay did not write, kept as they were.
    var kept: [String] = []
    var milliseconds: Int
    public var warnings: [Diagnostic]

    public var summary: String {
        let total = claims.reduce(0) { $0 + $1.count }
        let levels = claims.map { "\($0.count) \($0.level.label)" }.joined(separator: ", ")
        var line = "built \(pages) pages, \(total) claims (\(levels)) in \(milliseconds) ms: \(written) files written, \(unchanged) unchanged, \(removed) removed"
        if !kept.isEmpty {
            let names = kept.prefix(3).joined(separator: ", ") + (kept.count > 3 ? ", …" : "")
            line += ", \(kept.count) kept that Assay did not write (\(names))"
        }
        return line
    }
}

/// Builds the site into the output folder. Everything is rendered and checked first,
/// into a staging folder; only a build with no error puts its tree in place, in one
/// atomic exchange, so a failed or killed build leaves `public/` exactly as it was.
///
/// Incremental by default: the build cache (`BuildCache`, decided on by `BuildPlan`) lets
/// an unchanged page be neither read, re-rendered nor rewritten, and the site-wide files
/// be made again only when what they show changed. The result is byte-identical to a
/// clean build.
public enum SiteBuilder {
    /// The pipeline, one named step after the other.
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        let start = ContinuousClock.now
        var trace = PhaseTrace(start: start)
        _ = try OutputFolder(options.output, root: options.root)
        let cache = loadCache(options)
        trace.mark("cache load")
        var project = try Project.load(root: options.root, drafts: options.drafts, cache: cache)
        let sources = project.bibliography
        let retractions = try markRetractions(&project)
        trace.mark("load")
        let folder = try OutputFolder(options.output, root: options.root, theme: project.config.theme)
        let generator = SiteGenerator(project: project)
        let plan = BuildPlan(
            pages: project.pages, globalKey: project.globalKey(drafts: options.drafts), cache: cache,
            output: folder.resolved, siteFilePaths: generator.siteFilePaths)
        let writer = try StagedWriter(output: folder, previousOutputs: plan.cache?.outputs)
        trace.mark("plan")
        // On the templates alone, so the cache keeps its findings for the same theme (a
        // twentieth of a one-page rebuild of 1,000 pages); otherwise it runs beside the
        // rendering, as no page needs it to render.
        let templateCheck = DispatchGroup()
        let templateProblems = Locked<[Diagnostic]>(plan.cache?.templateProblems ?? [])
        if plan.cache == nil {
            let library = project.theme.library
            DispatchQueue.global().async(group: templateCheck) {
                let problems = TemplateContextCheck.diagnostics(library)
                templateProblems.withLock { $0 = problems }
            }
        }
        let checkedTemplates = {
            templateCheck.wait()
            return templateProblems.withLock { $0 }
        }
        let model = try render(
            generator, plan: plan, into: writer, retractions: retractions, templateProblems: checkedTemplates, parking: options.endsProcess)
        trace.mark("render")
        let outcome = try writer.commit()
        trace.mark("write")
        saveCache(model, plan: plan, writer: writer, templateProblems: checkedTemplates(), options: options)
        BibliographyCache.save(sources, root: options.root, stamp: BuildCache.binaryStamp())
        writer.waitForCleanup()
        trace.mark("cache save")
        trace.report()
        let result = report(project, model, outcome, since: start)
        if options.endsProcess { ExitParking.park(project, model, plan, cache, generator) }
        return result
    }

    /// With `retractions:` in site.yml, marks every listed reference on the pages and on
    /// sources.html (before anything renders, so the cache sees the marks too).
    static func markRetractions(_ project: inout Project) throws(BuildFailure) -> RetractionIndex? {
        guard let path = project.config.retractions else { return nil }
        let index = try RetractionIndex.load(project.root.appending(path: path), path: path)
        project.bibliography = project.bibliography.marking(index)
        return index
    }

    static func loadCache(_ options: BuildOptions) -> BuildCache? {
        guard options.useCache else { return nil }
        return BuildCache.load(root: options.root, output: options.output, stamp: BuildCache.binaryStamp(output: options.output))
    }

    /// Renders what the plan says into the stage, then carries over what the cache says
    /// is already right, so the new tree is complete.
    static func render(
        _ generator: SiteGenerator, plan: BuildPlan, into writer: StagedWriter, retractions: RetractionIndex?,
        templateProblems: () -> [Diagnostic] = { [] }, parking: Bool = false
    ) throws(BuildFailure) -> SiteGenerator.Model {
        // Ordinary pages the plan already knows to be right on disk are never made by the
        // first pass: they are carried over (one hard link each, a tenth of a one-page
        // rebuild of 1,000 pages) while the pages that changed render, on the core that
        // rendering leaves idle, instead of after it.
        let pages = plan.pages
        let early = pages.indices.filter { !pages[$0].isSectionIndex && !plan.pageNeeded($0) }
        let carrying = DispatchGroup()
        DispatchQueue.global().async(group: carrying) { carryOver(early, of: plan, into: writer) }
        let sink = OutputSink({ path, bytes in writer.stage(path, bytes) }, opening: { writer.open($0) })
        var generatorPlan = plan.generatorPlan
        if parking { generatorPlan.park = { ExitParking.park($0) } }
        var model = generator.generate(generatorPlan, sink: sink)
        carrying.wait()
        // The bibliography's own problems (a malformed DOI), names in templates no context
        // has (when site.yml makes them errors) and cited works the Retraction Watch
        // data lists stop the build as they fail `assay check`.
        let project = generator.project
        model.diagnostics += project.config.applyingSeverities(project.bibliography.diagnostics + templateProblems())
        if let retractions {
            // The rules read every claim's citations: the cached pages' too.
            generator.loadCached(&model)
            model.diagnostics += SiteChecker.retractionRules(project: project, model: model, index: retractions, strict: false)
        }
        let errors = model.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            writer.discard()
            throw BuildFailure(errors)
        }
        // What is left to carry over: section indexes and site-wide files the second pass
        // found right on disk, on both cores.
        let made = writer.madePaths
        carryOver(pages.indices.filter { !made.contains(pages[$0].outputPath) }, of: plan, into: writer)
        for path in generator.siteFilePaths where !made.contains(path) {
            writer.keep(path, size: 0)
        }
        return model
    }

    /// Hard-links the old files of pages `indices` (in reading order) into the stage, on
    /// both cores, folder by folder: a link takes its folder's lock in the kernel, so two
    /// threads linking into one folder mostly wait for each other.
    static func carryOver(_ indices: [Int], of plan: BuildPlan, into writer: StagedWriter) {
        let pages = plan.pages
        var folders: [[Int]] = []
        for i in indices {
            if let last = folders.last?.last, pages[last].section == pages[i].section {
                folders[folders.count - 1].append(i)
            } else {
                folders.append([i])
            }
        }
        ParallelFor.run(folders.count) { [folders] f in
            for i in folders[f] {
                writer.keep(pages[i].outputPath, size: plan.cache?.entries[pages[i].sourcePath]?.outputSize ?? 0)
            }
        }
    }

    /// Remembers what this build made, for the next one.
    static func saveCache(
        _ model: SiteGenerator.Model, plan: BuildPlan, writer: StagedWriter, templateProblems: [Diagnostic], options: BuildOptions
    ) {
        let (keys, siteKey, printKey, siteDigests) = plan.finalKeys()
        // In path order, as the file keeps them. Section indexes Assay makes for a folder
        // without `_index.md` (and the home page of a guide without one) are cached too:
        // they have no file, so before they were made again on every build, the home page
        // with the whole guide's profile.
        let order = model.pages.indices.sorted { model.pages[$0].sourcePath < model.pages[$1].sourcePath }
        let sizes = writer.sizes
        // On both cores: at the end of a full build of 10,000 pages, made one after the
        // other, the entries were 30 ms of one core while the other had nothing to do.
        let entries = ParallelFor.map(order) { i -> BuildCache.Entry? in
            let page = model.pages[i]
            let outputSize = sizes[page.outputPath] ?? 0
            // Same file (time, size, content) and same output key: the page and its
            // metadata were taken from the cache unchanged, so the cached entry, bytes
            // and all, still holds (most entries of a rebuild), unless its metadata was
            // asked for and did not decode (the page was rendered again: that is kept).
            let pending = i < model.cached.count ? model.cached[i] : nil
            if let old = plan.cache?.entries[page.sourcePath], old.encoded != nil, old.modified == page.fileModified, old.size == page.fileSize,
                old.page.fingerprint == page.fingerprint, old.outputKey == keys[i], old.outputSize == outputSize,
                pending != nil || old.levelCounts != nil, !old.failedToDecode
            {
                return old
            }
            // A page whose metadata is still in the cache and does not decode is left
            // out: the next build renders it again.
            let metadata = pending.map { $0.decode() } ?? model.rendered[i]
            guard var rendered = metadata else { return nil }
            rendered.html = ""
            var entry = BuildCache.Entry(
                modified: page.fileModified, size: page.fileSize, page: SiteGenerator.dropBody(page), rendered: rendered,
                outputKey: keys[i], outputSize: outputSize,
                siteDigest: i < siteDigests.count ? siteDigests[i] : OutputKeys.siteDigest(page, rendered))
            // Coded by the first pass if it rendered the page (not for metadata decoded
            // from the cache, or rendered again after it did not decode).
            if pending == nil, i < model.encodedMetadata.count { entry.renderedBytes = model.encodedMetadata[i] }
            return entry
        }
        BuildCache.save(
            stamp: BuildCache.binaryStamp(output: options.output), globalKey: plan.globalKey, siteKey: siteKey, printKey: printKey,
            outputs: writer.madePaths.sorted(), templateProblems: templateProblems, entries: entries, from: plan.cache?.file ?? [],
            root: options.root, output: options.output)
    }

    static func report(_ project: Project, _ model: SiteGenerator.Model, _ outcome: StagedWriter.Outcome, since start: ContinuousClock.Instant) -> BuildReport {
        var warnings = project.warnings + model.diagnostics
        if let missing = project.config.baseURLWarning { warnings.append(missing) }
        let profile = EvidenceProfile(taxonomy: project.config.taxonomy, model: model)
        let elapsed = ContinuousClock.now - start
        return BuildReport(
            pages: model.pages.count,
            claims: project.config.taxonomy.levels.map { ($0, profile.counts[$0.id] ?? 0) },
            written: outcome.written, unchanged: outcome.unchanged, removed: outcome.removed, kept: outcome.kept,
            milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            warnings: project.config.applyingSeverities(warnings))
    }
}
