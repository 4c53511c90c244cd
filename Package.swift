// swift-tools-version:6.1
// Sheaf: BN254 arithmetic on GMP, Groth16, SnarkPack aggregation, an Ethereum gas
// model and 2-of-3 finality. Modules are listed lowest first; a module imports only
// modules above it in this file.
import PackageDescription

/// Release-grade optimisation for the arithmetic modules even in debug builds would
/// need unsafe flags, which SwiftPM forbids for dependencies; tests run in release.
let strictSettings: [SwiftSetting] = []

let package = Package(
    name: "Sheaf",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Sheaf", targets: ["Sheaf"]),
        .library(name: "SheafField", targets: ["SheafField"]),
        .library(name: "SheafCurve", targets: ["SheafCurve"]),
        .library(name: "SheafHash", targets: ["SheafHash"]),
        .library(name: "SheafGroth16", targets: ["SheafGroth16"]),
        .library(name: "SheafRecursion", targets: ["SheafRecursion"]),
        .library(name: "SheafAggregation", targets: ["SheafAggregation"]),
        .library(name: "SheafEthereum", targets: ["SheafEthereum"]),
        .library(name: "SheafGas", targets: ["SheafGas"]),
        .library(name: "SheafFinality", targets: ["SheafFinality"]),
        .library(name: "SheafCircom", targets: ["SheafCircom"]),
        .executable(name: "sheaf", targets: ["sheaf"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftwasm/WasmKit", from: "0.4.2"),
    ],
    targets: [
        // System-library shims (C headers only).
        .systemLibrary(
            name: "CGMP", path: "Sources/CGMP", pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]),
        .systemLibrary(
            name: "CSecp256k1", path: "Sources/CSecp256k1", pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"]), .brew(["secp256k1"])]),

        // Arithmetic and cryptography.
        .target(name: "SheafField", dependencies: ["CGMP"], swiftSettings: strictSettings),
        .target(name: "SheafCurve", dependencies: ["SheafField"], swiftSettings: strictSettings),
        .target(name: "SheafHash", dependencies: ["SheafField"], swiftSettings: strictSettings),
        .target(name: "SheafGroth16", dependencies: ["SheafField", "SheafCurve", "SheafHash"]),
        // Emulated BN254 base-field arithmetic in Groth16 circuits (recursion, issue 14).
        .target(name: "SheafRecursion", dependencies: ["CGMP", "SheafField", "SheafCurve", "SheafHash", "SheafGroth16"]),
        .target(name: "SheafAggregation", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafRecursion"]),

        // Settlement on Ethereum (contract calldata, verifier export), economics on top.
        .target(name: "SheafEthereum", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16"]),
        .target(name: "SheafGas", dependencies: ["SheafCurve", "SheafGroth16", "SheafAggregation", "SheafEthereum"]),
        .target(name: "SheafFinality", dependencies: ["SheafHash", "CSecp256k1"]),

        // circom's witness calculator (a WebAssembly module) run in WasmKit. A separate
        // product so that users who do not need Wasm do not build an interpreter.
        .target(name: "SheafCircom", dependencies: [
            "SheafField", "SheafGroth16", .product(name: "WasmKit", package: "WasmKit"),
        ]),

        // Umbrella and CLI.
        .target(name: "Sheaf", dependencies: [
            "SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafRecursion", "SheafAggregation", "SheafEthereum",
            "SheafGas", "SheafFinality", "SheafCircom",
        ]),
        .executableTarget(name: "sheaf", dependencies: [
            "Sheaf", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests (one target per module).
        .testTarget(name: "SheafFieldTests", dependencies: ["SheafField"]),
        .testTarget(name: "SheafCurveTests", dependencies: ["SheafField", "SheafCurve"]),
        .testTarget(name: "SheafHashTests", dependencies: ["SheafField", "SheafHash"], exclude: ["gen_keccak_vectors.py", "gen_sha256_vectors.py"]),
        .testTarget(name: "SheafGroth16Tests", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16"]),
        .testTarget(name: "SheafRecursionTests", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafRecursion"]),
        .testTarget(name: "SheafAggregationTests", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafAggregation"]),
        .testTarget(name: "SheafEthereumTests", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafAggregation", "SheafEthereum"]),
        .testTarget(name: "SheafGasTests", dependencies: ["SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafAggregation", "SheafEthereum", "SheafGas"]),
        .testTarget(name: "SheafCLITests", dependencies: ["sheaf", "Sheaf"]),
        .testTarget(name: "SheafFinalityTests", dependencies: ["SheafField", "SheafHash", "SheafFinality"]),
        .testTarget(name: "SheafCircomTests", dependencies: [
            "SheafField", "SheafGroth16", "SheafCircom", .product(name: "WAT", package: "WasmKit"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)

// Benchmarks (package-benchmark) are added only when asked for, so that users and
// CI do not fetch and build the benchmark harness:
//   SHEAF_BENCHMARKS=1 swift package benchmark      (or `make bench`)
#if canImport(Foundation)
import Foundation
if ProcessInfo.processInfo.environment["SHEAF_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]))
    let benchmarkDependencies: [Target.Dependency] = [
        .product(name: "Benchmark", package: "benchmark"),
        "SheafField", "SheafCurve", "SheafHash", "SheafGroth16", "SheafAggregation",
    ]
    for name in ["ArithmeticBenchmarks", "Groth16Benchmarks", "AggregationBenchmarks", "CircomBenchmarks"] {
        package.targets.append(.executableTarget(
            name: name, dependencies: benchmarkDependencies + (name == "CircomBenchmarks" ? ["SheafCircom"] : []),
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
    }
}
#endif
