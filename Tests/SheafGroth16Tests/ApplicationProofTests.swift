import Foundation
import Testing
@testable import SheafGroth16
import SheafCurve
import SheafField

/// End to end through the three application circuits: seeded setup from the
/// circuit's shape, a zero-knowledge proof from a real witness, verification,
/// and rejection of a changed statement or another circuit's key.
@Suite("Groth16 on the application circuits")
struct ApplicationProofTests {
    func roundTrip<C: CircuitDefinition>(_ circuit: C, _ witness: C.Witness, seed: UInt64) throws -> (ProvingKey, Groth16Proof, [Fr]) {
        var rng = SeededGenerator(seed: seed)
        let key = try Groth16.insecureSetup(circuit: circuit, seed: seed)
        let (proof, inputs) = try Groth16.prove(circuit: circuit, witness: witness, key: key, using: &rng)
        #expect(inputs.count == circuit.publicInputCount)
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: key.verifyingKey))
        var changed = inputs
        changed[changed.count - 1] += .one
        #expect(!(try Groth16.verify(proof: proof, publicInputs: changed, key: key.verifyingKey)))
        // snarkjs JSON round trip of the whole triple.
        let vk = try SnarkJS.decodeVerifyingKey(SnarkJS.encodeVerifyingKey(key.verifyingKey))
        let decodedProof = try SnarkJS.decodeProof(SnarkJS.encodeProof(proof))
        let decodedInputs = try SnarkJS.decodePublicInputs(SnarkJS.encodePublicInputs(inputs))
        #expect(try Groth16.verify(proof: decodedProof, publicInputs: decodedInputs, key: vk))
        return (key, proof, inputs)
    }

    @Test func allThreeCircuitsProveAndVerify() throws {
        let rollup = try RollupFixture()
        let (rollupKey, rollupProof, rollupInputs) = try roundTrip(rollup.circuit, rollup.transition, seed: 1)
        #expect(rollupInputs == [rollup.transition.oldRoot, rollup.transition.newRoot, rollup.transition.batchCommitment])

        let note = try NoteFixture()
        let (noteKey, noteProof, noteInputs) = try roundTrip(note.circuit, note.witness, seed: 2)

        let recovery = try RecoveryFixture()
        _ = try roundTrip(recovery.circuit, try recovery.witness([0, 2, 4]), seed: 3)

        // A proof for one circuit fails under another circuit's key (same input count).
        #expect(!(try Groth16.verify(proof: rollupProof, publicInputs: rollupInputs, key: noteKey.verifyingKey)))
        #expect(!(try Groth16.verify(proof: noteProof, publicInputs: noteInputs, key: rollupKey.verifyingKey)))
    }

    @Test func anUnsatisfiedWitnessIsRefusedWithItsConstraint() throws {
        let note = try NoteFixture()
        var rng = SeededGenerator(seed: 4)
        let key = try Groth16.insecureSetup(circuit: note.circuit, seed: 4)
        // A nullifier that does not belong to the note: the circuit builds, the
        // R1CS fails, and no proof is made.
        var witness = note.witness
        witness.nullifier += .one
        do {
            _ = try Groth16.prove(circuit: note.circuit, witness: witness, key: key, using: &rng)
            Issue.record("a false statement was proved")
        } catch let error as R1CSError {
            guard case .unsatisfied(_, let label) = error else { Issue.record("unexpected \(error)"); return }
            #expect(!label.isEmpty, "the failing constraint is named")
        }
    }
}
