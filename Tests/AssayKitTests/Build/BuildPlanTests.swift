import Foundation
import Testing

@testable import AssayKit

/// The decisions of an incremental build, one by one: what is re-rendered, rewritten,
/// or taken as it is.
@Suite("Build plan")
struct BuildPlanTests {
    /// The plan the next build of `site` would follow.
    func plan(_ site: BuildFixture, useCache: Bool = true) throws -> (BuildPlan, Project) {
        let options = BuildOptions(root: site.root, useCache: useCache)
        let cache = SiteBuilder.loadCache(options)
        let project = try Project.load(root: site.root, drafts: false, cache: cache)
        let plan = BuildPlan(
            pages: project.pages, globalKey: project.globalKey(drafts: false), cache: cache, output: site.output,
            siteFilePaths: SiteGenerator(project: project).siteFilePaths)
        return (plan, project)
    }

    func index(of path: String, in project: Project) throws -> Int {
        try #require(project.pages.firstIndex { $0.sourcePath == path })
    }

    @Test("without a cache everything is made")
    func clean() throws {
        let site = try BuildFixture()
        try site.build()
        let (plan, project) = try plan(site, useCache: false)
        #expect(plan.cache == nil)
        #expect(project.pages.indices.allSatisfy(plan.pageNeeded))
        #expect(project.pages.allSatisfy { plan.cached($0) == nil })
    }

    @Test("after a build, an unchanged page is neither rendered nor written; section pages wait for the second pass")
    func unchanged() throws {
        let site = try BuildFixture()
        try site.build()
        let (plan, project) = try plan(site)
        #expect(plan.cache != nil)
        let guide = try index(of: "content/guide.md", in: project)
        #expect(!plan.pageNeeded(guide))
        let cached = try #require(plan.cached(project.pages[guide]))
        #expect(cached.levelCounts == [.init(level: "preliminary", count: 1), .init(level: "established", count: 1)])
        #expect(cached.decode()?.claims.map(\.claim.level) == ["preliminary", "established"])
        #expect(!project.pages[guide].bodyLoaded)
        let home = try index(of: "content/_index.md", in: project)
        #expect(plan.pageNeeded(home))
    }

    @Test("an edit of prose leaves the other pages' metadata in the cache, and the build equals a clean one")
    func proseEditLeavesMetadataCached() throws {
        let site = try BuildFixture()
        // print.html shows every page's prose: without it, such an edit makes nothing site-wide.
        try site.write("content/site.yml", try site.read("content/site.yml") + "print: false\n")
        try site.build()
        try site.write("content/topic/page.md", try site.read("content/topic/page.md") + "\nOne more sentence.\n")
        let (plan, project) = try plan(site)
        let model = SiteGenerator(project: project).generate(plan.generatorPlan, sink: OutputSink { _, _ in })
        let guide = try index(of: "content/guide.md", in: project)
        try #require(model.cached.count == project.pages.count)
        // Only its claims per level were read, for the keys and the summary.
        #expect(model.cached[guide]?.levelCounts.map(\.count) == [1, 1])
        #expect(model.rendered[guide].claims.isEmpty)
        #expect(model.cached[try index(of: "content/topic/page.md", in: project)] == nil)

        let incremental = try site.build()
        let clean = site.url("clean")
        let reference = try site.build(output: clean, useCache: false)
        #expect(BuildFixture.snapshot(site.output) == BuildFixture.snapshot(clean))
        #expect(incremental.claims.map(\.count) == reference.claims.map(\.count))
        #expect(incremental.written == 1)
    }

    @Test("an edited page is made again, its neighbours are not")
    func edited() throws {
        let site = try BuildFixture()
        try site.build()
        try site.write("content/guide.md", try site.read("content/guide.md") + "\nOne more sentence.\n")
        let (plan, project) = try plan(site)
        #expect(plan.pageNeeded(try index(of: "content/guide.md", in: project)))
        #expect(!plan.pageNeeded(try index(of: "content/topic/page.md", in: project)))
    }

    @Test("a changed title changes every page's navigation: all made again")
    func retitled() throws {
        let site = try BuildFixture()
        try site.build()
        try site.write("content/guide.md", try site.read("content/guide.md").replacingOccurrences(of: "title: \"Guide\"", with: "title: \"The guide\""))
        let (plan, project) = try plan(site)
        #expect(plan.pageNeeded(try index(of: "content/topic/page.md", in: project)))
    }

    @Test("a changed config or theme means the cache is not used")
    func configChanged() throws {
        let site = try BuildFixture()
        try site.build()
        try site.write("templates/partials/footer.mustache", try site.read("templates/partials/footer.mustache") + "<!-- changed -->\n")
        let (plan, project) = try plan(site)
        #expect(plan.cache == nil)
        #expect(project.pages.indices.allSatisfy(plan.pageNeeded))
    }

    @Test("an output file deleted or edited by hand is made again")
    func outputTouched() throws {
        let site = try BuildFixture()
        try site.build()
        try site.remove("public/guide.html")
        try site.write("public/topic/page.html", "edited by hand")
        let (plan, project) = try plan(site)
        #expect(plan.pageNeeded(try index(of: "content/guide.md", in: project)))
        #expect(plan.pageNeeded(try index(of: "content/topic/page.md", in: project)))
        try site.build()
        #expect(try site.read("public/topic/page.html").contains("Nested page"))
    }

    @Test("site-wide files are made again when a claim changes, and not otherwise")
    func siteFiles() throws {
        let site = try BuildFixture()
        try site.build()
        do {
            let (plan, _) = try plan(site)
            let model = SiteGenerator(project: try Project.load(root: site.root)).renderMarkdown()
            #expect(plan.secondPass(model).siteFiles == false)
        }
        try site.write("content/guide.md", try site.read("content/guide.md").replacingOccurrences(of: "{.established}", with: "{.preliminary}"))
        let (plan, _) = try plan(site)
        let model = SiteGenerator(project: try Project.load(root: site.root)).renderMarkdown()
        #expect(plan.secondPass(model).siteFiles == true)
    }

    @Test("site-wide files are made again when only a claim's cited source changes")
    func siteFilesCiteKey() throws {
        let site = try BuildFixture()
        try site.build()
        let path = "content/guide.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "[@kruegel2016]]{.preliminary", with: "[@prozialeck2012]]{.preliminary"))
        let (plan, project) = try plan(site)
        let model = SiteGenerator(project: try Project.load(root: site.root)).renderMarkdown()
        let claims = model.rendered[try index(of: path, in: project)].claims
        #expect(claims.first?.claim.citeKeys == ["prozialeck2012"])
        #expect(plan.secondPass(model).siteFiles == true)
    }

    @Test("print.html is made again when any page's prose changes, the other site-wide files are not")
    func printPage() throws {
        let site = try BuildFixture()
        try site.build()
        do {
            let (plan, _) = try plan(site)
            let model = SiteGenerator(project: try Project.load(root: site.root)).renderMarkdown()
            #expect(plan.secondPass(model).printPage == false)
        }
        try site.write("content/topic/page.md", try site.read("content/topic/page.md") + "\nA new sentence of prose.\n")
        let (plan, _) = try plan(site)
        let model = SiteGenerator(project: try Project.load(root: site.root)).renderMarkdown()
        #expect(plan.secondPass(model).printPage == true)
        #expect(plan.secondPass(model).siteFiles == false)
        try site.build()
        #expect(try site.read("public/print.html").contains("A new sentence of prose."))
    }

    @Test("a page's changes: edited rebuilds the site-wide files (changes.html, feed.xml)")
    func changesEdited() throws {
        let site = try BuildFixture()
        try site.build()
        let path = "content/topic/page.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "reviewed: 2026-01-15\n", with: "reviewed: 2026-01-15\nchanges: [{date: 2026-01-20, summary: Linked the binding claim.}]\n"))
        let (plan, project) = try plan(site)
        #expect(plan.pageNeeded(try index(of: path, in: project)))
        let model = SiteGenerator(project: try Project.load(root: site.root)).renderMarkdown()
        #expect(plan.secondPass(model).siteFiles == true)
    }
}
