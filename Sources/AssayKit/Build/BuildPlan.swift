import AssaySupport
import Foundation

/// What an incremental build must make, decided from the last build's cache: the one place
/// that says whether a page is re-rendered, whether its file is rewritten, and whether the
/// site-wide files are made again. A clean build (no cache) makes everything.
///
/// A file is *right on disk* when the cache made it from the same inputs (its output key,
/// see `OutputKeys`) and it is still there at the size it was written. Ordinary pages are
/// decided before rendering; section indexes, the home page and the site-wide files
/// depend on every page's claims, so they are decided once the first pass knows them.
final class BuildPlan: Sendable {
    /// The cache, if it was made with the same config, theme, bibliography and flags.
    let cache: BuildCache?
    let output: URL
    /// `output.path`, once: a URL made per page to stat its file cost more than the stat.
    private let outputPath: String
    let pages: [Page]
    /// Digest of config, theme, bibliography and flags (`Project.globalKey`).
    let globalKey: UInt64
    let structure: UInt64
    let siteFilePaths: [String]
    /// Each page's output key; section indexes get theirs in the second pass.
    let keys: [UInt64]
    private let firstPass: [Bool]
    /// Each page's `OutputKeys.siteDigest` as the cache has it, where the page's source
    /// is the one the cache knew (its metadata is then the cached one too, see `reuse`).
    private let cachedSiteDigests: [UInt64?]
    private let secondPassKeys = Locked<(sections: [Int: UInt64], site: UInt64, print: UInt64, digests: [UInt64])?>(nil)

    init(pages: [Page], globalKey: UInt64, cache: BuildCache?, output: URL, siteFilePaths: [String]) {
        self.cache = cache?.globalKey == globalKey ? cache : nil
        self.output = output
        outputPath = output.path
        self.pages = pages
        self.globalKey = globalKey
        self.siteFilePaths = siteFilePaths
        structure = OutputKeys.structure(pages: pages, globalKey: globalKey)
        let keys = pages.map { [structure] in OutputKeys.page($0, structure: structure) }
        self.keys = keys
        let cache = self.cache
        let outputPath = output.path
        var firstPass: [Bool] = []
        var digests: [UInt64?] = []
        firstPass.reserveCapacity(pages.count)
        digests.reserveCapacity(pages.count)
        pages.withUnsafeBufferPointer { pages in
            for i in pages.indices {
                // One lookup per page: a path's hash costs more than the rest of the decision.
                let entry = cache?.entries[pages[i].sourcePath]
                firstPass.append(pages[i].isSectionIndex || !Self.onDisk(pages[i].outputPath, key: keys[i], entry: entry, output: outputPath))
                digests.append(entry.flatMap { $0.page.fingerprint == pages[i].fingerprint ? $0.siteDigest : nil })
            }
        }
        self.firstPass = firstPass
        cachedSiteDigests = digests
    }

    /// The cached metadata (claims, headings, citations) of a page whose source has not
    /// changed, so it need not be parsed again: its claims per level at once, the rest
    /// decoded if something asks for it. Nil where the cache cannot give it (no entry,
    /// a changed source, an entry written without it).
    func cached(_ page: Page) -> SiteGenerator.CachedMetadata? {
        guard let entry = cache?.entries[page.sourcePath], !page.bodyLoaded || entry.page.fingerprint == page.fingerprint,
            let counts = entry.levelCounts
        else { return nil }
        return SiteGenerator.CachedMetadata(levelCounts: counts, decode: { entry.rendered })
    }

    /// Whether ordinary page `i`'s file must be made (section indexes always go on to the
    /// second pass).
    func pageNeeded(_ i: Int) -> Bool { firstPass[i] }

    /// Once every page's metadata is known: which section pages must be made, and
    /// whether the site-wide files and print.html must.
    func secondPass(_ model: SiteGenerator.Model) -> (pages: (Int) -> Bool, siteFiles: Bool, printPage: Bool) {
        let sections = OutputKeys.sectionPages(model, structure: structure)
        let digests = model.pages.indices.map { i in
            cachedSiteDigests[i] ?? (i < model.digests.count ? model.digests[i] : nil)
                ?? OutputKeys.siteDigest(model.pages[i], model.rendered[i])
        }
        let site = OutputKeys.site(digests, structure: structure)
        let print = OutputKeys.print(model, structure: structure)
        secondPassKeys.withLock { $0 = (sections, site, print, digests) }
        let needed = Set(sections.compactMap { [cache, outputPath] i, key in
            Self.onDisk(model.pages[i].outputPath, key: key, entry: cache?.entries[model.pages[i].sourcePath], output: outputPath) ? nil : i
        })
        let siteFiles = cache?.siteKey != site
            || siteFilePaths.contains { $0 != SiteFiles.printPage && BuildCache.fileStatus(outputPath + "/" + $0) == nil }
        let printPage = cache?.printKey != print || BuildCache.fileStatus(outputPath + "/" + SiteFiles.printPage) == nil
        return ({ needed.contains($0) }, siteFiles, printPage)
    }

    /// The plan in the form the generator asks its questions.
    var generatorPlan: SiteGenerator.Plan {
        var plan = SiteGenerator.Plan()
        plan.cached = { [unowned self] in cached($0) }
        plan.pageNeeded = { [unowned self] in pageNeeded($0) }
        plan.secondPassNeeded = { [unowned self] in secondPass($0) }
        // Made for each page the first pass renders; a digest the cache holds comes first.
        plan.digest = { OutputKeys.siteDigest($0, $1) }
        plan.encodeMetadata = { BuildCache.Entry.renderedBytes($0) }
        return plan
    }

    /// Every page's output key, the site-wide files' key and print.html's, and every
    /// page's site digest, for the next build's cache.
    func finalKeys() -> (pages: [UInt64], site: UInt64, print: UInt64, siteDigests: [UInt64]) {
        var all = keys
        let second = secondPassKeys.withLock { $0 }
        for (i, key) in second?.sections ?? [:] { all[i] = key }
        return (all, second?.site ?? 0, second?.print ?? 0, second?.digests ?? [])
    }

    static func onDisk(_ path: String, key: UInt64, entry: BuildCache.Entry?, output: String) -> Bool {
        guard let entry, entry.outputKey == key else { return false }
        return BuildCache.fileStatus(String.concatenated(output, "/", path))?.size == entry.outputSize
    }
}
