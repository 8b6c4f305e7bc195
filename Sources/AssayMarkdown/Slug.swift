/// GitHub-style anchors: lowercase, letters, digits, `-` and `_` kept, spaces to `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
        // ASCII text (nearly every heading) on its bytes: asking each Character whether
        // it is a letter goes through the Unicode tables.
        var text = text
        if let ascii = text.withUTF8({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                        out[n] = byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        out[n] = byte + 0x20
                    case UInt8(ascii: " "):
                        out[n] = UInt8(ascii: "-")
                    default:
                        continue
                    }
                    n += 1
                }
                return n
            }
        }) {
            return ascii
        }
        var out = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" {
                out.append(ch)
            } else if ch == " " {
                out.append("-")
            }
        }
        return out
    }

    /// Makes anchors unique within a page the way GitHub does: `x`, `x-1`, `x-2`.
    public struct Registry {
        private var used: Set<String>
        /// The last suffix given for each base: `used` only grows, so the next free one is
        /// never below it, and a page of many equal headings is not counted up from 1 each time.
        private var lastSuffix: [String: Int] = [:]

        public init(reserved: Set<String> = []) {
            used = reserved
        }

        public mutating func claim(_ base: String) -> String {
            let base = base.isEmpty ? "section" : base
            var n = lastSuffix[base] ?? 0
            var candidate = n == 0 ? base : "\(base)-\(n)"
            // Inserting tells whether it was free: one hash, not a look and an insert.
            while !used.insert(candidate).inserted {
                n += 1
                candidate = "\(base)-\(n)"
            }
            // A base given as it is (nearly every claim's, each its own) leaves no hint:
            // none means 0.
            if n > 0 { lastSuffix[base] = n }
            return candidate
        }
    }
}
