extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place when they are contiguous
    /// (nearly always), else through a contiguous copy. `withUTF8` wants a mutable
    /// string, and the copy made for it cost a retain and a release on paths that run
    /// for every value a page shows.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
