/// One revision of a page, from its `changes:` front matter.
public struct PageChange: Sendable, Hashable {
    public var date: SimpleDate
    /// Plain text (escaped wherever it is shown).
    public var summary: String
    /// Where the entry stands in the file, for diagnostics.
    public var line: Int

    public init(date: SimpleDate, summary: String, line: Int = 1) {
        (self.date, self.summary, self.line) = (date, summary, line)
    }
}
