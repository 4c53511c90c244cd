#!/usr/bin/env bash
# Measures where a SnarkPack aggregate becomes both smaller in bytes and faster to
# verify than carrying a verifying key's proofs and batch-verifying them: the figure
# behind SnarkPack.autoThreshold (Sources/SheafAggregation/SnarkPackPolicy.swift).
#
# Builds a throwaway release package that depends on this checkout by path (only
# SheafAggregation, so WasmKit is not built), seals one key's n proofs both ways
# for a range of n, and prints bytes and the median verification time of each.
#
#   scripts/measure_snarkpack_crossover.sh [max-n] [step] [public-inputs]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MAX="${1:-128}" STEP="${2:-4}" INPUTS="${3:-1}"
WORK="${SHEAF_CROSSOVER_DIR:-$(mktemp -d)}"
mkdir -p "$WORK/Sources/crossover"
cat > "$WORK/Package.swift" <<SWIFT
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "crossover",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "$ROOT")],
    targets: [.executableTarget(name: "crossover", dependencies: [
        .product(name: "SheafAggregation", package: "$(basename "$ROOT")"),
        .product(name: "SheafGroth16", package: "$(basename "$ROOT")"),
        .product(name: "SheafField", package: "$(basename "$ROOT")"),
    ])]
)
SWIFT
cat > "$WORK/Sources/crossover/main.swift" <<'SWIFT'
import Foundation
import SheafAggregation
import SheafField
import SheafGroth16

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let (maxN, step, inputs) = (arguments[0], arguments[1], arguments[2])
let srs = SnarkPackSRS.insecure(maxProofs: SnarkPack.paddedCount(maxN), seedA: 1, seedB: 2)
let key = InsecureTrapdoorKey(publicInputs: inputs, seed: 3)
var rng = SeededGenerator(seed: 4)

func medianMilliseconds(_ runs: Int, _ body: () throws -> Bool) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let verified = try body()
        precondition(verified, "the bundle must verify")
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[runs / 2]
}

print("n\traw_bytes\tpacked_bytes\traw_ms\tpacked_ms\tsmaller\tfaster")
var sizes = Array(stride(from: 2, through: min(8, maxN), by: 2))
sizes += Array(stride(from: 8 + step, through: maxN, by: step))
var firstBoth: Int? = nil
for n in sizes {
    var aggregator = Aggregator()
    for i in 0..<n {
        let x = (0..<inputs).map { _ in Fr.random(using: &rng) }
        try aggregator.add(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key, applicationID: "app-\(i)")
    }
    let raw = try aggregator.seal(snarkPack: srs, policy: .off)
    let packed = try aggregator.seal(snarkPack: srs, policy: .threshold(1))
    let rawBytes = BundleCodec.encode(raw).count, packedBytes = BundleCodec.encode(packed).count
    let rawMs = try medianMilliseconds(9) { try raw.verify() }
    let packedMs = try medianMilliseconds(9) { try packed.verify(srs: srs.verifierKey) }
    let both = packedBytes < rawBytes && packedMs < rawMs
    if both { firstBoth = firstBoth ?? n } else { firstBoth = nil }
    print("\(n)\t\(rawBytes)\t\(packedBytes)\t\(String(format: "%.2f", rawMs))\t\(String(format: "%.2f", packedMs))\t\(packedBytes < rawBytes)\t\(packedMs < rawMs)")
}
print("crossover (smallest measured n from which every larger measured n is both smaller and faster packed): \(firstBoth.map(String.init) ?? "none up to \(maxN)")")
SWIFT
cd "$WORK"
nice swift build -c release --scratch-path "$WORK/.build" 2>&1 | grep -E "error|warning: unre|Compiling crossover|Build complete" || true
"$WORK/.build/release/crossover" "$MAX" "$STEP" "$INPUTS"
