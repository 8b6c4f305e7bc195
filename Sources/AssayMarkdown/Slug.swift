/// GitHub-style anchors: lowercase, letters, digits, `-` and `_` kept, spaces to `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
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
            while used.contains(candidate) {
                n += 1
                candidate = "\(base)-\(n)"
            }
            used.insert(candidate)
            lastSuffix[base] = n
            return candidate
        }
    }
}
