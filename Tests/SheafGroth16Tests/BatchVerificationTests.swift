import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// Batch verification and bisection against one-by-one verification, on forged
/// proofs whose validity the test decides in advance.
@Suite("Groth16 batch verification")
struct BatchVerificationTests {
    /// `count` entries over `keys`, proof i invalid exactly when `bad.contains(i)`.
    func entries(_ count: Int, bad: Set<Int>, keys: [TestSupportTrapdoorKey], using rng: inout SeededGenerator) -> [BatchEntry] {
        (0..<count).map { i in
            let trapdoor = keys[i % keys.count]
            let inputs = trapdoor.randomInputs(using: &rng)
            let proof = bad.contains(i) ? trapdoor.invalidProof(for: inputs, using: &rng) : trapdoor.validProof(for: inputs, using: &rng)
            return BatchEntry(proof: proof, publicInputs: inputs, key: trapdoor.prepared)
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func batchAgreesWithOneByOneOnRandomMixes(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 200 + seed)
        let keys = (0..<2).map { TestSupportTrapdoorKey(publicInputCount: Int($0) + 1, using: &rng) }
        for round in 0..<3 {
            let count = 4 + Int(rng.next() % 5)
            // Round 0 is all valid; later rounds mark each proof bad with probability ¼.
            let bad = round == 0 ? [] : Set((0..<count).filter { _ in rng.next() % 4 == 0 })
            let batch = entries(count, bad: bad, keys: keys, using: &rng)
            let oneByOne = try batch.map { try Groth16.verify(proof: $0.proof, publicInputs: $0.publicInputs, key: $0.key) }
            #expect(oneByOne == (0..<count).map { !bad.contains($0) }, "the forged proofs are what they claim")
            #expect(try Groth16.verifyBatch(batch, using: &rng) == oneByOne.allSatisfy { $0 }, "seed \(seed) round \(round)")
            #expect(try Groth16.invalidProofIndices(in: batch, using: &rng) == bad.sorted(), "seed \(seed) round \(round)")
        }
    }

    @Test func aBatchWithOneBadProofFailsWhereverItIs() throws {
        var rng = SeededGenerator(seed: 210)
        let key = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        for position in [0, 3, 6] {
            let batch = entries(7, bad: [position], keys: [key], using: &rng)
            #expect(try !Groth16.verifyBatch(batch, using: &rng))
            #expect(try !Groth16.verifyBatch(batch), "with the system generator too")
            #expect(try Groth16.invalidProofIndices(in: batch, using: &rng) == [position])
        }
        let good = entries(7, bad: [], keys: [key], using: &rng)
        #expect(try Groth16.verifyBatch(good))
        #expect(try Groth16.invalidProofIndices(in: good) == [])
    }

    @Test(arguments: [[], [0], [15], [0, 15], [3, 4, 5], [1, 6, 9, 14], Array(0..<16)] as [[Int]])
    func bisectionFindsExactlyTheBadIndices(bad: [Int]) throws {
        var rng = SeededGenerator(seed: 220 + UInt64(bad.count))
        let keys = (0..<3).map { TestSupportTrapdoorKey(publicInputCount: $0, using: &rng) }
        let batch = entries(16, bad: Set(bad), keys: keys, using: &rng)
        #expect(try Groth16.invalidProofIndices(in: batch, using: &rng) == bad)
        #expect(try Groth16.verifyBatch(batch, using: &rng) == bad.isEmpty)
    }

    @Test func errorsThatCancelWithoutRandomWeightsAreCaught() throws {
        // C₁ + D and C₂ − D: each proof is invalid, but the plain product of the two
        // equations balances. Only independent weights ρ₁ ≠ ρ₂ expose them.
        var rng = SeededGenerator(seed: 215)
        let key = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        var batch = entries(4, bad: [], keys: [key], using: &rng)
        let d = G1Affine.generator * Fr.random(using: &rng)
        batch[1].proof.c = batch[1].proof.c + d
        batch[3].proof.c = batch[3].proof.c + (-d)
        #expect(Pairing.pairingCheck(batch.flatMap { entry -> [(G1Affine, G2Affine)] in
            let sigma = Groth16.inputCommitment(ic: key.key.ic, inputs: entry.publicInputs).affine
            return [(entry.proof.a, entry.proof.b), (-key.key.alpha, key.key.beta),
                    (-sigma, key.key.gamma), (-entry.proof.c, key.key.delta)]
        }), "the unweighted product is balanced")
        #expect(try !Groth16.verifyBatch(batch, using: &rng))
        #expect(try Groth16.invalidProofIndices(in: batch, using: &rng) == [1, 3])
    }

    @Test func mixedKeysWithDifferentInputCounts() throws {
        var rng = SeededGenerator(seed: 230)
        let keys = [0, 1, 4].map { TestSupportTrapdoorKey(publicInputCount: $0, using: &rng) }
        let valid = entries(9, bad: [], keys: keys, using: &rng)
        #expect(try Groth16.verifyBatch(valid, using: &rng))

        // A valid proof presented under another key with the same input count fails.
        let sameShape = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        var misattributed = valid
        misattributed[4].key = sameShape.prepared
        #expect(try !Groth16.verifyBatch(misattributed, using: &rng))
        #expect(try Groth16.invalidProofIndices(in: misattributed, using: &rng) == [4])

        // Swapping the proofs (not the statements) of two entries under the same
        // key makes both fail.
        var swapped = valid
        (swapped[2].proof, swapped[5].proof) = (valid[5].proof, valid[2].proof)
        #expect(try Groth16.invalidProofIndices(in: swapped, using: &rng) == [2, 5])
    }

    @Test func emptyBatchHoldsAndWrongInputCountsThrowWithTheirIndex() throws {
        #expect(try Groth16.verifyBatch([]))
        #expect(try Groth16.invalidProofIndices(in: []) == [])
        var rng = SeededGenerator(seed: 240)
        let key = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        var batch = entries(4, bad: [], keys: [key], using: &rng)
        batch[2].publicInputs.removeLast()
        let expected = Groth16Error.batchEntry(index: 2, .wrongPublicInputCount(expected: 2, got: 1))
        #expect(throws: expected) { try Groth16.verifyBatch(batch, using: &rng) }
        #expect(throws: expected) { try Groth16.invalidProofIndices(in: batch, using: &rng) }
    }

    /// Weights are ρ₁ + λ·ρ₂ with 64-bit halves: nonzero, distinct, and split back
    /// by GLV into two sub-scalars of at most 64 bits (which is what makes ρ·A
    /// cheap). The two halves are recovered exactly, so distinct draws give
    /// distinct weights. Edge draws: only ρ₁, only ρ₂, both at 2⁶⁴ − 1.
    @Test func weightsAreNonzeroDistinctAndSplitIntoHalves() {
        var rng = SeededGenerator(seed: 250)
        var seen = Set<Fr>()
        for _ in 0..<200 {
            let rho = Groth16.batchWeight(using: &rng)
            #expect(!rho.isZero)
            let parts = GLV.decomposition.decompose(rho)
            #expect(parts.count == 2 && parts.allSatisfy { $0.bitWidth <= 64 })
            seen.insert(rho)
        }
        #expect(seen.count == 200)
        struct Fixed: RandomNumberGenerator {
            var values: [UInt64]
            mutating func next() -> UInt64 { values.removeFirst() }
        }
        for (low, high) in [(UInt64(1), UInt64(0)), (0, 1), (.max, .max), (.max, 0), (0, .max)] {
            var fixed = Fixed(values: [low, high])
            let rho = Groth16.batchWeight(using: &fixed)
            let expected = Fr(canonicalLimbs: (UInt(low), 0, 0, 0)) + GLV.lambda * Fr(canonicalLimbs: (UInt(high), 0, 0, 0))
            #expect(rho == expected && !rho.isZero)
            #expect(GLV.decomposition.decompose(rho).allSatisfy { $0.bitWidth <= 64 })
        }
        // (0, 0) is redrawn.
        var zeroFirst = Fixed(values: [0, 0, 5, 0])
        #expect(Groth16.batchWeight(using: &zeroFirst) == Fr(5))
    }
}
