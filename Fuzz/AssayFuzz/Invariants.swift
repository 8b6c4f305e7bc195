import AssayMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The levels the fuzzed pages may use: the default taxonomy's ids.
enum Fuzz {
    static let levels: Set<String> = ["established", "preliminary", "anecdotal", "unsupported"]
}

/// libFuzzer's per-input entry point: one arbitrary byte string as a page body. Parsing, the claim
/// and citation transform and rendering must never crash, and what they report must
/// point inside the input. A broken invariant aborts, which libFuzzer records as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(UnsafeBufferPointer(start: data, count: size))
}

/// One input, whichever way libFuzzer hands it over.
func fuzzOne(_ bytes: UnsafeBufferPointer<UInt8>) -> CInt {
    // A page body is text: invalid UTF-8 becomes U+FFFD when the file is read, so here too.
    let markdown = String(decoding: bytes, as: UTF8.self)
    for options in [MarkdownOptions(), MarkdownOptions(headingAnchors: true), MarkdownOptions(unsafeHTML: true)] {
        check(markdown, options: options)
    }
    return 0
}

/// Parses, annotates and renders `markdown`, and checks what must hold for any input.
func check(_ markdown: String, options: MarkdownOptions) {
    let document = MarkdownDocument(markdown: markdown, options: options)
    document.annotate(levels: Fuzz.levels, rewriteLink: { $0.hasSuffix(".md") ? String($0.dropLast(3)) + ".html" : nil })
    let lines = FuzzLines(markdown)

    for diagnostic in document.diagnostics {
        require(lines.contains(diagnostic.location), "diagnostic \(diagnostic.rule.rawValue) at \(diagnostic.location) outside the input")
        require(!diagnostic.message.isEmpty, "diagnostic without a message")
    }
    require(
        document.diagnostics.map(\.location) == document.diagnostics.map(\.location).sorted(),
        "diagnostics not in source order")
    for claim in document.claims {
        require(lines.contains(claim.location), "claim at \(claim.location) outside the input")
        require(Fuzz.levels.contains(claim.level), "claim with an unknown level '\(claim.level)'")
        require(claim.explicitID.map { !$0.isEmpty } ?? true, "claim with an empty id")
        require(Set(claim.citeKeys).count == claim.citeKeys.count, "repeated cite key in a claim")
    }
    for citation in document.citations {
        require(lines.contains(citation.location), "citation at \(citation.location) outside the input")
        require(!citation.items.isEmpty, "citation without items")
        if let index = citation.claimIndex {
            require(index < document.claims.count, "citation points at claim \(index) of \(document.claims.count)")
            for item in citation.items {
                require(document.claims[index].citeKeys.contains(item.key), "claim misses cite key \(item.key)")
            }
        }
    }
    for link in document.links {
        require(lines.contains(link.location), "link at \(link.location) outside the input")
    }

    // Markup with characters that need escaping, so a slip in the nesting would show.
    for index in document.claims.indices {
        document.setClaimMarkup(index, open: "<span data-fuzz=\"\(index)\">", close: "</span>")
    }
    for index in document.citations.indices {
        document.setCitationMarkup(index, html: "<cite>\(index)</cite>")
    }
    let html = document.renderHTML()
    // Raw HTML may hold anything; without it, every tag below is the transform's own.
    guard !options.unsafeHTML else { return }
    require(occurrences(of: "<span data-fuzz=", in: html) == document.claims.count, "a claim's markup is missing or repeated")
    require(occurrences(of: "<cite>", in: html) == document.citations.count, "a citation's markup is missing or repeated")
    // Only http, https, mailto and relative URLs are published.
    let lowered = html.lowercased()
    for scheme in ["javascript:", "data:", "vbscript:", "file:"] {
        for attribute in ["href=\"", "src=\""] {
            require(!lowered.contains(attribute + scheme), "unsafe URL published: \(attribute + scheme)")
        }
    }
}

/// The lines of the input as cmark counts them (`\n`, `\r\n`, lone `\r`), byte lengths,
/// after a byte order mark.
struct FuzzLines {
    var lengths: [Int] = []

    init(_ text: String) {
        var bytes = Array(text.utf8)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var length = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                lengths.append(length)
                length = 0
                if b == 0x0D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                length += 1
            }
            i += 1
        }
        lengths.append(length)
    }

    /// A location on a line of the input, at a byte of it or just after its last one.
    func contains(_ location: SourceLocation) -> Bool {
        guard location.line >= 1, location.line <= lengths.count else { return false }
        return location.column >= 1 && location.column <= lengths[location.line - 1] + 1
    }
}

func occurrences(of needle: String, in haystack: String) -> Int {
    let n = Array(needle.utf8)
    let h = Array(haystack.utf8)
    guard !n.isEmpty, h.count >= n.count else { return 0 }
    var count = 0
    var i = 0
    while i <= h.count - n.count {
        if h[i] == n[0], Array(h[i..<(i + n.count)]) == n {
            count += 1
            i += n.count
        } else {
            i += 1
        }
    }
    return count
}

func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    let text = "assay-fuzz: invariant broken: \(message())\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    abort()
}
