import Testing

@testable import AssayKit

/// A page's fingerprint (`Fingerprint.add(contents:)`, eight bytes at a step) must change
/// with any one byte of the file, wherever it is, and with the file's length.
@Suite("Fingerprint of a file's contents")
struct FingerprintContentsTests {
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var f = Fingerprint()
        bytes.withUnsafeBytes { f.add(contents: $0) }
        return f.value
    }

    @Test("every one-byte change, in the words and in the tail, changes it", arguments: [0, 1, 7, 8, 15, 16, 37])
    func oneByteChanges(length: Int) {
        let text = Array("---\ntitle: \"A page\"\n---\nSome [claim]{.anecdotal} text.".utf8.prefix(length))
        let original = Self.fingerprint(text)
        #expect(Self.fingerprint(text) == original)
        var seen: Set<UInt64> = [original]
        for i in text.indices {
            for delta: UInt8 in [1, 0x20, 0x80] {
                var changed = text
                changed[i] ^= delta
                #expect(seen.insert(Self.fingerprint(changed)).inserted, "byte \(i) ^ \(delta)")
            }
        }
    }

    @Test("a byte more or less changes it, zeros included")
    func lengthCounts() {
        let base = [UInt8](repeating: 0, count: 16)
        let values = (0...base.count).map { Self.fingerprint(Array(base.prefix($0))) }
        #expect(Set(values).count == values.count)
    }
}
