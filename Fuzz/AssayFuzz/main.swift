#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// SwiftPM gives an executable its own `main` (renamed and linked under `main`), which
// shadows the one in libFuzzer's runtime, so this `main` hands over to libFuzzer's
// driver itself. Its result is libFuzzer's exit status (non-zero after a crash).

/// libFuzzer's driver, exported by the `-sanitize=fuzzer` runtime (LLVM 13 and later).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&argc, &argv) { data, size in
        fuzzOne(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    })
