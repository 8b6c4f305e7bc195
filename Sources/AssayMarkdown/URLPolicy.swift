/// Which link and image destinations may be published: `http`, `https`, `mailto` and
/// relative URLs (`#fragment`, `page.md`, `../x.html`, `//host/x` takes the page's scheme).
/// Everything else (`javascript:`, `data:`, `vbscript:`, `file:`, any other `scheme:`) could
/// run code or reach outside the site, and is refused.
public enum URLPolicy {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The scheme as a browser reads it, lowercased: leading spaces and control characters
    /// skipped and tabs and newlines anywhere removed (WHATWG URL parsing), so that
    /// ` java\tscript:` is `javascript`. Nil for a relative URL.
    public static func scheme(of url: String) -> String? {
        var scheme: [UInt8] = []
        var started = false
        for byte in url.utf8 {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if !started, byte <= 0x20 { continue }
            started = true
            switch byte {
            case UInt8(ascii: ":"):
                return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self)
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                scheme.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(byte | 0x20)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                // Not a scheme's first character: `1x:` and `./a:b` are paths.
                guard !scheme.isEmpty else { return nil }
                scheme.append(byte)
            default:
                return nil
            }
        }
        return nil
    }

    public static func isAllowed(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return allowedSchemes.contains(scheme)
    }
}
