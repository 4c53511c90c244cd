/// A built-in simulation: a configuration and an event schedule against
/// `SimulationWorld`, run through the real state machine.
public struct FinalityScenario: Sendable {
    /// The name used on the command line.
    public let name: String
    /// What it shows, in one line.
    public let summary: String
    /// The configuration.
    public let config: FinalityConfig
    /// The events, in time order.
    public let events: [TimedEvent]

    /// Runs the events through a fresh machine with the simulation ZK verifier.
    public func run() throws -> FinalityMachine {
        var machine = try FinalityMachine(config: config, zkVerifier: SimulationWorld.zkVerifier)
        try machine.apply(events)
        return machine
    }

    /// The names of all built-in scenarios, in presentation order.
    public static var names: [String] { all.map(\.name) }

    /// The scenario called `name`, or `FinalityError.unknownScenario`.
    public static func named(_ name: String) throws -> FinalityScenario {
        guard let scenario = all.first(where: { $0.name == name }) else {
            throw FinalityError.unknownScenario(name: name, known: names)
        }
        return scenario
    }

    /// Every built-in scenario.
    public static let all: [FinalityScenario] = [
        happyPath, teeDown, zkBug, teeKeyLeak, zkSelfDisagreement, councilTimelocks, rejectedParent,
    ]

    private typealias W = SimulationWorld

    private static func at(_ days: UInt64, _ hours: UInt64 = 0) -> Timestamp { ScenarioBuilder.at(days: days, hours: hours) }

    /// ZK and TEE agree on every block: each is final the moment both approve, and
    /// a child whose approvals arrive first waits for its parent.
    public static let happyPath: FinalityScenario = {
        var b = ScenarioBuilder()
        let t1 = W.transition(1), t2 = W.transition(2), t3 = W.transition(3)
        b.propose(t1, at: at(0, 1))
        b.zk(t1, at: at(0, 2))
        b.tee(t1, at: at(0, 3))
        b.propose(t2, at: at(0, 4))
        b.zk(t3, at: at(0, 5))
        b.tee(t3, key: W.enclaveKeys[1], at: at(0, 5))
        b.tee(t2, at: at(0, 5))
        b.zk(t2, at: at(0, 6))
        b.tick(at: at(8))
        return FinalityScenario(name: "happy-path", summary: "ZK and TEE agree: instant finality, children wait for parents",
                                config: W.config(), events: b.events)
    }()

    /// The TEE prover is offline: blocks finalize by ZK + optimistic when their
    /// 7-day window closes; when the TEE comes back, the next block is final at once.
    public static let teeDown: FinalityScenario = {
        var b = ScenarioBuilder()
        let t1 = W.transition(1), t2 = W.transition(2), t3 = W.transition(3)
        b.propose(t1, at: at(0))
        b.zk(t1, at: at(0, 1))
        b.propose(t2, at: at(1))
        b.zk(t2, at: at(1, 2))
        b.propose(t3, at: at(2))
        b.zk(t3, at: at(2, 3))
        b.tee(t3, at: at(8, 12))
        b.tick(at: at(10))
        return FinalityScenario(name: "tee-down", summary: "TEE offline: ZK + optimistic after 7 days; TEE back, instant again",
                                config: W.config(), events: b.events)
    }()

    /// The ZK logic has a soundness bug and an attacker proves a wrong root. ZK and
    /// TEE disagree, so the optimistic game decides: the wrong root is challenged and
    /// lost, the TEE-approved root finalizes after 7 days. A wrong root alone is
    /// not a provable self-disagreement, so the council's ZK fix waits 30 days.
    public static let zkBug: FinalityScenario = {
        var b = ScenarioBuilder(zkVerifier: W.buggyZKVerifier)
        let w1 = Transition(height: 1, parent: W.anchorRoot, root: W.wrongRoot(1))
        let t1 = W.transition(1), t2 = W.transition(2)
        b.bogusZK(w1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(0))
        b.tee(t1, at: at(0, 1))
        b.propose(t1, at: at(0, 1))
        b.challenge(w1, at: at(0, 2))
        b.resolve(w1, winner: .challenger, at: at(1))
        b.council(.upgradeVerifier(kind: .zk, to: W.zkVerifierV2), at: at(1, 1))
        b.council(.emergencyUpgrade(kind: .zk, to: W.zkVerifierV2), consumesNonce: false, at: at(1, 2))
        b.zk(t2, at: at(8))
        b.tee(t2, at: at(8))
        b.tick(at: at(32))
        return FinalityScenario(name: "zk-bug", summary: "ZK proves a wrong root: the optimistic game arbitrates; ZK fix waits 30 days",
                                config: W.config(zkVerifier: W.buggyZKVerifier), events: b.events)
    }()

    /// Both enclave keys leak. The attacker attests a wrong root with both: two TEE
    /// approvals count once, the root's game is challenged and lost, and the honest
    /// ZK-approved root finalizes by ZK + optimistic. The council revokes the
    /// measurement and replaces the TEE logic with no delay; later forgeries fail.
    public static let teeKeyLeak: FinalityScenario = {
        var b = ScenarioBuilder()
        let w1 = Transition(height: 1, parent: W.anchorRoot, root: W.wrongRoot(1))
        let t1 = W.transition(1), t2 = W.transition(2)
        let w2 = Transition(height: 2, parent: W.root(1), root: W.wrongRoot(2))
        b.tee(w1, key: W.enclaveKeys[0], at: at(0))
        b.tee(w1, key: W.enclaveKeys[1], at: at(0))
        b.propose(w1, by: W.attacker, at: at(0))
        b.zk(t1, at: at(0, 1))
        b.propose(t1, at: at(0, 1))
        b.challenge(w1, at: at(0, 2))
        b.council(.revokeMeasurement(W.measurement), at: at(0, 3))
        b.council(.upgradeVerifier(kind: .tee, to: W.teeVerifierV2), at: at(0, 3))
        b.teeVerifier = W.teeVerifierV2
        b.council(.allowMeasurement(W.patchedMeasurement), at: at(0, 3))
        b.council(.registerEnclave(key: W.patchedEnclaveKey.address, measurement: W.patchedMeasurement), at: at(0, 3))
        b.tee(w2, key: W.enclaveKeys[0], at: at(0, 4))
        b.resolve(w1, winner: .challenger, at: at(1))
        b.zk(t2, at: at(8))
        b.tee(t2, key: W.patchedEnclaveKey, at: at(8))
        b.tick(at: at(9))
        return FinalityScenario(name: "tee-key-leak", summary: "leaked enclave keys forge attestations: nothing forged finalizes",
                                config: W.config(), events: b.events)
    }()

    /// The buggy ZK logic accepts proofs of two different roots on the same parent:
    /// the machine records the self-disagreement, stops counting that logic's
    /// approvals there, and lets the council replace the ZK logic at once.
    public static let zkSelfDisagreement: FinalityScenario = {
        var b = ScenarioBuilder(zkVerifier: W.buggyZKVerifier)
        let w1 = Transition(height: 1, parent: W.anchorRoot, root: W.wrongRoot(1))
        let t1 = W.transition(1)
        b.tee(t1, at: at(0))
        b.propose(t1, at: at(0))
        b.bogusZK(w1, at: at(0, 1))
        b.zk(t1, at: at(0, 2))
        b.council(.emergencyUpgrade(kind: .zk, to: W.zkVerifierV2), at: at(0, 3))
        b.zkVerifier = W.zkVerifierV2
        b.zk(t1, at: at(0, 4))
        b.bogusZK(w1, at: at(0, 5))
        b.tick(at: at(8))
        return FinalityScenario(name: "zk-self-disagreement",
                                summary: "two valid ZK proofs for different roots: recorded, instant ZK replacement",
                                config: W.config(zkVerifier: W.buggyZKVerifier), events: b.events)
    }()

    /// What the council may and may not do: TEE logic at once, ZK and optimistic
    /// logic only after 30 days (cancellable), no emergency without evidence, no
    /// action below threshold, no replay. A ZK approval under the replaced logic
    /// stops counting; a fresh proof under the new logic finalizes the block.
    public static let councilTimelocks: FinalityScenario = {
        var b = ScenarioBuilder()
        let t1 = W.transition(1)
        b.council(.upgradeVerifier(kind: .tee, to: W.teeVerifierV2), at: at(0))
        b.council(.upgradeVerifier(kind: .zk, to: W.zkVerifierV2), at: at(0, 1))
        b.council(.upgradeVerifier(kind: .optimistic, to: W.optimisticV2), at: at(0, 2))
        b.council(.emergencyUpgrade(kind: .zk, to: W.zkVerifierV2), consumesNonce: false, at: at(0, 3))
        b.council(.cancelUpgrade(kind: .optimistic), signers: W.councilThreshold - 1, consumesNonce: false, at: at(0, 4))
        b.add(at(0, 5), .councilAction(SignedCouncilAction.signed(
            .upgradeVerifier(kind: .tee, to: W.teeVerifierV2), nonce: 0, chainID: W.chainID, by: Array(W.councilKeys.suffix(7)))))
        b.council(.cancelUpgrade(kind: .optimistic), at: at(10))
        b.zk(t1, at: at(29))
        b.propose(t1, at: at(29))
        b.zkVerifier = W.zkVerifierV2
        b.zk(t1, at: at(31))
        b.tick(at: at(40))
        return FinalityScenario(name: "council-timelocks", summary: "council powers: TEE now, ZK/optimistic after 30 days, nothing else",
                                config: W.config(), events: b.events)
    }()

    /// A wrong root W1 gets a (faulty) TEE approval and children built on it. W1's
    /// game is lost, so W1 is rejected when its window closes and its child with it;
    /// the grandchild goes when height 2 finalizes (until then W2 could in principle
    /// still be produced on another parent). The correct chain finalizes by ZK +
    /// optimistic.
    public static let rejectedParent: FinalityScenario = {
        var b = ScenarioBuilder()
        let w1 = Transition(height: 1, parent: W.anchorRoot, root: W.wrongRoot(1))
        let w2 = Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2))
        let w3 = Transition(height: 3, parent: W.wrongRoot(2), root: W.wrongRoot(3))
        let late = Transition(height: 2, parent: W.wrongRoot(1), root: W.wrongRoot(2, 1))
        let t1 = W.transition(1), t2 = W.transition(2)
        b.tee(w1, at: at(0))
        b.propose(w1, by: W.attacker, at: at(0))
        b.tee(w2, at: at(0))
        b.propose(w2, by: W.attacker, at: at(0))
        b.propose(w3, by: W.attacker, at: at(0))
        b.challenge(w1, at: at(0, 1))
        b.resolve(w1, winner: .challenger, at: at(1))
        b.zk(t1, at: at(2))
        b.propose(t1, at: at(2))
        b.zk(t2, at: at(3))
        b.propose(t2, at: at(3))
        b.propose(late, by: W.attacker, at: at(8))
        b.tick(at: at(11))
        return FinalityScenario(name: "rejected-parent", summary: "a rejected parent takes its descendants with it; the correct chain goes on",
                                config: W.config(), events: b.events)
    }()
}
