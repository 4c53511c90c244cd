// SnarkPack and bundle benchmarks (issue targets: 1,024 proofs aggregated ≤ 3 s,
// verified ≤ 25 ms, ≤ 30 KiB). Valid proofs come from a key with a known
// trapdoor, which makes large sets cheap; the verifier cannot tell the difference.
import Benchmark
import Foundation
import SheafAggregation
import SheafField
import SheafGroth16

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], timeUnits: .milliseconds,
                                           maxDuration: .seconds(20), maxIterations: 5)
    // 8,192 proofs (the second row) takes minutes to set up and run, so
    // it is opt-in: SHEAF_BENCH_8192=1 make bench BENCH_ARGS="--target AggregationBenchmarks".
    let large = ProcessInfo.processInfo.environment["SHEAF_BENCH_8192"] != nil
    let sizes = [16, 64, 256, 1024] + (large ? [8192] : [])
    let srs = SnarkPackSRS.insecure(maxProofs: sizes.max()!, seedA: 1, seedB: 2)
    let trapdoor = InsecureTrapdoorKey(publicInputs: 1, seed: 3)
    var rng = SeededGenerator(seed: 4)
    for n in sizes {
        let inputs = (0..<n).map { _ in [Fr.random(using: &rng)] }
        let proofs = inputs.map { trapdoor.prove($0, using: &rng) }
        Benchmark("SnarkPack aggregate \(n) proofs") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: trapdoor.key, srs: srs))
            }
        }
        let aggregate = try! SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: trapdoor.key, srs: srs)
        Benchmark("SnarkPack verify \(n) proofs", configuration: .init(metrics: [.wallClock, .cpuTotal], maxIterations: 50)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try SnarkPack.verify(proof: aggregate, publicInputs: inputs, key: trapdoor.key, verifierKey: srs.verifierKey))
            }
        }
        // The same proofs carried in a bundle and checked by one random linear
        // combination, the alternative SnarkPack must beat.
        var aggregator = Aggregator()
        for (p, x) in zip(proofs, inputs) { try! aggregator.add(proof: p, publicInputs: x, key: trapdoor.key, applicationID: "app") }
        let batched = try! aggregator.seal()
        Benchmark("ProofBundle (batch RLC) verify \(n) proofs", configuration: .init(metrics: [.wallClock, .cpuTotal], maxIterations: 20)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try batched.verify()) }
        }
    }
}
