/// A CSV file as RFC 4180 writes it: fields separated by commas, rows by CRLF or LF,
/// quoted fields holding commas, line breaks and doubled quotes (`""`).
///
/// Read as bytes, one row at a time into buffers that are reused, and a field becomes a
/// `String` only when asked for: the Retraction Watch file is some 60 MB and 65,000 rows
/// of 20 fields, of which a check needs seven.
struct CSVTable {
    /// One row: its fields' bytes (quotes removed, `""` made `"`) one after another.
    struct Row {
        /// The line the row starts on (a quoted field may span lines).
        var line = 1
        var bytes: [UInt8] = []
        /// Where each field ends in `bytes`.
        var ends: [Int] = []

        var count: Int { ends.count }

        /// Field `i` without surrounding spaces, tabs or line breaks; "" past the end.
        func field(_ i: Int) -> String {
            guard i < ends.count else { return "" }
            var start = i == 0 ? 0 : ends[i - 1]
            var end = ends[i]
            while start < end, Self.isSpace(bytes[start]) { start += 1 }
            while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }

        /// Every field as written (untrimmed), for tests and headers.
        var fields: [String] {
            ends.indices.map { i in String(decoding: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]], as: UTF8.self) }
        }

        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    }

    enum Failure: Error {
        /// A quoted field still open at the end of the file, and where it opened.
        case unclosedQuote(line: Int, column: Int)
    }

    /// Calls `body` with each row, the header included, in file order; blank lines are
    /// skipped.
    static func forEachRow(_ input: [UInt8], _ body: (Row) -> Void) throws(Failure) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var failure: Failure?
        input.withUnsafeBufferPointer { bytes in
            let n = bytes.count
            var i = 0
            // A UTF-8 byte order mark is not part of the first column's name.
            if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            var line = 1
            var lineStart = 0
            var row = Row()
            row.bytes.reserveCapacity(4096)
            row.ends.reserveCapacity(32)
            while i < n {
                // One row.
                row.bytes.removeAll(keepingCapacity: true)
                row.ends.removeAll(keepingCapacity: true)
                row.line = line
                while true {
                    // One field.
                    if i < n, bytes[i] == quote {
                        let openLine = line, openColumn = i - lineStart + 1
                        i += 1
                        var closed = false
                        while i < n {
                            let start = i
                            while i < n, bytes[i] != quote, bytes[i] != lf { i += 1 }
                            row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                            guard i < n else { break }
                            if bytes[i] == lf {
                                row.bytes.append(lf)
                                i += 1
                                line += 1
                                lineStart = i
                            } else if i + 1 < n, bytes[i + 1] == quote {
                                row.bytes.append(quote)
                                i += 2
                            } else {
                                i += 1
                                closed = true
                                break
                            }
                        }
                        guard closed else {
                            failure = .unclosedQuote(line: openLine, column: openColumn)
                            return
                        }
                    }
                    // Unquoted text, or what follows a closing quote (kept, as spreadsheets do).
                    let start = i
                    while i < n, bytes[i] != comma, bytes[i] != lf { i += 1 }
                    var end = i
                    if end > start, bytes[end - 1] == cr, i == n || bytes[i] == lf { end -= 1 }
                    row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    row.ends.append(row.bytes.count)
                    if i < n, bytes[i] == comma {
                        i += 1
                        continue
                    }
                    break
                }
                if i < n {  // the line feed
                    i += 1
                    line += 1
                    lineStart = i
                }
                if row.ends.count > 1 || !row.bytes.isEmpty { body(row) }
            }
        }
        if let failure { throw failure }
    }
}
