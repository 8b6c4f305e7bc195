import AssaySupport
import Foundation

/// The bibliography as the last build parsed it, in `.assay-cache/sources.cache`, so a
/// build whose `sources.yml` did not change does not parse it again. Through Yams it was
/// the largest single cost of a one-page rebuild (85 M of 356 M instructions at 1,000
/// pages, 200 sources).
///
/// Used only when the same binary wrote it for the same file, and the file's text has the
/// same length and digest; anything else, or any doubt while reading, means parsing.
enum BibliographyCache {
    static let magic = "assay-sources-1"

    static func url(root: URL) -> URL {
        root.appending(path: BuildCache.folder).appending(path: "sources.cache")
    }

    /// The cached bibliography for this text of the file at `path`, or nil.
    static func load(root: URL, path: String, text: String, stamp: String) -> Bibliography? {
        guard let bytes = FileBytes.read(url(root: root).path) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.string() == magic, try reader.string() == stamp, try reader.string() == path,
                try reader.int() == text.utf8.count, try reader.uint() == Fingerprint.of(text).value
            else { return nil }
            var bibliography = try Bibliography(&reader)
            guard reader.offset == reader.bytes.count else { return nil }
            bibliography.path = path
            bibliography.sourceByteCount = text.utf8.count
            bibliography.fromCache = true
            return bibliography
        } catch {
            return nil
        }
    }

    /// Keeps a parsed bibliography for the next build. Not one with retraction marks:
    /// those come from another file, and are applied after loading.
    static func save(_ bibliography: Bibliography, root: URL, stamp: String) {
        guard let path = bibliography.path, !bibliography.fromCache,
            bibliography.references.values.allSatisfy({ $0.notices.isEmpty })
        else { return }
        var writer = BinaryWriter()
        writer.string(magic)
        writer.string(stamp)
        writer.string(path)
        writer.int(bibliography.sourceByteCount)
        writer.uint(bibliography.fingerprint)
        bibliography.write(&writer)
        CacheFile.write([.bytes(writer.bytes)], to: url(root: root).path)
    }
}

extension Bibliography {
    init(_ r: inout BinaryReader) throws(BinaryReader.Corrupt) {
        let fingerprint = try r.uint()
        let count = try r.count()
        var references = [String: Reference](minimumCapacity: count)
        for _ in 0..<count {
            var reference = Reference(
                id: try r.string(), type: try r.string(), authors: try r.strings(), etAl: try r.bool(),
                title: try r.optionalString(), containerTitle: try r.optionalString(), volume: try r.optionalString(),
                issue: try r.optionalString(), page: try r.optionalString(), year: try r.optionalString(),
                doi: try r.optionalString(), pmid: try r.optionalString(), url: try r.optionalString(),
                publisher: try r.optionalString(), line: try r.int())
            reference.number = try r.optionalString()
            reference.formattedHTML = try r.string()
            references[reference.id] = reference
        }
        let diagnostics = try r.diagnostics()
        self.init(checked: references, fingerprint: fingerprint, diagnostics: diagnostics)
    }

    func write(_ w: inout BinaryWriter) {
        w.uint(fingerprint)
        // In id order, so the same bibliography always writes the same bytes.
        w.int(references.count)
        for key in references.keys.sorted() {
            let ref = references[key]!
            w.string(ref.id)
            w.string(ref.type)
            w.strings(ref.authors)
            w.bool(ref.etAl)
            for field in [ref.title, ref.containerTitle, ref.volume, ref.issue, ref.page, ref.year, ref.doi, ref.pmid, ref.url, ref.publisher] {
                w.optionalString(field)
            }
            w.int(ref.line)
            w.optionalString(ref.number)
            w.string(ref.formattedHTML)
        }
        w.diagnostics(diagnostics)
    }
}
