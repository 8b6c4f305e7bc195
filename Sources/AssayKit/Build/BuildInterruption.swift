import AssaySupport
import Dispatch
import Foundation

/// Ctrl-C and SIGTERM during `assay build`: the build stops writing and puts nothing in
/// place, so the output folder keeps its old tree, and the staging folder is removed.
/// A second signal ends the process at once, which is just as safe (the exchange is
/// atomic), only untidy: the next build clears the stage it leaves.
public enum BuildInterruption: Error {
    case interrupted

    var message: String { "the build was interrupted; the output folder was left as it was" }

    private static let requested = Locked(false)
    /// Kept so the sources live as long as the process; written only by `install`, on the
    /// main thread, and never read (Dispatch's sources are not `Sendable`, so no lock can
    /// hold them).
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static var isRequested: Bool { requested.withLock { $0 } }

    /// Installs the handlers; call once, from the command line's build command.
    public static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let again = requested.withLock { old in
                    defer { old = true }
                    return old
                }
                if again { _exit(128 + number) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
