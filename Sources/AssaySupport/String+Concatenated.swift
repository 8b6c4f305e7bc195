extension String {
    /// `a + b + c` made in one allocation: the operators make a string for `a + b`, then
    /// grow it for `c`, copying what is there at each step. For markup made for every
    /// claim and citation of a page.
    public static func concatenated(_ a: String, _ b: String, _ c: String) -> String {
        String(unsafeUninitializedCapacity: a.utf8.count + b.utf8.count + c.utf8.count) { out in
            var n = 0
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                (out.baseAddress! + n).update(from: base, count: bytes.count)
                n += bytes.count
            }
            a.withUTF8Bytes(copy)
            b.withUTF8Bytes(copy)
            c.withUTF8Bytes(copy)
            return n
        }
    }
}
