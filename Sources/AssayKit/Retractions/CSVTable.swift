/// A CSV file as RFC 4180 writes it: fields separated by commas, rows by CRLF or LF,
/// quoted fields holding commas, line breaks and doubled quotes (`""`). Read as bytes:
/// the Retraction Watch file is some 60 MB.
struct CSVTable {
    /// A row's fields and the line it starts on (a quoted field may span lines).
    struct Row {
        var fields: [String]
        var line: Int
    }

    enum Failure: Error {
        /// A quoted field still open at the end of the file, and where it opened.
        case unclosedQuote(line: Int, column: Int)
    }

    /// Calls `body` with each row, the header included, in file order.
    static func forEachRow(_ bytes: [UInt8], _ body: (Row) -> Void) throws(Failure) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = 0
        // A UTF-8 byte order mark is not part of the first column's name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        var line = 1
        var lineStart = 0
        var fields: [String] = []
        var rowLine = 1
        var field: [UInt8] = []
        var atFieldStart = true
        var rowHasContent = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
        }
        func endRow() {
            endField()
            // Blank lines hold no record.
            if rowHasContent || fields.count > 1 || !(fields.first?.isEmpty ?? true) { body(Row(fields: fields, line: rowLine)) }
            fields.removeAll(keepingCapacity: true)
            rowHasContent = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == quote && atFieldStart {
                let openLine = line, openColumn = i - lineStart + 1
                atFieldStart = false
                rowHasContent = true
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < bytes.count, bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if c == lf {
                        line += 1
                        lineStart = i + 1
                    }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw .unclosedQuote(line: openLine, column: openColumn) }
                continue
            }
            switch b {
            case comma:
                endField()
                rowHasContent = true
                i += 1
            case cr where i + 1 < bytes.count && bytes[i + 1] == lf:
                i += 1
            case lf:
                endRow()
                i += 1
                line += 1
                lineStart = i
                rowLine = line
            default:
                // A stray quote inside an unquoted field is kept, as spreadsheets do.
                field.append(b)
                atFieldStart = false
                rowHasContent = true
                i += 1
            }
        }
        if rowHasContent || !field.isEmpty || !fields.isEmpty { endRow() }
    }
}
