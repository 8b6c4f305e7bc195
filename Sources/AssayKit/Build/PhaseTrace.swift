import Foundation

/// With `ASSAY_TRACE=1`, prints how long each build phase took, on stderr: the
/// profile of a build without a profiler.
struct PhaseTrace {
    let enabled = ProcessInfo.processInfo.environment["ASSAY_TRACE"] == "1"
    var last: ContinuousClock.Instant
    var phases: [(String, Duration, Int?)] = []

    init(start: ContinuousClock.Instant) {
        last = start
    }

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        phases.append((phase, now - last, Self.peakMemoryMiB()))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = phases.map { name, d, peak in
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            return "\(name) \(Int(ms.rounded())) ms" + (peak.map { " (peak \($0) MB)" } ?? "")
        }.joined(separator: ", ")
        FileHandle.standardError.write(Data("trace: \(text)\n".utf8))
    }

    /// The process's peak resident memory so far (Linux `VmHWM`), so the trace shows
    /// which phase sets the build's peak; nil where /proc is missing (macOS).
    static func peakMemoryMiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kB / 1024
    }
}
