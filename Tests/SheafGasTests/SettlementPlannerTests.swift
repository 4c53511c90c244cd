import Testing
import SheafAggregation
import SheafCurve
import SheafEthereum
import SheafField
import SheafGas
import SheafGroth16
import SheafHash

@Suite("Settlement planner: what sheaf settle writes")
struct SettlementPlannerTests {
    /// A bundle of `count` proofs under `keys` trapdoor keys; the proof at
    /// `bad` (if any) is made for other inputs than the ones it carries.
    func bundle(count: Int, keys: Int, inputs: Int = 1, bad: Int? = nil) throws -> ProofBundle {
        var rng = SeededGenerator(seed: 11)
        let trapdoors = (0..<keys).map { InsecureTrapdoorKey(publicInputs: inputs, seed: 40 &+ UInt64($0)) }
        var aggregator = Aggregator()
        for i in 0..<count {
            let t = trapdoors[i % keys]
            let x = (0..<inputs).map { _ in Fr.random(using: &rng) }
            let proved = i == bad ? x.map { $0 + Fr.one } : x
            try aggregator.add(proof: t.prove(proved, using: &rng), publicInputs: x, key: t.key, applicationID: "app-\(i)")
        }
        return try aggregator.seal()
    }

    @Test func oneCallRecordsTheBundlesRootAndEveryReceiptChecks() throws {
        let b = try bundle(count: 7, keys: 3)
        let plan = try SettlementPlanner.plan(bundle: b, schedule: .prague)
        #expect(!plan.isSplit)
        #expect(plan.transactions.filter { if case .registerKey = $0.kind { return true } else { return false } }.count == 3)
        for receipt in plan.receipts {
            #expect(receipt.root == b.manifestRoot)
            #expect(receipt.path.verifies(data: receipt.claim.leafBytes, root: b.manifestRoot))
        }
    }

    @Test func anInvalidProofIsRefusedByNameOrDropped() throws {
        let b = try bundle(count: 6, keys: 2, bad: 4)
        #expect(throws: SettlementPlanError.invalidProofs(applications: ["app-4"])) {
            try SettlementPlanner.plan(bundle: b, schedule: .prague)
        }
        let plan = try SettlementPlanner.plan(bundle: b, schedule: .prague, dropInvalid: true)
        let position = b.manifest.firstIndex { $0.applicationID == "app-4" }!
        #expect(plan.dropped == [position])
        #expect(!plan.receipts.contains { $0.applicationID == "app-4" })
        #expect(plan.receipts.count == 5)
    }

    /// Over the contract's bounds the statements go in aligned power-of-two
    /// parts and settleTree records the bundle's own root.
    @Test func largeBundlesSplitIntoAlignedPartsUnderOneRoot() throws {
        let b = try bundle(count: 40, keys: 40)     // 4 pairs a claim: 24 claims at most per call
        let plan = try SettlementPlanner.plan(bundle: b, schedule: .osaka)
        #expect(plan.isSplit)
        let parts = plan.transactions.compactMap { t -> Range<Int>? in if case .settle(_, let r) = t.kind { return r } else { return nil } }
        #expect(parts.map(\.count) == [16, 16, 8])
        guard case .settleTree(let root, let count)? = plan.transactions.last?.kind else {
            Issue.record("the last transaction is not settleTree"); return
        }
        #expect(root == b.manifestRoot && count == 3)
        #expect(plan.receipts.allSatisfy { $0.root == b.manifestRoot && $0.path.verifies(data: $0.claim.leafBytes, root: b.manifestRoot) })
    }

    @Test func snarkPackedStatementsNeedTheirRawProofs() throws {
        var rng = SeededGenerator(seed: 5)
        let t = InsecureTrapdoorKey(publicInputs: 1, seed: 9)
        var aggregator = Aggregator()
        var raw = [String: Groth16Proof]()
        for i in 0..<4 {
            let x = [Fr.random(using: &rng)]
            let proof = t.prove(x, using: &rng)
            raw["app-\(i)"] = proof
            try aggregator.add(proof: proof, publicInputs: x, key: t.key, applicationID: "app-\(i)")
        }
        let srs = SnarkPackSRS.insecure(maxProofs: 4, seedA: 1, seedB: 2)
        let b = try aggregator.seal(snarkPack: srs, threshold: 2)
        #expect(!b.aggregates.isEmpty)
        #expect(throws: SettlementPlanError.missingRawProofs(applications: ["app-0", "app-1", "app-2", "app-3"])) {
            try SettlementPlanner.plan(bundle: b, schedule: .prague)
        }
        let plan = try SettlementPlanner.plan(bundle: b, rawProofs: raw, schedule: .prague)
        #expect(plan.receipts.map(\.root) == [[UInt8]](repeating: b.manifestRoot, count: 4))
    }
}
