import AssayTestSupport
import Testing

@testable import AssayMarkdown

/// Only http, https, mailto and relative URLs become links or image sources; any other
/// scheme is a located `unsafe-url` error and never reaches an `href` or `src`.
@Suite("Unsafe URLs")
struct UnsafeURLTests {
    static let unsafeDestinations = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "data:image/png;base64,AAAA", "vbscript:msgbox",
        "file:///etc/passwd", "ftp://example.org/x", "chrome:settings", "a:b",
        // As a browser reads them: leading space and control characters skipped, tabs and
        // newlines dropped (written here as entities, which cmark decodes).
        "&#32;javascript:x", "&#1;javascript:x", "java&#9;script:x", "java&#10;script:x", "<\u{1}javascript:x>",
    ]

    @Test("a link with another scheme: reported at the link, and emptied", arguments: unsafeDestinations)
    func unsafeLink(_ destination: String) throws {
        let (html, document) = rendered("See [x](\(destination)) now.\n")
        #expect(positions(document) == ["1:5 unsafe-url"])
        #expect(html == "<p>See <a href=\"\">x</a> now.</p>\n")
        #expect(document.links.isEmpty)
    }

    @Test("an image with another scheme: reported at the '!', and its source emptied", arguments: unsafeDestinations)
    func unsafeImage(_ destination: String) throws {
        let (html, document) = rendered("A ![pic](\(destination))\n")
        #expect(positions(document) == ["1:3 unsafe-url"])
        #expect(html == "<p>A <img src=\"\" alt=\"pic\" /></p>\n")
    }

    @Test("the message names the scheme and what is allowed")
    func message() {
        let document = annotated("[x](JavaScript:alert(1))\n")
        #expect(
            messages(document) == [
                "1:1 unsafe-url: link 'JavaScript:alert(1)' uses the scheme 'javascript:', which is not published: "
                    + "only http, https, mailto and relative URLs may be links or images"
            ])
    }

    @Test("autolinks, reference links and unsafe HTML mode are held to the same rule")
    func otherForms() {
        let autolink = rendered("<javascript:alert(1)>\n")
        #expect(positions(autolink.document) == ["1:1 unsafe-url"])
        #expect(autolink.html == "<p><a href=\"\">javascript:alert(1)</a></p>\n")

        let reference = rendered("Go [there][r].\n\n[r]: vbscript:x\n")
        #expect(positions(reference.document) == ["1:4 unsafe-url"])
        #expect(reference.html == "<p>Go <a href=\"\">there</a>.</p>\n")

        let unsafe = rendered("![a](data:image/svg+xml,x)\n", options: MarkdownOptions(unsafeHTML: true))
        #expect(positions(unsafe.document) == ["1:1 unsafe-url"])
        #expect(unsafe.html == "<p><img src=\"\" alt=\"a\" /></p>\n")
    }

    @Test("a link in a claim is refused; the claim stands")
    func linkInClaim() {
        let (html, document) = rendered("[see [x](javascript:y) here]{.anecdotal}\n")
        #expect(html == "<p><span class=\"anecdotal\">see <a href=\"\">x</a> here</span></p>\n")
        #expect(document.claims.map(\.text) == ["see x here"])
        #expect(positions(document) == ["1:6 unsafe-url"])
    }

    @Test("located on its own line after backslash hard breaks and in a block quote")
    func locatedAfterHardBreaks() {
        #expect(positions(annotated("a\\\nb\\\nc [x](javascript:y)\n")) == ["3:3 unsafe-url"])
        #expect(positions(annotated("> a\\\n> b ![x](data:x)\n")) == ["2:5 unsafe-url"])
    }

    static let safeDestinations = [
        "http://example.org/", "HTTPS://example.org/a?b=c#d", "mailto:someone@example.org", "#fragment", "page.md",
        "../x.html", "/absolute/path", "//example.org/x", "?q=1", "a/b:c", "./c:d", "1x:y", "%6Aavascript:x", "",
    ]

    @Test("http, https, mailto and relative URLs render as cmark renders them", arguments: safeDestinations)
    func safeLink(_ destination: String) throws {
        let markdown = "[x](\(destination)) ![y](\(destination))\n"
        let (html, document) = rendered(markdown)
        #expect(document.diagnostics.isEmpty)
        #expect(html == (try CmarkCLI.render(markdown)))
    }

    @Test("the scheme as a browser reads it", arguments: [
        ("javascript:x", "javascript"), ("  JAVASCRIPT:x", "javascript"), ("\u{0}\u{1F}data:x", "data"), ("j\ta\nv\ra:x", "java"),
        ("web+app:x", "web+app"), ("page.md", nil), ("#a:b", nil), ("a/b:c", nil), ("1a:b", nil), (":x", nil), ("", nil),
    ] as [(String, String?)])
    func scheme(_ url: String, _ scheme: String?) {
        #expect(URLPolicy.scheme(of: url) == scheme)
    }
}
