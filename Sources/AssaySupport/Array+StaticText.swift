extension Array where Element == UInt8 {
    /// Appends the bytes of fixed text (a literal) without making an array or a string of
    /// it first: for output written piece by piece (claims.json, the search index,
    /// JSON-LD), where `Array("…".utf8)` allocated once per piece.
    @inlinable @inline(__always)
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
