import AssaySupport
import AssayKit
@testable import AssayPreview
import Foundation
import Testing

@Suite("Live-reload script")
struct LiveReloadScriptTests {
    static let state = LiveState(token: "abc-3", errors: [])

    @Test func goesBeforeTheLastClosingBody() {
        let page = "<html><body><p>a</p><!-- </body> in a comment --></BODY>\n</html>\n"
        let result = String(decoding: LiveReloadScript.inject(into: Data(page.utf8), state: Self.state), as: UTF8.self)
        let script = LiveReloadScript.element(for: Self.state)
        #expect(result == "<html><body><p>a</p><!-- </body> in a comment -->" + script + "</BODY>\n</html>\n")
    }

    @Test func isAppendedWhenThereIsNoBody() {
        let page = "<p>a fragment</p>"
        let result = String(decoding: LiveReloadScript.inject(into: Data(page.utf8), state: Self.state), as: UTF8.self)
        #expect(result == page + LiveReloadScript.element(for: Self.state))
    }

    @Test func carriesTheTokenAndListensForBothEvents() {
        let script = LiveReloadScript.element(for: Self.state)
        #expect(script.contains(#"({"errors":[],"token":"abc-3"});</script>"#))
        #expect(script.contains(#"addEventListener("reload""#))
        #expect(script.contains(#"addEventListener("build-error""#))
        #expect(script.contains("/__assay/events?since="))
        // Messages are set as text, never parsed as markup.
        #expect(script.contains("textContent"))
        #expect(!script.contains("innerHTML"))
    }

    /// A message quoting markup must not end the script element early.
    @Test func diagnosticsCannotCloseTheScript() throws {
        let nasty = Diagnostic(.unknownLevel, "bad </script><img src=x onerror=alert(1)> & \"quotes\"\nnew line", path: "content/a<b>.md", line: 7, column: 3)
        let state = LiveState(token: "t-1", errors: [nasty])
        let script = LiveReloadScript.element(for: state)
        #expect(script.components(separatedBy: "</script>").count == 2)
        #expect(!script.contains("<img"))
        // Still the same data once parsed.
        let json = state.json
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let error = try #require((parsed["errors"] as? [[String: Any]])?.first)
        #expect(error["message"] as? String == nasty.message)
        #expect(error["path"] as? String == "content/a<b>.md")
        #expect(error["line"] as? Int == 7)
        #expect(error["column"] as? Int == 3)
        #expect(error["rule"] as? String == "unknown-level")
        #expect(!json.contains("\n"))
    }
}
