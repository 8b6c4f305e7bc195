import AssayTheme
import Foundation

/// The theme compiled into the binary (`AssayTheme.BuiltInTheme`, made from the
/// repository's `templates/`) as the lowest layer of every site's theme: a site with no
/// `templates/` builds with it alone, and each file a site has overrides the built-in one.
extension Theme {
    /// How a built-in file is named in a diagnostic: it has no path on the user's disk.
    static let builtInFolder = "(built-in theme)"

    /// The built-in layer as `load` layers folders: templates by name (`page`,
    /// `partials/footer`), assets by their path under `assets/`.
    static func builtInLayer() -> (texts: [String: (text: String, path: String)], assets: [String: [UInt8]]) {
        var texts: [String: (text: String, path: String)] = [:]
        var assets: [String: [UInt8]] = [:]
        for file in BuiltInTheme.files {
            if file.path.hasSuffix(".mustache") {
                texts[String(file.path.dropLast(".mustache".count))] = (String(decoding: file.bytes, as: UTF8.self), builtInFolder + "/" + file.path)
            } else if file.path.hasPrefix("assets/") {
                assets[String(file.path.dropFirst("assets/".count))] = file.bytes
            }
        }
        return (texts, assets)
    }

    /// Every file of the built-in theme, by its path under `templates/`, with its bytes.
    public static var builtInFiles: [(path: String, bytes: [UInt8])] { BuiltInTheme.files }
}
