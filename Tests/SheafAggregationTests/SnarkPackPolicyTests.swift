import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

@Suite("SnarkPack policy: auto packs only where an aggregate is smaller and faster")
struct SnarkPackPolicyTests {
    @Test("Text forms: auto, off and a group size")
    func parsing() {
        #expect(SnarkPackPolicy("auto") == .auto)
        #expect(SnarkPackPolicy("AUTO") == .auto)
        #expect(SnarkPackPolicy("off") == .off)
        #expect(SnarkPackPolicy("12") == .threshold(12))
        #expect(SnarkPackPolicy("0") == nil)
        #expect(SnarkPackPolicy("-3") == nil)
        #expect(SnarkPackPolicy("sixteen") == nil)
        for policy in [SnarkPackPolicy.auto, .off, .threshold(7)] {
            #expect(SnarkPackPolicy(policy.description) == policy)
        }
        #expect(SnarkPackPolicy.auto.minimumGroupSize == SnarkPack.autoThreshold)
        #expect(SnarkPackPolicy.off.minimumGroupSize == nil)
        #expect(SnarkPackPolicy.threshold(0).minimumGroupSize == 1)
        #expect(!SnarkPackPolicy.auto.packs(groupOf: SnarkPack.autoThreshold - 1))
        #expect(SnarkPackPolicy.auto.packs(groupOf: SnarkPack.autoThreshold))
        #expect(!SnarkPackPolicy.off.packs(groupOf: 1 << 20))
    }

    @Test("The crossover is above the old default of 16, where packing made bundles bigger and slower")
    func crossoverIsAboveTheOldDefault() {
        #expect(SnarkPack.autoThreshold > 16)
        // At the crossover an aggregate is smaller than the carried proofs (256
        // bytes each, plus their flag bytes), by its encoded size.
        #expect(BundleCodec.snarkPackSize(proofs: SnarkPack.autoThreshold) < 256 * SnarkPack.autoThreshold)
    }

    @Test("auto (the default) leaves a small group raw and packs a large one")
    func autoLeavesSmallGroupsRawAndPacksLargeOnes() throws {
        let n = SnarkPack.autoThreshold
        let srs = SnarkPackSRS.insecure(maxProofs: SnarkPack.paddedCount(n), seedA: 51, seedB: 52)
        var rng = SeededGenerator(seed: 53)
        let large = InsecureTrapdoorKey(publicInputs: 1, seed: 54), small = InsecureTrapdoorKey(publicInputs: 2, seed: 55)
        var aggregator = Aggregator()
        for i in 0..<n {
            let x = [Fr.random(using: &rng)]
            try aggregator.add(proof: large.prove(x, using: &rng), publicInputs: x, key: large.key, applicationID: "large-\(i)")
        }
        for i in 0..<16 {
            let x = [Fr.random(using: &rng), Fr.random(using: &rng)]
            try aggregator.add(proof: small.prove(x, using: &rng), publicInputs: x, key: small.key, applicationID: "small-\(i)")
        }
        let bundle = try aggregator.seal(snarkPack: srs)          // policy: .auto
        #expect(bundle.aggregates.count == 1)
        let packedKey = try #require(bundle.aggregates.first).keyIndex
        #expect(bundle.keys[packedKey] == large.key)
        #expect(bundle.aggregates[0].proof.proofCount == n)
        #expect(bundle.entries.filter { $0.applicationID.hasPrefix("small-") }.allSatisfy { $0.proof != nil })
        #expect(bundle.entries.filter { $0.applicationID.hasPrefix("large-") }.allSatisfy { $0.proof == nil })
        #expect(try bundle.verify(srs: srs.verifierKey))

        // Off packs nothing; one below the crossover stays raw under auto.
        #expect(try aggregator.seal(snarkPack: srs, policy: .off).aggregates.isEmpty)
        var below = Aggregator()
        for i in 0..<(n - 1) {
            let x = [Fr.random(using: &rng)]
            try below.add(proof: large.prove(x, using: &rng), publicInputs: x, key: large.key, applicationID: "large-\(i)")
        }
        #expect(try below.seal(snarkPack: srs).aggregates.isEmpty)
        // The old threshold form still works.
        #expect(try below.seal(snarkPack: srs, threshold: 16).aggregates.count == 1)
    }
}
