/// One work in the bibliography, with the CSL fields Assay shows.
public struct Reference: Sendable, Hashable {
    public var id: String
    public var type: String
    /// Display names, "Family AB" or a literal; `etAl` when the source list ends in "et al.".
    public var authors: [String]
    public var etAl: Bool
    public var title: String?
    public var containerTitle: String?
    public var volume: String?
    public var issue: String?
    public var page: String?
    public var year: String?
    public var doi: String?
    public var pmid: String?
    public var url: String?
    public var publisher: String?
    /// Where the entry starts in its file.
    public var line: Int
    /// `html`, formatted once when the bibliography is read: every page citing the work
    /// and the sources page reuse it.
    public internal(set) var formattedHTML = ""
}
