import Foundation

/// One Retraction Watch record about a work: a retraction, an expression of concern or a
/// correction, with the notice's date and identifiers.
struct RetractionNotice: Sendable, Hashable {
    /// `RetractionNature` as Retraction Watch writes it.
    enum Nature: String, Sendable, Hashable {
        case retraction = "Retraction"
        case expressionOfConcern = "Expression of concern"
        case correction = "Correction"

        /// Reads the data set's words case-insensitively; nil for the others
        /// ("Reinstatement": the work stands again).
        init?(dataSet text: String) {
            // Fields come trimmed (`CSVTable.Row.field`).
            switch text.lowercased() {
            case "retraction": self = .retraction
            case "expression of concern": self = .expressionOfConcern
            case "correction": self = .correction
            default: return nil
            }
        }

        var label: String { rawValue }

        /// Whether the published reference says so: a correction does not make a work
        /// less trustworthy, so it is reported by `assay check` but not marked.
        var marksReference: Bool { self != .correction }
    }

    /// `Record ID`.
    var recordID: String
    var nature: Nature
    /// `RetractionDate` as `YYYY-MM-DD` (the data set writes `8/16/2023 0:00`), or as
    /// written when it is not a date in that form; nil when empty.
    var date: String?
    /// The notice's DOI (`RetractionDOI`), normalised.
    var doi: String?
    /// The notice's PubMed ID (`RetractionPubMedID`); the data set writes 0 for none.
    var pubMedID: String?
    /// `Reason`, as the data set writes it (`+Concerns/Issues About Data;+…;`).
    var reason: String?
    /// The notice's row in the CSV file.
    var line: Int

    init(recordID: String, nature: Nature, date: String?, doi: String?, pubMedID: String?, reason: String? = nil, line: Int = 1) {
        self.recordID = recordID
        self.nature = nature
        self.date = date
        self.doi = doi
        self.pubMedID = pubMedID
        self.reason = reason
        self.line = line
    }

    /// "8/16/2023 0:00" → "2023-08-16"; anything else is kept as written.
    static func isoDate(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let day = trimmed.split(separator: " ").first ?? ""
        let parts = day.split(separator: "/")
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d), parts[2].count == 4
        else { return trimmed }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
