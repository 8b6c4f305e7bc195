import AssayMarkdown
import AssaySupport
import Foundation

/// A local copy of the Retraction Watch data set, as Crossref distributes it
/// (`retraction_watch.csv`, one row per notice), indexed by the original paper's DOI and
/// PubMed ID so a bibliography can be checked against it offline.
struct RetractionIndex: Sendable {
    /// The columns read; the file has others (Title, Journal, Author, URLS, …), ignored.
    static let requiredColumns = [
        "Record ID", "RetractionDate", "RetractionDOI", "RetractionPubMedID", "OriginalPaperDOI",
        "OriginalPaperPubMedID", "RetractionNature",
    ]
    /// The data set's full header, for messages.
    static let expectedHeader =
        "Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,ArticleType,RetractionDate,RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes"

    /// Notices by the original paper's DOI, lower-cased (DOIs are case-insensitive).
    private var byDOI: [String: [RetractionNotice]] = [:]
    private var byPMID: [String: [RetractionNotice]] = [:]
    /// Rows read as notices (retractions, expressions of concern, corrections).
    private(set) var count = 0
    /// Digest of the file, so a build cache can tell when marks may have changed.
    public private(set) var fingerprint: UInt64 = 0

    init() {}

    /// Reads the CSV at `url`; `path` is how diagnostics name it.
    public static func load(_ url: URL, path: String) throws(BuildFailure) -> RetractionIndex {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BuildFailure([Diagnostic(.io, "cannot read the Retraction Watch data: \(error.localizedDescription)", path: path)])
        }
        return try parse(Array(data), path: path)
    }

    static func parse(_ bytes: [UInt8], path: String) throws(BuildFailure) -> RetractionIndex {
        var index = RetractionIndex()
        var fingerprint = Fingerprint()
        fingerprint.add(bytes)
        index.fingerprint = fingerprint.value
        var columns: Columns?
        var problem: Diagnostic?
        let rule = Rule.retractedSource
        do {
            try CSVTable.forEachRow(bytes) { row in
                guard problem == nil else { return }
                guard let c = columns else {
                    var found: [String: Int] = [:]
                    for (n, name) in row.fields.enumerated() {
                        let name = name.trimmingCharacters(in: .whitespaces)
                        if found[name] == nil { found[name] = n }
                    }
                    if let missing = requiredColumns.first(where: { found[$0] == nil }) {
                        var message = "not the Retraction Watch CSV: no column '\(missing)'"
                        if let near = Suggestion.closest(to: missing, in: found.keys.sorted()) { message += " (is '\(near)' it?)" }
                        problem = Diagnostic(rule, message + "; expected the header \(expectedHeader)", path: path, line: row.line)
                    } else {
                        columns = Columns(found)
                    }
                    return
                }
                // Most rows are skipped or kept on these two fields: the rest is read only
                // for the rows that are notices about a paper with an identifier.
                guard let nature = RetractionNotice.Nature(dataSet: row.field(c.nature)) else { return }
                let doi = Reference.normalizedDOI(row.field(c.originalDOI))
                let pmid = pubMedID(row.field(c.originalPMID))
                guard doi != nil || pmid != nil else { return }
                let reason = c.reason.map { row.field($0) } ?? ""
                let notice = RetractionNotice(
                    recordID: row.field(c.recordID), nature: nature, date: RetractionNotice.isoDate(row.field(c.date)),
                    doi: Reference.normalizedDOI(row.field(c.noticeDOI)), pubMedID: pubMedID(row.field(c.noticePMID)),
                    reason: reason.isEmpty ? nil : reason, line: row.line)
                if let doi { index.byDOI[Reference.doiKey(doi), default: []].append(notice) }
                if let pmid { index.byPMID[pmid, default: []].append(notice) }
                index.count += 1
            }
        } catch {
            switch error {
            case .unclosedQuote(let line, let column):
                throw BuildFailure([Diagnostic(rule, "unclosed quote: this field's closing '\"' is missing", path: path, line: line, column: column)])
            }
        }
        if let problem { throw BuildFailure([problem]) }
        if columns == nil {
            throw BuildFailure([Diagnostic(rule, "the Retraction Watch data is empty: expected the header \(expectedHeader)", path: path)])
        }
        return index
    }

    /// Where the columns read are in the file's rows.
    private struct Columns {
        let recordID, date, noticeDOI, noticePMID, originalDOI, originalPMID, nature: Int
        let reason: Int?

        /// `names` holds every required column.
        init(_ names: [String: Int]) {
            recordID = names["Record ID"]!
            date = names["RetractionDate"]!
            noticeDOI = names["RetractionDOI"]!
            noticePMID = names["RetractionPubMedID"]!
            originalDOI = names["OriginalPaperDOI"]!
            originalPMID = names["OriginalPaperPubMedID"]!
            nature = names["RetractionNature"]!
            reason = names["Reason"]
        }
    }

    /// The data set writes 0 (or nothing) when a paper has no PubMed ID.
    private static func pubMedID(_ text: String) -> String? {
        guard Reference.isValidPMID(text), text.contains(where: { $0 != "0" }) else { return nil }
        return String(text.drop { $0 == "0" })
    }

    /// Every notice about the work, by its DOI or PubMed ID, oldest first.
    func notices(for reference: Reference) -> [RetractionNotice] {
        var found: [RetractionNotice] = []
        if let doi = reference.doi { found += byDOI[Reference.doiKey(doi)] ?? [] }
        if let pmid = reference.pmid.flatMap(Self.pubMedID) { found += byPMID[pmid] ?? [] }
        var seen = Set<RetractionNotice>()
        return found.filter { seen.insert($0).inserted }
            .sorted { ($0.date ?? "", $0.line) < ($1.date ?? "", $1.line) }
    }
}
