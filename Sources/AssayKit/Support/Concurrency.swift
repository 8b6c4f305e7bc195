import Dispatch
import Foundation

/// A value behind a lock: results gathered from parallel work, and the preview server's
/// state that request handlers read on every request (a lock is cheaper there than a hop
/// to an actor). The one lock type of the package.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Runs `body` for 0..<count across all cores. Each index is written by exactly one
/// iteration, so callers fill a preallocated array without a lock.
enum ParallelFor {
    static func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
        }
    }

    /// Maps in parallel, keeping order.
    static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        var results = [R?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedBox(buffer)
            run(items.count) { out.value[$0] = transform(items[$0]) }
        }
        return results.map { $0! }
    }
}

/// Moves a value the compiler cannot prove safe into concurrent code whose indices
/// never overlap.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
