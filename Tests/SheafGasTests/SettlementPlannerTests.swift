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

    /// Commit-and-prove statements (``ThresholdCircuit`` proofs) settle in the
    /// same call as plain ones: their keys are registered with g and −σg, the
    /// call takes the fourth array, and its pairs are n + 3k + 2kc.
    /// Keys whose α and β, or whose γ, are the first key's have their pairs
    /// merged by the contract: the shape counts them from the canonical bytes,
    /// as the contract compares them, and a hypothetical bundle of snarkjs
    /// keys is priced with the merge.
    @Test func keysSharingTheFirstKeysAlphaBetaOrGammaSaveTheirPairs() throws {
        var rng = SeededGenerator(seed: 12)
        let t = (0..<5).map { InsecureTrapdoorKey(publicInputs: 1, seed: 70 &+ UInt64($0)).key }
        let keys = [
            t[0],
            VerifyingKey(alpha: t[0].alpha, beta: t[0].beta, gamma: t[1].gamma, delta: t[1].delta, ic: t[1].ic),   // α, β
            VerifyingKey(alpha: t[2].alpha, beta: t[2].beta, gamma: t[0].gamma, delta: t[2].delta, ic: t[2].ic),   // γ
            VerifyingKey(alpha: t[0].alpha, beta: t[0].beta, gamma: t[0].gamma, delta: t[3].delta, ic: t[3].ic),   // all three
            VerifyingKey(alpha: t[0].alpha, beta: t[4].beta, gamma: t[4].gamma, delta: t[4].delta, ic: t[4].ic),   // α only: no merge
        ]
        let proof = InsecureTrapdoorKey(publicInputs: 1, seed: 70).prove([Fr.one], using: &rng)
        let claims = keys.enumerated().map { SettlementClaim(applicationID: "app-\($0)", key: $1, publicInputs: [Fr.one], proof: proof) }
        let shape = SettlementGas.SettleShape(claims)
        #expect(shape.sharedAlphaBeta == 2 && shape.sharedGamma == 2)
        #expect(shape.pairs == 5 + 3 * 5 - 4)
        // The same keys in another order: the key that the most others share
        // with goes first in keyHashes (the earliest of equals), wherever its
        // claims are.
        let reorderedClaims = [claims[4]] + claims[0..<4]
        #expect(SettlementCalldata.distinctKeys(reorderedClaims).first?.hash == claims[0].keyHash)
        let reordered = SettlementGas.SettleShape(reorderedClaims)
        #expect(reordered.sharedAlphaBeta == 2 && reordered.sharedGamma == 2 && reordered.pairs == 16)
        // Without a key to share with, first-appearance order stays.
        let lone = Array(reorderedClaims.prefix(2))
        #expect(SettlementCalldata.distinctKeys(lone).map(\.hash) == lone.map(\.keyHash))

        func pairs(_ sharing: MeasuredSettlementTraces.KeySharing, _ shape: BundleShape) throws -> [Int] {
            try MeasuredSettlementTraces(keySharing: sharing).batched(shape).steps.compactMap {
                if case .ecPairing(let p) = $0.step { return p } else { return nil }
            }
        }
        let sixteen = try BundleShape(proofs: 16, circuits: 16, publicInputs: 1)
        #expect(try pairs(.none, sixteen) == [64])
        #expect(try pairs(.gamma, sixteen) == [49])
        #expect(try pairs(.setup, sixteen) == [34])
        // Fewer pairs a key: more claims a call (distinct keys: 16 a call without sharing, 32 with).
        let many = try BundleShape(proofs: 64, circuits: 64, publicInputs: 0)
        #expect(try MeasuredSettlementTraces(keySharing: .none).batchedTransactions(many).count == 4 + 1)
        #expect(try MeasuredSettlementTraces(keySharing: .setup).batchedTransactions(many).count == 2 + 1)
    }

    @Test func commitAndProveStatementsSettleBesidePlainOnes() throws {
        let circuit = ThresholdCircuit()
        let provingKey = try Groth16.insecureSetup(circuit: circuit, seed: 104)
        let key = try #require(provingKey.committedVerifyingKey)
        var rng = SeededGenerator(seed: 12)
        func committedProof(_ value: UInt64, tamper: Bool = false) throws -> (Groth16CommittedProof, [Fr]) {
            let witness = ThresholdCircuit.Witness(value: value, salt: Fr.random(using: &rng), threshold: 10)
            let (system, values) = try circuit.assign(witness, commitmentChallenge: Groth16.commitmentChallenge(key: provingKey))
            var proof = try Groth16.proveCommitted(key: provingKey, constraintSystem: system, witness: values, using: &rng)
            if tamper { proof.commitment = G1Affine.generator * Fr(3) }
            return (proof, [witness.commitment, Fr(witness.threshold)])
        }
        func mixed(tamper: Bool) throws -> ProofBundle {
            let plain = InsecureTrapdoorKey(publicInputs: 1, seed: 41)
            var aggregator = Aggregator()
            for i in 0..<2 {
                let x = [Fr(UInt64(i) + 1)]
                try aggregator.add(proof: plain.prove(x, using: &rng), publicInputs: x, key: plain.key, applicationID: "plain-\(i)")
            }
            for i in 0..<2 {
                let (proof, inputs) = try committedProof(100 + UInt64(i), tamper: tamper && i == 1)
                try aggregator.add(committedProof: proof, publicInputs: inputs, key: key, applicationID: "lookup-\(i)")
            }
            return try aggregator.seal()
        }
        let b = try mixed(tamper: false)
        let plan = try SettlementPlanner.plan(bundle: b, schedule: .prague)
        let registrations = plan.transactions.compactMap { t -> [UInt8]? in
            if case .registerKey(let hash) = t.kind { return hash } else { return nil }
        }
        #expect(registrations.count == 2 && registrations.contains(key.hash))
        let settles = plan.transactions.filter { if case .settle = $0.kind { return true } else { return false } }
        #expect(settles.count == 1)
        #expect(Array(settles[0].calldata.prefix(4)) == ABIWord.selector(SettlementCalldata.settleCommittedSignature))
        #expect(SettlementGas.SettleShape(plan.claims).pairs == 4 + 3 * 2 + 2)
        for receipt in plan.receipts {
            #expect(receipt.root == b.manifestRoot)
            #expect(receipt.path.verifies(data: receipt.claim.leafBytes, root: b.manifestRoot))
        }
        #expect(plan.receipts[2].claim.keyHash == key.hash)
        // A bad commit-and-prove proof is named, or dropped.
        let bad = try mixed(tamper: true)
        #expect(throws: SettlementPlanError.invalidProofs(applications: ["lookup-1"])) {
            try SettlementPlanner.plan(bundle: bad, schedule: .prague)
        }
        let dropped = try SettlementPlanner.plan(bundle: bad, schedule: .prague, dropInvalid: true)
        #expect(dropped.dropped == [3] && dropped.claims.count == 3)
    }
}
