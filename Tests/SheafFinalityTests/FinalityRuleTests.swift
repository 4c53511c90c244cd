import Testing
import SheafHash
@testable import SheafFinality

let t1 = W.transition(1), t2 = W.transition(2), t3 = W.transition(3), t4 = W.transition(4)
let w1 = Transition(height: 1, parent: W.anchorRoot, root: W.wrongRoot(1))
let sevenDays = Seconds.days(7)

extension TransitionStatus {
    /// The rule and time, when finalized.
    var finalization: (FinalityRule, Timestamp)? {
        if case let .finalized(rule, time) = self { return (rule, time) }
        return nil
    }
    /// The reason and time, when rejected.
    var rejection: (RejectionReason, Timestamp)? {
        if case let .rejected(reason, time) = self { return (reason, time) }
        return nil
    }
}

func expectFinalized(_ m: FinalityMachine, _ t: Transition, _ rule: FinalityRule, _ time: Timestamp,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    let got = m.status(of: t)?.finalization
    #expect(got?.0 == rule && got?.1 == time, "\(t): \(String(describing: m.status(of: t)))", sourceLocation: sourceLocation)
}

func expectRejected(_ m: FinalityMachine, _ t: Transition, _ reason: RejectionReason, _ time: Timestamp,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let got = m.status(of: t)?.rejection
    #expect(got?.0 == reason && got?.1 == time, "\(t): \(String(describing: m.status(of: t)))", sourceLocation: sourceLocation)
}

@Suite("R1: ZK and TEE together")
struct ZKAndTEETests {
    @Test("Both approving the same root finalize it at the second approval")
    func instant() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.tee(t1, at: at(0, 2))
        b.zk(t1, at: at(0, 5))
        try m.run(b)
        expectFinalized(m, t1, .zkAndTEE, at(0, 5))
        #expect(m.finalizedHead.transition == t1)
    }

    @Test("No proposal is needed, and a later game does not delay or undo it")
    func independentOfGame() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.challenge(t1, by: W.attacker, at: at(0, 1))
        b.zk(t1, at: at(0, 2))
        b.tee(t1, at: at(0, 3))
        b.resolve(t1, winner: .challenger, at: at(1))
        try m.run(b)
        expectFinalized(m, t1, .zkAndTEE, at(0, 3))
    }

    @Test("ZK and TEE approving different roots finalize neither at once")
    func disagreeingProvers() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.zk(t1, at: at(0))
        b.tee(w1, at: at(0))
        try m.run(b)
        #expect(m.status(of: t1) == .pending)
        #expect(m.status(of: w1) == .pending)
        #expect(m.finalizedHead.transition.height == 0)
    }
}

@Suite("R2: one prover and the optimistic game")
struct OneProverAndGameTests {
    @Test("ZK alone finalizes exactly when the unchallenged game's 7-day window closes", arguments: [ProverKind.zk, .tee])
    func afterWindow(prover: ProverKind) throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0, 3))
        if prover == .zk { b.zk(t1, at: at(2)) } else { b.tee(t1, at: at(2)) }
        b.tick(at: at(7, 2))
        try m.run(b)
        #expect(m.status(of: t1) == .pending)
        #expect(m.earliestFinalization(of: t1) == at(7, 3))
        try m.apply(TimedEvent(Timestamp(seconds: at(7, 3).seconds - 1), .tick))
        #expect(m.status(of: t1) == .pending)
        try m.apply(TimedEvent(at(9), .tick))
        expectFinalized(m, t1, prover == .zk ? .zkAndOptimistic : .teeAndOptimistic, at(7, 3))
    }

    @Test("A game won early by resolution still waits for the window to close")
    func wonEarlyStillWaits() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.challenge(t1, by: W.attacker, at: at(1))
        b.resolve(t1, winner: .defender, at: at(2))
        b.tick(at: at(10))
        try m.run(b)
        expectFinalized(m, t1, .zkAndOptimistic, at(7))
    }

    @Test("A game resolved after the window finalizes at the resolution")
    func resolvedAfterWindow() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.challenge(t1, by: W.attacker, at: at(6))      // resolve by day 9 12:00
        b.resolve(t1, winner: .defender, at: at(8))
        try m.run(b)
        expectFinalized(m, t1, .zkAndOptimistic, at(8))
    }

    @Test("A challenged game nobody resolves times out for the challenger; the root is then rejected")
    func challengeTimeout() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.tee(t1, at: at(0))
        b.challenge(t1, by: W.attacker, at: at(1))      // 3.5 days: resolve by day 4 12:00
        b.tick(at: at(10))
        try m.run(b)
        let game = m.record(of: t1)!.games.last!
        #expect(game.winner == .challenger && game.resolvedByTimeout && game.resolvedAt == at(4, 12))
        expectRejected(m, t1, .optimisticGameLost, at(7))
    }

    @Test("Two roots on one parent both upheld by timeout: ambiguous, but nobody challenged, so no self-disagreement")
    func ambiguousGameUnchallenged() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(1))
        b.tick(at: at(8))
        b.council(.emergencyUpgrade(kind: .optimistic, to: W.optimisticV2), consumesNonce: false, at: at(9))
        let outcomes = try m.outcomes(b)
        #expect(m.status(of: t1) == .pending)
        #expect(m.status(of: w1) == .pending)
        #expect(m.earliestFinalization(of: t1) == nil)
        #expect(m.state.disagreements.isEmpty)
        #expect(outcomes.last?.rejection == .noProvableDisagreement(kind: .optimistic))
    }

    @Test("Two roots on one parent both upheld, one after a challenge: ambiguous, neither finalizes by R2, the game's self-disagreement is recorded")
    func ambiguousGame() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(1))
        b.challenge(w1, at: at(2))
        b.resolve(w1, winner: .defender, at: at(3))     // the logic upheld the wrong root
        b.tick(at: at(8))
        try m.run(b)
        #expect(m.status(of: t1) == .pending)
        #expect(m.status(of: w1) == .pending)
        #expect(m.earliestFinalization(of: t1) == nil)
        #expect(m.state.disagreements.count == 1)
        let d = m.state.disagreements[0]
        #expect(d.kind == .optimistic && d.verifier == W.optimisticV1 && d.height == 1 && d.detectedAt == at(7))
        #expect(Set(d.roots) == [t1.root, w1.root])
        // The optimistic logic disagreed with itself, so the council may replace it
        // at once; that voids the games, which reopens the window for approvals.
        b = ScenarioBuilder()
        b.council(.emergencyUpgrade(kind: .optimistic, to: W.optimisticV2), at: at(9))
        b.tee(t1, key: W.enclaveKeys[1], at: at(9, 1))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[0].disposition == .accepted)
        #expect(m.verifier(.optimistic) == W.optimisticV2)
        expectFinalized(m, t1, .zkAndTEE, at(9, 1))
        expectRejected(m, w1, .siblingFinalized(t1), at(9, 1))
    }

    @Test("A rival game still running delays finality until the rival loses")
    func rivalStillRunning() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(5))
        b.challenge(w1, at: at(6))                       // rival resolves by day 9 12:00
        b.tick(at: at(8))
        try m.run(b)
        #expect(m.status(of: t1) == .pending)
        #expect(m.earliestFinalization(of: t1) == at(8))
        b = ScenarioBuilder()
        b.resolve(w1, winner: .challenger, at: at(9))
        try m.run(b)
        expectFinalized(m, t1, .zkAndOptimistic, at(9))
        expectRejected(m, w1, .siblingFinalized(t1), at(9))
    }

    @Test("A rival on another parent does not make the game ambiguous")
    func rivalOnOtherParentIgnored() throws {
        var m = try makeMachine()
        let stray = Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2))
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.propose(t2, at: at(0))
        b.zk(t2, at: at(0))
        b.propose(stray, by: W.attacker, at: at(0))     // unchallenged: it wins too
        b.tick(at: at(8))
        try m.run(b)
        expectFinalized(m, t1, .zkAndOptimistic, at(7))
        expectFinalized(m, t2, .zkAndOptimistic, at(7))
        expectRejected(m, stray, .parentRejected(parent: W.wrongRoot(1)), at(7))
        #expect(m.state.disagreements.isEmpty)
    }

    @Test("A lost game with only one prover is rejected when the window closes, not before")
    func lostGameRejectedAtWindowClose() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(w1, by: W.attacker, at: at(0))
        b.tee(w1, at: at(0))
        b.challenge(w1, at: at(1))
        b.resolve(w1, winner: .challenger, at: at(2))
        b.tick(at: at(6))
        try m.run(b)
        #expect(m.status(of: w1) == .pending)       // ZK could still approve until day 7
        #expect(m.earliestFinalization(of: w1) == nil)
        try m.apply(TimedEvent(at(7), .tick))
        expectRejected(m, w1, .optimisticGameLost, at(7))
    }

    @Test("ZK + TEE overrides a lost game (two of three), even after the window")
    func bothProversBeatLostGame() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t2, at: at(0))
        b.zk(t2, at: at(0))
        b.tee(t2, at: at(1))
        b.challenge(t2, by: W.attacker, at: at(1))
        b.resolve(t2, winner: .challenger, at: at(2))
        b.tick(at: at(8))
        // Parent arrives later, by ZK + TEE.
        b.zk(t1, at: at(9))
        b.tee(t1, at: at(9))
        try m.run(b)
        expectFinalized(m, t1, .zkAndTEE, at(9))
        expectFinalized(m, t2, .zkAndTEE, at(9))
    }

    @Test("Re-proposing a won root that no prover approved in time opens a new window")
    func reproposal() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.tick(at: at(7))
        b.zk(t1, at: at(8))                              // too late for the first window
        b.propose(t1, at: at(8))                         // new game, window to day 15
        b.zk(t1, at: at(9))
        b.tick(at: at(16))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[2].rejection == .proofAfterDeadline(deadline: at(7)))
        #expect(outcomes[3].disposition == .accepted)
        #expect(outcomes[4].disposition == .accepted)
        expectFinalized(m, t1, .zkAndOptimistic, at(15))
        #expect(m.record(of: t1)!.games.count == 2)
    }

    @Test("A won root that has prover approval is not re-opened")
    func noReproposalWhenApproved() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t2, at: at(0))
        b.zk(t2, at: at(1))
        b.propose(t2, by: W.attacker, at: at(8))         // won at day 7, waits for its parent
        #expect(try m.outcomes(b)[2].rejection == .gameAlreadyWon)
        #expect(m.status(of: t2) == .pending)
    }

    @Test("A lost root cannot be proposed again")
    func lostCannotRepropose() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(w1, by: W.attacker, at: at(0))
        b.zk(t1, at: at(0))
        b.tee(t1, at: at(0))
        b.challenge(w1, at: at(0, 1))
        b.resolve(w1, winner: .challenger, at: at(1))
        b.propose(w1, by: W.attacker, at: at(2))
        let outcomes = try m.outcomes(b)
        // W1 is already rejected because C1 finalized at day 0.
        #expect(outcomes[5].rejection == .heightFinalized(root: t1.root))
        var m2 = try makeMachine()
        var c = ScenarioBuilder()
        c.propose(w1, by: W.attacker, at: at(0))
        c.challenge(w1, at: at(0, 1))
        c.resolve(w1, winner: .challenger, at: at(1))
        c.propose(w1, by: W.proposer, at: at(2))
        #expect(try m2.outcomes(c)[3].rejection == .gameLost)
    }
}

@Suite("Same-kind approvals count once")
struct SameKindTests {
    @Test("Two TEE attestations (two enclaves) never finalize anything at once")
    func teeTwice() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.tee(w1, key: W.enclaveKeys[0], at: at(0))
        b.tee(w1, key: W.enclaveKeys[1], at: at(0))
        try m.run(b)
        #expect(m.status(of: w1) == .pending)
        #expect(m.countedProverKinds(w1) == [.tee])
        #expect(m.record(of: w1)!.approvals.count == 2)
        #expect(m.earliestFinalization(of: w1) == nil)
    }

    @Test("A forged TEE pair plus a lost game finalizes nothing; the ZK root the game upholds wins")
    func forgedPairLoses() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.tee(w1, key: W.enclaveKeys[0], at: at(0))
        b.tee(w1, key: W.enclaveKeys[1], at: at(0))
        b.propose(w1, by: W.attacker, at: at(0))
        b.zk(t1, at: at(0, 1))
        b.propose(t1, at: at(0, 1))
        b.challenge(w1, at: at(0, 2))
        b.resolve(w1, winner: .challenger, at: at(1))
        b.tick(at: at(8))
        try m.run(b)
        expectRejected(m, w1, .optimisticGameLost, at(7))
        expectFinalized(m, t1, .zkAndOptimistic, at(7, 1))
    }

    @Test("Two ZK proofs of the same root count once")
    func zkTwice() throws {
        var m = try makeMachine(zkVerifier: W.buggyZKVerifier)
        var b = ScenarioBuilder(zkVerifier: W.buggyZKVerifier)
        b.zk(t1, at: at(0))
        b.bogusZK(t1, at: at(0))                         // a second, different accepted proof
        try m.run(b)
        #expect(m.record(of: t1)!.approvals.count == 2)
        #expect(m.countedProverKinds(t1) == [.zk])
        #expect(m.status(of: t1) == .pending)
    }
}

@Suite("Self-disagreement")
struct SelfDisagreementTests {
    @Test("Two valid ZK proofs for different roots on one parent are recorded and void ZK there")
    func zk() throws {
        var m = try makeMachine(zkVerifier: W.buggyZKVerifier)
        var b = ScenarioBuilder(zkVerifier: W.buggyZKVerifier)
        b.tee(t1, at: at(0))
        b.bogusZK(w1, at: at(0, 1))
        b.zk(t1, at: at(0, 2))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[2].effects.contains { if case .selfDisagreement = $0.effect { return true } else { return false } })
        #expect(m.state.disagreements.map(\.kind) == [.zk])
        #expect(m.state.disagreements[0].detectedAt == at(0, 2))
        #expect(m.countedProverKinds(t1) == [.tee])      // ZK voided at (1, anchor)
        #expect(m.status(of: t1) == .pending)
    }

    @Test("Two enclaves attesting different roots on one parent are a TEE self-disagreement")
    func tee() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.zk(t1, at: at(0))
        b.tee(w1, key: W.enclaveKeys[1], at: at(0, 1))
        b.tee(t1, key: W.enclaveKeys[0], at: at(0, 2))
        try m.run(b)
        #expect(m.state.disagreements.map(\.kind) == [.tee])
        #expect(m.countedProverKinds(t1) == [.zk])
        #expect(m.status(of: t1) == .pending)
    }

    @Test("Different parents are not a self-disagreement")
    func differentParents() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.zk(t2, at: at(0))
        b.zk(Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2)), at: at(0))
        try m.run(b)
        #expect(m.state.disagreements.isEmpty)
    }

    @Test("Detected after finality: the finalized root stays, the evidence is recorded")
    func afterFinality() throws {
        var m = try makeMachine(zkVerifier: W.buggyZKVerifier)
        var b = ScenarioBuilder(zkVerifier: W.buggyZKVerifier)
        b.zk(t1, at: at(0))
        b.tee(t1, at: at(0))
        b.bogusZK(w1, at: at(1))
        try m.run(b)
        expectFinalized(m, t1, .zkAndTEE, at(0))
        expectRejected(m, w1, .siblingFinalized(t1), at(1))
        #expect(m.state.disagreements.count == 1)
        #expect(m.finalizedBlock(atHeight: 1)?.transition == t1)
    }
}

@Suite("Parent linkage and monotonic finality")
struct ParentLinkageTests {
    @Test("A child approved first waits and finalizes with its parent")
    func childWaits() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.zk(t2, at: at(0))
        b.tee(t2, at: at(0))
        b.propose(t1, at: at(0, 1))
        b.tee(t1, at: at(0, 1))
        try m.run(b)
        #expect(m.status(of: t2) == .pending)
        #expect(m.earliestFinalization(of: t2) == at(7, 1))
        try m.apply(TimedEvent(at(8), .tick))
        expectFinalized(m, t1, .teeAndOptimistic, at(7, 1))
        expectFinalized(m, t2, .zkAndTEE, at(7, 1))
    }

    @Test("A child of a rejected parent is rejected; its child once the height below it is final")
    func cascade() throws {
        var m = try makeMachine()
        let x2 = Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2))
        let x3 = Transition(height: 3, parent: W.wrongRoot(2), root: W.wrongRoot(3))
        var b = ScenarioBuilder()
        b.propose(w1, by: W.attacker, at: at(0))
        b.tee(x2, at: at(0))
        b.zk(x3, at: at(0))
        b.zk(t1, at: at(1))
        b.tee(t1, at: at(1))
        try m.run(b)
        expectFinalized(m, t1, .zkAndTEE, at(1))
        expectRejected(m, w1, .siblingFinalized(t1), at(1))
        expectRejected(m, x2, .parentRejected(parent: W.wrongRoot(1)), at(1))
        // W2 could still be produced at height 2 on C1 by a transition not seen yet.
        #expect(m.status(of: x3) == .pending)
        b = ScenarioBuilder()
        b.zk(t2, at: at(2))
        b.tee(t2, at: at(2))
        try m.run(b)
        expectRejected(m, x3, .parentRejected(parent: W.wrongRoot(2)), at(2))
    }

    @Test("A lost transition on the final parent kills its root's children at once")
    func lostOnFinalParent() throws {
        var m = try makeMachine()
        let x2 = Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2))
        var b = ScenarioBuilder()
        b.propose(w1, by: W.attacker, at: at(0))
        b.challenge(w1, at: at(1))
        b.resolve(w1, winner: .challenger, at: at(2))
        b.tee(x2, at: at(3))
        b.tick(at: at(7))
        b.propose(x2, by: W.attacker, at: at(8))
        let o = try m.outcomes(b)
        expectRejected(m, w1, .optimisticGameLost, at(7))
        expectRejected(m, x2, .parentRejected(parent: W.wrongRoot(1)), at(7))
        #expect(o[5].rejection == .parentNotCanonical(parent: W.wrongRoot(1)))
    }

    @Test("An honest root proposed on a bogus parent cannot take the honest root's children down")
    func noGriefingThroughSharedRoot() throws {
        var m = try makeMachine()
        let decoy = Transition(height: 3, parent: W.wrongRoot(2), root: W.root(3))    // honest root, bogus parent
        var b = ScenarioBuilder()
        b.propose(Transition(height: 2, parent: W.root(1), root: W.wrongRoot(2)), by: W.attacker, at: at(0))
        b.propose(decoy, by: W.attacker, at: at(0))
        b.zk(t4, at: at(0))
        b.tee(t4, at: at(0))
        b.zk(t1, at: at(1))
        b.tee(t1, at: at(1))
        b.zk(t2, at: at(2))
        b.tee(t2, at: at(2))                             // height 2 final: the decoy's parent is dead
        try m.run(b)
        expectRejected(m, decoy, .parentRejected(parent: W.wrongRoot(2)), at(2))
        #expect(m.status(of: t4) == .pending)
        b = ScenarioBuilder()
        b.zk(t3, at: at(3))
        b.tee(t3, at: at(3))
        try m.run(b)
        expectFinalized(m, t3, .zkAndTEE, at(3))
        expectFinalized(m, t4, .zkAndTEE, at(3))
    }

    @Test("A finalized height never changes; rivals are rejected and proposals refused")
    func neverTwice() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.zk(t1, at: at(0))
        b.tee(t1, at: at(0))
        b.tee(w1, key: W.enclaveKeys[1], at: at(0, 1))
        b.propose(w1, by: W.attacker, at: at(0, 2))
        b.propose(t1, at: at(0, 3))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[3].rejection == .heightFinalized(root: t1.root))
        #expect(outcomes[4].rejection == .transitionSettled("finalized"))
        expectRejected(m, w1, .siblingFinalized(t1), at(0, 1))
        #expect(m.finalizedBlock(atHeight: 1)?.transition == t1)
        #expect(m.finalizedBlock(atHeight: 1)?.time == at(0))
    }

    @Test("Events at or below the anchor are refused; events out of time order throw")
    func anchorAndOrder() throws {
        var m = try makeMachine()
        let below = Transition(height: 0, parent: .zero, root: W.wrongRoot(0))
        let outcome = try m.apply(TimedEvent(at(1), .proposeOptimistic(transition: below, proposer: W.attacker)))
        #expect(outcome.rejection == .atOrBelowAnchor(anchorHeight: 0))
        #expect(throws: FinalityError.eventOutOfOrder(event: at(0), now: at(1))) { try m.apply(TimedEvent(at(0), .tick)) }
        #expect(m.status(of: Transition(height: 0, parent: .zero, root: W.anchorRoot))?.finalization?.0 == .anchor)
    }
}

@Suite("Deadlines and idempotency")
struct DeadlineTests {
    @Test("ZK and TEE approvals close with the game's challenge window")
    func proofDeadline() throws {
        var m = try makeMachine()
        let deadline = at(7, 1)
        let justBefore = Timestamp(seconds: deadline.seconds - 1)
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0, 1))
        b.zk(t1, at: justBefore)
        b.tee(t1, at: deadline)
        let outcomes = try m.outcomes(b)
        #expect(outcomes[1].disposition == .accepted)
        #expect(outcomes[2].rejection == .proofAfterDeadline(deadline: deadline))
        expectFinalized(m, t1, .zkAndOptimistic, deadline)
    }

    @Test("A challenge at the deadline is late; one second earlier it counts")
    func challengeDeadline() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(0))
        b.challenge(t1, by: W.attacker, at: Timestamp(seconds: at(7).seconds - 1))
        b.challenge(w1, at: at(7))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[2].disposition == .accepted)
        #expect(outcomes[3].rejection == .challengeAfterDeadline(deadline: at(7)))
    }

    @Test("A resolution after the resolution deadline is late")
    func resolutionDeadline() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.challenge(t1, by: W.attacker, at: at(1))
        b.resolve(t1, winner: .defender, at: at(4, 12))
        b.resolve(t1, winner: .challenger, at: at(4, 13))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[2].rejection == .resolutionAfterDeadline(deadline: at(4, 12)))
        #expect(outcomes[3].disposition == .duplicate)   // already the outcome of the timeout
    }

    @Test("Unchallenged games cannot be resolved by an event; resolved games stay resolved")
    func resolutionRules() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.resolve(t1, winner: .challenger, at: at(1))
        b.challenge(t1, by: W.attacker, at: at(1))
        b.challenge(t1, by: W.challenger, at: at(1))
        b.resolve(t1, winner: .defender, at: at(2))
        b.resolve(t1, winner: .challenger, at: at(3))
        b.resolve(w1, winner: .defender, at: at(3))
        let outcomes = try m.outcomes(b)
        #expect(outcomes[1].rejection == .notChallenged)
        #expect(outcomes[3].rejection == .alreadyChallenged(by: W.attacker))
        #expect(outcomes[5].rejection == .alreadyResolved(winner: .defender))
        #expect(outcomes[6].rejection == .noGame)
    }

    @Test("Identical re-submissions are duplicates and change nothing")
    func idempotent() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0))
        b.tee(w1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(0))
        b.challenge(w1, at: at(0))
        b.resolve(w1, winner: .challenger, at: at(1))
        b.council(.allowMeasurement(W.patchedMeasurement), at: at(1))
        for event in b.events {
            let first = try m.apply(event)
            #expect(first.disposition == .accepted, "\(event.event)")
            let before = m.state
            let again = try m.apply(event)
            #expect(again.disposition == .duplicate, "\(event.event)")
            #expect(m.state.candidates == before.candidates)
            #expect(m.state.councilActions == before.councilActions)
            #expect(m.state.allowedMeasurements == before.allowedMeasurements)
        }
        // A duplicate is recognised after the deadline too (it is not "late").
        let late = try m.apply(TimedEvent(at(9), b.events[1].event))
        #expect(late.disposition == .duplicate)
    }
}

@Suite("TEE attestations")
struct TEEAttestationTests {
    @Test("The signed message is the documented packed encoding")
    func messageLayout() throws {
        let message = TEEAttestation.message(chainID: 1001, verifier: W.teeVerifierV1, transition: t1)
        var expected = Array("SHEAF_TEE_ATTESTATION_V1".utf8)
        expected += [UInt8](repeating: 0, count: 30) + [0x03, 0xE9]      // 1001
        expected += W.teeVerifierV1.bytes
        expected += [UInt8](repeating: 0, count: 31) + [1]
        expected += t1.parent.bytes + t1.root.bytes
        #expect(message == expected)
        #expect(message.count == 24 + 32 + 20 + 32 + 32 + 32)
        let digest = TEEAttestation.digest(chainID: 1001, verifier: W.teeVerifierV1, transition: t1)
        #expect(digest.bytes == Keccak256.hash(expected))
        let signature = TEEAttestation.sign(W.enclaveKeys[0], chainID: 1001, verifier: W.teeVerifierV1, transition: t1)
        #expect(try RecoverableSignature(ethereumBytes: signature).recoverAddress(digest: digest) == W.enclaveKeys[0].address)
    }

    @Test("Unregistered, expired, revoked and malformed attestations are rejected with their reason")
    func rejections() throws {
        var m = try makeMachine()
        let stranger = Secp256k1PrivateKey.deterministic(label: "stranger")
        var b = ScenarioBuilder()
        b.tee(t1, key: stranger, at: at(0))
        let good = TEEAttestation.sign(W.enclaveKeys[0], chainID: W.chainID, verifier: W.teeVerifierV1, transition: t1)
        b.add(at(0), .submitTEE(transition: t1, signature: Array(good.prefix(64))))
        b.add(at(0), .submitTEE(transition: t1, signature: Array(good.prefix(64)) + [31]))
        let highS = Array(good[0..<32]) + subtractFromOrder(Array(good[32..<64])) + [good[64] == 27 ? 28 : 27]
        b.add(at(0), .submitTEE(transition: t1, signature: highS))
        let otherChain = TEEAttestation.sign(W.enclaveKeys[0], chainID: 1, verifier: W.teeVerifierV1, transition: t1)
        b.add(at(0), .submitTEE(transition: t1, signature: otherChain))
        b.tee(t1, key: W.enclaveKeys[1], at: Timestamp(seconds: Seconds.days(90) - 1))
        b.tee(t2, key: W.enclaveKeys[0], at: at(90))
        b.council(.revokeMeasurement(W.measurement), at: at(91))
        b.council(.allowMeasurement(W.patchedMeasurement), at: at(91))
        b.council(.registerEnclave(key: stranger.address, measurement: W.patchedMeasurement), at: at(91))
        b.tee(t3, key: stranger, at: at(92))
        b.council(.revokeMeasurement(W.patchedMeasurement), at: at(93))
        b.tee(t2, key: stranger, at: at(94))
        let o = try m.outcomes(b)
        #expect(o[0].rejection == .unregisteredEnclave(signer: stranger.address))
        #expect(o[1].rejection == .malformedAttestation(FinalityError.wrongLength(what: "recoverable signature (r ‖ s ‖ v)", expected: 65, actual: 64).description))
        #expect(o[2].rejection == .malformedAttestation(FinalityError.invalidRecoveryID(31).description))
        #expect(o[3].rejection == .malformedAttestation(FinalityError.highS.description))
        if case .unregisteredEnclave? = o[4].rejection {} else { Issue.record("other chain: \(o[4].disposition)") }
        #expect(o[5].disposition == .accepted)
        #expect(o[6].rejection == .enclaveExpired(signer: W.enclaveKeys[0].address, expiredAt: at(90)))
        #expect(o[10].disposition == .accepted)
        #expect(m.state.enclaves[stranger.address]?.expiresAt == at(181))
        #expect(o[12].rejection == .measurementRevoked(W.patchedMeasurement))
    }

    @Test("Revoking a measurement voids pending approvals made under it")
    func revocationVoidsPending() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.tee(t1, at: at(0))
        b.council(.revokeMeasurement(W.measurement), at: at(0, 1))
        b.zk(t1, at: at(0, 2))
        try m.run(b)
        #expect(m.countedProverKinds(t1) == [.zk])
        #expect(m.status(of: t1) == .pending)
    }
}
