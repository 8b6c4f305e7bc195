/// A heading of the page, for the table of contents.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    /// The unique anchor the heading gets when `headingAnchors` is on.
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// A link written in the Markdown, with where it stands, for link checks.
public struct MarkdownLink: Sendable, Hashable {
    public var destination: String
    public var location: SourceLocation

    public init(destination: String, location: SourceLocation) {
        self.destination = destination
        self.location = location
    }
}
