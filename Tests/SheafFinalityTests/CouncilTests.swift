import Testing
@testable import SheafFinality

private func council(_ n: Int, threshold: Int) -> CouncilConfig {
    CouncilConfig(members: (0..<n).map { EthereumAddress.derived(from: "member-\($0)") }, threshold: threshold)
}

@Suite("Configuration and Stage 2")
struct ConfigurationTests {
    @Test("Councils below 8 members or 75 % are rejected unless explicitly allowed, then reported")
    func stage2() throws {
        var config = W.config()
        config.council = council(7, threshold: 6)
        #expect(throws: FinalityError.belowStage2(["7 members, Stage 2 needs at least 8"])) { try config.validate() }
        config.council = council(8, threshold: 5)
        #expect(throws: FinalityError.belowStage2(["threshold 5 of 8 is below 75 %"])) { try config.validate() }
        config.council = council(4, threshold: 2)
        #expect(throws: FinalityError.belowStage2(["4 members, Stage 2 needs at least 8", "threshold 2 of 4 is below 75 %"])) {
            try FinalityMachine(config: config, zkVerifier: W.zkVerifier)
        }
        config.allowBelowStage2 = true
        let machine = try FinalityMachine(config: config, zkVerifier: W.zkVerifier)
        #expect(machine.stage2Shortfalls.count == 2)
        config.allowBelowStage2 = false
        config.council = council(8, threshold: 6)                 // exactly 75 %
        try config.validate()
        #expect(config.stage2Shortfalls.isEmpty)
        #expect(W.config().stage2Shortfalls.isEmpty)              // 7 of 9
    }

    @Test("An upgrade delay under 30 days is below Stage 2, like a weak council")
    func shortUpgradeDelay() throws {
        var config = W.config()
        config.councilUpgradeDelay = Seconds.days(30) - 1
        #expect(throws: FinalityError.belowStage2(["council upgrade delay 29 days 23 h 59 min 59 s is below Stage 2's 30 days"])) {
            try FinalityMachine(config: config, zkVerifier: W.zkVerifier)
        }
        config.councilUpgradeDelay = Seconds.days(8)
        config.council = council(4, threshold: 2)
        #expect(throws: FinalityError.belowStage2(["4 members, Stage 2 needs at least 8", "threshold 2 of 4 is below 75 %",
                                                   "council upgrade delay 8 days is below Stage 2's 30 days"])) { try config.validate() }
        config.allowBelowStage2 = true
        let machine = try FinalityMachine(config: config, zkVerifier: W.zkVerifier)
        #expect(machine.stage2Shortfalls.count == 3)
        config = W.config()
        config.councilUpgradeDelay = Seconds.days(30)
        try config.validate()
        #expect(config.stage2Shortfalls.isEmpty)
    }

    @Test("Unworkable configurations are rejected with the reason")
    func invalid() {
        func expectInvalid(_ change: (inout FinalityConfig) -> Void) {
            var config = W.config()
            change(&config)
            #expect(throws: FinalityError.self) { try config.validate() }
        }
        expectInvalid { $0.council = council(8, threshold: 0) }
        expectInvalid { $0.council = council(8, threshold: 9) }
        expectInvalid { $0.council = CouncilConfig(members: [], threshold: 1) }
        expectInvalid { $0.council.members[1] = $0.council.members[0] }
        expectInvalid { $0.councilUpgradeDelay = Seconds.days(6) }
        expectInvalid { $0.teeVerifier = $0.zkVerifier }
        expectInvalid { $0.allowedMeasurements = [] }              // initial enclaves need their measurement
        expectInvalid { $0.challengeWindow = 0 }
    }
}

@Suite("Security council")
struct CouncilTests {
    @Test("TEE logic is replaced at once and pending TEE approvals under the old logic stop counting")
    func teeImmediate() throws {
        var m = try makeMachine()
        var b = ScenarioBuilder()
        b.tee(t1, at: at(0))
        b.council(.upgradeVerifier(kind: .tee, to: W.teeVerifierV2), at: at(0, 1))
        b.zk(t1, at: at(0, 2))
        try m.run(b)
        #expect(m.verifier(.tee) == W.teeVerifierV2)
        #expect(m.state.verifierChanges.last == VerifierChange(kind: .tee, from: W.teeVerifierV1, to: W.teeVerifierV2, time: at(0, 1), immediate: true))
        #expect(m.status(of: t1) == .pending)
        b = ScenarioBuilder()
        b.teeVerifier = W.teeVerifierV2
        b.tee(t1, at: at(0, 3))
        try m.run(b)
        expectFinalized(m, t1, .zkAndTEE, at(0, 3))
    }

    @Test("ZK and optimistic logic change exactly 30 days after the council's decision", arguments: [VerifierKind.zk, .optimistic])
    func timelock(kind: VerifierKind) throws {
        var m = try makeMachine()
        let target = kind == .zk ? W.zkVerifierV2 : W.optimisticV2
        let original = m.verifier(kind)
        var b = ScenarioBuilder()
        b.council(.upgradeVerifier(kind: kind, to: target), at: at(0, 1))
        try m.run(b)
        #expect(m.verifier(kind) == original)
        #expect(m.state.pendingUpgrades[kind] == PendingUpgrade(to: target, scheduledAt: at(0, 1), executableAt: at(30, 1)))
        try m.apply(TimedEvent(Timestamp(seconds: at(30, 1).seconds - 1), .tick))
        #expect(m.verifier(kind) == original)
        try m.apply(TimedEvent(at(30, 1), .tick))
        #expect(m.verifier(kind) == target)
        #expect(m.state.verifierChanges.last == VerifierChange(kind: kind, from: original, to: target, time: at(30, 1), immediate: false))
        #expect(m.state.pendingUpgrades[kind] == nil)
    }

    @Test("Rescheduling restarts the delay; cancelling stops the upgrade")
    func rescheduleAndCancel() throws {
        var m = try makeMachine()
        let v3 = EthereumAddress.derived(from: "zk-v3")
        var b = ScenarioBuilder()
        b.council(.upgradeVerifier(kind: .zk, to: W.zkVerifierV2), at: at(0))
        b.council(.upgradeVerifier(kind: .zk, to: v3), at: at(10))
        b.council(.upgradeVerifier(kind: .optimistic, to: W.optimisticV2), at: at(10))
        b.council(.cancelUpgrade(kind: .optimistic), at: at(11))
        b.council(.cancelUpgrade(kind: .optimistic), consumesNonce: false, at: at(12))
        b.tick(at: at(35))
        let o = try m.outcomes(b)
        #expect(o[4].rejection == .noScheduledUpgrade(kind: .optimistic))
        #expect(m.verifier(.zk) == W.zkVerifierV1)
        try m.apply(TimedEvent(at(41), .tick))
        #expect(m.verifier(.zk) == v3)
        #expect(m.state.verifierChanges.map(\.time) == [at(40)])
        #expect(m.verifier(.optimistic) == W.optimisticV1)
    }

    @Test("Emergency replacement needs recorded self-disagreement of the logic in force")
    func emergency() throws {
        var m = try makeMachine(zkVerifier: W.buggyZKVerifier)
        let v3 = EthereumAddress.derived(from: "zk-v3")
        var b = ScenarioBuilder(zkVerifier: W.buggyZKVerifier)
        b.council(.emergencyUpgrade(kind: .zk, to: W.zkVerifierV2), consumesNonce: false, at: at(0))
        b.council(.emergencyUpgrade(kind: .tee, to: W.teeVerifierV2), consumesNonce: false, at: at(0))
        b.council(.upgradeVerifier(kind: .zk, to: v3), at: at(0))   // scheduled, then superseded
        b.bogusZK(w1, at: at(1))
        b.zk(t1, at: at(1))
        b.council(.emergencyUpgrade(kind: .zk, to: W.zkVerifierV2), at: at(1, 1))
        b.council(.emergencyUpgrade(kind: .zk, to: v3), consumesNonce: false, at: at(1, 2))
        let o = try m.outcomes(b)
        #expect(o[0].rejection == .noProvableDisagreement(kind: .zk))
        #expect(o[1].rejection == .noProvableDisagreement(kind: .tee))
        #expect(o[5].disposition == .accepted)
        #expect(o[5].effects.map(\.effect) == [
            .upgradeCancelled(.zk),
            .verifierReplaced(VerifierChange(kind: .zk, from: W.buggyZKVerifier, to: W.zkVerifierV2, time: at(1, 1), immediate: true)),
        ])
        // The disagreement was by the replaced logic: it does not authorise another.
        #expect(o[6].rejection == .noProvableDisagreement(kind: .zk))
        #expect(m.verifier(.zk) == W.zkVerifierV2)
    }

    @Test("Signatures: threshold of distinct members, no outsiders, no malformed bytes")
    func signatures() throws {
        var m = try makeMachine()
        let action = CouncilAction.allowMeasurement(W.patchedMeasurement)
        let digest = SignedCouncilAction.digest(chainID: W.chainID, nonce: 0, action: action)
        let keys = W.councilKeys
        func signed(_ signers: [Secp256k1PrivateKey]) -> FinalityEvent {
            .councilAction(SignedCouncilAction.signed(action, nonce: 0, chainID: W.chainID, by: signers))
        }
        let outsider = Secp256k1PrivateKey.deterministic(label: "outsider")
        var raw = SignedCouncilAction.signed(action, nonce: 0, chainID: W.chainID, by: Array(keys.prefix(7)))
        raw.signatures[0] = Array(raw.signatures[0].prefix(64))
        let otherChain = SignedCouncilAction.signed(action, nonce: 0, chainID: 1, by: Array(keys.prefix(7)))
        let events: [FinalityEvent] = [
            signed(Array(keys.prefix(6))),
            signed(Array(repeating: keys[0], count: 7)),
            signed(Array(keys.prefix(6)) + [outsider]),
            .councilAction(raw),
            .councilAction(otherChain),
            signed(Array(keys.prefix(6)) + [keys[0], keys[8]]),
        ]
        let o = try events.map { try m.apply(TimedEvent(at(0), $0)) }
        #expect(o[0].rejection == .insufficientCouncilSignatures(distinct: 6, threshold: 7))
        #expect(o[1].rejection == .insufficientCouncilSignatures(distinct: 1, threshold: 7))
        #expect(o[2].rejection == .notCouncilMember(index: 6, signer: outsider.address))
        if case .councilSignatureMalformed(index: 0, _)? = o[3].rejection {} else { Issue.record("\(o[3].disposition)") }
        if case .notCouncilMember(index: 0, _)? = o[4].rejection {} else { Issue.record("\(o[4].disposition)") }
        #expect(o[5].disposition == .accepted)                  // 7 distinct among 8 signatures
        #expect(m.state.councilActions == [digest])
        #expect(m.state.allowedMeasurements.contains(W.patchedMeasurement))
    }

    @Test("Nonces: in order, rejected actions do not use one up, replays are duplicates")
    func nonces() throws {
        var m = try makeMachine()
        let keys = Array(W.councilKeys.prefix(7))
        func event(_ action: CouncilAction, _ nonce: UInt64) -> TimedEvent {
            TimedEvent(at(0), .councilAction(SignedCouncilAction.signed(action, nonce: nonce, chainID: W.chainID, by: keys)))
        }
        let allow = CouncilAction.allowMeasurement(W.patchedMeasurement)
        #expect(try m.apply(event(allow, 5)).rejection == .councilNonce(expected: 0, got: 5))
        #expect(try m.apply(event(.cancelUpgrade(kind: .zk), 0)).rejection == .noScheduledUpgrade(kind: .zk))
        #expect(try m.apply(event(allow, 0)).disposition == .accepted)
        #expect(try m.apply(event(allow, 0)).disposition == .duplicate)
        #expect(try m.apply(event(.revokeMeasurement(W.patchedMeasurement), 0)).rejection == .councilNonce(expected: 1, got: 0))
        #expect(try m.apply(event(.revokeMeasurement(W.patchedMeasurement), 1)).disposition == .accepted)
        #expect(try m.apply(event(allow, 2)).rejection == .measurementPermanentlyRevoked(W.patchedMeasurement))
    }

    @Test("Upgrade targets must be new contracts; enclave registration follows the allow-list")
    func targetsAndRegistry() throws {
        var m = try makeMachine()
        let newKey = Secp256k1PrivateKey.deterministic(label: "new-enclave").address
        var b = ScenarioBuilder()
        b.council(.upgradeVerifier(kind: .zk, to: W.zkVerifierV1), consumesNonce: false, at: at(0))
        b.council(.upgradeVerifier(kind: .zk, to: W.teeVerifierV1), consumesNonce: false, at: at(0))
        b.council(.registerEnclave(key: newKey, measurement: W.patchedMeasurement), consumesNonce: false, at: at(0))
        b.council(.registerEnclave(key: W.enclaveKeys[0].address, measurement: W.measurement), consumesNonce: false, at: at(0))
        b.council(.registerEnclave(key: newKey, measurement: W.measurement), at: at(0))
        let o = try m.outcomes(b)
        #expect(o[0].rejection == .invalidUpgradeTarget("\(W.zkVerifierV1.short) is already the ZK logic"))
        #expect(o[1].rejection == .invalidUpgradeTarget("\(W.teeVerifierV1.short) is the TEE logic"))
        #expect(o[2].rejection == .measurementNotAllowed(W.patchedMeasurement))
        #expect(o[3].rejection == .enclaveAlreadyRegistered(W.enclaveKeys[0].address))
        #expect(o[4].disposition == .accepted)
        #expect(m.state.enclaves[newKey] == EnclaveRegistration(key: newKey, measurement: W.measurement, registeredAt: at(0), expiresAt: at(90)))
    }

    @Test("The signed council message is domain-separated and binds chain, nonce and action")
    func digestBinding() {
        let a = SignedCouncilAction.digest(chainID: 1, nonce: 0, action: .cancelUpgrade(kind: .zk))
        #expect(a != SignedCouncilAction.digest(chainID: 2, nonce: 0, action: .cancelUpgrade(kind: .zk)))
        #expect(a != SignedCouncilAction.digest(chainID: 1, nonce: 1, action: .cancelUpgrade(kind: .zk)))
        #expect(a != SignedCouncilAction.digest(chainID: 1, nonce: 0, action: .cancelUpgrade(kind: .tee)))
        #expect(SignedCouncilAction.digest(chainID: 1, nonce: 0, action: .upgradeVerifier(kind: .zk, to: W.zkVerifierV2))
                != SignedCouncilAction.digest(chainID: 1, nonce: 0, action: .emergencyUpgrade(kind: .zk, to: W.zkVerifierV2)))
    }
}
