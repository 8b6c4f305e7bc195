import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One parsed Markdown page. Owns the cmark tree and frees it exactly once, in `deinit`;
/// nothing that points into the tree escapes this class.
public final class MarkdownDocument {
    let root: OpaquePointer
    let options: MarkdownOptions
    /// The source split into lines (bytes, without the newline), to recover what cmark
    /// drops from text nodes: backslash escapes and entities.
    let sourceLines: [ArraySlice<UInt8>]

    public internal(set) var claims: [Claim] = []
    public internal(set) var citations: [Citation] = []
    public internal(set) var headings: [Heading] = []
    public internal(set) var links: [MarkdownLink] = []
    public internal(set) var diagnostics: [MarkdownDiagnostic] = []

    /// Lines (1-based) holding a NUL byte, where cmark's columns run ahead of the source's:
    /// cmark reads each NUL as U+FFFD, three bytes. Empty for nearly every page.
    let nulLines: Set<Int>
    /// For each line in `nulLines` that was asked about: source column by cmark column.
    var nulColumnMaps: [Int: [Int]] = [:]

    /// The custom nodes that stand for `claims` and `citations`, by the same index.
    var claimNodes: [OpaquePointer] = []
    var citationNodes: [OpaquePointer] = []
    var headingNodes: [OpaquePointer] = []

    /// Parses `markdown`. Parsing cannot fail: CommonMark gives every input a meaning.
    public init(markdown: String, options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
        let bytes = Array(markdown.utf8)
        root = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, options.cmarkFlags)!
            }
        }
        // cmark skips a byte order mark and counts columns after it, so positions do too.
        sourceLines = Self.lines(of: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...])
        var nulLines = Set<Int>()
        if bytes.withUnsafeBytes({ $0.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }) {
            for (index, line) in sourceLines.enumerated() where line.contains(0) { nulLines.insert(index + 1) }
        }
        self.nulLines = nulLines
    }

    /// A position cmark reported, as a line and byte column of the source.
    func sourceLocation(ofCmark location: SourceLocation) -> SourceLocation {
        guard nulLines.contains(location.line) else { return location }
        let map: [Int]
        if let cached = nulColumnMaps[location.line] {
            map = cached
        } else {
            var built: [Int] = [0]  // cmark columns are 1-based
            for (k, byte) in sourceLines[location.line - 1].enumerated() {
                for _ in 0..<(byte == 0 ? 3 : 1) { built.append(k + 1) }
            }
            built.append((built.last ?? 0) + 1)
            nulColumnMaps[location.line] = built
            map = built
        }
        guard location.column >= 1 else { return location }
        let column = location.column < map.count ? map[location.column] : map[map.count - 1] + location.column - (map.count - 1)
        return SourceLocation(line: location.line, column: column)
    }

    /// Splits the source where cmark does: at `\n`, `\r\n` and a lone `\r`.
    static func lines(of bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        let base = bytes.startIndex
        var start = base
        // Line ends found on the contiguous bytes by `memchr` (many bytes at a step) when
        // there is no `\r`, as in nearly every file; byte by byte otherwise. The slice
        // indexed byte by byte, each index checked, was over 1% of a full build.
        bytes.withUnsafeBytes { buffer in
            guard let pointer = buffer.baseAddress else { return }
            let count = buffer.count
            if memchr(pointer, 0x0D, count) == nil {
                var i = 0
                while i < count, let found = memchr(pointer + i, 0x0A, count - i) {
                    let end = pointer.distance(to: UnsafeRawPointer(found))
                    lines.append(bytes[start..<(base + end)])
                    start = base + end + 1
                    i = end + 1
                }
                return
            }
            var i = 0
            while i < count {
                let byte = buffer[i]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    lines.append(bytes[start..<(base + i)])
                    if byte == UInt8(ascii: "\r"), i + 1 < count, buffer[i + 1] == UInt8(ascii: "\n") { i += 1 }
                    start = base + i + 1
                }
                i += 1
            }
        }
        lines.append(bytes[start...])
        return lines
    }

    deinit {
        cmark_node_free(root)
    }

    /// Renders the tree with cmark's own HTML renderer.
    public func renderHTML() -> String {
        guard let raw = cmark_render_html(root, options.cmarkFlags) else { return "" }
        defer { free(raw) }
        // Heading anchors go in on cmark's own buffer: made into a String first, the
        // page's HTML was checked and copied once more than it needed (cmark's output is
        // valid UTF-8 either way, as it replaces invalid input when it parses).
        let html = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
        return options.headingAnchors ? insertHeadingAnchors(in: html) : String(decoding: html, as: UTF8.self)
    }

    /// Sets the HTML that wraps claim `index`: badge, anchor and all, already escaped.
    public func setClaimMarkup(_ index: Int, open: String, close: String) {
        cmark_node_set_on_enter(claimNodes[index], open)
        cmark_node_set_on_exit(claimNodes[index], close)
    }

    /// `setClaimMarkup(_:open:close:)` with C strings: each ends with its NUL byte.
    /// cmark copies them, so a caller can make them in buffers it reuses.
    public func setClaimMarkup(_ index: Int, openCString open: [UInt8], closeCString close: [UInt8]) {
        precondition(open.last == 0 && close.last == 0, "claim markup must end with a NUL byte")
        open.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(claimNodes[index], $0.baseAddress) }
        }
        close.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_exit(claimNodes[index], $0.baseAddress) }
        }
    }

    /// Sets the HTML that replaces citation group `index`.
    public func setCitationMarkup(_ index: Int, html: String) {
        cmark_node_set_on_enter(citationNodes[index], html)
    }
}

extension MarkdownOptions {
    var cmarkFlags: Int32 {
        unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    }
}
