/// One level of the evidence taxonomy, as defined in `site.yml`.
public struct EvidenceLevel: Sendable, Hashable {
    public var id: String
    public var label: String
    /// Higher is stronger.
    public var rank: Int
    public var definition: String
    /// A CSS colour, checked when the config is read: `#rgb`, `#rrggbb` or a name.
    public var color: String
    /// Whether a claim at this level must cite a source (default: rank above `anecdotal`'s).
    public var requiresCitation: Bool

    public init(id: String, label: String, rank: Int, definition: String, color: String, requiresCitation: Bool) {
        self.id = id
        self.label = label
        self.rank = rank
        self.definition = definition
        self.color = color
        self.requiresCitation = requiresCitation
    }
}

/// The levels of a site, strongest first.
public struct Taxonomy: Sendable, Hashable {
    public let levels: [EvidenceLevel]
    private let byID: [String: EvidenceLevel]

    public init(_ levels: [EvidenceLevel]) {
        self.levels = levels.sorted { ($0.rank, $1.id) > ($1.rank, $0.id) }
        byID = Dictionary(levels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public subscript(id: String) -> EvidenceLevel? { byID[id] }
    public var ids: Set<String> { Set(byID.keys) }
}
