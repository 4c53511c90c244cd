// circom witness calculation in WasmKit (an interpreter) against the same
// Multiplier(n) witness computed natively with Sheaf's CircuitBuilder, and the
// whole path from circuit.wasm + input.json to a proof.
import Benchmark
import Foundation
import SheafCircom
import SheafField
import SheafGroth16

/// snarkjs's Multiplier(1000) vector (v0.7.6 test/groth16), where
/// ../shared/vectors/circom/multiplier1000 holds it beside the repository.
let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/vectors/circom/multiplier1000")

/// Multiplier(n) as circom's template writes it: int[0] = a·a + b,
/// int[i] = int[i−1]² + b, c = int[n−1]; public c and a.
func nativeMultiplier(n: Int, a: Fr, b: Fr) -> [Fr] {
    var builder = CircuitBuilder(publicInputCount: 2)
    var values: [Fr] = []
    var x = a * a + b
    values.append(x)
    for _ in 1..<n {
        x = x * x + b
        values.append(x)
    }
    let c = builder.publicInput("c", values[n - 1])
    let aVar = builder.publicInput("a", a)
    let bVar = builder.allocate(b)
    let minusOne = Fr.zero - .one
    var previous = aVar
    for i in 0..<n {
        // c <== int[n−1] makes int[n−1] and c one signal, as circom's simplification does.
        let next = i == n - 1 ? c : builder.allocate(values[i])
        builder.enforce(previous, previous, next.adding(bVar, scaledBy: minusOne), "int[\(i)]")
        previous = next
    }
    return builder.witness()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds,
                                           maxDuration: .seconds(5), maxIterations: 200)
    let wasm = [UInt8](try! Data(contentsOf: vectors.appendingPathComponent("circuit.wasm")))
    let inputs = CircomInputs(["a": 11, "b": 2])
    let calculator = try! CircomWitnessCalculator(wasm: wasm)

    Benchmark("circom witness in WasmKit: Multiplier(1000), 1,000 constraints") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try calculator.calculate(inputs: inputs)) }
    }
    Benchmark("circom witness in WasmKit: load circuit.wasm + calculate, Multiplier(1000)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CircomWitnessCalculator(wasm: wasm).calculate(inputs: inputs))
        }
    }
    Benchmark("native witness, CircuitBuilder: Multiplier(1000), 1,000 constraints") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(nativeMultiplier(n: 1000, a: Fr(11), b: Fr(2))) }
    }

    let system = try! SnarkJS.decodeConstraintSystem([UInt8](try! Data(contentsOf: vectors.appendingPathComponent("circuit.r1cs"))))
    let key = try! Groth16.insecureSetup(constraintSystem: system, seed: 17)
    Benchmark("prove from circuit.wasm + inputs: Multiplier(1000) witness + Groth16 prove (seeded key)") { benchmark in
        var rng = SystemRandomNumberGenerator()
        for _ in benchmark.scaledIterations {
            let witness = try calculator.calculate(inputs: inputs)
            blackHole(try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng))
        }
    }
}
