import Testing

@testable import AssayKit

/// `ParallelFor.map` and `Column` put each result in its own slot from whichever thread
/// made it: the order must be the items' order, every slot filled once.
@Suite("Parallel map")
struct ParallelForTests {
    @Test(arguments: [0, 1, 2, 3, 1_000, 10_007])
    func mapKeepsOrder(count: Int) {
        let items = (0..<count).map { "item \($0)" }
        let mapped = ParallelFor.map(items) { $0 + "!" }
        #expect(mapped == items.map { $0 + "!" })
    }

    @Test(arguments: [0, 1, 5_003])
    func columnsKeepOrder(count: Int) {
        let words = ParallelFor.Column<String>(count: count)
        let squares = ParallelFor.Column<[Int]>(count: count)
        ParallelFor.run(count) { i in
            words.put(String(i), at: i)
            squares.put([i * i], at: i)
        }
        #expect(words.take() == (0..<count).map(String.init))
        #expect(squares.take() == (0..<count).map { [$0 * $0] })
    }
}
