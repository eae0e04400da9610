// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dibao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dibao", targets: ["dibao"]),
        .executable(name: "dibao-bench", targets: ["DibaoBenchmarks"]),
        .executable(name: "dibao-fuzz", targets: ["DibaoFuzz"]),
        .library(name: "PolicyModel", targets: ["PolicyModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // MARK: - Pure policy core (no files, clock, environment or BLAS)

        .target(name: "PolicyModel", dependencies: ["MicrosimKernels"]),

        /// AVX2 kernels chosen at run time (the microsimulation's gap rule, Monte Carlo's uniforms and AS 241, the population reader's usual lines); pure arithmetic, no I/O.
        .target(name: "MicrosimKernels"),

        // MARK: - C libraries opened on first use (dlopen), not linked: a fast start for every command

        /// The shims below declare the functions as function-pointer types; nothing is linked.
        .target(name: "LazyLibraries"),

        // MARK: - Numerics (the only importer of the BLAS/LAPACK shims)

        /// OpenBLAS (libopenblas0) and LAPACKE (liblapacke), opened on the first product or factorisation.
        .systemLibrary(name: "CBLAS"),
        .systemLibrary(name: "CLAPACKE"),
        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE", "LazyLibraries"]),

        // MARK: - Spreadsheets (the only importer of the libxlsxwriter shim)

        /// libxlsxwriter (libxlsxwriter4), opened on the first workbook; its types from /usr/include/xlsxwriter.h
        /// (libxlsxwriter-dev).
        .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "Workbooks", dependencies: ["CXLSXWriter", "LazyLibraries"]),

        // MARK: - Word documents (OOXML parts; the zip package by ZIPFoundation)

        .target(name: "Documents", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),

        // MARK: - SVG to PNG (the only importer of the librsvg shim)

        /// librsvg with cairo and GLib (librsvg2-2), opened on the first picture.
        .systemLibrary(name: "CRSVG"),
        .target(name: "Rasterizer", dependencies: ["CRSVG", "LazyLibraries"]),

        // MARK: - Numerics on LinearAlgebra: Monte Carlo, calibration, transitions (no files)

        .target(name: "Simulation", dependencies: ["PolicyModel", "LinearAlgebra", "MicrosimKernels"]),

        // MARK: - File formats (read and write; no projecting)

        .target(
            name: "ScenarioFiles",
            dependencies: ["PolicyModel", "MicrosimKernels", .product(name: "Yams", package: "Yams")]
        ),

        // MARK: - The run layer: load → population → transition states → projection

        .target(name: "RunLayer", dependencies: ["PolicyModel", "ScenarioFiles", "Simulation"]),

        // MARK: - Analyses through the run layer: solving and sweeps

        .target(name: "Analyses", dependencies: ["PolicyModel", "ScenarioFiles", "RunLayer"]),

        // MARK: - Presentation (no policy math)

        .target(
            name: "Reports",
            dependencies: [
                "PolicyModel", "ScenarioFiles", "Simulation", "RunLayer", "Analyses", "Workbooks", "Documents", "Rasterizer",
            ]),

        // MARK: - The local web workbench (`dibao serve`): HTTP API and static page over the run layer

        .target(
            name: "Workbench",
            dependencies: [
                "PolicyModel", "ScenarioFiles", "RunLayer", "Reports", "Simulation", "Workbooks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Static")]
        ),

        // MARK: - Command-line front end

        .executableTarget(
            name: "dibao",
            dependencies: [
                "PolicyModel", "ScenarioFiles", "RunLayer", "Analyses", "Reports", "Simulation", "Workbooks", "Workbench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Benchmarks (make bench)

        .executableTarget(
            name: "DibaoBenchmarks",
            dependencies: ["PolicyModel", "ScenarioFiles", "RunLayer", "Reports", "Simulation"],
            path: "Benchmarks/DibaoBenchmarks"
        ),

        // MARK: - Fuzzing (make fuzz: built with -sanitize=fuzzer, libFuzzer provides main)

        .executableTarget(
            name: "DibaoFuzz",
            dependencies: ["PolicyModel", "ScenarioFiles", "RunLayer", "Reports", "Simulation"],
            path: "Fuzz/DibaoFuzz"
        ),

        // MARK: - Tests

        /// Temporary folders for the tests, removed when the test process exits.
        .target(name: "TestFolders", path: "Tests/TestFolders"),
        .testTarget(name: "PolicyModelTests", dependencies: ["PolicyModel"]),
        .testTarget(name: "LazyLibrariesTests", dependencies: ["LazyLibraries"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "LazyLibraries"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "PolicyModel", "LinearAlgebra", "MicrosimKernels"]),
        .testTarget(
            name: "AnalysesTests", dependencies: ["Analyses", "RunLayer", "Simulation", "ScenarioFiles", "PolicyModel", "TestFolders"]),
        .testTarget(
            name: "ScenarioFilesTests", dependencies: ["ScenarioFiles", "RunLayer", "PolicyModel", "Simulation", "TestFolders"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "PolicyModel", "ScenarioFiles", "RunLayer", "Simulation"],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", "Rasterizer", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: [
                "Workbench", "RunLayer", "Reports", "ScenarioFiles", "TestFolders",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "dibaoTests", dependencies: ["dibao", "Workbench", "TestFolders"]),
    ],
    swiftLanguageModes: [.v6]
)
