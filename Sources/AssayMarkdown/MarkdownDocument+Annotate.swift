import AssaySupport
import CCmark

/// A piece of an inline container after bracket matching.
private enum Piece {
    case text([UInt8])
    case node(OpaquePointer)
    case claim(level: String, id: String?, location: SourceLocation, inner: PieceList)
    case citation([Citation.Item], SourceLocation)
}

/// A run of pieces, chained through `Pieces`: a bracket group that stays text is spliced
/// into the enclosing group in constant time. Copying it, at every level of `[[[…`, was
/// what made the transform quadratic.
private struct PieceList {
    var head = -1
    var tail = -1
    var isEmpty: Bool { head < 0 }
}

/// The storage of every piece of one container, each with the index of the next in its list.
private struct Pieces {
    private(set) var pieces: [Piece] = []
    private(set) var next: [Int] = []

    /// Room for `count` pieces at once: grown one doubling at a time, the arrays of a
    /// container were reallocated several times each.
    init(capacity count: Int) {
        pieces.reserveCapacity(count)
        next.reserveCapacity(count)
    }

    mutating func append(_ piece: Piece, to list: inout PieceList) {
        pieces.append(piece)
        next.append(-1)
        link(pieces.count - 1, pieces.count - 1, to: &list)
    }

    /// Moves all of `other` to the end of `list`.
    mutating func splice(_ other: PieceList, to list: inout PieceList) {
        guard !other.isEmpty else { return }
        link(other.head, other.tail, to: &list)
    }

    private mutating func link(_ head: Int, _ tail: Int, to list: inout PieceList) {
        if list.isEmpty { list.head = head } else { next[list.tail] = head }
        list.tail = tail
    }

    func forEach(in list: PieceList, _ body: (Piece) -> Void) {
        var k = list.head
        while k >= 0 {
            body(pieces[k])
            if k == list.tail { break }
            k = next[k]
        }
    }
}

/// An open `[` and what has been read since.
private struct Frame {
    var open: SourceLocation
    var list = PieceList()
    /// A claim among the pieces, directly or in a group spliced in: a claim that would
    /// hold it is a nested claim.
    var holdsClaim = false
    var citation = CitationParser.Scanner()
}

/// What the transform learned about a custom node, before document order is known.
private enum Draft {
    case claim(level: String, id: String?, location: SourceLocation)
    case citation([Citation.Item], SourceLocation)
}

/// The custom nodes the transform made, each found from its node by the index the node's
/// user data holds (plus one), checked against the node, as text placements are: a
/// dictionary by node, hashed and grown for every claim and citation and hashed again for
/// every custom node the collector and the plain-text reader meet, cost more than that.
private struct Drafts {
    private var items: [(node: OpaquePointer, draft: Draft)] = []

    mutating func add(_ draft: Draft, for node: OpaquePointer) {
        items.append((node, draft))
        cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: items.count))
    }

    /// The draft of `node`; nil for a node the transform did not make (a heading's
    /// markers, say).
    subscript(node: OpaquePointer) -> Draft? {
        guard let data = cmark_node_get_user_data(node) else { return nil }
        let index = Int(bitPattern: data) - 1
        guard index >= 0, index < items.count, items[index].node == node else { return nil }
        return items[index].draft
    }

    var all: some Sequence<Draft> { items.lazy.map(\.draft) }
}

extension MarkdownDocument {
    /// Turns claims and citations into custom inline nodes, on the AST (never on the
    /// source text), then lists claims, citations, headings and links in document order.
    /// Callouts (`> [!NOTE]`) become custom blocks first, when `options.callouts` is on.
    ///
    /// Linear in the page: each text node is placed in the source once, from where the
    /// previous one ended, and each bracket group is read once.
    ///
    /// - Parameters:
    ///   - levels: the taxonomy ids a claim may carry.
    ///   - rewriteLink: maps a link destination to the one to publish (e.g. `risks.md`
    ///     to `risks.html`); nil leaves it as written.
    public func annotate(levels: Set<String>, rewriteLink: ((String) -> String?)? = nil) {
        if options.callouts { makeCallouts() }
        var transform = AnnotationTransform(document: self, levels: levels)
        transform.walk(MarkdownNode(pointer: root))
        var collector = AnnotationCollector(
            document: self, drafts: transform.drafts, linkStarts: transform.linkStarts, rewriteLink: rewriteLink)
        collector.walk(MarkdownNode(pointer: root))
        diagnostics += transform.diagnostics + collector.diagnostics
        diagnostics.sort { $0.location < $1.location }
    }
}

/// Finds the containers of inline text and rewrites each one's children.
private struct AnnotationTransform: MarkdownWalker {
    let document: MarkdownDocument
    let levels: Set<String>
    var drafts = Drafts()
    var diagnostics: [MarkdownDiagnostic] = []
    /// The text nodes of the paragraph or heading being rewritten, placed in the source.
    var placements: [TextPlacement] = []
    /// Where each link and image of the page starts.
    var linkStarts: [OpaquePointer: SourceLocation] = [:]

    init(document: MarkdownDocument, levels: Set<String>) {
        self.document = document
        self.levels = levels
    }

    mutating func visit(_ node: MarkdownNode) -> WalkAction {
        switch node.type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            // Most paragraphs hold no bracket, brace or link: nothing to place or rewrite,
            // and nothing for the collector either (marked so that it need not look).
            guard Self.mayHoldAnnotations(node) else {
                if node.type == CMARK_NODE_PARAGRAPH { cmark_node_set_user_data(node.pointer, Self.quiet) }
                return .skipChildren
            }
            placements = document.placeTexts(in: node, links: &linkStarts)
            rewrite(node)
            placements = []
            return .skipChildren
        default:
            return node.type.isBlock ? .visitChildren : .skipChildren
        }
    }

    /// The user data of a paragraph with no link, image, bracket or brace: it holds no
    /// claim, citation, heading or link for the collector. (Text nodes carry an index
    /// there, see `placeTexts`; a paragraph carries nothing else.)
    static var quiet: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 1) }

    /// Whether any text under `container` holds `[`, `]` or `{`, or it holds a link or image.
    static func mayHoldAnnotations(_ container: MarkdownNode) -> Bool {
        // By first child and next sibling: a cmark iterator, made and freed for each of
        // the page's paragraphs, cost more than reading them.
        var child = cmark_node_first_child(container.pointer)
        while let c = child {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                return true
            case CMARK_NODE_TEXT:
                if MarkdownNode(pointer: c).literalContains(anyOf: (UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"))) {
                    return true
                }
            default:
                if cmark_node_first_child(c) != nil, mayHoldAnnotations(MarkdownNode(pointer: c)) { return true }
            }
            child = cmark_node_next(c)
        }
        return false
    }

    private func placement(of node: MarkdownNode) -> TextPlacement {
        if let index = TextPlacement.index(of: node.pointer, in: placements) { return placements[index] }
        return TextPlacement(node: node.pointer, literal: node.literalBytes, start: document.sourceLocation(ofCmark: node.start), columns: nil)
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
            child.type == CMARK_NODE_TEXT && child.literalContains(anyOf: (UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{")))
        }
        guard mayAnnotate else { return }

        var tokens: [InlineToken] = []
        for child in children {
            if child.type == CMARK_NODE_TEXT {
                document.tokens(of: placement(of: child), into: &tokens) { text, location in
                    lintLooseAttributes(text, at: location)
                }
            } else {
                tokens.append(.node(child.pointer))
            }
        }
        // At most one piece per token: an open bracket makes one (`[`) only if its group
        // stays text, a close bracket one (`]`, a claim or a citation).
        var pieces = Pieces(capacity: tokens.count)
        let (list, changed) = match(&tokens, into: &pieces)
        guard changed else { return }

        for child in children {
            cmark_node_unlink(child.pointer)
            if child.type == CMARK_NODE_TEXT { cmark_node_free(child.pointer) }
        }
        build(list, of: pieces, into: container.pointer)
    }

    /// Matches brackets level by level. A group is a citation when it holds only
    /// `@key` text, a claim when `{` follows its `]`, and plain text otherwise.
    private mutating func match(_ tokens: inout [InlineToken], into pieces: inout Pieces) -> (PieceList, Bool) {
        var frames = [Frame(open: SourceLocation(line: 0, column: 0))]
        var changed = false
        func append(_ piece: Piece) {
            pieces.append(piece, to: &frames[frames.count - 1].list)
            switch piece {
            case .text(let bytes):
                // The outermost frame is never closed, so its scanner is never asked.
                if frames.count > 1 { frames[frames.count - 1].citation.append(bytes) }
            case .claim: frames[frames.count - 1].holdsClaim = true; frames[frames.count - 1].citation.appendOther()
            default: frames[frames.count - 1].citation.appendOther()
            }
        }
        /// Splices an unclosed or rejected group into the enclosing one, as the text it was.
        func splice(_ frame: Frame, close: SourceLocation?) {
            let outer = frames.count - 1
            pieces.append(.text([UInt8(ascii: "[")]), to: &frames[outer].list)
            pieces.splice(frame.list, to: &frames[outer].list)
            frames[outer].holdsClaim = frames[outer].holdsClaim || frame.holdsClaim
            if close != nil {
                pieces.append(.text([UInt8(ascii: "]")]), to: &frames[outer].list)
                frames[outer].citation.appendGroup(frame.citation)
            }
        }
        var k = 0
        while k < tokens.count {
            switch tokens[k] {
            case .text(let bytes, _):
                append(.text(bytes))
            case .node(let pointer):
                append(.node(pointer))
            case .open(let location):
                frames.append(Frame(open: location))
            case .close(let location, let attributes):
                if frames.count > 1 {
                    let frame = frames.removeLast()
                    let piece = attributes
                        ? claim(frame, attributesIn: &tokens[k + 1])
                        : citation(frame, in: pieces)
                    if let piece {
                        append(piece)
                        changed = true
                    } else {
                        splice(frame, close: location)
                    }
                } else {
                    if attributes {
                        diagnostics.append(
                            MarkdownDiagnostic(
                                .strayClaimEnd, at: location,
                                "']{' closes no claim: there is no '[' before it in the same paragraph and emphasis"))
                    }
                    append(.text([UInt8(ascii: "]")]))
                }
            }
            k += 1
        }
        while frames.count > 1 {
            splice(frames.removeLast(), close: nil)
        }
        return (frames[0].list, changed)
    }

    private func citation(_ frame: Frame, in pieces: Pieces) -> Piece? {
        // The scanner has read the group as it arrived; only a likely citation is joined up.
        guard frame.citation.accepts else { return nil }
        var text: [UInt8] = []
        var allText = true
        pieces.forEach(in: frame.list) { piece in
            if case .text(let bytes) = piece { text += bytes } else { allText = false }
        }
        guard allText, let items = CitationParser.items(utf8: text) else { return nil }
        return .citation(items, frame.open)
    }

    /// Reads `{…}` from the start of `next` (consuming it) and makes the claim, or
    /// reports why it cannot.
    private mutating func claim(_ frame: Frame, attributesIn next: inout InlineToken) -> Piece? {
        guard case .text(let bytes, let location) = next else { return nil }
        guard let close = bytes.firstIndex(of: UInt8(ascii: "}")) else {
            diagnostics.append(
                MarkdownDiagnostic(.malformedClaim, at: location, "the claim's '{' is never closed: expected '}' on the same line"))
            return nil
        }
        let attributes = ClaimAttributes(utf8: bytes[1..<close])
        let attributeAt = SourceLocation(line: location.line, column: location.column + 1)

        var ok = true
        func report(_ rule: Rule, _ message: String, at where_: SourceLocation? = nil) {
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
        if frame.list.isEmpty {
            report(.malformedClaim, "the claim is empty", at: frame.open)
        }
        if frame.holdsClaim {
            report(.nestedClaim, "a claim cannot contain another claim", at: frame.open)
        }
        // The braces are consumed only by a claim that stands: a rejected one keeps its
        // `{…}` as text, or a good claim in the same paragraph would make it vanish.
        guard ok else { return nil }
        next = .text(Array(bytes[(close + 1)...]), SourceLocation(line: location.line, column: location.column + close + 1))
        return .claim(level: attributes.levels[0], id: attributes.id, location: frame.open, inner: frame.list)
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

    /// `{.anecdotal}` (or `{#id .anecdotal}`) with no `]` before it is almost always a
    /// claim missing its bracket. Other braces (`{.foo}` in prose about CSS) are left alone.
    /// `text` runs from the `{` through the first `}`.
    private mutating func lintLooseAttributes(_ text: ArraySlice<UInt8>, at location: SourceLocation) {
        let attributes = ClaimAttributes(utf8: text.dropFirst().dropLast())
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
            document.tokens(of: placement(of: child), into: &tokens) { _, _ in }
            for (k, token) in tokens.enumerated() {
                guard case .close(let location, attributes: true) = token, k + 1 < tokens.count,
                    case .text(let bytes, _) = tokens[k + 1], ClaimAttributes.looksLikeClaim(bytes)
                else { continue }
                diagnostics.append(
                    MarkdownDiagnostic(
                        .malformedClaim, at: location,
                        "a claim cannot sit inside a link's text: put the link inside the claim, as in '[see [text](url)]{.LEVEL}'"))
            }
        }
    }

    private mutating func build(_ list: PieceList, of pieces: Pieces, into parent: OpaquePointer) {
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
        var claims: [(OpaquePointer, PieceList)] = []
        pieces.forEach(in: list) { piece in
            switch piece {
            case .text(let bytes):
                pending += bytes
            case .node(let pointer):
                flush()
                cmark_node_append_child(parent, pointer)
            case .claim(let level, let id, let location, let inner):
                flush()
                let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_append_child(parent, node)
                drafts.add(.claim(level: level, id: id, location: location), for: node)
                claims.append((node, inner))
            case .citation(let items, let location):
                flush()
                let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_append_child(parent, node)
                drafts.add(.citation(items, location), for: node)
            }
        }
        flush()
        // A claim's inside is built after its siblings: nothing there depends on order.
        for (node, inner) in claims {
            build(inner, of: pieces, into: node)
        }
    }
}

/// Lists claims, citations, headings and links in document order, and marks headings.
private struct AnnotationCollector: MarkdownWalker {
    let document: MarkdownDocument
    let drafts: Drafts
    let linkStarts: [OpaquePointer: SourceLocation]
    let rewriteLink: ((String) -> String?)?
    var diagnostics: [MarkdownDiagnostic] = []
    var currentClaim: Int?
    /// The cite keys of `currentClaim` so far: a claim of many citations is not searched
    /// once per citation.
    var currentKeys: Set<String> = []
    var anchors: Slug.Registry

    init(
        document: MarkdownDocument, drafts: Drafts, linkStarts: [OpaquePointer: SourceLocation],
        rewriteLink: ((String) -> String?)?
    ) {
        self.document = document
        self.drafts = drafts
        self.linkStarts = linkStarts
        self.rewriteLink = rewriteLink
        // Explicit claim ids are the author's: headings make way for them.
        var reserved = Set<String>()
        for case .claim(_, let id?, _) in drafts.all { reserved.insert(id) }
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
                let outer = (currentClaim, currentKeys)
                currentClaim = index
                currentKeys = []
                var child = node.firstChild
                while let c = child {
                    walk(c)
                    child = c.next
                }
                (currentClaim, currentKeys) = outer
                return .skipChildren
            case .citation(let items, let location):
                document.citations.append(Citation(items: items, location: location, claimIndex: currentClaim))
                document.citationNodes.append(node.pointer)
                if let claim = currentClaim {
                    for item in items where currentKeys.insert(item.key).inserted {
                        document.claims[claim].citeKeys.append(item.key)
                    }
                }
                return .skipChildren
            case nil:
                return .visitChildren
            }
        case CMARK_NODE_PARAGRAPH:
            return cmark_node_get_user_data(node.pointer) == AnnotationTransform.quiet ? .skipChildren : .visitChildren
        case CMARK_NODE_HEADING:
            let text = PlainText.of(node, skipping: drafts)
            let anchor = anchors.claim(Slug.make(text))
            document.headings.append(Heading(level: Int(cmark_node_get_heading_level(node.pointer)), text: text, anchor: anchor))
            if document.options.headingAnchors {
                document.markHeading(node)
            }
            return .visitChildren
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let url = cmark_node_get_url(node.pointer).map { String(cString: $0) } ?? ""
            let location = linkStarts[node.pointer] ?? document.sourceLocation(ofCmark: node.start)
            guard URLPolicy.isAllowed(url) else {
                // Refused whatever `unsafeHTML` says: that option is about raw HTML the
                // author wrote, not about what a Markdown link may point to.
                let what = node.type == CMARK_NODE_IMAGE ? "image source" : "link"
                let scheme = URLPolicy.scheme(of: url) ?? ""
                diagnostics.append(
                    MarkdownDiagnostic(
                        .unsafeURL, at: location,
                        "\(what) '\(Self.shortened(url))' uses the scheme '\(scheme):', which is not published: "
                            + "only http, https, mailto and relative URLs may be links or images"))
                cmark_node_set_url(node.pointer, "")
                return .visitChildren
            }
            guard node.type == CMARK_NODE_LINK else { return .visitChildren }
            document.links.append(MarkdownLink(destination: url, location: location))
            if let rewriteLink, let published = rewriteLink(url), published != url {
                cmark_node_set_url(node.pointer, published)
            }
            return .visitChildren
        default:
            return .visitChildren
        }
    }
}

extension AnnotationCollector {
    /// A URL as quoted in a message: a `data:` URL can be megabytes long.
    static func shortened(_ url: String) -> String {
        url.unicodeScalars.count <= 60 ? url : String(String.UnicodeScalarView(url.unicodeScalars.prefix(57))) + "…"
    }
}

/// The words of an inline subtree, for claim texts and heading titles.
enum PlainText {
    /// The words with whitespace folded: runs of space, tab and newline become one space,
    /// none at either end. Gathered as bytes straight from cmark's literals; ASCII text
    /// (nearly every claim and heading) is folded on those bytes, anything else as
    /// `Character`s by `folded(_:)`, which decides where a space is part of a grapheme.
    fileprivate static func of(_ node: MarkdownNode, skipping drafts: Drafts) -> String {
        var bytes: [UInt8] = []
        append(node, to: &bytes, drafts: drafts)
        return folded(bytes)
    }

    /// `bytes` folded as `of` does. Equal to `foldedByCharacter` on every input: only
    /// ASCII without `\r` (where `\r\n` is one `Character`, not a newline) takes the byte path.
    static func folded(_ bytes: [UInt8]) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            return foldedByCharacter(String(decoding: bytes, as: UTF8.self))
        }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var pendingSpace = false
            for byte in bytes {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") {
                    pendingSpace = n > 0
                    continue
                }
                if pendingSpace {
                    out[n] = UInt8(ascii: " ")
                    n += 1
                    pendingSpace = false
                }
                out[n] = byte
                n += 1
            }
            return n
        }
    }

    /// The reference fold, on `Character`s: a space followed by a combining mark, or the
    /// `\n` of `\r\n`, is not a separator there.
    static func foldedByCharacter(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    private static func append(_ node: MarkdownNode, to out: inout [UInt8], drafts: Drafts) {
        var child = node.firstChild
        while let c = child {
            switch c.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                c.appendLiteral(to: &out)
            case CMARK_NODE_HTML_INLINE:
                // Tags are markup, not words: `a <em>b</em>` reads "a b" in the claims
                // register and slugs to `a-b`, as on GitHub.
                break
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out.append(UInt8(ascii: " "))
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
