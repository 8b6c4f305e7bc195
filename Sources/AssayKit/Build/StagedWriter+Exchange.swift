import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension StagedWriter {
    /// Swaps the folders at `a` and `b` in one step: Linux's `renameat2` with
    /// `RENAME_EXCHANGE`, macOS's `renamex_np` with `RENAME_SWAP`. Where neither exists
    /// (or the file system refuses), two renames: still never a half-written tree, but a
    /// kill between them leaves `b` missing for an instant's worth of work.
    static func exchange(_ a: URL, _ b: URL) throws {
        #if os(Linux)
        // Glibc has had renameat2 since 2.28, but Swift's Glibc module does not import
        // it (it is declared under _GNU_SOURCE), so it is looked up by name.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let renameExchange: UInt32 = 1 << 1
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 { return }
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else { throw POSIXError(errno: errno) }
        }
        #elseif canImport(Darwin)
        if renamex_np(a.path, b.path, UInt32(RENAME_SWAP)) == 0 { return }
        guard errno == ENOTSUP || errno == EINVAL else { throw POSIXError(errno: errno) }
        #endif
        let aside = a.deletingLastPathComponent().appending(path: a.lastPathComponent + "-old")
        guard rename(b.path, aside.path) == 0 else { throw POSIXError(errno: errno) }
        guard rename(a.path, b.path) == 0 else {
            let code = errno
            _ = rename(aside.path, b.path)
            throw POSIXError(errno: code)
        }
        guard rename(aside.path, a.path) == 0 else { throw POSIXError(errno: errno) }
    }
}
