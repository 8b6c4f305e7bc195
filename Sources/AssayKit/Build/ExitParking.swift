import AssaySupport

/// What a build leaves alive on purpose when the process ends right after it: freeing
/// every page's metadata, the cache and the plan object by object cost a one-page rebuild
/// of 1,000 pages about a tenth of its instructions, and the kernel takes the memory back
/// at once when the process exits. Only `assay build` asks for it (`BuildOptions.endsProcess`);
/// the preview server, which builds again and again, never does.
enum ExitParking {
    private static let parked = Locked<[any Sendable]>([])

    static func park(_ values: any Sendable...) {
        parked.withLock { $0 += values }
    }
}
