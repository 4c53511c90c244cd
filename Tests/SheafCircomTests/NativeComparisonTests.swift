import Foundation
import SheafCircom
import SheafField
import SheafGroth16
import Testing

/// Multiplier(n) written with Sheaf's CircuitBuilder as circom's template writes
/// it (public c and a, then b, then int[0…n−2]; int[n−1] is c); the same copy is in
/// Benchmarks/CircomBenchmarks.
func nativeMultiplier(n: Int, a: Fr, b: Fr) -> (ConstraintSystem, [Fr]) {
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
    return (builder.constraintSystem(), builder.witness())
}

@Suite("circom witness calculator: against the native circuit builder", .enabled(if: Multiplier1000.available, Multiplier1000.absentMessage))
struct NativeComparisonTests {
    @Test func theNativeMultiplierGivesTheSameWitness() throws {
        let calculator = try CircomWitnessCalculator(wasm: Multiplier1000.bytes("circuit.wasm"))
        let wasmWitness = try calculator.calculate(inputs: CircomInputs(["a": 11, "b": 2]))
        let (system, nativeWitness) = nativeMultiplier(n: 1000, a: Fr(11), b: Fr(2))
        #expect(nativeWitness == wasmWitness)
        #expect(try system.isSatisfied(by: nativeWitness) == .satisfied)
    }

    /// Timings for docs/benchmarks.md: `SHEAF_CIRCOM_TIMING=1 swift test --filter NativeComparisonTests`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SHEAF_CIRCOM_TIMING"] != nil))
    func timings() throws {
        func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
            var fastest = Double.infinity
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return fastest
        }
        let wasm = try Multiplier1000.bytes("circuit.wasm")
        let inputs = CircomInputs(["a": 11, "b": 2])
        let load = try best(5) { _ = try CircomWitnessCalculator(wasm: wasm) }
        let calculator = try CircomWitnessCalculator(wasm: wasm)
        let witness = try best(10) { _ = try calculator.calculate(inputs: inputs) }
        let metered = try CircomWitnessCalculator(wasm: wasm, limits: .init(maxInstructions: 1 << 40))
        let meteredWitness = try best(10) { _ = try metered.calculate(inputs: inputs) }
        let native = best(10) { _ = nativeMultiplier(n: 1000, a: Fr(11), b: Fr(2)) }
        let system = try SnarkJS.decodeConstraintSystem(Multiplier1000.bytes("circuit.r1cs"))
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: 17)
        var rng = SystemRandomNumberGenerator()
        let values = try calculator.calculate(inputs: inputs)
        let prove = try best(3) { _ = try Groth16.prove(key: key, constraintSystem: system, witness: values, using: &rng) }
        let endToEnd = try best(3) {
            let w = try calculator.calculate(inputs: inputs)
            _ = try Groth16.prove(key: key, constraintSystem: system, witness: w, using: &rng)
        }
        var sharedTime = Double.nan
        if CircomVectors.available {
            let shared = try CircomVectors.calculator()
            sharedTime = try best(10) { _ = try shared.calculate(inputs: CircomInputs(["a": 2, "b": 3])) }
        }
        func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
        print("""
            TIMING Multiplier(1000): load \(ms(load)); witness \(ms(witness)) (\(Int(1000 / witness)) constraints/s); \
            witness with metering \(ms(meteredWitness)); native CircuitBuilder \(ms(native)) (\(Int(1000 / native)) constraints/s); \
            ratio \(String(format: "%.1f", witness / native))×; prove \(ms(prove)); witness + prove \(ms(endToEnd)); \
            shared Multiplier(10) witness \(ms(sharedTime))
            """)
    }
}
