import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file with plain POSIX calls, straight into the byte array its reader
/// works on: through `Data` (and the URL it wants) each file was copied once more, and
/// making the URL cost as much as reading a page.
enum FileBytes {
    /// The whole file, or nil if it cannot be read (the caller then reads it the slow
    /// way, for the error to report).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let n = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                // An error, or a file cut short while it was read.
                guard n > 0 else {
                    failed = true
                    break
                }
                count += n
            }
        }
        return failed ? nil : bytes
    }
}
