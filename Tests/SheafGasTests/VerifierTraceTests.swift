import Testing
@testable import SheafGas
import SheafCurve
import SheafField
import SheafGroth16

@Suite("Gas from Sheaf's executed EVM-equivalent verifiers")
struct VerifierTraceTests {
    let meter = GasMeter(schedule: .osaka)

    /// The check: a metered single verification with one public input
    /// lands within 5% of the measured snarkjs verifier figure 207,000 + 7,160·ℓ.
    @Test func singleVerificationIsWithinFivePercentOfSnarkjs() throws {
        for inputs in [1, 2, 5] {
            let trace = try VerifierSettlementTraces().individual(publicInputs: inputs)
            let gas = Double(try meter.price(trace).total)
            let measured = 207_000.0 + 7_160.0 * Double(inputs)
            #expect(abs(gas - measured) / measured < 0.05, "ℓ = \(inputs): \(gas) vs \(measured)")
            #expect(trace.steps.filter { $0.step == .ecMul }.count == inputs)
            #expect(trace.steps.contains { $0.step == .ecPairing(pairs: 4) })
        }
    }

    /// Executed and reference traces of the same contract agree step for step in
    /// kind and count; only calldata may differ, by the actual zero bytes of the
    /// sample data (the reference assumes no zero byte in a field element).
    @Test func executedBatchTraceMatchesTheReferenceTrace() throws {
        for (proofs, circuits, inputs) in [(1, 1, 1), (4, 2, 1), (9, 3, 2), (16, 16, 1)] {
            let shape = try BundleShape(proofs: proofs, circuits: circuits, publicInputs: inputs)
            let executed = try VerifierSettlementTraces().batched(shape)
            let reference = try ReferenceSettlementTraces().batched(shape)
            let withoutCalldata = { (t: EVMTrace) in t.steps.filter { if case .calldata = $0.step { return false } else { return true } }.map(\.step) }
            #expect(withoutCalldata(executed) == withoutCalldata(reference), "\(proofs) proofs, \(circuits) keys")
            let difference = abs(try meter.price(executed).total - meter.price(reference).total)
            #expect(Double(difference) < 0.005 * Double(try meter.price(reference).total))
        }
    }

    @Test func theExecutedVerifierRejectsAnInvalidProof() throws {
        var rng = SeededGenerator(seed: 5)
        let key = InsecureTrapdoorKey(publicInputs: 1, seed: 6)
        var proof = key.prove([Fr(7)], using: &rng)
        var trace = EVMTrace()
        #expect(try EVMGroth16Verifier.verify(proof: proof, publicInputs: [Fr(7)], key: key.key, trace: &trace))
        proof.c = proof.c + G1Affine.generator
        trace = EVMTrace()
        #expect(!(try EVMGroth16Verifier.verify(proof: proof, publicInputs: [Fr(7)], key: key.key, trace: &trace)))
        let statements = (0..<3).map { i -> EVMGroth16Verifier.Statement in
            let x = [Fr(UInt64(i))]
            return .init(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key)
        }
        #expect(try EVMGroth16Verifier.verifyBatch(statements, trace: &trace))
        var bad = statements
        bad[1].publicInputs = [Fr(99)]
        #expect(!(try EVMGroth16Verifier.verifyBatch(bad, trace: &trace)))
    }
}
