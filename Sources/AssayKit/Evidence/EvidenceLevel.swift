/// One level of the evidence taxonomy, as defined in `site.yml`.
struct EvidenceLevel: Sendable, Hashable {
    var id: String
    var label: String
    /// Higher is stronger.
    var rank: Int
    var definition: String
    /// A CSS colour, checked when the config is read: `#rgb`, `#rrggbb` or a name.
    var color: String
    /// The colour on a dark background (`color_dark`); nil: the theme lightens `color`.
    var colorDark: String?
    /// Whether a claim at this level must cite a source (default: rank above `anecdotal`'s).
    var requiresCitation: Bool

    init(id: String, label: String, rank: Int, definition: String, color: String, colorDark: String? = nil, requiresCitation: Bool) {
        self.id = id
        self.label = label
        self.rank = rank
        self.definition = definition
        self.color = color
        self.colorDark = colorDark
        self.requiresCitation = requiresCitation
    }
}

/// The levels of a site, strongest first.
struct Taxonomy: Sendable, Hashable {
    let levels: [EvidenceLevel]
    private let byID: [String: EvidenceLevel]

    init(_ levels: [EvidenceLevel]) {
        self.levels = levels.sorted { ($0.rank, $1.id) > ($1.rank, $0.id) }
        byID = Dictionary(levels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    subscript(id: String) -> EvidenceLevel? { byID[id] }
    var ids: Set<String> { Set(byID.keys) }

    /// How many of `levels.count` dots a level fills: the strongest fills all, the
    /// weakest one (GRADE's ⊕⊕⊕⊕ to ⊕◯◯◯). A shape, so the scale reads without colour.
    func strength(of id: String) -> Int {
        guard let position = levels.firstIndex(where: { $0.id == id }) else { return 0 }
        return levels.count - position
    }

    /// The strength as text: "●●●○" for the second of four levels.
    func marks(for id: String) -> String {
        let filled = strength(of: id)
        return String(repeating: "●", count: filled) + String(repeating: "○", count: levels.count - filled)
    }
}
