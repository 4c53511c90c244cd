// Groth16 verification benchmarks (issue targets: verify ≤ 0.9 ms with one public
// input; batch of 256 under one key ≤ 0.25 ms a proof).
import Benchmark
import Foundation
import SheafField
import SheafGroth16

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds,
                                           maxDuration: .seconds(3), maxIterations: 10_000)
    var rng = SeededGenerator(seed: 7)
    for inputs in [1, 11] {
        let trapdoor = InsecureTrapdoorKey(publicInputs: inputs, seed: UInt64(inputs))
        let statement = (0..<inputs).map { _ in Fr.random(using: &rng) }
        let proof = trapdoor.prove(statement, using: &rng)
        let prepared = PreparedVerifyingKey(trapdoor.key)
        Benchmark("Groth16 verify, \(inputs) public input(s), prepared key") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try Groth16.verify(proof: proof, publicInputs: statement, key: prepared)) }
        }
    }
    // The arkworks reference (groth16py, 0.97 ms) includes parsing: decode
    // snarkjs proof.json and public.json (with every validation, the G2 subgroup
    // check among them) and verify under a prepared key.
    do {
        let trapdoor = InsecureTrapdoorKey(publicInputs: 1, seed: 5)
        let statement = [Fr.random(using: &rng)]
        let proofJSON = SnarkJS.encodeProof(trapdoor.prove(statement, using: &rng))
        let publicJSON = SnarkJS.encodePublicInputs(statement)
        let prepared = PreparedVerifyingKey(trapdoor.key)
        Benchmark("Groth16 verify from snarkjs JSON (decode + validate + verify), 1 public input") { benchmark in
            for _ in benchmark.scaledIterations {
                let proof = try SnarkJS.decodeProof(proofJSON)
                let inputs = try SnarkJS.decodePublicInputs(publicJSON)
                blackHole(try Groth16.verify(proof: proof, publicInputs: inputs, key: prepared))
            }
        }
    }
    let trapdoor = InsecureTrapdoorKey(publicInputs: 1, seed: 99)
    let prepared = PreparedVerifyingKey(trapdoor.key)
    let batch = (0..<256).map { _ -> BatchEntry in
        let x = [Fr.random(using: &rng)]
        return BatchEntry(proof: trapdoor.prove(x, using: &rng), publicInputs: x, key: prepared)
    }
    provingBenchmarks()
    fftBenchmarks()
    // Loading a cached proving key (.shpk) instead of redoing the setup: the
    // rollup key (14,898 constraints) as a throughput sample for the recursion
    // keys, whose setups take minutes.
    do {
        let key = try! ExampleApplication.rollup.insecureProvingKey(seed: ExampleApplication.rollup.fixtureSeed)
        let bytes = ProvingKeyFile.encode(key)
        Benchmark("Proving-key file: decode and validate the rollup key (\(bytes.count / 1024) KiB)",
                  configuration: .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try ProvingKeyFile.decode(bytes)) }
        }
        Benchmark("Proving-key setup: the rollup key (seeded, for comparison)",
                  configuration: .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try ExampleApplication.rollup.insecureProvingKey(seed: 1)) }
        }
    }
    Benchmark("Groth16 batch verify, 256 proofs, one key",
              configuration: .init(timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Groth16.verifyBatch(batch)) }
    }
}

/// Proving benchmarks (issue target: 10,000 constraints ≤ 1.3 s on both cores).
/// The rollup circuit at default parameters has 14,898 constraints.
let provingBenchmarks: @Sendable () -> Void = {
    for application in ExampleApplication.allCases {
        let key = try! application.insecureProvingKey(seed: application.fixtureSeed)
        Benchmark("Groth16 prove: \(application.rawValue) circuit (witness + h + 5 MSMs)",
                  configuration: .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 10)) { benchmark in
            var rng = SystemRandomNumberGenerator()
            for _ in benchmark.scaledIterations { blackHole(try application.proveExample(key: key, using: &rng)) }
        }
    }
}

/// The quotient's transforms on both domain shapes: a compact 3·2ᵏ domain (one
/// radix-3 stage over three radix-2 thirds) against the powers of two around
/// it, so its cost per point is measured, not assumed (issue 15's prover).
let fftBenchmarks: @Sendable () -> Void = {
    for (label, size) in [("2^19", 1 << 19), ("3·2^18 (compact)", 3 << 18), ("2^20", 1 << 20)] {
        let domain = try! EvaluationDomain(size: size)
        var rng = SeededGenerator(seed: UInt64(size))
        let values = (0..<size).map { _ in Fr.random(using: &rng) }
        Benchmark("FFT over Fr, \(label) points, both cores",
                  configuration: .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 10)) { benchmark in
            for _ in benchmark.scaledIterations {
                var x = values
                domain.fft(&x)
                blackHole(x)
            }
        }
    }
}
