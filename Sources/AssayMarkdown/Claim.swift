/// A sentence the author labelled with an evidence level: `[text]{.level #id}`.
public struct Claim: Sendable, Hashable {
    /// The taxonomy id from the class, e.g. `anecdotal`.
    public var level: String
    /// The explicit `#id`, if the author gave one.
    public var explicitID: String?
    /// The claim's words as plain text, citations left out, whitespace folded.
    public var text: String
    /// Cite keys inside the claim, in order of appearance, without repeats.
    public var citeKeys: [String]
    /// Where the opening bracket stands.
    public var location: SourceLocation

    public init(level: String, explicitID: String?, text: String, citeKeys: [String], location: SourceLocation) {
        self.level = level
        self.explicitID = explicitID
        self.text = text
        self.citeKeys = citeKeys
        self.location = location
    }
}
