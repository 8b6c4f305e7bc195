import Foundation

/// The default theme, compiled into the binary from the repository's `templates/` by the
/// EmbedTheme build-tool plugin: a site with no `templates/` of its own builds with it, and
/// a site's own files override it file by file. There is no second copy to keep in step.
public enum BuiltInTheme {
    /// One file of the theme, by its path under `templates/` (`page.mustache`,
    /// `partials/footer.mustache`, `assets/style.css`).
    struct EmbeddedFile: Sendable {
        let path: String
        private let text: String
        private let isBase64: Bool

        init(path: String, text: String) {
            (self.path, self.text, isBase64) = (path, text, false)
        }

        init(path: String, base64: String) {
            (self.path, self.text, isBase64) = (path, base64, true)
        }

        var bytes: [UInt8] {
            isBase64 ? Data(base64Encoded: text).map(Array.init) ?? [] : Array(text.utf8)
        }
    }

    /// Every file, sorted by path, with its exact bytes.
    public static let files: [(path: String, bytes: [UInt8])] = embedded.map { ($0.path, $0.bytes) }

    /// The bytes of one file, or nil when the theme has no such file.
    public static func file(_ path: String) -> [UInt8]? {
        files.first { $0.path == path }?.bytes
    }
}
