import Testing
@testable import SheafFinality

/// Each built-in scenario, with the exact outcome the rules prescribe (worked out
/// by hand from the schedule in Scenarios.swift, not read back from a run).
@Suite("Built-in scenarios")
struct ScenarioTests {
    @Test("The catalogue: seven named scenarios, unknown names are a typed error")
    func catalogue() throws {
        #expect(FinalityScenario.names == ["happy-path", "tee-down", "zk-bug", "tee-key-leak", "zk-self-disagreement",
                                           "council-timelocks", "rejected-parent"])
        #expect(throws: FinalityError.unknownScenario(name: "nope", known: FinalityScenario.names)) { try FinalityScenario.named("nope") }
    }

    @Test("happy-path: each block final when both provers approve; block 3 waits for block 2")
    func happyPath() throws {
        let m = try FinalityScenario.named("happy-path").run()
        expectFinalized(m, t1, .zkAndTEE, at(0, 3))
        expectFinalized(m, t2, .zkAndTEE, at(0, 6))
        expectFinalized(m, t3, .zkAndTEE, at(0, 6))
        #expect(m.finalizedHead.transition == t3)
        #expect(m.state.log.allSatisfy { $0.disposition == .accepted })
    }

    @Test("tee-down: ZK + optimistic at each window's close; the TEE's return makes block 3 final at once")
    func teeDown() throws {
        let m = try FinalityScenario.named("tee-down").run()
        expectFinalized(m, t1, .zkAndOptimistic, at(7))
        expectFinalized(m, t2, .zkAndOptimistic, at(8))
        expectFinalized(m, t3, .zkAndTEE, at(8, 12))
    }

    @Test("zk-bug: the wrong ZK root loses its game; the TEE root wins after 7 days; the ZK fix waits 30 days")
    func zkBug() throws {
        let m = try FinalityScenario.named("zk-bug").run()
        expectRejected(m, w1, .optimisticGameLost, at(7))
        expectFinalized(m, t1, .teeAndOptimistic, at(7, 1))
        expectFinalized(m, t2, .zkAndTEE, at(8))
        #expect(m.state.log[7].disposition == .rejected(.noProvableDisagreement(kind: .zk)))
        #expect(m.state.verifierChanges == [
            VerifierChange(kind: .zk, from: W.buggyZKVerifier, to: W.zkVerifierV2, time: at(31, 1), immediate: false),
        ])
        #expect(m.state.disagreements.isEmpty)
    }

    @Test("tee-key-leak: forged attestations finalize nothing; the council cuts the leaked keys off at once")
    func teeKeyLeak() throws {
        let m = try FinalityScenario.named("tee-key-leak").run()
        expectRejected(m, w1, .optimisticGameLost, at(7))
        expectFinalized(m, t1, .zkAndOptimistic, at(7, 1))
        expectFinalized(m, t2, .zkAndTEE, at(8))
        let forgedLater = m.state.log.first { $0.event.time == at(0, 4) }!
        #expect(forgedLater.disposition == .rejected(.measurementRevoked(W.measurement)))
        #expect(m.state.verifierChanges == [
            VerifierChange(kind: .tee, from: W.teeVerifierV1, to: W.teeVerifierV2, time: at(0, 3), immediate: true),
        ])
        #expect(m.state.revokedMeasurements == [W.measurement])
    }

    @Test("zk-self-disagreement: detected, ZK voided there, replaced at once, then final by ZK + TEE")
    func zkSelfDisagreement() throws {
        let m = try FinalityScenario.named("zk-self-disagreement").run()
        #expect(m.state.disagreements.count == 1)
        let d = m.state.disagreements[0]
        #expect(d.kind == .zk && d.verifier == W.buggyZKVerifier && d.height == 1 && d.parent == W.anchorRoot && d.detectedAt == at(0, 2))
        #expect(d.roots == [t1.root, w1.root].sorted())
        #expect(m.state.verifierChanges == [
            VerifierChange(kind: .zk, from: W.buggyZKVerifier, to: W.zkVerifierV2, time: at(0, 3), immediate: true),
        ])
        expectFinalized(m, t1, .zkAndTEE, at(0, 4))
        expectRejected(m, w1, .siblingFinalized(t1), at(0, 4))
        #expect(m.state.log.last { $0.event.time == at(0, 5) }?.disposition == .rejected(.invalidZKProof(verifier: W.zkVerifierV2)))
    }

    @Test("zk-self-disagreement without the council: the TEE root still finalizes by the optimistic game")
    func zkSelfDisagreementNoCouncil() throws {
        let scenario = try FinalityScenario.named("zk-self-disagreement")
        var m = try FinalityMachine(config: scenario.config, zkVerifier: W.zkVerifier)
        try m.apply(scenario.events.filter { if case .councilAction = $0.event { return false } else { return $0.time <= at(0, 2) } })
        try m.apply(TimedEvent(at(8), .tick))
        expectFinalized(m, t1, .teeAndOptimistic, at(7))
    }

    @Test("council-timelocks: what the council may do, when, and what it may not")
    func councilTimelocks() throws {
        let m = try FinalityScenario.named("council-timelocks").run()
        let dispositions = m.state.log.map(\.disposition)
        #expect(dispositions == [
            .accepted, .accepted, .accepted,
            .rejected(.noProvableDisagreement(kind: .zk)),
            .rejected(.insufficientCouncilSignatures(distinct: 6, threshold: 7)),
            .duplicate,
            .accepted, .accepted, .accepted, .accepted, .accepted,
        ])
        #expect(m.state.verifierChanges == [
            VerifierChange(kind: .tee, from: W.teeVerifierV1, to: W.teeVerifierV2, time: at(0), immediate: true),
            VerifierChange(kind: .zk, from: W.zkVerifierV1, to: W.zkVerifierV2, time: at(30, 1), immediate: false),
        ])
        #expect(m.verifier(.optimistic) == W.optimisticV1)
        #expect(m.state.pendingUpgrades.isEmpty)
        expectFinalized(m, t1, .zkAndOptimistic, at(36))
        // The first ZK approval (old logic) stopped counting; the second carried it.
        #expect(m.record(of: t1)!.approvals.map(\.verifier) == [W.zkVerifierV1, W.zkVerifierV2])
    }

    @Test("rejected-parent: the lost root and its child go at once, the grandchild when height 2 is final")
    func rejectedParent() throws {
        let m = try FinalityScenario.named("rejected-parent").run()
        let x2 = Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2))
        let x3 = Transition(height: 3, parent: W.wrongRoot(2), root: W.wrongRoot(3))
        expectRejected(m, w1, .optimisticGameLost, at(7))
        expectRejected(m, x2, .parentRejected(parent: W.wrongRoot(1)), at(7))
        expectRejected(m, x3, .parentRejected(parent: W.wrongRoot(2)), at(10))
        #expect(m.state.log.first { $0.event.time == at(8) }?.disposition == .rejected(.parentNotCanonical(parent: W.wrongRoot(1))))
        expectFinalized(m, t1, .zkAndOptimistic, at(9))
        expectFinalized(m, t2, .zkAndOptimistic, at(10))
    }

    @Test("The timeline names roots and actors and shows every finalization")
    func timeline() throws {
        let m = try FinalityScenario.named("tee-down").run()
        let text = FinalityTimeline.render(m, labels: W.labels())
        #expect(text.contains("FINALIZED #1 anchor→C1 by ZK + optimistic"))
        #expect(text.contains("FINALIZED #3 C2→C3 by ZK + TEE"))
        #expect(text.contains("day 7 00:00:00    (clock)"))
        #expect(text.contains("#2 C1→C2: finalized by ZK + optimistic at day 8 00:00:00"))
        #expect(!text.contains(W.root(1).short))
    }
}
