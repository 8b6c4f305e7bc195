import AssaySupport
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

    /// Maps in parallel, keeping order. Each result goes into its slot under the lock:
    /// one uncontended lock per item (a page, a file), nothing next to the work itself.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = Locked([R?](repeating: nil, count: items.count))
        run(items.count) { i in
            let result = transform(items[i])
            results.withLock { $0[i] = result }
        }
        return results.withLock { $0 }.map { $0! }
    }
}
