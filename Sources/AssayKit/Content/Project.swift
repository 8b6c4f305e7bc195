import AssaySupport
import Foundation

/// Everything a build reads before rendering: config, theme, bibliography and pages.
/// Loaded once; every page render shares it.
struct Project: Sendable {
    public var root: URL
    var config: SiteConfig
    var theme: Theme
    var bibliography: Bibliography
    /// Pages in reading order: home, then each section's index and pages, by `order`, title.
    var pages: [Page]
    /// Problems that do not stop the build (warnings).
    public var warnings: [Diagnostic] = []
    /// The bodies of the pages read from disk, until each is rendered.
    var bodies = BodyShelf()

    /// Reads the site at `root`. Every problem is collected before failing, so an editor
    /// sees them all at once.
    public static func load(root: URL, drafts: Bool = false) throws(BuildFailure) -> Project {
        try load(root: root, drafts: drafts, cache: nil)
    }

    /// With a cache, a page whose file has the same size and modification time as when
    /// it was cached is taken from the cache without being read, and an unchanged
    /// bibliography is not parsed again (`BibliographyCache`).
    static func load(root: URL, drafts: Bool, cache: BuildCache?) throws(BuildFailure) -> Project {
        var problems: [Diagnostic] = []
        func attempt<T>(_ body: () throws(BuildFailure) -> T) -> T? {
            do { return try body() } catch {
                problems += error.diagnostics
                return nil
            }
        }
        // The bibliography and the pages load on other threads while this one reads the
        // config and the theme: through Yams the bibliography is the slowest part of
        // loading when it changed (a tenth of a one-page rebuild of 1,000 pages), and
        // listing and checking every page's file the slowest when it did not.
        let parsedBibliography = Locked<Result<Bibliography, BuildFailure>?>(nil)
        let listedPages = Locked<Result<(pages: [Page], bodies: [String: String]), BuildFailure>?>(nil)
        let loading = DispatchGroup()
        DispatchQueue.global().async(group: loading) {
            let result = Result { () throws(BuildFailure) in try loadPages(root: root, drafts: drafts, cache: cache) }
            listedPages.withLock { $0 = result }
        }
        DispatchQueue.global().async(group: loading) {
            let result = Result { () throws(BuildFailure) in
                for name in Bibliography.candidates {
                    let path = root.appending(path: name).path
                    if FileSafety.isSymlink(path), let problem = FileSafety.problem(reading: path, root: root, shownPath: name) {
                        throw BuildFailure([problem])
                    }
                }
                return try Bibliography.load(root: root, cacheStamp: cache.map { _ in BuildCache.binaryStamp() })
            }
            parsedBibliography.withLock { $0 = result }
        }
        defer { loading.wait() }
        let configURL = root.appending(path: SiteConfig.path)
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw BuildFailure([Diagnostic(.io, "no \(SiteConfig.path) here: is this an Assay site? (-C sets the site's folder)", path: SiteConfig.path)])
        }
        let config = attempt { () throws(BuildFailure) in
            if let problem = FileSafety.problem(reading: configURL.path, root: root, shownPath: SiteConfig.path) { throw BuildFailure([problem]) }
            return try SiteConfig.load(text: try SourceText.read(configURL, path: SiteConfig.path))
        }
        var folders: [(URL, String)] = [(root.appending(path: "templates"), "templates")]
        if let theme = config?.theme {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appending(path: theme).path, isDirectory: &isFolder), isFolder.boolValue {
                folders.append((root.appending(path: theme), theme))
            } else {
                let line = configLine(of: "theme", at: configURL)
                problems.append(Diagnostic(.config, "theme folder '\(theme)' does not exist (it is relative to the site's folder)", path: SiteConfig.path, line: line))
            }
        }
        let theme = attempt { () throws(BuildFailure) in try Theme.load(folders: folders, root: root) }
        loading.wait()
        // Problems in the same order as when everything loaded one after the other.
        let bibliography = attempt { () throws(BuildFailure) in try parsedBibliography.withLock { $0! }.get() }
        let pages = attempt { () throws(BuildFailure) in try listedPages.withLock { $0! }.get() }
        // A page under content/assets/ and a theme asset can name the same file; one
        // would silently replace the other.
        // By index: `for page in` copied every page of the guide.
        let listed = pages?.pages ?? []
        for i in listed.indices where listed[i].outputPath.hasPrefix(SiteFiles.assetsFolder) {
            let output = listed[i].outputPath
            if theme?.assets[String(output.dropFirst(SiteFiles.assetsFolder.count))] != nil {
                problems.append(Diagnostic(
                    .urlCollision, "\(listed[i].sourcePath) would write \(output), which the theme's asset \(output) already writes",
                    path: listed[i].sourcePath))
            }
        }
        guard problems.isEmpty, let config, let theme, let bibliography, let pages else {
            throw BuildFailure(problems)
        }
        return Project(root: root, config: config, theme: theme, bibliography: bibliography, pages: pages.pages, bodies: BodyShelf(pages.bodies))
    }

    /// The line of a top-level key of `site.yml`, for a diagnostic about its value.
    static func configLine(of key: String, at url: URL) -> Int {
        guard let text = try? String(contentsOf: url, encoding: .utf8), let document = try? YAMLDocument(text, path: SiteConfig.path),
            let node = document.root?[field: key]
        else { return 1 }
        return document.location(of: node).line
    }

    /// The pages in reading order, each read page's body apart (on the shelf it goes to,
    /// by source path; the page says `bodyShelved`): taken out where the page is read, on
    /// whichever core read it, rather than in a pass over every page afterwards.
    static func loadPages(root: URL, drafts: Bool, cache: BuildCache? = nil) throws(BuildFailure) -> (pages: [Page], bodies: [String: String]) {
        let content = root.appending(path: "content")
        let fm = FileManager.default
        // Paths as strings, not URLs: building and standardising a URL per file was 7% of
        // a one-page rebuild of 1,000 pages.
        let base = content.standardizedFileURL.path
        var relatives: [String] = []
        var all: [Diagnostic] = []
        // `readdir`, not FileManager's enumerator (an NSString per entry: 10% of a
        // one-page rebuild of 1,000 pages), and the entry's type from the walk instead
        // of an `lstat` per file.
        FileTree.walk(base) { relative, kind in
            // Hidden files and folders (.git, editors' swap files) are not pages.
            if Self.isHidden(relative) { return false }
            // The walk never enters a symlinked folder; a symlinked page is read only
            // if it stays inside the site (never /etc/passwd or /proc/self/environ).
            if kind == .symlink {
                let path = String.concatenated(base, "/", relative)
                if let problem = FileSafety.problem(reading: path, root: root, shownPath: "content/" + relative) {
                    all.append(problem)
                    return false
                }
                var isFolder: ObjCBool = false
                if fm.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    all.append(Diagnostic(
                        .symlinkOutsideSite,
                        "content/\(relative) is a symlink to a folder, and folders reached through a symlink are not read: move the pages or link them one by one",
                        path: "content/" + relative))
                    return false
                }
            }
            if relative.hasSuffix(".md") { relatives.append(relative) }
            return true
        }
        relatives.sort()
        let results = ParallelFor.map(relatives) { relative -> Result<(Page, String?), BuildFailure> in
            do throws(BuildFailure) {
                let stat = BuildCache.fileStatus(String.concatenated(base, "/", relative))
                if let entry = cache?.entries["content/" + relative], let stat, entry.modified == stat.modified, entry.size == stat.size {
                    var page = entry.page
                    (page.fileModified, page.fileSize) = stat
                    return .success((page, nil))
                }
                var page = try readPage(relative: relative, root: content, rootPath: base)
                (page.fileModified, page.fileSize) = stat ?? (0, 0)
                let body = page.body
                page.body = ""
                page.bodyShelved = true
                return .success((page, body))
            } catch {
                return .failure(error)
            }
        }
        var loaded: [Page] = []
        loaded.reserveCapacity(results.count)
        var bodies = [String: String](minimumCapacity: results.count)
        for result in results {
            switch result {
            case .success(let (page, body)):
                guard drafts || !page.frontMatter.draft else { continue }
                if let body { bodies[page.sourcePath] = body }
                loaded.append(page)
            case .failure(let failure): all += failure.diagnostics
            }
        }
        var owners: [String: String] = [:]
        for name in SiteFiles.generatedFiles { owners[name] = "Assay's generated \(name)" }
        // By index: `for page in` copied every page.
        for i in loaded.indices {
            if let owner = owners[loaded[i].outputPath] {
                all.append(Diagnostic(.urlCollision, "\(loaded[i].sourcePath) would write \(loaded[i].outputPath), which \(owner) already writes", path: loaded[i].sourcePath))
            } else {
                owners[loaded[i].outputPath] = loaded[i].sourcePath
            }
        }
        guard all.isEmpty else { throw BuildFailure(all) }
        return (SiteFiles.readingOrder(loaded), bodies)
    }

    /// Whether the last component of a relative path starts with a dot: on bytes, as
    /// splitting every path of `content/` was a tenth of listing it.
    static func isHidden(_ relative: String) -> Bool {
        let bytes = relative.utf8
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        guard start != bytes.endIndex, bytes[start] == UInt8(ascii: ".") else { return false }
        // A mark after the dot makes one character of the two, which is not a dot.
        let next = bytes.index(after: start)
        guard next == bytes.endIndex || bytes[next] < 0x80 else {
            return relative.split(separator: "/").last?.hasPrefix(".") == true
        }
        return true
    }

    /// The page with its body: from the shelf the first time, else read again (a page
    /// from the cache, or one whose body was already rendered).
    func loadingBody(_ page: Page) throws(BuildFailure) -> Page {
        if page.bodyShelved, let body = bodies.take(page.sourcePath) {
            var p = page
            p.body = body
            p.bodyShelved = false
            return p
        }
        guard !page.bodyLoaded || page.bodyShelved else { return page }
        var fresh = try Self.readPage(relative: String(page.sourcePath.dropFirst("content/".count)), root: root.appending(path: "content"))
        (fresh.fileModified, fresh.fileSize) = (page.fileModified, page.fileSize)
        return fresh
    }

    /// Digest of everything every page depends on: config, theme, bibliography, flags.
    func globalKey(drafts: Bool) -> UInt64 {
        var f = Fingerprint()
        f.add(String(config.fingerprint))
        f.add(String(theme.fingerprint))
        f.add(String(bibliography.fingerprint))
        f.add(drafts ? "drafts" : "published")
        return f.value
    }

    /// `rootPath` is `root`'s path, when the caller has it as a string: the page is then
    /// read without a URL (made per page, it cost as much as the read).
    static func readPage(relative: String, root: URL, rootPath: String? = nil) throws(BuildFailure) -> Page {
        let path = "content/" + relative
        let bytes: [UInt8]
        if let rootPath, let read = FileBytes.read(String.concatenated(rootPath, "/", relative)) {
            bytes = read
        } else {
            // The slow way, also for the error it reports.
            do { bytes = Array(try Data(contentsOf: root.appending(path: relative))) } catch {
                throw BuildFailure([Diagnostic(.io, "cannot read page: \(error.localizedDescription)", path: path)])
            }
        }
        let text = try SourceText.decode(bytes, path: path)
        let (yaml, body, offset) = FrontMatter.split(text)
        guard offset >= 0 else {
            throw BuildFailure([Diagnostic(.frontMatter, "front matter opened with '---' is never closed", path: path, line: 1, column: 1)])
        }
        let matter = try FrontMatter.parse(yaml, path: path)
        let section = relative.slashParentFolder
        var fingerprint = Fingerprint()
        bytes.withUnsafeBytes { fingerprint.add(contents: $0) }
        return Page(
            sourcePath: path, outputPath: Page.outputPath(for: relative), section: section,
            isSectionIndex: relative.hasSuffix("_index.md"), frontMatter: matter, body: String(body),
            bodyLineOffset: offset, fingerprint: fingerprint.value)
    }
}
