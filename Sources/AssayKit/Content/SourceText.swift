import AssaySupport
import Foundation

/// Reads a text file as UTF-8, pointing at the first bad byte when it is not.
enum SourceText {
    static func read(_ url: URL, path: String) throws(BuildFailure) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BuildFailure([Diagnostic(.io, "cannot read file: \(error.localizedDescription)", path: path)])
        }
        return try decode(data, path: path)
    }

    static func decode(_ data: Data, path: String) throws(BuildFailure) -> String {
        try decode(Array(data), path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) throws(BuildFailure) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        let (line, column) = firstInvalidByte(bytes)
        throw BuildFailure([
            Diagnostic(.invalidUTF8, "file is not valid UTF-8", path: path, line: line, column: column)
        ])
    }

    /// Line and byte column of the first byte that breaks UTF-8.
    static func firstInvalidByte(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i - lineStart + 1)
            }
            if i + length > bytes.count { return (line, i - lineStart + 1) }
            let sequence = bytes[i..<(i + length)]
            if String(validating: sequence, as: UTF8.self) == nil { return (line, i - lineStart + 1) }
            if b == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
            i += length
        }
        return (line, 1)
    }
}
