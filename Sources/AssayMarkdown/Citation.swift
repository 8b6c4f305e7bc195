/// One `[@key]` or `[@a; @b, p. 12]` group in the text.
public struct Citation: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var key: String
        /// Text after the key's comma, e.g. `p. 12`.
        public var locator: String?
    }

    public var items: [Item]
    public var location: SourceLocation
    /// Index into the page's claims when the citation sits inside a claim.
    public var claimIndex: Int?
}
