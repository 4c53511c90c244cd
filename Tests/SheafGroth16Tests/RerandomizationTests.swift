import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// Re-randomisation: A′ = ρ⁻¹A, B′ = ρ(B + σδ), C′ = C + σA.
@Suite("Groth16 re-randomisation")
struct RerandomizationTests {
    @Test func rerandomisedProofsVerifyAndDiffer() throws {
        var rng = SeededGenerator(seed: 300)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 3, using: &rng)
        let inputs = trapdoor.randomInputs(using: &rng)
        let proof = trapdoor.validProof(for: inputs, using: &rng)
        var seen: Set<Groth16Proof> = [proof]
        for _ in 0..<4 {
            let fresh = Groth16.rerandomize(proof, key: trapdoor.key, using: &rng)
            #expect(fresh.a != proof.a && fresh.b != proof.b && fresh.c != proof.c, "every point changes")
            #expect(try Groth16.verify(proof: fresh, publicInputs: inputs, key: trapdoor.prepared))
            #expect(try Groth16Proof(validatingA: fresh.a, b: fresh.b, c: fresh.c) == fresh, "points stay valid group elements")
            seen.insert(fresh)
        }
        #expect(seen.count == 5, "every re-randomisation is new")
        // The system-generator variant, and re-randomising a re-randomised proof.
        let twice = Groth16.rerandomize(Groth16.rerandomize(proof, key: trapdoor.key), key: trapdoor.key)
        #expect(try Groth16.verify(proof: twice, publicInputs: inputs, key: trapdoor.prepared))
        #expect(twice != proof)
    }

    @Test func theAlgebraHolds() throws {
        // e(A′, B′) = e(A, B)·e(C′ − C, δ), checked with the pairing directly.
        var rng = SeededGenerator(seed: 301)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        let proof = trapdoor.validProof(for: [Fr(42)], using: &rng)
        let fresh = Groth16.rerandomize(proof, key: trapdoor.key, using: &rng)
        let lhs = Pairing.pairing(fresh.a, fresh.b)
        let rhs = Pairing.pairing(proof.a, proof.b) * Pairing.pairing(fresh.c + (-proof.c), trapdoor.key.delta)
        #expect(lhs == rhs)
    }

    @Test func invalidProofsStayInvalidAndStatementsDoNotChange() throws {
        var rng = SeededGenerator(seed: 302)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        let inputs = trapdoor.randomInputs(using: &rng)
        let bad = trapdoor.invalidProof(for: inputs, using: &rng)
        #expect(try !Groth16.verify(proof: Groth16.rerandomize(bad, key: trapdoor.key, using: &rng), publicInputs: inputs, key: trapdoor.prepared))
        let good = Groth16.rerandomize(trapdoor.validProof(for: inputs, using: &rng), key: trapdoor.key, using: &rng)
        #expect(try !Groth16.verify(proof: good, publicInputs: [inputs[0], inputs[1] + .one], key: trapdoor.prepared))
    }

    @Test(.enabled(if: SnarkJSVectors.available, SnarkJSVectors.absentMessage))
    func snarkjsProofsRerandomise() throws {
        var rng = SeededGenerator(seed: 303)
        var count = 0
        for v in try SnarkJSVectors.all() {
            let key = try SnarkJS.decodeVerifyingKey(v.key)
            let proof = try SnarkJS.decodeProof(v.proof)
            let inputs = try SnarkJS.decodePublicInputs(v.publicInputs)
            let fresh = Groth16.rerandomize(proof, key: key, using: &rng)
            #expect(fresh != proof)
            #expect(try Groth16.verify(proof: fresh, publicInputs: inputs, key: key), "\(v.name)")
            // and the result survives the snarkjs round trip.
            #expect(try SnarkJS.decodeProof(SnarkJS.encodeProof(fresh)) == fresh)
            count += 1
        }
        #expect(count == (try SnarkJSVectors.directoryCount()))
    }
}
