import CCmark

/// A piece of an inline container after bracket matching.
private indirect enum Piece {
    case text([UInt8], SourceLocation)
    case node(OpaquePointer)
    case claim(level: String, id: String?, location: SourceLocation, inner: [Piece])
    case citation([Citation.Item], SourceLocation)

    var isClaim: Bool {
        if case .claim = self { return true }
        return false
    }
}

/// What the transform learned about a custom node, before document order is known.
private enum Draft {
    case claim(level: String, id: String?, location: SourceLocation)
    case citation([Citation.Item], SourceLocation)
}

extension MarkdownDocument {
    /// Turns claims and citations into custom inline nodes, on the AST (never on the
    /// source text), then lists claims, citations, headings and links in document order.
    ///
    /// - Parameters:
    ///   - levels: the taxonomy ids a claim may carry.
    ///   - rewriteLink: maps a link destination to the one to publish (e.g. `risks.md`
    ///     to `risks.html`); nil leaves it as written.
    public func annotate(levels: Set<String>, rewriteLink: ((String) -> String?)? = nil) {
        var transform = AnnotationTransform(document: self, levels: levels)
        transform.walk(MarkdownNode(pointer: root))
        var collector = AnnotationCollector(document: self, drafts: transform.drafts, rewriteLink: rewriteLink)
        collector.walk(MarkdownNode(pointer: root))
        diagnostics += transform.diagnostics
        diagnostics.sort { $0.location < $1.location }
    }
}

/// Finds the containers of inline text and rewrites each one's children.
private struct AnnotationTransform: MarkdownWalker {
    let document: MarkdownDocument
    let levels: Set<String>
    var drafts: [OpaquePointer: Draft] = [:]
    var diagnostics: [MarkdownDiagnostic] = []

    init(document: MarkdownDocument, levels: Set<String>) {
        self.document = document
        self.levels = levels
    }

    mutating func visit(_ node: MarkdownNode) -> WalkAction {
        switch node.type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            rewrite(node)
            return .skipChildren
        default:
            return node.type.isBlock ? .visitChildren : .skipChildren
        }
    }

    /// Rewrites one container: inner emphasis first, then this level's brackets.
    mutating func rewrite(_ container: MarkdownNode) {
        let children = container.children
        for child in children where child.type == CMARK_NODE_EMPH || child.type == CMARK_NODE_STRONG {
            rewrite(child)
        }
        for child in children where child.type == CMARK_NODE_LINK || child.type == CMARK_NODE_IMAGE {
            lintClaims(inLinkText: child)
        }
        // Most containers hold no bracket at all: leave them exactly as cmark built them.
        let mayAnnotate = children.contains { child in
            child.type == CMARK_NODE_TEXT && child.literal.utf8.contains { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "{") }
        }
        guard mayAnnotate else { return }

        var tokens: [InlineToken] = []
        for child in children {
            if child.type == CMARK_NODE_TEXT {
                document.tokens(ofText: child, into: &tokens) { text, location in
                    lintLooseAttributes(text, at: location)
                }
            } else {
                tokens.append(.node(child.pointer))
            }
        }
        let (pieces, changed) = match(&tokens)
        guard changed else { return }

        for child in children {
            cmark_node_unlink(child.pointer)
            if child.type == CMARK_NODE_TEXT { cmark_node_free(child.pointer) }
        }
        build(pieces, into: container.pointer)
    }

    /// Matches brackets level by level. A group is a citation when it holds only
    /// `@key` text, a claim when `{` follows its `]`, and plain text otherwise.
    private mutating func match(_ tokens: inout [InlineToken]) -> ([Piece], Bool) {
        var frames: [(open: SourceLocation, pieces: [Piece])] = [(SourceLocation(line: 0, column: 0), [])]
        var changed = false
        var k = 0
        while k < tokens.count {
            switch tokens[k] {
            case .text(let bytes, let location):
                frames[frames.count - 1].pieces.append(.text(bytes, location))
            case .node(let pointer):
                frames[frames.count - 1].pieces.append(.node(pointer))
            case .open(let location):
                frames.append((location, []))
            case .close(let location, let attributes):
                if frames.count > 1 {
                    let frame = frames.removeLast()
                    let piece = attributes
                        ? claim(frame, attributesIn: &tokens[k + 1])
                        : citation(frame)
                    if let piece {
                        frames[frames.count - 1].pieces.append(piece)
                        changed = true
                    } else {
                        frames[frames.count - 1].pieces += flattened(frame, close: location)
                    }
                } else {
                    if attributes {
                        diagnostics.append(
                            MarkdownDiagnostic(
                                .strayClaimEnd, at: location,
                                "']{' closes no claim: there is no '[' before it in the same paragraph and emphasis"))
                    }
                    frames[frames.count - 1].pieces.append(.text([UInt8(ascii: "]")], location))
                }
            }
            k += 1
        }
        while frames.count > 1 {
            let frame = frames.removeLast()
            frames[frames.count - 1].pieces += [.text([UInt8(ascii: "[")], frame.open)] + frame.pieces
        }
        return (frames[0].pieces, changed)
    }

    private func flattened(_ frame: (open: SourceLocation, pieces: [Piece]), close: SourceLocation) -> [Piece] {
        [.text([UInt8(ascii: "[")], frame.open)] + frame.pieces + [.text([UInt8(ascii: "]")], close)]
    }

    private func citation(_ frame: (open: SourceLocation, pieces: [Piece])) -> Piece? {
        var text: [UInt8] = []
        for piece in frame.pieces {
            guard case .text(let bytes, _) = piece else { return nil }
            text += bytes
        }
        guard text.first == UInt8(ascii: "@") || text.contains(UInt8(ascii: "@")),
            let items = CitationParser.items(String(decoding: text, as: UTF8.self))
        else { return nil }
        return .citation(items, frame.open)
    }

    /// Reads `{…}` from the start of `next` (consuming it) and makes the claim, or
    /// reports why it cannot.
    private mutating func claim(_ frame: (open: SourceLocation, pieces: [Piece]), attributesIn next: inout InlineToken) -> Piece? {
        guard case .text(let bytes, let location) = next else { return nil }
        guard let close = bytes.firstIndex(of: UInt8(ascii: "}")) else {
            diagnostics.append(
                MarkdownDiagnostic(.malformedClaim, at: location, "the claim's '{' is never closed: expected '}' on the same line"))
            return nil
        }
        let attributes = ClaimAttributes(String(decoding: bytes[1..<close], as: UTF8.self))
        let attributeAt = SourceLocation(line: location.line, column: location.column + 1)

        var ok = true
        func report(_ rule: MarkdownDiagnostic.Rule, _ message: String, at where_: SourceLocation? = nil) {
            diagnostics.append(MarkdownDiagnostic(rule, at: where_ ?? attributeAt, message))
            ok = false
        }
        if attributes.levels.isEmpty {
            report(.malformedClaim, "the claim has no evidence level: write '{.LEVEL}' with one of \(levels.sorted().joined(separator: ", "))")
        } else if attributes.levels.count > 1 {
            report(.malformedClaim, "a claim takes one evidence level, found \(attributes.levels.count): \(attributes.levels.joined(separator: ", "))")
        } else if !levels.contains(attributes.levels[0]) {
            report(.unknownLevel, unknownLevelMessage(attributes.levels[0]))
        }
        if let id = attributes.id, !ClaimAttributes.isValidID(id) {
            report(.malformedClaim, "claim id '#\(id)' must start with a letter and hold only letters, digits, '-' and '_'")
        }
        if let extra = attributes.unsupported.first {
            report(.malformedClaim, "unexpected '\(extra)' in claim attributes: only '.LEVEL' and '#id' are allowed")
        }
        if frame.pieces.isEmpty {
            report(.malformedClaim, "the claim is empty", at: frame.open)
        }
        if frame.pieces.contains(where: \.isClaim) {
            report(.nestedClaim, "a claim cannot contain another claim", at: frame.open)
        }
        // The braces are consumed only by a claim that stands: a rejected one keeps its
        // `{…}` as text, or a good claim in the same paragraph would make it vanish.
        guard ok else { return nil }
        next = .text(Array(bytes[(close + 1)...]), SourceLocation(line: location.line, column: location.column + close + 1))
        return .claim(level: attributes.levels[0], id: attributes.id, location: frame.open, inner: frame.pieces)
    }

    private func unknownLevelMessage(_ level: String) -> String {
        var message = "unknown evidence level '\(level)'"
        if let suggestion = Suggestion.closest(to: level, in: levels) {
            message += " — did you mean '\(suggestion)'?"
        } else {
            message += " (levels: \(levels.sorted().joined(separator: ", ")))"
        }
        return message
    }

    /// `{.anecdotal}` with no `]` before it is almost always a claim missing its bracket.
    /// Other braces (`{.foo}` in prose about CSS) are left alone.
    private mutating func lintLooseAttributes(_ text: ArraySlice<UInt8>, at location: SourceLocation) {
        guard text.dropFirst().first == UInt8(ascii: "."), let close = text.firstIndex(of: UInt8(ascii: "}")) else { return }
        let attributes = ClaimAttributes(String(decoding: text[(text.startIndex + 1)..<close], as: UTF8.self))
        guard let level = attributes.levels.first,
            levels.contains(level) || Suggestion.closest(to: level, in: levels) != nil
        else { return }
        diagnostics.append(
            MarkdownDiagnostic(
                .unclosedClaim, at: location,
                "'{.\(level)}' follows no claim: is the ']' that closes the claim missing?"))
    }

    /// Link and image text is never annotated (a badge inside a link would nest links),
    /// but a claim written there must not vanish in silence: `[[x]{.anecdotel}](u)` would
    /// otherwise pass a typo and drop the claim from the register.
    private mutating func lintClaims(inLinkText node: MarkdownNode) {
        for child in node.children {
            guard child.type == CMARK_NODE_TEXT else {
                lintClaims(inLinkText: child)
                continue
            }
            var tokens: [InlineToken] = []
            document.tokens(ofText: child, into: &tokens) { _, _ in }
            for (k, token) in tokens.enumerated() {
                guard case .close(let location, attributes: true) = token, k + 1 < tokens.count,
                    case .text(let bytes, _) = tokens[k + 1], bytes.dropFirst().first == UInt8(ascii: ".")
                else { continue }
                diagnostics.append(
                    MarkdownDiagnostic(
                        .malformedClaim, at: location,
                        "a claim cannot sit inside a link's text: put the link inside the claim, as in '[see [text](url)]{.LEVEL}'"))
            }
        }
    }

    private mutating func build(_ pieces: [Piece], into parent: OpaquePointer) {
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            let node = cmark_node_new(CMARK_NODE_TEXT)!
            pending.append(0)
            pending.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(node, $0.baseAddress) }
            }
            cmark_node_append_child(parent, node)
            pending.removeAll(keepingCapacity: true)
        }
        for piece in pieces {
            switch piece {
            case .text(let bytes, _):
                pending += bytes
            case .node(let pointer):
                flush()
                cmark_node_append_child(parent, pointer)
            case .claim(let level, let id, let location, let inner):
                flush()
                let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_append_child(parent, node)
                drafts[node] = .claim(level: level, id: id, location: location)
                build(inner, into: node)
            case .citation(let items, let location):
                flush()
                let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_append_child(parent, node)
                drafts[node] = .citation(items, location)
            }
        }
        flush()
    }
}

/// Lists claims, citations, headings and links in document order, and marks headings.
private struct AnnotationCollector: MarkdownWalker {
    let document: MarkdownDocument
    let drafts: [OpaquePointer: Draft]
    let rewriteLink: ((String) -> String?)?
    var currentClaim: Int?
    var anchors: Slug.Registry

    init(document: MarkdownDocument, drafts: [OpaquePointer: Draft], rewriteLink: ((String) -> String?)?) {
        self.document = document
        self.drafts = drafts
        self.rewriteLink = rewriteLink
        // Explicit claim ids are the author's: headings make way for them.
        var reserved = Set<String>()
        for case .claim(_, let id?, _) in drafts.values { reserved.insert(id) }
        anchors = Slug.Registry(reserved: reserved)
    }

    mutating func visit(_ node: MarkdownNode) -> WalkAction {
        switch node.type {
        case CMARK_NODE_CUSTOM_INLINE:
            switch drafts[node.pointer] {
            case .claim(let level, let id, let location):
                let index = document.claims.count
                document.claims.append(
                    Claim(level: level, explicitID: id, text: PlainText.of(node, skipping: drafts), citeKeys: [], location: location))
                document.claimNodes.append(node.pointer)
                let outer = currentClaim
                currentClaim = index
                var child = node.firstChild
                while let c = child {
                    walk(c)
                    child = c.next
                }
                currentClaim = outer
                return .skipChildren
            case .citation(let items, let location):
                document.citations.append(Citation(items: items, location: location, claimIndex: currentClaim))
                document.citationNodes.append(node.pointer)
                if let claim = currentClaim {
                    for item in items where !document.claims[claim].citeKeys.contains(item.key) {
                        document.claims[claim].citeKeys.append(item.key)
                    }
                }
                return .skipChildren
            case nil:
                return .visitChildren
            }
        case CMARK_NODE_HEADING:
            let text = PlainText.of(node, skipping: drafts)
            let anchor = anchors.claim(Slug.make(text))
            document.headings.append(Heading(level: Int(cmark_node_get_heading_level(node.pointer)), text: text, anchor: anchor))
            if document.options.headingAnchors {
                document.markHeading(node)
            }
            return .visitChildren
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node.pointer).map { String(cString: $0) } ?? ""
            document.links.append(MarkdownLink(destination: url, location: node.start))
            if let rewriteLink, let published = rewriteLink(url), published != url {
                cmark_node_set_url(node.pointer, published)
            }
            return .visitChildren
        default:
            return .visitChildren
        }
    }
}

/// The words of an inline subtree, for claim texts and heading titles.
private enum PlainText {
    static func of(_ node: MarkdownNode, skipping drafts: [OpaquePointer: Draft]) -> String {
        var out = ""
        append(node, to: &out, drafts: drafts)
        return out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    private static func append(_ node: MarkdownNode, to out: inout String, drafts: [OpaquePointer: Draft]) {
        var child = node.firstChild
        while let c = child {
            switch c.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                out += c.literal
            case CMARK_NODE_HTML_INLINE:
                // Tags are markup, not words: `a <em>b</em>` reads "a b" in the claims
                // register and slugs to `a-b`, as on GitHub.
                break
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            case CMARK_NODE_CUSTOM_INLINE:
                if case .citation = drafts[c.pointer] { break }
                append(c, to: &out, drafts: drafts)
            default:
                append(c, to: &out, drafts: drafts)
            }
            child = c.next
        }
    }
}

extension cmark_node_type {
    var isBlock: Bool {
        rawValue >= CMARK_NODE_FIRST_BLOCK.rawValue && rawValue <= CMARK_NODE_LAST_BLOCK.rawValue
    }
}
