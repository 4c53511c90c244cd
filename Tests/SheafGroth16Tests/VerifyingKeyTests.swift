import SheafCurve
import SheafField
import SheafHash
import Testing
@testable import SheafGroth16

@Suite("Verifying key")
struct VerifyingKeyTests {
    @Test func canonicalBytesFollowTheDocumentedLayout() {
        var rng = SeededGenerator(seed: 400)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        var key = trapdoor.key
        key.ic[1] = .infinity
        let bytes = key.canonicalBytes
        #expect(bytes.count == 64 + 3 * 128 + 32 + 3 * 64)
        // Each word written out from the coordinates, G2 imaginary part first.
        func g2Words(_ p: G2Affine) -> [UInt8] {
            [p.x.c1, p.x.c0, p.y.c1, p.y.c0].flatMap(\.bigEndianBytes)
        }
        var expected = key.alpha.x.bigEndianBytes + key.alpha.y.bigEndianBytes
        expected += g2Words(key.beta) + g2Words(key.gamma) + g2Words(key.delta)
        expected += [UInt8](repeating: 0, count: 31) + [3]
        expected += key.ic[0].x.bigEndianBytes + key.ic[0].y.bigEndianBytes
        expected += [UInt8](repeating: 0, count: 64)  // infinity
        expected += key.ic[2].x.bigEndianBytes + key.ic[2].y.bigEndianBytes
        #expect(bytes == expected)
        #expect(key.hash == Keccak256.hash(expected))
        #expect(key.hash.count == 32)
    }

    @Test func distinctKeysHaveDistinctHashes() {
        var rng = SeededGenerator(seed: 401)
        let key = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng).key
        var variants = [key]
        var k = key; k.alpha = -k.alpha; variants.append(k)
        k = key; k.beta = -k.beta; variants.append(k)
        k = key; k.gamma = -k.gamma; variants.append(k)
        k = key; k.delta = -k.delta; variants.append(k)
        k = key; k.ic.swapAt(0, 1); variants.append(k)
        k = key; k.ic.removeLast(); variants.append(k)
        // Moving a point from IC to … nowhere else: the count prefix separates
        // [P, Q] from [P] followed by a key that starts with Q.
        #expect(Set(variants.map(\.hash)).count == variants.count)
        #expect(key.hash == VerifyingKey(alpha: key.alpha, beta: key.beta, gamma: key.gamma, delta: key.delta, ic: key.ic).hash,
                "the hash depends on the key's value only")
    }

    @Test func preparedKeyHoldsTheTrapdoorPairing() {
        var rng = SeededGenerator(seed: 402)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 1, using: &rng)
        let base = Pairing.pairing(.generator, .generator)
        #expect(trapdoor.prepared.alphaBeta == base.power(Limbs.array((trapdoor.alpha * trapdoor.beta).canonicalLimbs)))
        #expect(trapdoor.key.publicInputCount == 1)
    }
}
