import Synchronization

/// A value behind the standard library's `Mutex`, in a class so that threads can share
/// it: results gathered from parallel work, and the preview server's state that request
/// handlers read on every request (a lock is cheaper there than a hop to an actor). The
/// one lock type of the package; the compiler checks what crosses it.
public final class Locked<Value>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: sending Value) { mutex = Mutex(value) }

    public func withLock<R, E: Error>(_ body: (inout sending Value) throws(E) -> sending R) throws(E) -> sending R {
        try mutex.withLock(body)
    }
}
