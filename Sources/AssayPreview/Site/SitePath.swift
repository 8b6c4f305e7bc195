import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a request path to a file inside the built site, and never to one outside it.
///
/// The raw (still percent-encoded) path is decoded exactly once, so `%252e%252e` stays
/// the literal name `%2e%2e`; a NUL or a `..` segment after decoding is refused; and the
/// file that would be served is resolved with `realpath`, symlinks and all, and must lie
/// inside the real site folder.
enum SitePath {
    enum Resolution: Equatable, Sendable {
        /// A regular file inside the site: its real path.
        case file(String)
        /// A folder asked for without its trailing slash: relative links in its
        /// `index.html` only work from `folder/`, so send the browser there.
        case redirect(String)
        case notFound
        case forbidden
        case badRequest
    }

    /// Resolves `rawPath` (the request target's path, percent-encoded) inside `root`,
    /// which must already be a real path (see `realPath(_:)`).
    static func resolve(_ rawPath: String, in root: String) -> Resolution {
        guard rawPath.hasPrefix("/") else { return .badRequest }
        guard let decoded = rawPath.removingPercentEncoding else { return .badRequest }
        if decoded.utf8.contains(0) { return .forbidden }
        var segments: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            // Refused rather than normalised: no page links with `..` in a URL path,
            // so one that arrives is probing.
            if segment == ".." { return .forbidden }
            segments.append(segment)
        }
        let candidate = segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
        guard let real = realPath(candidate) else { return .notFound }
        guard isInside(real, root) else { return .forbidden }
        switch fileKind(real) {
        case .directory:
            guard decoded.hasSuffix("/") || segments.isEmpty else {
                return .redirect("/" + segments.map(encodeSegment).joined(separator: "/") + "/")
            }
            guard let index = realPath(real + "/index.html") else { return .notFound }
            guard isInside(index, root) else { return .forbidden }
            return fileKind(index) == .regular ? .file(index) : .notFound
        case .regular:
            return .file(real)
        case .other:
            return .notFound
        }
    }

    /// The path with every symlink and `.`/`..` resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private enum FileKind { case regular, directory, other }

    private static func fileKind(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    private static func encodeSegment(_ segment: Substring) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? String(segment)
    }
}
