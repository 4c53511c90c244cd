import Testing
import SheafHash
@testable import SheafFinality

@Suite("The ZK leg")
struct ZKVerifierTests {
    @Test("The statement is the documented packed encoding")
    func statementLayout() {
        let statement = ZKStatement(chainID: 1001, verifier: W.zkVerifierV1, transition: t1)
        let expected = Array("SHEAF_ZK_STATEMENT_V1".utf8) + [UInt8](repeating: 0, count: 30) + [0x03, 0xE9]
            + W.zkVerifierV1.bytes + [UInt8](repeating: 0, count: 31) + [1] + t1.parent.bytes + t1.root.bytes
        #expect(statement.encoded == expected)
        #expect(statement.digest.bytes == Keccak256.hash(expected))
    }

    @Test("A caller-supplied verifier decides, and sees the chain and the logic in force")
    func closureVerifier() throws {
        // Accepts exactly keccak256(statement) as the "proof": computed here, per statement.
        let verifier = ClosureZKVerifier { proof, statement in proof == statement.digest.bytes }
        var m = try FinalityMachine(config: W.config(), zkVerifier: verifier)
        func proof(chain: UInt64, logic: EthereumAddress, _ t: Transition) -> [UInt8] {
            ZKStatement(chainID: chain, verifier: logic, transition: t).digest.bytes
        }
        let wrongChain = try m.apply(TimedEvent(at(0), .submitZK(transition: t1, proof: proof(chain: 1, logic: W.zkVerifierV1, t1))))
        #expect(wrongChain.rejection == .invalidZKProof(verifier: W.zkVerifierV1))
        let wrongLogic = try m.apply(TimedEvent(at(0), .submitZK(transition: t1, proof: proof(chain: W.chainID, logic: W.zkVerifierV2, t1))))
        #expect(wrongLogic.rejection == .invalidZKProof(verifier: W.zkVerifierV1))
        let otherRoot = try m.apply(TimedEvent(at(0), .submitZK(transition: t1, proof: proof(chain: W.chainID, logic: W.zkVerifierV1, w1))))
        #expect(otherRoot.rejection == .invalidZKProof(verifier: W.zkVerifierV1))
        let good = try m.apply(TimedEvent(at(0), .submitZK(transition: t1, proof: proof(chain: W.chainID, logic: W.zkVerifierV1, t1))))
        #expect(good.disposition == .accepted)
        #expect(m.countedProverKinds(t1) == [.zk])
        #expect(m.record(of: t1)!.approvals[0].evidence == Bytes32.keccak(proof(chain: W.chainID, logic: W.zkVerifierV1, t1)))
    }

    @Test("The simulation verifier: sound logic needs the honest proof, buggy logic takes anything")
    func simulated() {
        let v = SimulatedZKVerifier(unsound: [W.buggyZKVerifier])
        let sound = ZKStatement(chainID: W.chainID, verifier: W.zkVerifierV1, transition: t1)
        let buggy = ZKStatement(chainID: W.chainID, verifier: W.buggyZKVerifier, transition: w1)
        #expect(v.verify(proof: SimulatedZKVerifier.proof(for: sound), for: sound))
        #expect(!v.verify(proof: SimulatedZKVerifier.proof(for: sound), for: ZKStatement(chainID: W.chainID, verifier: W.zkVerifierV1, transition: w1)))
        #expect(!v.verify(proof: [1, 2, 3], for: sound))
        #expect(v.verify(proof: [1, 2, 3], for: buggy))
    }

    @Test("Earliest finalization follows the evidence")
    func earliest() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.zk(t1, at: at(0))                  // one approval, no game: needs a proposal
        b.propose(t2, at: at(0))             // a game, no approval: needs a prover
        try m.run(b)
        #expect(m.earliestFinalization(of: t1) == nil)
        #expect(m.earliestFinalization(of: t2) == nil)
        #expect(m.earliestFinalization(of: w1) == nil)       // unknown
        b = ScenarioBuilder()
        b.propose(t1, at: at(1))
        b.tee(t2, at: at(1))
        try m.run(b)
        #expect(m.earliestFinalization(of: t1) == at(8))
        #expect(m.earliestFinalization(of: t2) == at(8))     // its own window ends day 7; parent day 8
        b = ScenarioBuilder()
        b.tee(t1, at: at(2))
        try m.run(b)
        #expect(m.earliestFinalization(of: t1) == at(2))     // finalized
        #expect(m.earliestFinalization(of: t2) == at(7))
    }
}
