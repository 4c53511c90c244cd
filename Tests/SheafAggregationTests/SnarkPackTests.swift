import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

@Suite("SnarkPack aggregation")
struct SnarkPackTests {
    static let srs = SnarkPackSRS.insecure(maxProofs: 16, seedA: 101, seedB: 202)

    func statements(_ count: Int, key: TrapdoorKey, seed: UInt64) -> ([Groth16Proof], [[Fr]]) {
        var rng = SeededGenerator(seed: seed)
        var proofs = [Groth16Proof](), inputs = [[Fr]]()
        for _ in 0..<count {
            let x = (0..<key.key.publicInputCount).map { _ in Fr.random(using: &rng) }
            proofs.append(key.prove(x, using: &rng))
            inputs.append(x)
        }
        return (proofs, inputs)
    }

    @Test(arguments: [1, 2, 3, 5, 8, 16])
    func validProofsAggregateAndVerify(count: Int) throws {
        let key = TrapdoorKey(publicInputs: 2, seed: UInt64(count))
        let (proofs, inputs) = statements(count, key: key, seed: 500 + UInt64(count))
        let aggregate = try SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: key.key, srs: Self.srs)
        #expect(aggregate.rounds.count == SnarkPack.paddedCount(count).trailingZeroBitCount)
        #expect(try SnarkPack.verify(proof: aggregate, publicInputs: inputs, key: key.key, verifierKey: Self.srs.verifierKey))
    }

    @Test func oneInvalidProofMakesTheAggregateFail() throws {
        let key = TrapdoorKey(publicInputs: 1, seed: 7)
        var (proofs, inputs) = statements(8, key: key, seed: 8)
        proofs[5].c = proofs[5].c + G1Affine.generator
        let aggregate = try SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: key.key, srs: Self.srs)
        #expect(!(try SnarkPack.verify(proof: aggregate, publicInputs: inputs, key: key.key, verifierKey: Self.srs.verifierKey)))
        _ = inputs
    }

    @Test func wrongStatementsOrKeyFail() throws {
        let key = TrapdoorKey(publicInputs: 2, seed: 9)
        let (proofs, inputs) = statements(4, key: key, seed: 10)
        let aggregate = try SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: key.key, srs: Self.srs)
        let vk = Self.srs.verifierKey
        var swapped = inputs; swapped.swapAt(0, 1)
        #expect(!(try SnarkPack.verify(proof: aggregate, publicInputs: swapped, key: key.key, verifierKey: vk)))
        var changed = inputs; changed[3][1] += .one
        #expect(!(try SnarkPack.verify(proof: aggregate, publicInputs: changed, key: key.key, verifierKey: vk)))
        let otherKey = TrapdoorKey(publicInputs: 2, seed: 11)
        #expect(!(try SnarkPack.verify(proof: aggregate, publicInputs: inputs, key: otherKey.key, verifierKey: vk)))
        let otherSRS = SnarkPackSRS.insecure(maxProofs: 4, seedA: 1, seedB: 2).verifierKey
        #expect(!(try SnarkPack.verify(proof: aggregate, publicInputs: inputs, key: key.key, verifierKey: otherSRS)))
        #expect(throws: SnarkPackError.mismatchedInputs(proofs: 4, inputs: 3)) {
            try SnarkPack.verify(proof: aggregate, publicInputs: Array(inputs.prefix(3)), key: key.key, verifierKey: vk)
        }
    }

    @Test func everyTamperedFieldIsRejected() throws {
        let key = TrapdoorKey(publicInputs: 1, seed: 12)
        let (proofs, inputs) = statements(4, key: key, seed: 13)
        let good = try SnarkPack.aggregate(proofs: proofs, publicInputs: inputs, key: key.key, srs: Self.srs)
        let vk = Self.srs.verifierKey
        let g1 = G1Affine.generator, g2 = G2Affine.generator
        let gt = Pairing.pairing(g1, g2)
        var tampered: [(String, SnarkPackProof)] = []
        func variant(_ name: String, _ change: (inout SnarkPackProof) -> Void) {
            var p = good; change(&p); tampered.append((name, p))
        }
        variant("comAB") { $0.comAB.first *= gt }
        variant("comC") { $0.comC.second *= gt }
        variant("ipAB") { $0.ipAB *= gt }
        variant("aggC") { $0.aggC = $0.aggC + g1 }
        variant("round tLeft") { $0.rounds[0].tLeft.first *= gt }
        variant("round uRight") { $0.rounds[1].uRight.second *= gt }
        variant("round zLeft") { $0.rounds[0].zLeft *= gt }
        variant("round zcRight") { $0.rounds[1].zcRight = $0.rounds[1].zcRight + g1 }
        variant("finalA") { $0.finalA = $0.finalA + g1 }
        variant("finalB") { $0.finalB = $0.finalB + g2 }
        variant("finalC") { $0.finalC = $0.finalC + g1 }
        variant("finalV1") { $0.finalV1 = $0.finalV1 + g2 }
        variant("finalW2") { $0.finalW2 = $0.finalW2 + g1 }
        variant("vOpening1") { $0.vOpening1 = $0.vOpening1 + g2 }
        variant("wOpening2") { $0.wOpening2 = $0.wOpening2 + g1 }
        variant("proofCount") { $0.proofCount = 3 }
        for (name, proof) in tampered {
            let inputsForCount = Array(inputs.prefix(proof.proofCount))
            #expect(!(try SnarkPack.verify(proof: proof, publicInputs: inputsForCount, key: key.key, verifierKey: vk)), "\(name)")
        }
        #expect(try SnarkPack.verify(proof: good, publicInputs: inputs, key: key.key, verifierKey: vk))
    }

    @Test func srsWellFormednessCheck() {
        var rng = SeededGenerator(seed: 14)
        let srs = SnarkPackSRS.insecure(maxProofs: 4, seedA: 3, seedB: 4)
        #expect(srs.isWellFormed(using: &rng))
        var gA = srs.gAlphaPowers; gA[3] = gA[3] + G1Affine.generator
        let broken = SnarkPackSRS(gAlphaPowers: gA, gBetaPowers: srs.gBetaPowers, hAlphaPowers: srs.hAlphaPowers,
                                  hBetaPowers: srs.hBetaPowers, isInsecure: true)
        #expect(!broken.isWellFormed(using: &rng))
    }

    @Test func keyPolynomialsMatchTheirEvaluations() {
        var rng = SeededGenerator(seed: 15)
        let challenges = (0..<3).map { _ in Fr.random(using: &rng) }
        let r = Fr.random(using: &rng), z = Fr.random(using: &rng)
        func evaluate(_ f: [Fr], _ z: Fr) -> Fr { f.reversed().reduce(Fr.zero) { $0 * z + $1 } }
        let fv = SnarkPack.keyPolynomialV(challenges: challenges, m: 8)
        #expect(evaluate(fv, z) == SnarkPack.evaluateKeyPolynomialV(challenges: challenges, m: 8, at: z))
        let fw = SnarkPack.keyPolynomialW(challenges: challenges, r: r, m: 8)
        #expect(evaluate(fw, z) == SnarkPack.evaluateKeyPolynomialW(challenges: challenges, r: r, m: 8, at: z))
        let q = SnarkPack.quotient(fw, at: z)
        let y = Fr.random(using: &rng)
        #expect(evaluate(q, y) * (y - z) == evaluate(fw, y) - evaluate(fw, z))
    }
}
