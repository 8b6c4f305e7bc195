/// How alike two claim texts are, for matching a re-worded claim to its earlier wording.
///
/// Word-set Jaccard: shared words over all words, case and punctuation ignored. Claims
/// are one sentence; a changed word or two keeps a long sentence well above the
/// threshold, while two different claims on one topic share few words besides "kratom".
enum TextSimilarity {
    /// The lowest similarity at which two claims are taken for one.
    static let threshold = 0.5

    /// Lower-cased runs of letters and digits.
    static func words(_ text: String) -> Set<String> {
        var words = Set<String>()
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.insert(word)
                word = ""
            }
        }
        if !word.isEmpty { words.insert(word) }
        return words
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        let (x, y) = (words(a), words(b))
        if x.isEmpty && y.isEmpty { return 1 }
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }

    /// Every pair of an `a` text and a `b` text at least `threshold` alike, with its
    /// score, in no particular order.
    ///
    /// Without comparing every pair: words are numbered rarest first, and two sets whose
    /// Jaccard similarity reaches t share a word among the first |s| − ⌈t·|s|⌉ + 1 of
    /// either set in that order (the prefix filter of similarity joins: Chaudhuri, Ganti
    /// and Kaushik, ICDE 2006). Only pairs sharing such a word are compared.
    static func pairs(_ a: [String], _ b: [String], threshold: Double = threshold) -> [(a: Int, b: Int, score: Double)] {
        var ids: [String: Int] = [:]
        var frequency: [Int] = []
        func numbered(_ texts: [String]) -> [[Int]] {
            texts.map { text in
                words(text).map { word in
                    let id = ids[word] ?? {
                        ids[word] = frequency.count
                        frequency.append(0)
                        return frequency.count - 1
                    }()
                    frequency[id] += 1
                    return id
                }
            }
        }
        let (setsA, setsB) = (numbered(a), numbered(b))
        // Rarest first; ties by first appearance, so the order is the same on every run.
        let rank = Dictionary(uniqueKeysWithValues: frequency.indices.sorted { (frequency[$0], $0) < (frequency[$1], $1) }.enumerated().map { ($1, $0) })
        let sortedA = setsA.map { $0.map { rank[$0]! }.sorted() }
        let sortedB = setsB.map { $0.map { rank[$0]! }.sorted() }
        func prefix(_ s: [Int]) -> ArraySlice<Int> {
            let keep = s.count - Int((threshold * Double(s.count)).rounded(.up)) + 1
            return s.prefix(max(keep, 0))
        }
        var index: [Int: [Int]] = [:]
        for (j, s) in sortedB.enumerated() {
            for word in prefix(s) { index[word, default: []].append(j) }
        }
        var found: [(a: Int, b: Int, score: Double)] = []
        var seen = Set<Int>()
        for (i, s) in sortedA.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for word in prefix(s) {
                for j in index[word] ?? [] where seen.insert(j).inserted {
                    let score = jaccard(s, sortedB[j])
                    if score >= threshold { found.append((i, j, score)) }
                }
            }
        }
        return found
    }

    /// Jaccard similarity of two sorted lists of distinct numbers.
    static func jaccard(_ x: [Int], _ y: [Int]) -> Double {
        if x.isEmpty && y.isEmpty { return 1 }
        var (i, j, shared) = (0, 0, 0)
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                shared += 1
                i += 1
                j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(x.count + y.count - shared)
    }
}
