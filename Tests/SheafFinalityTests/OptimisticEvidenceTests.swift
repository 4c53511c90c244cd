import Foundation
import Testing
@testable import SheafFinality

/// When won optimistic games are evidence that the optimistic logic disagrees with
/// itself (and so allow the council's immediate replacement of it), and when they
/// are only something anyone could have manufactured.
@Suite("Optimistic self-disagreement evidence")
struct OptimisticEvidenceTests {
    /// Two roots on a made-up parent far above the finalized head, proposed by the
    /// attacker and never challenged, plus an honest ZK-approved transition whose
    /// window closes on day 8; the council then tries the emergency upgrade.
    static func manufacturedEvidence() -> ScenarioBuilder {
        let madeUpParent = W.wrongRoot(4, 7)
        var b = ScenarioBuilder()
        b.propose(Transition(height: 5, parent: madeUpParent, root: W.wrongRoot(5, 1)), by: W.attacker, at: at(0))
        b.propose(Transition(height: 5, parent: madeUpParent, root: W.wrongRoot(5, 2)), by: W.attacker, at: at(0))
        b.propose(t1, at: at(1))
        b.zk(t1, at: at(1))
        b.council(.emergencyUpgrade(kind: .optimistic, to: W.optimisticV2), consumesNonce: false, at: at(7, 1))
        b.tick(at: at(9))
        return b
    }

    @Test("A journal of unchallenged games on a made-up parent is no evidence: the emergency upgrade is refused, the honest root finalizes on day 8")
    func manufacturedJournal() throws {
        let path = temporaryPath("manufactured-evidence")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try FinalityJournalWriter.create(path: path, config: W.config())
        for event in Self.manufacturedEvidence().events { try writer.append(event) }

        let (m, contents) = try FinalityJournal.replay(path: path, zkVerifier: W.zkVerifier)
        #expect(!contents.droppedTornLine)
        #expect(m.state.disagreements.isEmpty)
        let council = m.state.log.first { if case .councilAction = $0.event.event { return true } else { return false } }
        #expect(council?.disposition == .rejected(.noProvableDisagreement(kind: .optimistic)))
        #expect(m.verifier(.optimistic) == W.optimisticV1)
        expectFinalized(m, t1, .zkAndOptimistic, at(8))
    }

    @Test("Won games become evidence when their parent finalizes, if one was challenged and upheld")
    func evidenceWhenParentFinalizes() throws {
        var m = try makeMachine()
        let w2 = Transition(height: 2, parent: W.root(1), root: W.wrongRoot(2))
        var b = ScenarioBuilder()
        b.propose(t2, at: at(0))
        b.propose(w2, by: W.attacker, at: at(0))         // wins by timeout on day 7
        b.challenge(t2, at: at(1))
        b.propose(t1, at: at(1))
        b.zk(t1, at: at(1))                              // final on day 8
        b.resolve(t2, winner: .defender, at: at(2))
        b.tick(at: at(7, 12))
        try m.run(b)
        #expect(m.record(of: w2)?.games.last?.winner == .defender)
        #expect(m.status(of: t1) == .pending)
        #expect(m.state.disagreements.isEmpty)           // parent not final: no evidence yet
        b = ScenarioBuilder()
        b.tick(at: at(9))
        try m.run(b)
        expectFinalized(m, t1, .zkAndOptimistic, at(8))
        #expect(m.state.disagreements.count == 1)
        let d = m.state.disagreements.first
        #expect(d?.kind == .optimistic && d?.height == 2 && d?.parent == W.root(1) && d?.detectedAt == at(8))
        #expect(Set(d?.roots ?? []) == [t2.root, w2.root])
    }

    @Test("Won games of a rejected transition are not evidence")
    func rejectedTransitionIgnored() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))                         // wins by timeout on day 7
        b.propose(w1, by: W.attacker, at: at(0))
        b.zk(t1, at: at(0))
        b.tee(t1, at: at(0))                             // t1 final by ZK + TEE, w1 rejected
        b.challenge(w1, by: W.attacker, at: at(0, 1))
        b.resolve(w1, winner: .defender, at: at(0, 2))
        b.tick(at: at(8))
        b.council(.emergencyUpgrade(kind: .optimistic, to: W.optimisticV2), consumesNonce: false, at: at(8))
        let outcomes = try m.outcomes(b)
        expectFinalized(m, t1, .zkAndTEE, at(0))
        expectRejected(m, w1, .siblingFinalized(t1), at(0))
        #expect(m.record(of: w1)?.games.last?.winner == .defender)
        #expect(m.record(of: t1)?.games.last?.winner == .defender)
        #expect(m.state.disagreements.isEmpty)
        #expect(outcomes.last?.rejection == .noProvableDisagreement(kind: .optimistic))
    }
}
