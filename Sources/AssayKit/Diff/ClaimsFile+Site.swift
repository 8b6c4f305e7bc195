import Foundation

extension ClaimsFile {
    /// The claims a build of the site at `root` would write to claims.json, made in
    /// memory by the same code (`GuidePages.claimsJSON`) and read back: nothing is written.
    public static func build(root: URL, path: String, drafts: Bool = false) throws(DiffFailure) -> ClaimsFile {
        let root = root.standardizedFileURL
        guard FileManager.default.fileExists(atPath: root.appending(path: SiteConfig.path).path) else {
            throw .notASite(path: path)
        }
        let project: Project
        do {
            project = try Project.load(root: root, drafts: drafts)
        } catch {
            throw .siteErrors(path: path, diagnostics: error.diagnostics)
        }
        let model = SiteGenerator(project: project).renderMarkdown()
        let errors = model.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .siteErrors(path: path, diagnostics: errors) }
        let guide = EvidenceProfile(taxonomy: project.config.taxonomy, pages: model.rendered)
        let bytes = ClaimsJSON(config: project.config, guide: guide, model: model).bytes()
        return try parse(Data(bytes), path: path)
    }

    /// A claims.json file, or a site folder built in memory.
    public static func load(path: String, relativeTo base: URL, drafts: Bool = false) throws(DiffFailure) -> ClaimsFile {
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appending(path: path)).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .unreadable(path: path, reason: "no such file or folder")
        }
        guard isFolder.boolValue else { return try load(url, path: path) }
        // A trailing slash tells a reader of the report that this version is a folder.
        return try build(root: url, path: path.hasSuffix("/") ? path : path + "/", drafts: drafts)
    }
}
