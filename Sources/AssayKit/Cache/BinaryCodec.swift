import AssaySupport

/// A compact byte format for the build cache: varints and length-prefixed UTF-8.
/// Hand-rolled because the cache is read on every incremental build, and decoding
/// thousands of pages through `Codable` would cost more than the rebuild itself.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        let utf8 = value.utf8
        uint(UInt64(utf8.count))
        bytes += utf8
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        int(values.count)
        for d in values {
            string(d.rule.rawValue)
            string(d.severity.rawValue)
            string(d.message)
            optionalString(d.path)
            bool(d.line != nil)
            if let line = d.line { int(line) }
            bool(d.column != nil)
            if let column = d.column { int(column) }
        }
    }
}

/// Reads what `BinaryWriter` wrote; any inconsistency throws and the cache is ignored.
struct BinaryReader {
    struct Corrupt: Error {}

    let bytes: [UInt8]
    var offset = 0
    /// Where reading stops: the end of the bytes, or of one part of them.
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    /// A reader of `bytes[start..<end]` alone, sharing the array.
    init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        offset = start
        self.end = end
    }

    mutating func uint() throws(Corrupt) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Corrupt() }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(Corrupt) -> Int { Int(Int64(bitPattern: try uint())) }

    mutating func bool() throws(Corrupt) -> Bool {
        guard offset < end else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Corrupt) -> String {
        let count = Int(try uint())
        guard count >= 0, count <= end - offset else { throw Corrupt() }
        defer { offset += count }
        // From the buffer, not an array slice: a slice per string retained and released
        // the whole array, and reading the cache makes some 60,000 strings per 1,000 pages.
        let start = offset
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self) }
    }

    mutating func optionalString() throws(Corrupt) -> String? {
        try bool() ? try string() : nil
    }

    /// A number of elements to follow: never more than bytes are left, so a corrupt
    /// count cannot make the reader reserve a huge array.
    mutating func count() throws(Corrupt) -> Int {
        let count = try int()
        guard count >= 0, count <= end - offset else { throw Corrupt() }
        return count
    }

    mutating func strings() throws(Corrupt) -> [String] {
        let count = try count()
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try string()) }
        return out
    }

    mutating func diagnostics() throws(Corrupt) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for _ in 0..<(try count()) {
            guard let rule = Rule(rawValue: try string()), let severity = Diagnostic.Severity(rawValue: try string()) else {
                throw Corrupt()
            }
            let message = try string()
            let path = try optionalString()
            let line = try bool() ? try int() : nil
            let column = try bool() ? try int() : nil
            out.append(Diagnostic(rule, message, path: path, line: line, column: column, severity: severity))
        }
        return out
    }
}
