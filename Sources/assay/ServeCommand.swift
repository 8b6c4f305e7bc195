import ArgumentParser
import AssayKit
import AssayPreview
import AssaySupport
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve on 127.0.0.1, rebuild on change and reload open tabs.",
        discussion: """
            Watches content/, templates/ and site.yml (with inotify on Linux, by polling \
            elsewhere or with --poll). A build error is shown in the open tabs while the \
            last good site keeps being served. Ctrl-C stops the server.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8000

    @Option(help: "Address to listen on. Anything but a loopback address shares the preview with the network.")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "Output folder, built and served.")
    var output: String = "public"

    @Flag(help: "Include pages marked `draft: true`.")
    var drafts = false

    @Flag(help: "Watch by polling every 200 ms instead of inotify (for file systems that send no events).")
    var poll = false

    func validate() throws {
        guard UInt16(exactly: port) != nil else {
            throw ValidationError("--port must be between 0 and 65535")
        }
    }

    func run() async throws {
        let root = site.rootURL
        let out = URL(fileURLWithPath: output, relativeTo: root).standardizedFileURL
        let options = PreviewOptions(root: root, output: out, drafts: drafts, host: host, port: UInt16(port), watch: poll ? .polling : .automatic)
        let server: PreviewServer
        let bound: UInt16
        do {
            server = try PreviewServer(options: options, onEvent: Self.report)
            if let warning = server.address.exposureWarning { Self.warn(warning) }
            bound = try await server.start()
        } catch {
            Self.warn("error: \(error)")
            throw ExitCode(2)
        }
        // Ctrl-C (and SIGTERM) stops the server cleanly and the command exits 0; a
        // second one while it stops exits at once.
        StopSignals.install { count in
            if count > 1 { Foundation.exit(130) }
            Task { await server.stop() }
        }
        Self.say("Serving \(out.path) at \(server.address.url(port: bound)) (Ctrl-C to stop)")
        await server.waitUntilStopped()
        Self.say("Stopped.")
    }

    @Sendable private static func report(_ event: PreviewServer.Event) {
        switch event {
        case .rebuilding(let changed):
            let names = changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
            say("changed: \(names)")
        case .built(let report):
            // The same warnings after every save would bury the summary: print them
            // when they change.
            if ServeLog.shared.warningsChanged(report.warnings) {
                DiagnosticPrinter.print(report.warnings)
            }
            say(report.summary)
        case .failed(let diagnostics):
            _ = ServeLog.shared.warningsChanged([])
            DiagnosticPrinter.print(diagnostics)
            say("build failed: still serving the last good site; the errors show in the browser")
        case .notice(let line):
            warn(line)
        }
    }

    /// Printed at once: stdout is a pipe under tests and scripts, and they wait for it.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// SIGINT and SIGTERM, turned into calls on an ordinary thread.
///
/// The handler only writes a byte to a pipe, which is safe inside a signal handler, and
/// a thread reading the pipe does the rest. A plain handler rather than a Dispatch signal
/// source: on Linux the source needs the signal set to SIG_IGN and leaves delivery to
/// libdispatch, and in testing one Ctrl-C was lost that way and the server ran on.
private enum StopSignals {
    /// Read inside the signal handler, where no lock may be taken; written once, before
    /// the handlers are installed.
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1

    /// Calls `onSignal` with the number of stop signals so far, once per signal.
    static func install(_ onSignal: @escaping @Sendable (Int) -> Void) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        let pipeRead = fds[0]
        pipeWrite = fds[1]
        Thread.detachNewThread {
            var byte: UInt8 = 0
            var count = 0
            while read(pipeRead, &byte, 1) == 1 {
                count += 1
                onSignal(count)
            }
        }
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in
                var byte: UInt8 = 1
                _ = write(StopSignals.pipeWrite, &byte, 1)
            }
        }
    }
}

/// The warnings printed last, so a rebuild prints them only when they change.
private final class ServeLog: Sendable {
    static let shared = ServeLog()
    private let warnings = Locked<[Diagnostic]?>(nil)

    func warningsChanged(_ new: [Diagnostic]) -> Bool {
        warnings.withLock { warnings in
            defer { warnings = new }
            return warnings != new
        }
    }
}
