/// The three forms of `assay diff`'s report: text for a terminal, Markdown for a pull
/// request's summary, JSON for scripts. Each lists pages and claims in the same order.
extension ClaimDiff {
    /// How a kind reads in a headline after a count: "2 claims changed level".
    static func verb(_ kind: Kind) -> String {
        switch kind {
        case .relevel: "changed level"
        case .reword: "re-worded"
        case .recite: "re-cited"
        case .moved: "moved"
        case .added: "added"
        case .removed: "removed"
        }
    }

    /// "2 claims changed level, 1 added", or "no claim changed".
    var headline: String {
        var parts: [String] = []
        for kind in Kind.allCases {
            let n = count(kind)
            guard n > 0 else { continue }
            parts.append(parts.isEmpty ? "\(EvidenceProfile.count(n, "claim")) \(Self.verb(kind))" : "\(n) \(Self.verb(kind))")
        }
        return parts.isEmpty ? "no claim changed" : parts.joined(separator: ", ")
    }

    /// "12 → 13 claims".
    var totals: String { "\(old.claims.count) → \(EvidenceProfile.count(new.claims.count, "claim"))" }

    static func direction(_ change: Change) -> String {
        switch change.direction {
        case .some(1): " (stronger)"
        case .some(-1): " (weaker)"
        default: ""
        }
    }

    static func citeDelta(_ change: Change) -> String {
        (change.citesAdded.map { "+" + $0 } + change.citesRemoved.map { "-" + $0 }).joined(separator: " ")
    }

    // MARK: Text

    /// For a terminal: the headline, then each page and its claims.
    ///
    ///     claims: 1 claim changed level, 1 added (3 → 4 claims)
    ///
    ///     guide.html (Guide)
    ///       ~ [established] Kratom is an opioid-like plant
    ///           level: preliminary → established (stronger)
    public func text() -> String {
        var out = "claims: \(headline) (\(totals))\n"
        out += "old: \(old.path)\nnew: \(new.path)\n"
        for page in pages {
            out += "\n\(page.page) (\(Self.oneLine(page.pageTitle)))\n"
            for change in page.changes {
                let claim = change.claim
                let sign = change.kinds == [.added] ? "+" : change.kinds == [.removed] ? "-" : "~"
                out += "  \(sign) [\(claim.level)] \(Self.oneLine(claim.text))  (\(claim.url))\n"
                guard let o = change.old, let n = change.new else { continue }
                for kind in change.kinds {
                    switch kind {
                    case .relevel: out += "      level: \(o.level) → \(n.level)\(Self.direction(change))\n"
                    case .reword: out += "      was: \(Self.oneLine(o.text))\n"
                    case .recite: out += "      sources: \(Self.citeDelta(change))\n"
                    case .moved: out += "      moved from \(o.url)\n"
                    case .added, .removed: break
                    }
                }
            }
        }
        return out
    }

    /// Claim texts are one line in claims.json already; a title could hold a break.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    // MARK: Markdown

    /// For a pull request's summary (GitHub Flavored Markdown): the headline, then a
    /// table per page. Every text from the guide is escaped, so a claim cannot break the
    /// table or inject HTML into the page that shows it.
    public func markdown() -> String {
        var out = "### Evidence changes: \(Self.markdownEscaped(headline))\n\n"
        out += "\(Self.markdownEscaped(totals)), comparing `\(Self.codeSpan(old.path))` with `\(Self.codeSpan(new.path))`.\n"
        for page in pages {
            out += "\n#### \(Self.markdownEscaped(page.pageTitle)) (`\(Self.codeSpan(page.page))`)\n\n"
            out += "| Change | Claim | Level | Sources |\n|---|---|---|---|\n"
            for change in page.changes {
                let claim = change.claim
                var what = change.kinds.map(Self.markdownKind).joined(separator: ", ")
                var text = Self.markdownEscaped(claim.text)
                var level = Self.markdownEscaped(claim.level)
                var sources = claim.citeKeys.map(Self.markdownEscaped).joined(separator: ", ")
                if let o = change.old, change.new != nil {
                    if change.kinds.contains(.moved) { what += " from `\(Self.codeSpan(o.url))`" }
                    if change.kinds.contains(.reword) { text += "<br>was: " + Self.markdownEscaped(o.text) }
                    if change.kinds.contains(.relevel) {
                        level = "\(Self.markdownEscaped(o.level)) → **\(Self.markdownEscaped(claim.level))**\(Self.direction(change))"
                    }
                    if change.kinds.contains(.recite) { sources = Self.markdownEscaped(Self.citeDelta(change)) }
                } else if change.new == nil {
                    text = "~~\(text)~~"
                }
                out += "| \(what) | \(text) | \(level) | \(sources.isEmpty ? "none" : sources) |\n"
            }
        }
        return out
    }

    static func markdownKind(_ kind: Kind) -> String {
        switch kind {
        case .relevel: "re-levelled"
        case .reword: "re-worded"
        case .recite: "re-cited"
        case .moved: "moved"
        case .added: "added"
        case .removed: "removed"
        }
    }

    /// Text safe in a GFM table cell: HTML's three specials as entities, `|` and
    /// Markdown's inline punctuation backslash-escaped, line breaks as spaces.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!": out += "\\" + String(character)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// A path inside a code span: backticks would end it and `|` would end the cell.
    static func codeSpan(_ text: String) -> String {
        oneLine(text).replacingAll("`", with: "'").replacingAll("|", with: "\\|")
    }

    // MARK: JSON

    /// For scripts: totals, counts by kind, then pages and their changes. Keys in a fixed
    /// order; a claim is written with claims.json's names.
    public func json() -> String {
        func claimValue(_ c: ClaimsFile.Claim?) -> JSONValue {
            guard let c else { return .null }
            return .object([
                ("text", .string(c.text)), ("level", .string(c.level)), ("page", .string(c.page)),
                ("anchor", .string(c.anchor)), ("url", .string(c.url)), ("cite_keys", .array(c.citeKeys.map { .string($0) })),
            ])
        }
        let counts: [(String, JSONValue)] = Kind.allCases.map { ($0.rawValue, .number(count($0))) } + [("unchanged", .number(unchanged))]
        let pageValues: [JSONValue] = pages.map { page in
            .object([
                ("page", .string(page.page)), ("page_title", .string(page.pageTitle)),
                ("changes", .array(page.changes.map { change in
                    var fields: [(String, JSONValue)] = [("kinds", .array(change.kinds.map { .string($0.rawValue) }))]
                    if change.kinds.contains(.relevel) {
                        fields.append(("direction", change.direction.map { .string($0 > 0 ? "stronger" : "weaker") } ?? .null))
                    }
                    if change.kinds.contains(.recite) {
                        fields.append(("cites_added", .array(change.citesAdded.map { .string($0) })))
                        fields.append(("cites_removed", .array(change.citesRemoved.map { .string($0) })))
                    }
                    fields += [("old", claimValue(change.old)), ("new", claimValue(change.new))]
                    return .object(fields)
                })),
            ])
        }
        let document = JSONValue.object([
            ("old", .object([("path", .string(old.path)), ("claims", .number(old.claims.count))])),
            ("new", .object([("path", .string(new.path)), ("claims", .number(new.claims.count))])),
            ("headline", .string(headline)),
            ("counts", .object(counts)),
            ("pages", .array(pageValues)),
        ])
        return document.serialized(pretty: true) + "\n"
    }
}
