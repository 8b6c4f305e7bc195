import AssaySupport

/// The Markdown bodies of the pages a build read, each handed out once, to be rendered.
/// Kept apart from `Page`, because every copy of the project shares its pages: a body in
/// `Page` stayed alive until the build ended, 72 MB at 10,000 pages, still held while the
/// site-wide files were made and the build's memory peaked.
final class BodyShelf: Sendable {
    private let bodies: Locked<[String: String]>

    init(_ bodies: [String: String] = [:]) {
        self.bodies = Locked(bodies)
    }

    /// The body of the page at `sourcePath`, if it is still on the shelf; it is not
    /// afterwards (a later reader reads the file again).
    func take(_ sourcePath: String) -> String? {
        bodies.withLock { $0.removeValue(forKey: sourcePath) }
    }
}
