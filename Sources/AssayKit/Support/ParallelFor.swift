import Dispatch

/// Runs work for 0..<count across all cores. The work is `@Sendable`, so the compiler
/// checks that nothing it shares can be raced on.
enum ParallelFor {
    static func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Maps in parallel, keeping order. Each result is moved into its own slot of the
    /// array being made: results kept under a lock as optionals and copied out at the end
    /// cost a lock per item, and then a copy and a release of every reference the results
    /// hold, on one core, after the work (at 10,000 pages a page and its metadata hold
    /// dozens, and the first pass's copy was 10 ms while the other core had nothing to do).
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress)
            run(items.count) { i in slots.put(transform(items[i]), at: i) }
            initialized = items.count
        }
    }

    /// One result per index, put there from any thread and taken out whole at the end by
    /// moving, not copying: for work whose results go to several arrays (`map` and then
    /// one `map` per field would copy every field and release it again).
    final class Column<R>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<R>
        private let count: Int
        private var taken = false

        init(count: Int) {
            base = .allocate(capacity: max(count, 1))
            self.count = count
        }

        /// A column dropped without `take()`, once its work has put every slot (work that
        /// cannot throw always does), still frees what it holds.
        deinit {
            guard !taken else { return }
            base.deinitialize(count: count)
            base.deallocate()
        }

        /// Every index must be put exactly once before `take()`, each by one thread.
        func put(_ value: consuming R, at i: Int) {
            precondition(i >= 0 && i < count)
            (base + i).initialize(to: value)
        }

        /// The results in order; call once, after the work that put them has finished.
        func take() -> [R] {
            precondition(!taken, "a column is taken once")
            taken = true
            let values = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress?.moveInitialize(from: base, count: count)
                initialized = count
            }
            base.deallocate()
            return values
        }
    }

    /// Where `map` puts each result: every index is written once, by the one iteration
    /// that owns it, and read only after `concurrentPerform` has returned, which waits for
    /// every iteration. No two threads touch the same slot, hence `@unchecked`.
    private struct Slots<R>: @unchecked Sendable {
        let base: UnsafeMutablePointer<R>?

        func put(_ value: consuming R, at i: Int) {
            (base! + i).initialize(to: value)
        }
    }
}
