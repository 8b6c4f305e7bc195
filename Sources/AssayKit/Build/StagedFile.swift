import AssaySupport
#if canImport(Glibc)
import Glibc
#endif

/// A file of the new tree written piece by piece (`StagedWriter.open`), on one thread:
/// the listings of every claim, which are then never held whole. The old file, if any, is
/// read alongside while the pieces still match it; if they match to its end, the new
/// file gives way to a hard link to the old one, as `StagedWriter.stage` does for a file
/// made whole (same inode and time: rsync and browsers see no change).
final class StagedFile: OutputPieces {
    private let path: String
    private let writer: StagedWriter
    /// The new file; -1 when it could not be made (the problem is with the writer).
    private var fd: Int32 = -1
    /// The old file while every piece so far matched it; -1 once one did not.
    private var old: Int32 = -1
    private var size = 0
    private var failed = false
    private var compared: [UInt8] = []

    init(_ path: String, in writer: StagedWriter) {
        self.path = path
        self.writer = writer
        guard StagedWriter.isSafe(path) else {
            fail(Diagnostic(.output, "refusing to write outside the output folder: \(path)", path: path))
            return
        }
        guard !BuildInterruption.isRequested else {
            failed = true
            return
        }
        do {
            fd = try StagedWriter.create(writer.stagePath + "/" + path)
        } catch {
            fail(Diagnostic(.io, "cannot write \(path): \(error.localizedDescription)", path: path))
            return
        }
        let previous = Glibc.open(writer.outputPath + "/" + path, O_RDONLY | O_CLOEXEC)
        var info = stat()
        if previous >= 0, fstat(previous, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            old = previous
        } else if previous >= 0 {
            close(previous)
        }
    }

    func add(_ bytes: [UInt8]) {
        guard fd >= 0, !failed, !bytes.isEmpty else { return }
        do {
            try StagedWriter.write(bytes, toDescriptor: fd)
        } catch {
            fail(Diagnostic(.io, "cannot write \(path): \(error.localizedDescription)", path: path))
            return
        }
        size += bytes.count
        if old >= 0, !oldContinues(with: bytes) {
            close(old)
            old = -1
        }
    }

    func finish() {
        defer {
            if fd >= 0 { close(fd) }
            if old >= 0 { close(old) }
            (fd, old) = (-1, -1)
        }
        guard fd >= 0, !failed else { return }
        let new = writer.stagePath + "/" + path
        // Same bytes as the old file, to its last: the old file is kept.
        if old >= 0, oldContinues(with: []), unlink(new) == 0, (try? StagedWriter.link(writer.outputPath + "/" + path, to: new)) != nil {
            writer.record(path, size: size, changed: false)
            return
        }
        writer.record(path, size: size, changed: true)
    }

    /// Whether the old file's next bytes are `bytes` (with none: whether it ends here).
    private func oldContinues(with bytes: [UInt8]) -> Bool {
        if bytes.isEmpty {
            var byte: UInt8 = 0
            return read(old, &byte, 1) == 0
        }
        if compared.count < bytes.count { compared = [UInt8](repeating: 0, count: bytes.count) }
        var filled = 0
        while filled < bytes.count {
            let n = compared.withUnsafeMutableBytes { read(old, $0.baseAddress! + filled, bytes.count - filled) }
            guard n > 0 else { return false }
            filled += n
        }
        return compared.withUnsafeBytes { a in bytes.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, bytes.count) == 0 } }
    }

    private func fail(_ problem: Diagnostic) {
        failed = true
        writer.fail(problem)
    }
}
