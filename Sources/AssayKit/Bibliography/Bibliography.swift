import AssaySupport
import Foundation
import Yams

/// The site's sources: `content/sources.yml` (CSL-YAML) or `content/sources.json`
/// (CSL-JSON as Zotero exports it). Both are read with one YAML parser, JSON being
/// YAML's flow style, so every entry keeps its line for diagnostics.
struct Bibliography: Sendable {
    private(set) var references: [String: Reference] = [:]
    /// The file it came from, relative to the root; nil when the site has none.
    public var path: String?
    /// Digest of the file's text (and of any retraction marks), for the build cache.
    public var fingerprint: UInt64 = 0
    /// Problems that do not stop loading: malformed DOIs and PubMed IDs
    /// (`invalid-identifier`), at their fields. The work is shown without that link.
    /// `assay check` reports them with the site's severities; a build should too.
    public var diagnostics: [Diagnostic] = []
    /// Length of the file's text in bytes: with `fingerprint`, what `BibliographyCache`
    /// compares before it trusts a cached copy.
    var sourceByteCount = 0
    /// Taken from `BibliographyCache`, not parsed: nothing new to keep.
    var fromCache = false

    init() {}

    /// A bibliography of works already read and checked (from `BibliographyCache`).
    init(checked references: [String: Reference], fingerprint: UInt64, diagnostics: [Diagnostic]) {
        self.references = references
        self.fingerprint = fingerprint
        self.diagnostics = diagnostics
    }

    static let candidates = ["content/sources.yml", "content/sources.yaml", "content/sources.json"]

    /// With `cacheStamp` (the running binary's), an unchanged file is taken from
    /// `BibliographyCache` instead of being parsed.
    public static func load(root: URL, cacheStamp: String? = nil) throws(BuildFailure) -> Bibliography {
        let present = candidates.filter { FileManager.default.fileExists(atPath: root.appending(path: $0).path) }
        guard let path = present.first else { return Bibliography() }
        if present.count > 1 {
            throw BuildFailure([Diagnostic(.bibliography, "two bibliographies: \(present.joined(separator: " and ")); keep one", path: present[1])])
        }
        let text = try SourceText.read(root.appending(path: path), path: path)
        if let cacheStamp, let cached = BibliographyCache.load(root: root, path: path, text: text, stamp: cacheStamp) {
            return cached
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(BuildFailure) -> Bibliography {
        let yaml = try YAMLDocument(text, path: path)
        var bibliography = Bibliography()
        bibliography.path = path
        bibliography.fingerprint = Fingerprint.of(text).value
        bibliography.sourceByteCount = text.utf8.count
        guard let root = yaml.root else { return bibliography }
        // CSL-JSON is a list; Pandoc's CSL-YAML wraps the list in `references:`.
        guard let entries = root.sequenceValue ?? root[field: "references"]?.sequenceValue else {
            throw BuildFailure([yaml.diagnostic(.bibliography, "expected a list of references (or 'references:' holding one)", at: root)])
        }
        var problems: [Diagnostic] = []
        var findings: [Diagnostic] = []
        var firstLine: [String: Int] = [:]
        for entry in entries {
            do throws(BuildFailure) {
                var reference = try Reference(entry, yaml: yaml, findings: &findings)
                reference.formattedHTML = reference.html
                if let line = firstLine[reference.id] {
                    problems.append(yaml.diagnostic(.duplicateSource, "duplicate source id '\(reference.id)' (first defined on line \(line))", at: entry[field: "id"]))
                    continue
                }
                firstLine[reference.id] = reference.line
                bibliography.references[reference.id] = reference
            } catch {
                problems += error.diagnostics
            }
        }
        // An unsafe URL is fatal; malformed identifiers are not, but are shown beside it
        // so that one run lists every problem in the file.
        let fatal = findings.filter { $0.rule.isFatal }
        problems += fatal
        guard problems.isEmpty else { throw BuildFailure(problems + findings.filter { !fatal.contains($0) }) }
        bibliography.diagnostics = findings.sorted()
        return bibliography
    }

    subscript(key: String) -> Reference? { references[key] }

    /// Whether `key` is a work here, without copying the work out (a reference is a
    /// dozen strings; asked for every citation of every page).
    func contains(_ key: String) -> Bool { references.index(forKey: key) != nil }

    /// The bibliography with every work Retraction Watch lists carrying its notices, and
    /// formatted with its mark ("Retracted", "Expression of concern"): what a build that
    /// publishes despite a `retracted-source` warning shows readers.
    func marking(_ index: RetractionIndex) -> Bibliography {
        var marked = self
        var digest = Fingerprint()
        digest.add(String(fingerprint))
        for key in references.keys.sorted() {
            guard var reference = references[key] else { continue }
            let notices = index.notices(for: reference)
            guard notices != reference.notices else { continue }
            reference.notices = notices
            reference.formattedHTML = reference.html
            marked.references[key] = reference
            digest.add(key)
            digest.add(reference.formattedHTML)
        }
        marked.fingerprint = digest.value
        return marked
    }
}

extension Reference {
    /// - Parameter findings: where problems that leave the entry usable go (a malformed
    ///   identifier, an unsafe URL), each at its field; the field is then left out.
    init(_ node: Node, yaml: YAMLDocument, findings: inout [Diagnostic]) throws(BuildFailure) {
        guard node.mappingPairs != nil else {
            throw BuildFailure([yaml.diagnostic(.bibliography, "a reference must be a mapping of CSL fields", at: node)])
        }
        guard let id = node[field: "id"]?.stringValue, !id.isEmpty else {
            throw BuildFailure([yaml.diagnostic(.bibliography, "reference has no 'id'", at: node)])
        }
        func text(_ key: String) -> String? {
            guard let s = node[field: key]?.stringValue?.trimmingCharacters(in: " \t\u{A0}"), !s.isEmpty else { return nil }
            return s
        }
        var authors: [String] = []
        var etAl = false
        func add(_ name: String) {
            let trimmed = name.trimmingCharacters(in: " \t\u{A0}")
            if trimmed.isEmpty { return }
            if trimmed.lowercased().hasPrefix("et al") { etAl = true } else { authors.append(trimmed) }
        }
        if let field = node[field: "author"] {
            if let s = field.stringValue {
                s.split(separator: ";").forEach { add(String($0)) }
            } else if let list = field.sequenceValue {
                for name in list {
                    if let s = name.stringValue {
                        add(s)
                    } else if let literal = name[field: "literal"]?.stringValue {
                        add(literal)
                    } else if let family = name[field: "family"]?.stringValue {
                        add(Self.shortName(family: family, given: name[field: "given"]?.stringValue))
                    } else {
                        throw BuildFailure([yaml.diagnostic(.bibliography, "an author must be text or a CSL name with 'family' or 'literal'", at: name)])
                    }
                }
            } else {
                throw BuildFailure([yaml.diagnostic(.bibliography, "'author' must be text or a list of names", at: field)])
            }
        }
        var year: String?
        if let issued = node[field: "issued"] {
            if let s = issued.stringValue {
                year = String(s.prefix(4))
            } else if let parts = issued[field: "date-parts"]?.sequenceValue?.first?.sequenceValue?.first?.stringValue {
                year = parts
            } else if let raw = issued[field: "raw"]?.stringValue ?? issued[field: "literal"]?.stringValue {
                year = raw
            } else {
                throw BuildFailure([yaml.diagnostic(.bibliography, "'issued' must be a year or a CSL date with 'date-parts'", at: issued)])
            }
            if let y = year, y.count == 4, Int(y) == nil {
                throw BuildFailure([yaml.diagnostic(.bibliography, "'issued' year '\(y)' is not a number", at: issued)])
            }
        }
        /// The field under its CSL name (`DOI`) or in lower case, as some exports write it.
        func field(_ key: String) -> (value: String, node: Node?)? {
            for name in [key, key.lowercased()] {
                if let value = text(name) { return (value, node[field: name]) }
            }
            return nil
        }
        var doi: String?
        if let (raw, at) = field("DOI") {
            doi = Self.normalizedDOI(raw)
            if doi == nil {
                findings.append(yaml.diagnostic(
                    .invalidIdentifier,
                    "'\(id)': DOI '\(raw)' is malformed: a DOI is '10.' with a 4 to 9 digit prefix, '/' and a suffix, e.g. 10.1021/jacs.6b00360",
                    at: at))
            }
        }
        var pmid: String?
        if let (raw, at) = field("PMID") {
            if Self.isValidPMID(raw) {
                pmid = raw
            } else {
                findings.append(yaml.diagnostic(
                    .invalidIdentifier, "'\(id)': PMID '\(raw)' is malformed: a PubMed ID is digits only, e.g. 27556704",
                    at: at))
            }
        }
        var url: String?
        if let (raw, at) = field("URL") {
            if Self.isLinkable(raw) {
                url = raw
            } else {
                findings.append(yaml.diagnostic(
                    .unsafeURL, "'\(id)': URL '\(raw)' may not be a link: only http, https and mailto URLs (or relative ones) are",
                    at: at))
            }
        }
        self.init(
            id: id, type: text("type") ?? "article-journal", authors: authors, etAl: etAl, title: text("title"),
            containerTitle: text("container-title"), volume: text("volume"), issue: text("issue"),
            page: text("page"), year: year, doi: doi, pmid: pmid,
            url: url, publisher: text("publisher"), line: yaml.location(of: node).line)
        number = text("number")
    }

    /// Vancouver style, as medical journals print names: "Kruegel AC".
    static func shortName(family: String, given: String?) -> String {
        guard let given, !given.isEmpty else { return family }
        let initials = given.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." })
            .compactMap(\.first).map { String($0).uppercased() }.joined()
        return "\(family) \(initials)"
    }
}
