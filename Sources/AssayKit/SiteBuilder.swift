import Foundation

/// What `assay build` is asked to do.
public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    public var drafts: Bool
    /// Reuse `.assay-cache/` from the last build; off for a clean build.
    public var useCache: Bool

    public init(root: URL, output: URL? = nil, drafts: Bool = false, useCache: Bool = true) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appending(path: "public")).standardizedFileURL
        self.drafts = drafts
        self.useCache = useCache
    }
}

/// What a build did, for the summary line.
public struct BuildReport: Sendable {
    public var pages: Int
    /// Claims per level, strongest first.
    public var claims: [(level: EvidenceLevel, count: Int)]
    public var written: Int
    public var unchanged: Int
    public var removed: Int
    public var milliseconds: Int
    public var warnings: [Diagnostic]

    public var summary: String {
        let total = claims.reduce(0) { $0 + $1.count }
        let levels = claims.map { "\($0.count) \($0.level.label)" }.joined(separator: ", ")
        return "built \(pages) pages, \(total) claims (\(levels)) in \(milliseconds) ms: \(written) files written, \(unchanged) unchanged, \(removed) removed"
    }
}

/// Builds the site into the output folder. Everything is rendered and checked first;
/// only a build with no error touches the output, file by file with a rename, so a
/// failed build leaves `public/` exactly as it was.
///
/// Incremental by default: the build cache (`BuildCache`) lets an unchanged page be
/// neither read, re-rendered nor rewritten, and the site-wide files be made again only
/// when what they show changed. The result is byte-identical to a clean build.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        let start = ContinuousClock.now
        var trace = PhaseTrace(start: start)
        try checkOutputFolder(options)
        let stamp = BuildCache.binaryStamp(output: options.output)
        let cache = options.useCache ? BuildCache.load(root: options.root, output: options.output, stamp: stamp) : nil
        trace.mark("cache load")
        let project = try Project.load(root: options.root, drafts: options.drafts, cache: cache)
        trace.mark("load")
        let globalKey = project.globalKey(drafts: options.drafts)
        let usable = cache?.globalKey == globalKey ? cache : nil
        let generator = SiteGenerator(project: project)
        let output = options.output
        let structure = OutputKeys.structure(pages: project.pages, globalKey: globalKey)
        var keys = project.pages.map { OutputKeys.page($0, structure: structure) }

        /// A file is right on disk when the cache made it from the same inputs and it is
        /// still there at the size it was written.
        func onDisk(_ path: String, key: UInt64, entry: BuildCache.Entry?) -> Bool {
            guard let entry, entry.outputKey == key else { return false }
            return BuildCache.fileStatus(output.appending(path: path).path)?.size == entry.outputSize
        }
        let writer = try StagedWriter(output: output)
        var siteKey: UInt64 = 0
        var plan = SiteGenerator.Plan()
        plan.reuse = { page in
            guard let entry = usable?.entries[page.sourcePath], !page.bodyLoaded || entry.page.fingerprint == page.fingerprint else { return nil }
            return entry.rendered
        }
        let firstNeeded = project.pages.indices.map { i in
            project.pages[i].isSectionIndex || !onDisk(project.pages[i].outputPath, key: keys[i], entry: usable?.entries[project.pages[i].sourcePath])
        }
        plan.pageNeeded = { firstNeeded[$0] }
        let sectionKeys = Locked<[Int: UInt64]>([:])
        plan.secondPassNeeded = { model in
            let section = OutputKeys.sectionPages(model, structure: structure)
            sectionKeys.withLock { $0 = section }
            let needed = Set(section.compactMap { i, key in
                onDisk(model.pages[i].outputPath, key: key, entry: usable?.entries[model.pages[i].sourcePath]) ? nil : i
            })
            let site = OutputKeys.site(model, structure: structure)
            let siteFiles = usable?.siteKey != site
                || generator.siteFilePaths.contains { BuildCache.fileStatus(output.appending(path: $0).path) == nil }
            sectionKeys.withLock { $0[-1] = site }
            return ({ needed.contains($0) }, siteFiles)
        }
        trace.mark("plan")
        let model = generator.generate(plan) { path, bytes in writer.stage(path, bytes) }
        trace.mark("render")
        let errors = model.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            writer.discard()
            throw BuildFailure(errors)
        }
        let section = sectionKeys.withLock { $0 }
        for (i, key) in section where i >= 0 { keys[i] = key }
        siteKey = section[-1] ?? 0
        // Files the cache said were right: record them so they are neither written nor removed.
        for page in model.pages where !writer.madePaths.contains(page.outputPath) {
            writer.keep(page.outputPath, size: usable?.entries[page.sourcePath]?.outputSize ?? 0)
        }
        for path in generator.siteFilePaths where !writer.madePaths.contains(path) {
            writer.keep(path, size: 0)
        }
        // With a cache, the files to remove are the ones the last build made and this one
        // did not; without, anything in the folder the build did not make.
        let stale = usable.map { Set($0.outputs).subtracting(writer.madePaths) }
        let (written, unchanged, removed) = try writer.commit(removing: stale)
        trace.mark("write")

        var entries: [String: BuildCache.Entry] = [:]
        for (i, page) in model.pages.enumerated() where page.fileSize > 0 || page.fingerprint != 0 {
            var rendered = model.rendered[i]
            rendered.html = ""
            var entry = BuildCache.Entry(
                modified: page.fileModified, size: page.fileSize, page: SiteGenerator.dropBody(page), rendered: rendered,
                outputKey: keys[i], outputSize: writer.size(of: page.outputPath))
            // Same file (time, size, content) and same output key: the page and its
            // metadata were taken from the cache unchanged, so its cached bytes still hold.
            if let old = usable?.entries[page.sourcePath], old.modified == entry.modified, old.size == entry.size,
                old.page.fingerprint == page.fingerprint, old.outputKey == entry.outputKey, old.outputSize == entry.outputSize
            {
                entry.encoded = old.encoded
            }
            entries[page.sourcePath] = entry
        }
        BuildCache(stamp: stamp, globalKey: globalKey, siteKey: siteKey, outputs: writer.madePaths.sorted(), entries: entries)
            .save(root: options.root, output: options.output)
        trace.mark("cache save")
        trace.report()

        var warnings = project.warnings + model.diagnostics
        if project.config.baseURL == nil {
            warnings.append(Diagnostic(CheckRule.noBaseURL.rawValue, "no 'base_url' in site.yml: sitemap.xml is not written and the 404 page links from the domain root", path: SiteConfig.path, severity: .warning))
        }
        let profile = EvidenceProfile(taxonomy: project.config.taxonomy, claims: model.allClaims)
        let elapsed = ContinuousClock.now - start
        return BuildReport(
            pages: model.pages.count,
            claims: project.config.taxonomy.levels.map { ($0, profile.counts[$0.id] ?? 0) },
            written: written, unchanged: unchanged, removed: removed,
            milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            warnings: project.config.applyingSeverities(warnings))
    }

    /// The output folder is emptied of anything the build does not make; never let that
    /// be the site itself.
    static func checkOutputFolder(_ options: BuildOptions) throws(BuildFailure) {
        let out = options.output.path
        let root = options.root.path
        let inside = root == out || root.hasPrefix(out.hasSuffix("/") ? out : out + "/")
        let isContent = out == options.root.appending(path: "content").path || out == options.root.appending(path: "templates").path
        if inside || isContent {
            throw BuildFailure([Diagnostic("output", "refusing to build into \(out): it holds the site's own files", path: SiteConfig.path)])
        }
    }
}
