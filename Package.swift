// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "attrib",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attrib", targets: ["attrib"]),
        .library(name: "AttribKit", targets: ["AttribKit"]),
    ],
    dependencies: [
        // Command-line parsing with generated help and validation (README: Dependencies).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for Rules/ and configuration, with line numbers in its errors.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // cmark-gfm reads Markdown (with tables); Debian ships no .pc for the extensions library,
        // so the module map links it by name.
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // libxml2's HTML parser finds the article's elements.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "AttribKit",
            dependencies: ["CPCRE2", "CCMarkGFM", "CLibXML2", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "attrib",
            dependencies: ["AttribKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Goldens/ holds the output-format golden files the tests read from disk.
        // libFuzzer target over the whole pipeline (make fuzz); a plain build replays saved inputs.
        .executableTarget(name: "attrib-fuzz", dependencies: ["AttribKit"]),
        .testTarget(name: "AttribKitTests", dependencies: ["AttribKit"], exclude: ["Goldens", "FuzzRegressions"]),
        .testTarget(name: "attribTests", dependencies: ["attrib"]),
    ],
    swiftLanguageModes: [.v6]
)
