import AssayTestSupport
import Foundation
import Testing

/// `public/` is at every instant either the old tree or the new one: builds are killed
/// (SIGKILL, no chance to tidy up) at moments spread over a whole build, and after each
/// the folder must be exactly one of the two.
@Suite("Builds killed half-way", .serialized)
struct KillTests {
    static let pages = 200

    /// A site of `pages` pages whose every page says `version`.
    static func write(_ site: TemporarySite, version: String) throws {
        for i in 0..<pages {
            try site.write(
                "content/many/page-\(i).md",
                "---\ntitle: \"Page \(i)\"\nreviewed: 2026-01-15\n---\n[Users report relief, \(version)]{.anecdotal}.\n\nText of \(version).\n")
        }
    }

    /// `assay build` in `site`, started and left running, its output discarded.
    static func startBuild(in site: TemporarySite) throws -> Process {
        let process = Process()
        process.executableURL = AssayProcess.binary
        process.arguments = ["build"]
        process.currentDirectoryURL = site.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func bytes(_ site: TemporarySite) -> [String: Data] {
        site.snapshot("public").mapValues(\.bytes)
    }

    @Test("SIGKILL at any moment leaves the old tree or the new one, never a mix")
    func killedBuilds() throws {
        let site = try TemporarySite()
        try Self.write(site, version: "version A")
        #expect(try AssayProcess.run(["build"], in: site.root).status == 0)
        let old = Self.bytes(site)

        let other = try TemporarySite()
        try Self.write(other, version: "version B")
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try AssayProcess.run(["build"], in: other.root).status == 0)
        let duration = clock.now - started
        let new = Self.bytes(other)
        #expect(old != new && old.count == new.count)

        // The kind of build that is killed below (old tree in place, no cache), timed once
        // un-killed, then undone: the moments must span it, whatever the machine's speed.
        try Self.write(site, version: "version B")
        try? FileManager.default.removeItem(at: site.url(".assay-cache"))
        let again = clock.now
        #expect(try AssayProcess.run(["build"], in: site.root).status == 0)
        let span = max(duration, clock.now - again)
        try Self.write(site, version: "version A")
        #expect(try AssayProcess.run(["build"], in: site.root).status == 0)
        #expect(Self.bytes(site) == old)

        try Self.write(site, version: "version B")
        var outcomes: [String: Int] = [:]
        let moments = 12
        for moment in 0..<moments {
            // From the start to well past the end of a build, evenly.
            let delay = span * (Double(moment) * 1.5 / Double(moments - 1))
            try? FileManager.default.removeItem(at: site.url(".assay-cache"))
            let process = try Self.startBuild(in: site)
            Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = Self.bytes(site)
            #expect(now == old || now == new, "killed after \(delay): public/ is neither tree (\(now.count) files)")
            outcomes[now == old ? "old" : now == new ? "new" : "mixed", default: 0] += 1
            // Start the next round from the old tree again.
            if now == new {
                try Self.write(site, version: "version A")
                #expect(try AssayProcess.run(["build"], in: site.root).status == 0)
                #expect(Self.bytes(site) == old)
                try Self.write(site, version: "version B")
            }
        }
        // Both outcomes happened, or the moments did not span a build.
        #expect(outcomes["old", default: 0] > 0 && outcomes["new", default: 0] > 0, "\(outcomes)")
        // A later build clears whatever a kill left and finishes the job.
        #expect(try AssayProcess.run(["build"], in: site.root).status == 0)
        #expect(Self.bytes(site) == new)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("assay-new") }
        #expect(leftovers.isEmpty)
    }

    @Test("SIGTERM stops the build cleanly: exit 130, old tree kept, no staging folder left")
    func terminatedBuild() throws {
        let site = try TemporarySite()
        try Self.write(site, version: "version A")
        #expect(try AssayProcess.run(["build"], in: site.root).status == 0)
        let old = Self.bytes(site)
        try Self.write(site, version: "version B")
        try? FileManager.default.removeItem(at: site.url(".assay-cache"))
        let process = try Self.startBuild(in: site)
        // Early, while pages are still rendering: the build has work left to abandon.
        Thread.sleep(forTimeInterval: 0.05)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        if process.terminationStatus == 130 {
            #expect(Self.bytes(site) == old)
        } else {
            // The build was already past the exchange: then it finished.
            #expect(process.terminationStatus == 0)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("assay-new") }
        #expect(leftovers.isEmpty)
    }
}
