// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AssayKit", targets: ["AssayKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev); only AssayMarkdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // What every layer shares: the located Diagnostic and its typed Rule, HTML escaping,
        // "did you mean". Depends on nothing.
        .target(name: "AssaySupport"),
        .target(name: "AssayMarkdown", dependencies: ["CCmark", "AssaySupport"]),
        // The Mustache engine: nothing of Assay's but the shared escaper, so it is tested
        // against the spec alone.
        .target(name: "AssayTemplates", dependencies: ["AssaySupport"]),
        // The default theme inside the binary: templates/ (its one source) is turned into
        // Swift at build time by EmbedTheme, which runs AssayThemeEmbedder (no dependencies).
        .executableTarget(name: "AssayThemeEmbedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["AssayThemeEmbedder"]),
        .plugin(name: "StampVersion", capability: .buildTool(), dependencies: ["AssayThemeEmbedder"]),
        .target(name: "AssayTheme", plugins: ["EmbedTheme"]),
        .target(
            name: "AssayKit",
            dependencies: [
                "AssaySupport", "AssayMarkdown", "AssayTemplates", "AssayTheme",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "AssayPreview",
            dependencies: ["AssayKit", "AssaySupport"]
        ),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayKit", "AssayPreview", "AssaySupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian: libjemalloc-dev; libjemalloc2 at run time) in place of
            // glibc's malloc, for the whole process: a build makes and frees millions of
            // small strings and arrays, and glibc's malloc and free were an eighth of a full
            // build. Linked dynamically, so libc, libcmark and the Swift runtime all bind
            // to it (a static archive's symbols would stay local to the binary, and memory
            // malloc'ed by libcmark would be freed by another allocator). See
            // Benchmarks/README.md, "Fifth round".
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))],
            plugins: ["StampVersion"]
        ),
        // What the test targets share: running `assay` and `cmark`, the fixture site.yml.
        .target(name: "AssayTestSupport", path: "Tests/AssayTestSupport"),
        .testTarget(name: "AssaySupportTests", dependencies: ["AssaySupport"]),
        .testTarget(name: "AssayMarkdownTests", dependencies: ["AssayMarkdown", "AssaySupport", "AssayTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AssayTemplatesTests", dependencies: ["AssayTemplates"]),
        // Fixtures are read from the source tree (found via #filePath), not bundled.
        .testTarget(name: "AssayKitTests", dependencies: ["AssayKit", "AssaySupport", "AssayTestSupport", .product(name: "Yams", package: "Yams")], exclude: ["Fixtures"]),
        .testTarget(name: "AssayPreviewTests", dependencies: ["AssayPreview", "AssaySupport", "AssayTestSupport"]),
        .testTarget(name: "AssayCLITests", dependencies: ["assay", "AssaySupport", "AssayTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target for the claim and citation transform (scripts/fuzz). It has no
// `main` of its own (libFuzzer supplies it under `-sanitize=fuzzer`), so it is declared
// only when asked for: an ordinary `swift build` or `swift test` never sees it.
if Context.environment["ASSAY_FUZZ"] != nil {
    package.products.append(.executable(name: "assay-fuzz", targets: ["AssayFuzz"]))
    package.targets.append(.executableTarget(name: "AssayFuzz", dependencies: ["AssayMarkdown"], path: "Fuzz/AssayFuzz"))
}
