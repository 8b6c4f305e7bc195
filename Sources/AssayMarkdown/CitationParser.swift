/// Reads the inside of `[@a; @b, p. 12]`. Anything else is not a citation and stays text.
///
/// The text is read as Unicode scalars (not characters), so that `Scanner`, which decides
/// the same question a piece at a time, can agree with it exactly.
enum CitationParser {
    static func items(_ text: String) -> [Citation.Item]? {
        var items: [Citation.Item] = []
        for part in text.unicodeScalars.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = trimmed(part)
            guard trimmed.first == "@" else { return nil }
            let body = trimmed.dropFirst()
            let key: Substring.UnicodeScalarView.SubSequence
            var locator: String?
            if let comma = body.firstIndex(of: ",") {
                key = body[..<comma]
                let rest = Self.trimmed(body[body.index(after: comma)...])
                locator = rest.isEmpty ? nil : String(String.UnicodeScalarView(rest))
            } else {
                key = body
            }
            guard isKey(key) else { return nil }
            items.append(Citation.Item(key: String(String.UnicodeScalarView(key)), locator: locator))
        }
        return items.isEmpty ? nil : items
    }

    /// `items` of UTF-8 text. ASCII text (every cite key in practice) is read on its bytes,
    /// where a byte is a scalar; anything else goes through `items` itself.
    static func items(utf8 bytes: [UInt8]) -> [Citation.Item]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return items(String(decoding: bytes, as: UTF8.self)) }
        func isSpace(_ b: UInt8) -> Bool {
            b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
        }
        func trimmed(_ part: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            guard let start = part.firstIndex(where: { !isSpace($0) }) else { return part[part.endIndex...] }
            return part[start...part.lastIndex(where: { !isSpace($0) })!]
        }
        func isWord(_ b: UInt8) -> Bool { b.isASCIIAlphanumeric || b == UInt8(ascii: "_") }
        func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        var items: [Citation.Item] = []
        var partStart = bytes.startIndex
        while true {
            let partEnd = bytes[partStart...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
            let part = trimmed(bytes[partStart..<partEnd])
            guard part.first == UInt8(ascii: "@") else { return nil }
            let body = part.dropFirst()
            let key: ArraySlice<UInt8>
            var locator: String?
            if let comma = body.firstIndex(of: UInt8(ascii: ",")) {
                key = body[..<comma]
                let rest = trimmed(body[(comma + 1)...])
                locator = rest.isEmpty ? nil : string(rest)
            } else {
                key = body
            }
            guard let first = key.first, isWord(first), let last = key.last, isWord(last),
                key.allSatisfy({ isWord($0) || isKeyPunctuation(Unicode.Scalar($0)) })
            else { return nil }
            items.append(Citation.Item(key: string(key), locator: locator))
            guard partEnd < bytes.endIndex else { break }
            partStart = partEnd + 1
        }
        return items
    }

    /// Pandoc's rule: starts with a letter, digit or `_`; inside, also `:.#$%&-+?<>~/`;
    /// never ends in punctuation.
    static func isKey(_ key: some Collection<Unicode.Scalar>) -> Bool {
        guard let first = key.first, isWord(first), let last = key.reversed().first, isWord(last) else { return false }
        return key.allSatisfy { isWord($0) || isKeyPunctuation($0) }
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
        // ASCII without the Unicode tables: its only alphabetic scalars are the letters.
        if c.isASCII { return UInt8(c.value).isASCIIAlphanumeric || c == "_" }
        return c.properties.isAlphabetic
    }

    static func isKeyPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ":", ".", "#", "$", "%", "&", "-", "+", "?", "<", ">", "~", "/": return true
        default: return false
        }
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r"
    }

    static func trimmed(_ scalars: Substring.UnicodeScalarView.SubSequence) -> Substring.UnicodeScalarView.SubSequence {
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return scalars[scalars.endIndex...] }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return scalars[start...end]
    }
}

extension CitationParser {
    /// Decides whether a bracket group is a citation while its text arrives piece by piece,
    /// in constant space: `items` on the whole text says the same, but reading the whole
    /// text again at every level of `[[[…]]]` made the transform quadratic.
    ///
    /// A state machine of `items`' grammar, read from the start (`state`) and from just
    /// after the last `;` (`tail`). A group that is not a citation is spliced into the
    /// enclosing one as `[`, its text, `]`; only the two states of the inner group are
    /// needed to advance the outer one past it (see `appendGroup`).
    struct Scanner {
        enum State {
            /// Before a part's `@` (leading spaces).
            case start
            /// After `@`, before the key's first scalar.
            case keyStart
            /// In the key; `lastIsWord` when its last scalar may end a key.
            case key(lastIsWord: Bool)
            /// Spaces after a complete key.
            case afterKey
            /// After the key's comma: anything up to the next `;`.
            case locator
            /// Not a citation, whatever follows.
            case dead

            var accepts: Bool {
                switch self {
                case .key(lastIsWord: true), .afterKey, .locator: return true
                default: return false
                }
            }

            func next(_ c: Unicode.Scalar) -> State {
                switch self {
                case .start:
                    return CitationParser.isSpace(c) ? .start : c == "@" ? .keyStart : .dead
                case .keyStart:
                    return CitationParser.isWord(c) ? .key(lastIsWord: true) : .dead
                case .key(let lastIsWord):
                    if CitationParser.isWord(c) { return .key(lastIsWord: true) }
                    if CitationParser.isKeyPunctuation(c) { return .key(lastIsWord: false) }
                    guard lastIsWord else { return .dead }
                    if c == "," { return .locator }
                    if c == ";" { return .start }
                    return CitationParser.isSpace(c) ? .afterKey : .dead
                case .afterKey:
                    return CitationParser.isSpace(c) ? .afterKey : c == ";" ? .start : .dead
                case .locator:
                    return c == ";" ? .start : .locator
                case .dead:
                    return .dead
                }
            }
        }

        private var state = State.start
        /// The state from just after the last `;`; meaningful when `sawSemicolon`.
        private var tail = State.start
        private var sawSemicolon = false
        /// A piece that is not text (a node, a claim, a citation) makes no citation.
        private var holdsOther = false

        var accepts: Bool { !holdsOther && state.accepts }

        mutating func appendOther() {
            holdsOther = true
        }

        /// Whether only a `;` can change anything any more: the text is dead from the start
        /// and, past the last `;`, dead too (or there is none). Prose in a claim is dead
        /// at its first letter, so the rest of it is searched for `;` alone.
        private var inert: Bool {
            guard case .dead = state else { return false }
            guard sawSemicolon else { return true }
            if case .dead = tail { return true }
            return false
        }

        /// UTF-8 text, whole scalars (pieces are cut only at ASCII brackets).
        mutating func append(_ bytes: [UInt8]) {
            var i = 0
            while i < bytes.count {
                if inert {
                    // A `;` byte is never part of a longer scalar in UTF-8.
                    guard let semicolon = bytes[i...].firstIndex(of: UInt8(ascii: ";")) else { return }
                    i = semicolon
                }
                let lead = bytes[i]
                if lead < 0x80 {
                    step(Unicode.Scalar(lead))
                    i += 1
                    continue
                }
                let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07)
                for k in 1..<length where i + k < bytes.count {
                    value = value << 6 | UInt32(bytes[i + k] & 0x3F)
                }
                step(Unicode.Scalar(value) ?? "\u{FFFD}")
                i += length
            }
        }

        private mutating func step(_ c: Unicode.Scalar) {
            state = state.next(c)
            if c == ";" {
                sawSemicolon = true
                tail = .start
            } else if sawSemicolon {
                tail = tail.next(c)
            }
        }

        /// Advances past `[`, the text `inner` read, `]`. A bracket can only stand in a
        /// locator, and in a locator only a `;` counts, so whatever state this scanner
        /// is in, it ends in `locator` or `dead`, and `inner`'s `tail` says which.
        mutating func appendGroup(_ inner: Scanner) {
            holdsOther = holdsOther || inner.holdsOther
            let result: State
            if inner.sawSemicolon, case .locator = inner.tail {
                result = .locator
            } else if inner.sawSemicolon {
                result = .dead
            } else {
                result = .locator
            }
            func past(_ s: State) -> State {
                if case .locator = s { return result }
                return .dead
            }
            state = past(state)
            if inner.sawSemicolon {
                sawSemicolon = true
                tail = result
            } else if sawSemicolon {
                tail = past(tail)
            }
        }
    }
}
