/// A GitHub alert written as a block quote: `> [!WARNING] optional title`.
///
/// Rendered as `<div class="callout callout-warning" role="note">` with a title paragraph;
/// GitHub shows the same Markdown as an alert, and every other tool as a plain quote.
public enum Callout: String, Sendable, CaseIterable {
    case note, tip, important, warning, caution

    /// The title when the author gives none.
    public var defaultTitle: String {
        rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }

    /// Reads `[!KIND]` (any case) at the start of `bytes`: the kind and the marker's length.
    /// An unknown kind is no callout, as on GitHub.
    static func marker(at bytes: some Collection<UInt8>) -> (Callout, length: Int)? {
        guard bytes.starts(with: [UInt8(ascii: "["), UInt8(ascii: "!")]) else { return nil }
        let word = bytes.dropFirst(2).prefix { $0 != UInt8(ascii: "]") }
        guard word.count <= 9, bytes.dropFirst(2 + word.count).first == UInt8(ascii: "]"),
            let kind = Callout(rawValue: String(decoding: word, as: UTF8.self).lowercased())
        else { return nil }
        return (kind, word.count + 3)
    }
}
