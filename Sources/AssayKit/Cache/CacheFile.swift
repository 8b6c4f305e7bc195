import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the cache's files with plain POSIX calls, straight from the byte arrays the
/// codec works on (and `FileBytes` reads them): through `Data` each file was copied once
/// more each way, which at 1,000 pages (a 2 MB cache) cost a thousand page faults per build.
enum CacheFile {
    /// What `write` puts in the file, in order: bytes of their own, or a range of the
    /// bytes of the file the cache was read from.
    enum Chunk {
        case bytes([UInt8])
        case file(Range<Int>)

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .file(let range): range.count
            }
        }
    }

    /// Writes the chunks one after the other (ranges taken from `file`) into a new file
    /// that then replaces `path` by rename, so a reader never sees half a file. A cache
    /// that cannot be written only costs the next build time, so failures are silent.
    static func write(_ chunks: [Chunk], from file: [UInt8] = [], to path: String) {
        let temporary = path + ".\(getpid()).tmp"
        guard let fd = try? StagedWriter.create(temporary) else { return }
        let written = (try? chunks.forEach { chunk in
            switch chunk {
            case .bytes(let bytes): try StagedWriter.write(bytes, toDescriptor: fd)
            case .file(let range): try StagedWriter.write(file[range], toDescriptor: fd)
            }
        }) != nil
        close(fd)
        if !written || rename(temporary, path) != 0 { unlink(temporary) }
    }
}
