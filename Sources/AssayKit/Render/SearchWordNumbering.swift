/// The words of the search index's texts, numbered in order of first appearance, with
/// how often each occurs and the numbers text after text (-1 ends a text).
///
/// Words are keys as Swift compares strings (canonical equivalence: `é` composed and
/// decomposed are one word, spelt as first met). That dictionary hashed and compared
/// every one of some three million words at 10,000 pages, a tenth of a full build. An
/// ASCII word is now looked up first by its bytes, in a table of ASCII words already
/// numbered: equal bytes are equal strings, so it finds the same number. A word the
/// table does not have, or one that is not ASCII, goes to the dictionary as before, and
/// an ASCII word found or added there is put in the table; so a non-ASCII spelling met
/// first (a Kelvin sign, which equals `K`) keeps its number for the ASCII spelling too.
struct SearchWordNumbering {
    private(set) var words: [Substring] = []
    private(set) var counts: [Int] = []
    private(set) var numbered: [Int32] = []
    private var ids: [Substring: Int32] = [:]
    private var ascii = ASCIIWordTable()

    /// Adds the words of `text` (as `SearchWords.split` splits it) and ends the text.
    mutating func add(_ text: String) {
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard SearchWords.bytesAreEnough(bytes) else { return false }
            var i = 0
            while i < bytes.count {
                while i < bytes.count, SearchWords.isSeparator(bytes[i]) { i += 1 }
                guard i < bytes.count else { break }
                let start = i
                var isASCII = true
                while i < bytes.count, !SearchWords.isSeparator(bytes[i]) {
                    if bytes[i] >= 0x80 { isASCII = false }
                    i += 1
                }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if isASCII, let id = ascii.id(of: word) {
                    count(id)
                } else {
                    let utf8 = text.utf8
                    let lower = utf8.index(utf8.startIndex, offsetBy: start)
                    let id = number(text[lower..<utf8.index(lower, offsetBy: i - start)])
                    if isASCII { ascii.insert(word, id: id) }
                }
            }
            return true
        } ?? false
        if !done {
            for word in SearchWords.slow(text) { _ = number(word) }
        }
        numbered.append(-1)
    }

    /// The word's number from the dictionary, given it if new; counted.
    private mutating func number(_ word: Substring) -> Int32 {
        if let id = ids[word] {
            count(id)
            return id
        }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        counts.append(0)
        count(id)
        return id
    }

    private mutating func count(_ id: Int32) {
        counts[Int(id)] += 1
        numbered.append(id)
    }
}

/// Open addressing over ASCII words' bytes, kept in one buffer: no String hashed, none
/// made. FNV-1a, as the words are short (six bytes on average).
private struct ASCIIWordTable {
    private struct Slot {
        var hash: UInt64
        var id: Int32
        var offset: Int32
        var length: Int32
    }
    private var slots = [Slot](repeating: Slot(hash: 0, id: -1, offset: 0, length: 0), count: 1024)
    private var bytes: [UInt8] = []
    private var count = 0

    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in word { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    func id(of word: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Self.hash(word)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { return nil }
            if slot.hash == h, Int(slot.length) == word.count, equal(slot, word) { return slot.id }
            i = (i + 1) & mask
        }
    }

    private func equal(_ slot: Slot, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            let offset = Int(slot.offset)
            for k in word.indices where stored[offset + k] != word[k] { return false }
            return true
        }
    }

    /// Adds a word the table does not have.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, id: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let slot = Slot(hash: Self.hash(word), id: id, offset: Int32(bytes.count), length: Int32(word.count))
        bytes.append(contentsOf: word)
        place(slot)
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, id: -1, offset: 0, length: 0), count: old.count * 2)
        for slot in old where slot.id >= 0 { place(slot) }
    }
}
