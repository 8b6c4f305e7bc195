import AssaySupport
import Foundation

/// The claims of one version of a site, as `claims.json` holds them (README, "claims.json"):
/// read from a file an earlier build wrote, or made in memory from a site folder.
public struct ClaimsFile: Sendable {
    /// One claim; the fields `assay diff` compares, under claims.json's names.
    struct Claim: Sendable, Hashable, Codable {
        public var text: String
        var level: String
        var page: String
        var pageTitle: String
        var anchor: String
        var url: String
        var citeKeys: [String]
        var reviewed: String?
        var source: String?

        enum CodingKeys: String, CodingKey {
            case text, level, page, anchor, url, reviewed, source
            case pageTitle = "page_title"
            case citeKeys = "cite_keys"
        }

        init(text: String, level: String, page: String, pageTitle: String? = nil, anchor: String, citeKeys: [String] = [], source: String? = nil) {
            self.text = text
            self.level = level
            self.page = page
            self.pageTitle = pageTitle ?? page
            self.anchor = anchor
            url = page + "#" + anchor
            self.citeKeys = citeKeys
            self.source = source
        }
    }

    /// An evidence level as listed in `levels`; its rank says which way a claim moved.
    struct Level: Sendable, Hashable, Codable {
        var id: String
        var label: String
        var rank: Int
    }

    private struct Document: Codable {
        var title: String
        var levels: [Level]
        var claims: [Claim]
    }

    /// How the file is named in messages and reports.
    public var path: String
    var title: String
    var levels: [Level]
    /// In reading order.
    var claims: [Claim]

    init(path: String, title: String, levels: [Level], claims: [Claim]) {
        self.path = path
        self.title = title
        self.levels = levels
        self.claims = claims
    }

    public static func load(_ url: URL, path: String) throws(DiffFailure) -> ClaimsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(data, path: path)
    }

    /// Reads a claims.json, refusing anything an Assay build would not have written: a
    /// file missing a key or holding a value of another type is named with the key's
    /// place in it (`claims[3].anchor`).
    static func parse(_ data: Data, path: String) throws(DiffFailure) -> ClaimsFile {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            if (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil {
                throw .malformed(path: path, reason: "not a claims.json Assay wrote: expected an object with 'title', 'levels' and 'claims'")
            }
            throw .malformed(path: path, reason: "not valid JSON")
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw .malformed(path: path, reason: Self.describe(error))
        } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
        var seen: [String: Int] = [:]
        for (n, claim) in document.claims.enumerated() {
            // Every build gives each claim its own anchor on its page.
            if let first = seen.updateValue(n, forKey: claim.url) {
                throw .malformed(path: path, reason: "claims[\(n)] and claims[\(first)] have the same url '\(claim.url)': not a claims.json Assay wrote")
            }
        }
        return ClaimsFile(path: path, title: document.title, levels: document.levels, claims: document.claims)
    }

    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            var text = ""
            for item in path + (key.map { [$0] } ?? []) {
                if let index = item.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + item.stringValue
                }
            }
            return text.isEmpty ? "the top level" : "'\(text)'"
        }
        let advice = "not a claims.json Assay wrote, or one from an incompatible version"
        switch error {
        case .keyNotFound(let key, let context):
            return "\(advice): \(place(context.codingPath, key)) is missing"
        case .typeMismatch(let type, let context):
            return "\(advice): \(place(context.codingPath)) should be \(Self.kind(type))"
        case .valueNotFound(let type, let context):
            return "\(advice): \(place(context.codingPath)) is null, should be \(Self.kind(type))"
        case .dataCorrupted(let context):
            return "not valid JSON at \(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(advice): \(error)"
        }
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is [Any].Type, is [String].Type: "a list"
        default: type == Level.self || type == Claim.self ? "an object" : "\(type)"
        }
    }

    /// A level's rank, from this file's levels.
    func rank(of level: String) -> Int? { levels.first { $0.id == level }?.rank }
}

/// Why `assay diff` could not compare: both are bad input (exit status 2).
public enum DiffFailure: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    /// A site folder that does not build: its diagnostics say why.
    case siteErrors(path: String, diagnostics: [Diagnostic])
    case notASite(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): error: cannot read: \(reason)"
        case .malformed(let path, let reason): "\(path): error: \(reason)"
        case .siteErrors(let path, let diagnostics):
            "\(path): error: the site does not build (\(EvidenceProfile.count(diagnostics.count { $0.severity == .error }, "error"))), so it has no claims to compare"
        case .notASite(let path): "\(path): error: neither a claims.json file nor a site folder (no \(SiteConfig.path) in it)"
        }
    }

    /// The site's own diagnostics, printed before `description`.
    public var diagnostics: [Diagnostic] {
        if case .siteErrors(_, let diagnostics) = self { return diagnostics }
        return []
    }
}
