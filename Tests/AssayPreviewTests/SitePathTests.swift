@testable import AssayPreview
import Foundation
import Testing

/// The mapping from request path to file, without a server: a site folder with a page,
/// a folder, and symlinks in and out.
@Suite("Request path resolution")
struct SitePathTests {
    /// root/site/{index.html, a/index.html, a/b.css, in.html → index.html, out.txt → ../secret.txt, away → root}
    final class Fixture {
        let root: URL
        let site: String

        init() throws {
            let fm = FileManager.default
            let made = fm.temporaryDirectory.appending(path: "assay-sitepath-\(UUID().uuidString)")
            try fm.createDirectory(at: made.appending(path: "site/a"), withIntermediateDirectories: true)
            root = URL(fileURLWithPath: try #require(SitePath.realPath(made.path)))
            site = root.appending(path: "site").path
            for file in ["site/index.html", "site/a/index.html", "site/a/b.css", "secret.txt", "site/%2e%2e"] {
                try Data("x".utf8).write(to: root.appending(path: file))
            }
            try fm.createSymbolicLink(atPath: site + "/in.html", withDestinationPath: "index.html")
            try fm.createSymbolicLink(atPath: site + "/out.txt", withDestinationPath: "../secret.txt")
            try fm.createSymbolicLink(atPath: site + "/away", withDestinationPath: root.path)
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    enum Expected: Sendable {
        case file(String), redirect(String), notFound, forbidden, badRequest
    }

    @Test(arguments: [
        ("/", Expected.file("index.html")),
        ("/index.html", .file("index.html")),
        ("/a/", .file("a/index.html")),
        ("/a/b.css", .file("a/b.css")),
        ("/./a/./b.css", .file("a/b.css")),
        ("//a//b.css", .file("a/b.css")),
        ("/a", .redirect("/a/")),
        ("/in.html", .file("index.html")),
        ("/%61/b.css", .file("a/b.css")),
        ("/%252e%252e", .file("%2e%2e")),
        ("/missing.html", .notFound),
        ("/a/missing/", .notFound),
        ("/..", .forbidden),
        ("/../secret.txt", .forbidden),
        ("/a/../../secret.txt", .forbidden),
        ("/%2e%2e/secret.txt", .forbidden),
        ("/..%2Fsecret.txt", .forbidden),
        ("/a%2F..%2F..%2Fsecret.txt", .forbidden),
        ("/out.txt", .forbidden),
        ("/away/secret.txt", .forbidden),
        ("/away", .forbidden),
        ("/index.html%00", .forbidden),
        ("/%00/../secret.txt", .forbidden),
        ("relative.html", .badRequest),
        ("/%", .badRequest),
        ("/%e2%28", .badRequest),
    ])
    func resolves(path: String, expected: Expected) throws {
        let fixture = try Fixture()
        let result = SitePath.resolve(path, in: fixture.site)
        switch expected {
        case .file(let relative):
            #expect(result == .file(fixture.site + "/" + relative))
        case .redirect(let location):
            #expect(result == .redirect(location))
        case .notFound:
            #expect(result == .notFound)
        case .forbidden:
            #expect(result == .forbidden)
        case .badRequest:
            #expect(result == .badRequest)
        }
    }

    @Test func insideIsByWholeSegments() {
        #expect(SitePath.isInside("/srv/site", "/srv/site"))
        #expect(SitePath.isInside("/srv/site/a.html", "/srv/site"))
        #expect(!SitePath.isInside("/srv/site-other/a.html", "/srv/site"))
        #expect(!SitePath.isInside("/srv", "/srv/site"))
    }

    @Test(arguments: [
        ("/index.html", "text/html; charset=utf-8"),
        ("/a/b.CSS", "text/css; charset=utf-8"),
        ("/search-index.js", "text/javascript; charset=utf-8"),
        ("/claims.json", "application/json"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/photo.jpeg", "image/jpeg"),
        ("/font.woff2", "font/woff2"),
        ("/README", "application/octet-stream"),
        ("/archive.tar.unknown", "application/octet-stream"),
        ("/.hidden", "application/octet-stream"),
    ])
    func mediaTypes(path: String, type: String) {
        #expect(MediaType.forPath(path) == type)
    }
}
