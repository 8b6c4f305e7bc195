extension String {
    /// `split(separator: "/").count`, counted on the bytes when they are all ASCII (each
    /// byte a character there): splitting by characters cost 11,000 instructions for a
    /// path such as `section-03/page-0123.html`, and every page split its paths several times.
    var slashComponentCount: Int {
        var count = 0
        var inComponent = false
        for byte in utf8 {
            guard byte < 0x80 else { return split(separator: "/").count }
            if byte == UInt8(ascii: "/") {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                count += 1
            }
        }
        return count
    }

    /// `split(separator: "/").dropLast().joined(separator: "/")`: the folder of a path, on
    /// the bytes when they are all ASCII.
    var slashParentFolder: String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return split(separator: "/").dropLast().joined(separator: "/") }
        var components: [Range<Int>] = []
        var start = -1
        for (i, byte) in utf8.enumerated() {
            if byte == UInt8(ascii: "/") {
                if start >= 0 { components.append(start..<i) }
                start = -1
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { components.append(start..<utf8.count) }
        guard components.count > 1 else { return "" }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (n, range) in components.dropLast().enumerated() {
            if n > 0 { out.append(UInt8(ascii: "/")) }
            out += bytes[range]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
