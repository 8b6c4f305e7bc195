import AssayKit
import AssaySupport
import Foundation

/// Prints diagnostics like a compiler, on stderr; under GitHub Actions also as workflow
/// commands, so they show on the pull request.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        let sorted = diagnostics.sorted()
        for d in sorted { text += d.description + "\n" }
        if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
            for d in sorted { text += d.githubAnnotation + "\n" }
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
