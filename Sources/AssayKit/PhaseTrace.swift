import Foundation

/// With `ASSAY_TRACE=1`, prints how long each build phase took, on stderr: the
/// profile of a build without a profiler.
struct PhaseTrace {
    let enabled = ProcessInfo.processInfo.environment["ASSAY_TRACE"] == "1"
    var last: ContinuousClock.Instant
    var phases: [(String, Duration)] = []

    init(start: ContinuousClock.Instant) {
        last = start
    }

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        phases.append((phase, now - last))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = phases.map { name, d in
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            return "\(name) \(Int(ms.rounded())) ms"
        }.joined(separator: ", ")
        FileHandle.standardError.write(Data("trace: \(text)\n".utf8))
    }
}
