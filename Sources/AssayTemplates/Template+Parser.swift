extension Template {
    /// Parses Mustache source. `path` names the file in errors, including errors found
    /// later when the template is linked or rendered.
    public init(_ source: String, path: String = "template") throws(TemplateError) {
        var parser = TemplateParser(bytes: Array(source.utf8), path: path)
        nodes = try parser.parse()
        self.path = path
    }
}

/// Reads Mustache source into nodes in one pass over the bytes, with an explicit stack of
/// open sections (no recursion, so no nesting depth can overflow the stack) and line
/// numbers counted as it goes (so a 10 MB template stays linear).
private struct TemplateParser {
    let bytes: [UInt8]
    let path: String
    var open: [UInt8] = [0x7B, 0x7B]  // {{
    var close: [UInt8] = [0x7D, 0x7D]  // }}
    var index = 0

    // Line counting: `countedTo` only moves forward, as tags are met in order.
    var countedTo = 0
    var line = 1
    var lineStart = 0

    enum FrameKind: Equatable {
        case root, section(inverted: Bool), parent, block
    }

    /// An open section, parent or block, collecting what it contains.
    struct Frame {
        var kind: FrameKind
        var name: String
        var at: Template.Location
        var tagStart: Int
        var contentStart: Int
        /// The open tag stood alone on its line (which was taken out).
        var standalone: Bool
        /// The whitespace before the open tag, when only whitespace precedes it.
        var prefix: [UInt8]
        var nodes: [Template.Node] = []
        var overrides: [String: Template.Block] = [:]
    }

    var frames: [Frame] = []
    var text: [UInt8] = []
    var textStart = 0

    // Inside a parent tag only blocks count, so a line holding nothing but parent and
    // block tags (`{{<page}}{{$main}}`, `{{/main}}{{/page}}`) is standalone as a whole, as
    // the spec's inheritance cases require. `chainEnd` is where the last such tag ended
    // when everything before it on its line was whitespace or such tags.
    var chainEnd = -1
    var chainStart = -1

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    static func ws(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    static let newline: UInt8 = 0x0A

    mutating func parse() throws(TemplateError) -> [Template.Node] {
        frames = [Frame(kind: .root, name: "", at: location(0), tagStart: 0, contentStart: 0, standalone: false, prefix: [])]
        while index < bytes.count {
            guard let tagStart = find(open, from: index) else {
                appendText(index, bytes.count)
                index = bytes.count
                break
            }
            appendText(index, tagStart)
            try tag(at: tagStart)
        }
        flush()
        if frames.count > 1 {
            let frame = frames[frames.count - 1]
            throw TemplateError(.syntax, at: frame.at, "\(Self.describe(frame)) is never closed with '\(show("/" + frame.name))'")
        }
        return frames[0].nodes
    }

    /// Reads the tag at `tagStart` and moves `index` past it (and past its line when it
    /// stands alone).
    private mutating func tag(at tagStart: Int) throws(TemplateError) {
        let at = location(tagStart)
        var p = tagStart + open.count
        var kind: UInt8 = 0
        var closer = close
        if p < bytes.count {
            switch bytes[p] {
            case UInt8(ascii: "{"):
                kind = bytes[p]
                closer = [UInt8(ascii: "}")] + close
                p += 1
            case UInt8(ascii: "="):
                kind = bytes[p]
                closer = [UInt8(ascii: "=")] + close
                p += 1
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "!"),
                UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                kind = bytes[p]
                p += 1
            default:
                break
            }
        }
        guard let end = find(closer, from: p) else {
            throw TemplateError(.syntax, at: at, "tag is never closed with '\(String(decoding: closer, as: UTF8.self))'")
        }
        let tagEnd = end + closer.count
        index = tagEnd
        let content = Self.trimmed(bytes[p..<end])

        // The spec's standalone rule: a tag that renders nothing, alone on its line,
        // takes the line with it, so templates can be laid out without leaving blank
        // lines behind. Its indentation is kept for partials, parents and blocks.
        var standalone = false
        var blankBefore = false
        var viaChain = false
        var prefix: [UInt8] = []
        if Self.standaloneKinds.contains(kind) {
            var j = tagStart - 1
            while j >= 0, Self.ws(bytes[j]) { j -= 1 }
            blankBefore = j < 0 || bytes[j] == Self.newline
            viaChain = !blankBefore && chainEnd >= 0 && j + 1 == chainEnd && inParentBody(kind)
            if blankBefore { prefix = Array(bytes[(j + 1)..<tagStart]) }
            if blankBefore || viaChain, let lineEnd = standaloneEnd(after: tagEnd) {
                standalone = true
                while let last = text.last, Self.ws(last) { text.removeLast() }
                index = lineEnd
            }
        }
        let chainBefore = (chainStart, chainEnd)
        chainEnd = -1

        switch kind {
        case UInt8(ascii: "!"):
            return
        case UInt8(ascii: "="):
            try setDelimiters(content, at: at)
            return
        default:
            break
        }
        guard !content.isEmpty else { throw TemplateError(.syntax, at: at, "empty tag") }
        let inParentBody = frames[frames.count - 1].kind == .parent
        var isChainTag = false
        switch kind {
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            try outsideBlock(kind, content, at: at, inParentBody: inParentBody)
            _ = try Self.name(content, at: at)
            flush()
            try push(Frame(
                kind: .section(inverted: kind == UInt8(ascii: "^")), name: content, at: at, tagStart: tagStart,
                contentStart: index, standalone: standalone, prefix: prefix))
        case UInt8(ascii: "<"):
            try outsideBlock(kind, content, at: at, inParentBody: inParentBody)
            try Self.checkStatic(content, kind: "parent", at: at)
            // Until the closing tag says whether the parent is standalone, the whitespace
            // before it is held back: it becomes the parent's indentation or goes back.
            var held: [UInt8] = []
            if !standalone, blankBefore {
                held = prefix
                text.removeLast(min(prefix.count, text.count))
            }
            flush()
            try push(Frame(kind: .parent, name: content, at: at, tagStart: tagStart, contentStart: index, standalone: standalone, prefix: standalone ? prefix : held))
            isChainTag = true
        case UInt8(ascii: "$"):
            flush()
            try push(Frame(kind: .block, name: content, at: at, tagStart: tagStart, contentStart: index, standalone: standalone, prefix: prefix))
            isChainTag = inParentBody
        case UInt8(ascii: "/"):
            flush()
            isChainTag = try closeFrame(content, at: at, tagStart: tagStart, standalone: standalone, viaChain: viaChain, chainStart: chainBefore.0)
        case UInt8(ascii: ">"):
            try outsideBlock(kind, content, at: at, inParentBody: inParentBody)
            try Self.checkStatic(content, kind: "partial", at: at)
            flush()
            append(.partial(Template.Include(name: content, indent: standalone ? prefix : [], at: at)))
        default:
            try outsideBlock(kind, content, at: at, inParentBody: inParentBody)
            let name = try Self.name(content, at: at)
            flush()
            append(.variable(name, escaped: kind == 0))
        }
        if isChainTag, !standalone, blankBefore || viaChain {
            if blankBefore { chainStart = tagStart } else { chainStart = chainBefore.0 }
            chainEnd = tagEnd
        }
    }

    /// Whether a tag of `kind` here is part of a parent's body: a block given to the
    /// parent, or the end of one, or the end of the parent. Only these share a line
    /// with each other and still count as standalone.
    private func inParentBody(_ kind: UInt8) -> Bool {
        let top = frames[frames.count - 1].kind
        switch kind {
        case UInt8(ascii: "$"): return top == .parent
        case UInt8(ascii: "/"): return top == .parent || (top == .block && frames.count > 1 && frames[frames.count - 2].kind == .parent)
        default: return false
        }
    }

    /// Closes the innermost frame; returns whether the tag belongs to a parent's body
    /// (for the standalone rule of parent and block tags sharing a line).
    private mutating func closeFrame(_ name: String, at: Template.Location, tagStart: Int, standalone: Bool, viaChain: Bool, chainStart: Int) throws(TemplateError) -> Bool {
        guard frames.count > 1, frames[frames.count - 1].name == name else {
            let open = frames.count > 1 ? "'\(frames[frames.count - 1].name)' is still open" : "no section is open"
            throw TemplateError(.syntax, at: at, "'\(show("/" + name))' closes nothing: \(open)")
        }
        let frame = frames.removeLast()
        switch frame.kind {
        case .root:
            return false
        case .section(let inverted):
            append(.section(try Self.name(frame.name, at: frame.at), frame.nodes, inverted: inverted, at: frame.at))
            return false
        case .parent:
            var include = Template.Include(name: frame.name, indent: [], at: frame.at)
            if frame.standalone {
                include.indent = frame.prefix
            } else if standalone, viaChain, chainStart == frame.tagStart {
                // `  {{<parent}}{{/parent}}` alone on its line: standalone as a whole.
                include.indent = frame.prefix
            } else if !frame.prefix.isEmpty {
                append(.text(frame.prefix, startsLine: true))
            }
            append(.parent(include, overrides: frame.overrides))
            return true
        case .block:
            var indent = frame.prefix
            if frame.standalone, let intrinsic = commonIndent(frame.contentStart, tagStart) { indent = intrinsic }
            let block = Template.Block(name: frame.name, nodes: Self.dedent(frame.nodes, by: indent.count), indent: indent, at: frame.at)
            if frames[frames.count - 1].kind == .parent {
                guard frames[frames.count - 1].overrides[frame.name] == nil else {
                    throw TemplateError(.inheritance, at: frame.at, "block '\(frame.name)' is given twice in '\(show("<" + frames[frames.count - 1].name))'")
                }
                frames[frames.count - 1].overrides[frame.name] = block
                return true
            }
            append(.block(block))
            return false
        }
    }

    private mutating func push(_ frame: Frame) throws(TemplateError) {
        guard frames.count <= TemplateLimits.nesting else {
            throw TemplateError(.syntax, at: frame.at, "more than \(TemplateLimits.nesting) sections, parents and blocks open at once: templates nest at most \(TemplateLimits.nesting) deep")
        }
        frames.append(frame)
    }

    /// Inside `{{<parent}}` only blocks are passed on; anything else there would vanish
    /// without a word, which is never what the author meant. (Plain text there is
    /// ignored, as the spec says.)
    private func outsideBlock(_ kind: UInt8, _ content: String, at: Template.Location, inParentBody: Bool) throws(TemplateError) {
        guard inParentBody else { return }
        let tag = kind == 0 ? content : kind == UInt8(ascii: "{") ? "{" + content + "}" : String(UnicodeScalar(kind)) + content
        let parent = frames[frames.count - 1].name
        throw TemplateError(
            .inheritance, at: at,
            "'\(show(tag))' is inside '\(show("<" + parent))' but outside every block, so it would never render: put it inside a '\(show("$name"))…\(show("/name"))' block that '\(parent)' has")
    }

    private mutating func setDelimiters(_ content: String, at: Template.Location) throws(TemplateError) {
        let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw TemplateError(.syntax, at: at, "a set-delimiter tag takes two delimiters without '=' or spaces, separated by a space, like '\(show("=<% %>="))'")
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }

    private mutating func append(_ node: Template.Node) {
        frames[frames.count - 1].nodes.append(node)
    }

    private mutating func appendText(_ from: Int, _ to: Int) {
        guard from < to else { return }
        if text.isEmpty { textStart = from }
        text.append(contentsOf: bytes[from..<to])
    }

    /// Moves pending text into the current frame; text in a parent's body is dropped.
    private mutating func flush() {
        guard !text.isEmpty else { return }
        if frames[frames.count - 1].kind != .parent {
            append(.text(text, startsLine: textStart == 0 || bytes[textStart - 1] == Self.newline))
        }
        text.removeAll(keepingCapacity: true)
    }

    static let standaloneKinds: Set<UInt8> = Set("#^/!>=<$".utf8)

    /// If nothing but whitespace follows the tag on its line, where the next line starts.
    func standaloneEnd(after tagEnd: Int) -> Int? {
        var j = tagEnd
        while j < bytes.count, Self.ws(bytes[j]) { j += 1 }
        if j == bytes.count { return j }
        if bytes[j] == Self.newline { return j + 1 }
        if bytes[j] == UInt8(ascii: "\r"), j + 1 < bytes.count, bytes[j + 1] == Self.newline { return j + 2 }
        return nil
    }

    /// The leading whitespace the non-blank source lines in `from..<to` share: a
    /// standalone block's own indentation, taken off its lines and put back where it renders.
    func commonIndent(_ from: Int, _ to: Int) -> [UInt8]? {
        var common: [UInt8]?
        var i = from
        while i < to {
            var j = i
            while j < to, Self.ws(bytes[j]) { j += 1 }
            let blank = j == to || bytes[j] == Self.newline || bytes[j] == UInt8(ascii: "\r")
            if !blank {
                let lead = bytes[i..<j]
                if let c = common {
                    common = Array(zip(c, lead).prefix(while: { $0.0 == $0.1 }).map(\.0))
                } else {
                    common = Array(lead)
                }
            }
            while j < to, bytes[j] != Self.newline { j += 1 }
            i = j + 1
        }
        return common
    }

    /// Takes up to `n` bytes of leading whitespace off each line the nodes begin.
    static func dedent(_ nodes: [Template.Node], by n: Int) -> [Template.Node] {
        guard n > 0 else { return nodes }
        func drop(_ indent: [UInt8]) -> [UInt8] { Array(indent.dropFirst(min(n, indent.prefix(while: { ws($0) }).count))) }
        return nodes.compactMap { node -> Template.Node? in
            switch node {
            case .text(let bytes, let startsLine):
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                var atLine = startsLine
                var skip = 0
                for byte in bytes {
                    if atLine {
                        atLine = false
                        skip = n
                    }
                    if skip > 0, ws(byte) {
                        skip -= 1
                        continue
                    }
                    skip = 0
                    out.append(byte)
                    if byte == newline { atLine = true }
                }
                return out.isEmpty ? nil : .text(out, startsLine: startsLine)
            case .section(let name, let children, let inverted, let at):
                return .section(name, dedent(children, by: n), inverted: inverted, at: at)
            case .partial(var include):
                include.indent = drop(include.indent)
                return .partial(include)
            case .parent(var include, let overrides):
                include.indent = drop(include.indent)
                return .parent(include, overrides: overrides)
            case .block(var block):
                block.indent = drop(block.indent)
                return .block(block)
            case .variable:
                return node
            }
        }
    }

    /// A dotted name. A list index must be a number from 0: `{{list.-1}}` once crashed
    /// the build, so it is refused where it is written.
    static func name(_ text: String, at: Template.Location) throws(TemplateError) -> Template.Name {
        if text == "." { return Template.Name(parts: [], line: at.line, column: at.column) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            if part.isEmpty {
                throw TemplateError(.syntax, at: at, "'\(text)' has an empty part between dots")
            }
            if part.first == "-", part.count > 1, part.dropFirst().allSatisfy(\.isNumber) {
                throw TemplateError(.syntax, at: at, "'\(part)' in '\(text)' is not a list index: indexes count from 0")
            }
        }
        return Template.Name(parts: parts, line: at.line, column: at.column)
    }

    static func checkStatic(_ name: String, kind: String, at: Template.Location) throws(TemplateError) {
        if name.hasPrefix("*") {
            throw TemplateError(.syntax, at: at, "dynamic names ('\(name)') are not supported: name the \(kind) itself")
        }
    }

    static func describe(_ frame: Frame) -> String {
        switch frame.kind {
        case .parent: "parent '\(frame.name)'"
        case .block: "block '\(frame.name)'"
        default: "section '\(frame.name)'"
        }
    }

    /// A tag as written with the delimiters in force.
    func show(_ content: String) -> String {
        String(decoding: open, as: UTF8.self) + content + String(decoding: close, as: UTF8.self)
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        let first = needle[0]
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    mutating func location(_ offset: Int) -> Template.Location {
        while countedTo < offset {
            if bytes[countedTo] == Self.newline {
                line += 1
                lineStart = countedTo + 1
            }
            countedTo += 1
        }
        return Template.Location(path: path, line: line, column: offset - lineStart + 1)
    }

    static func trimmed(_ slice: ArraySlice<UInt8>) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let start = slice.firstIndex(where: { !isSpace($0) }), let end = slice.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: slice[start...end], as: UTF8.self)
    }
}
