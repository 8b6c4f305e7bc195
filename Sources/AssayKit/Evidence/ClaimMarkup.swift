import AssayMarkdown
import AssaySupport

/// The HTML around a claim: a span the register can link to, and a badge that names the
/// level in words (never colour alone), explains it on hover and on keyboard focus, and
/// links to the methodology page.
enum ClaimMarkup {
    static func html(level: EvidenceLevel, anchor: String, root: String) -> (open: String, close: String) {
        Parts(level).html(anchor: anchor, root: root)
    }

    static func badge(level: EvidenceLevel, root: String) -> String {
        let parts = Parts(level)
        return parts.badgeHead + root + parts.badgeTail
    }

    /// One level's markup with everything that does not depend on the claim or the page
    /// escaped and joined once per build: per claim, only its anchor and the page's path
    /// to the site root go in between (a guide of 10,000 claims made the same badge
    /// 10,000 times). A class: immutable, and read for every claim, where a struct of
    /// eight strings and arrays was copied (a retain and a release of each) every time.
    final class Parts: Sendable {
        /// `<span class="claim level-ID" id="`, then the anchor.
        let openHead: String
        /// `" data-level="ID">`.
        let openTail: String
        /// `<a class="badge level-ID" href="`, then the root.
        let badgeHead: String
        /// `methodology.html#level-ID">`, the label and the definition, `</a>`.
        let badgeTail: String
        /// What closes a claim after its text: the badge and `</span>`, less the root.
        let closeHead: String
        let closeTail: String
        /// `openHead` and `openTail` as bytes, for `openCString`.
        private let openHeadBytes: [UInt8]
        private let openTailBytes: [UInt8]

        init(_ level: EvidenceLevel) {
            let id = HTMLEscape.attribute(level.id)
            openHead = "<span class=\"claim level-\(id)\" id=\""
            openTail = "\" data-level=\"\(id)\">"
            badgeHead = "<a class=\"badge level-\(id)\" href=\""
            badgeTail = "\(SiteFiles.methodologyPage)#level-\(id)\">"
                + "<span class=\"badge-label\">\(HTMLEscape.text(level.label))</span>"
                + "<span class=\"badge-tip\" role=\"tooltip\">\(HTMLEscape.text(level.definition))</span></a>"
            closeHead = " " + badgeHead
            closeTail = badgeTail + "</span>"
            openHeadBytes = Array(openHead.utf8)
            openTailBytes = Array(openTail.utf8)
        }

        func html(anchor: String, root: String) -> (open: String, close: String) {
            (open(anchor: anchor), close(root: root))
        }

        /// What opens the claim with this anchor.
        func open(anchor: String) -> String { .concatenated(openHead, HTMLEscape.attribute(anchor), openTail) }

        /// `open(anchor:)` as a C string (its bytes and a NUL) in `out`, which is emptied
        /// first: what cmark copies for each claim, made without a Swift string between.
        func openCString(anchor: String, into out: inout [UInt8]) {
            out.removeAll(keepingCapacity: true)
            out += openHeadBytes
            HTMLEscape.append(anchor, to: &out)
            out += openTailBytes
            out.append(0)
        }

        /// What closes a claim of this level on a page this far from the root: the same
        /// for every claim of the level on the page.
        func close(root: String) -> String { .concatenated(closeHead, root, closeTail) }
    }

    /// The anchor a claim without an `#id` starts from: `claim-` and the first 8 hex
    /// digits of its text's fingerprint. Fourteen ASCII bytes: a small string, no
    /// allocation, and no 16-digit hex string made only to keep half of it.
    static func anchorBase(for text: String) -> String {
        let value = Fingerprint.of(text).value
        return String(unsafeUninitializedCapacity: 14) { buffer in
            for (i, byte) in "claim-".utf8.enumerated() { buffer[i] = byte }
            for i in 0..<8 {
                let digit = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * i)) & 0xF
                buffer[6 + i] = digit < 10 ? 0x30 + digit : 0x57 + digit
            }
            return 14
        }
    }
}
