/// The cast and props of the built-in simulations and of tests: deterministic keys,
/// verifier contracts and roots, all derived from fixed labels so every run (and
/// every journal replay) sees the same values.
///
/// The keys are public knowledge (anyone can derive them from the labels): they
/// exist to exercise the rules, never to protect anything.
public enum SimulationWorld {
    /// The simulated L2 chain id.
    public static let chainID: UInt64 = 1001
    /// The anchor block height.
    public static let anchorHeight: UInt64 = 0
    /// The anchor state root.
    public static let anchorRoot = Bytes32.keccak(label: "sheaf/sim/root/anchor")

    /// Sound ZK verifier logic, first and second version.
    public static let zkVerifierV1 = EthereumAddress.derived(from: "sheaf/sim/zk-verifier-v1")
    /// The ZK logic the council installs in upgrades.
    public static let zkVerifierV2 = EthereumAddress.derived(from: "sheaf/sim/zk-verifier-v2")
    /// ZK logic with a soundness bug: `SimulatedZKVerifier` accepts any proof under it.
    public static let buggyZKVerifier = EthereumAddress.derived(from: "sheaf/sim/zk-verifier-buggy")
    /// TEE verifier contracts.
    public static let teeVerifierV1 = EthereumAddress.derived(from: "sheaf/sim/tee-verifier-v1")
    /// The TEE verifier the council installs in upgrades.
    public static let teeVerifierV2 = EthereumAddress.derived(from: "sheaf/sim/tee-verifier-v2")
    /// Optimistic-game logic.
    public static let optimisticV1 = EthereumAddress.derived(from: "sheaf/sim/optimistic-v1")
    /// The optimistic logic the council installs in upgrades.
    public static let optimisticV2 = EthereumAddress.derived(from: "sheaf/sim/optimistic-v2")

    /// The ZK verifier simulations and journal replays use: sound except for the
    /// logic at `buggyZKVerifier`.
    public static let zkVerifier = SimulatedZKVerifier(unsound: [buggyZKVerifier])

    /// Nine council members, threshold seven (78 %, above the Stage 2 bar).
    public static let councilKeys: [Secp256k1PrivateKey] = (1...9).map { .deterministic(label: "sheaf/sim/council-\($0)") }
    /// The council threshold.
    public static let councilThreshold = 7

    /// The enclave measurement allowed at the start.
    public static let measurement = Bytes32.keccak(label: "sheaf/sim/measurement/enclave-v1")
    /// A second measurement (a patched enclave build).
    public static let patchedMeasurement = Bytes32.keccak(label: "sheaf/sim/measurement/enclave-v2")
    /// Two enclave keys registered at the start with `measurement`.
    public static let enclaveKeys: [Secp256k1PrivateKey] = ["a", "b"].map { .deterministic(label: "sheaf/sim/enclave-\($0)") }
    /// An enclave key of the patched build, registered by the council in scenarios.
    public static let patchedEnclaveKey = Secp256k1PrivateKey.deterministic(label: "sheaf/sim/enclave-patched")

    /// An honest proposer and challenger, and an attacker.
    public static let proposer = EthereumAddress.derived(from: "sheaf/sim/proposer")
    /// The honest challenger.
    public static let challenger = EthereumAddress.derived(from: "sheaf/sim/challenger")
    /// The attacker's address.
    public static let attacker = EthereumAddress.derived(from: "sheaf/sim/attacker")

    /// The correct state root of block `height`.
    public static func root(_ height: UInt64) -> Bytes32 {
        height == anchorHeight ? anchorRoot : Bytes32.keccak(label: "sheaf/sim/root/\(height)")
    }

    /// A wrong state root for block `height` (variant `n` when several are needed).
    public static func wrongRoot(_ height: UInt64, _ n: Int = 0) -> Bytes32 {
        Bytes32.keccak(label: "sheaf/sim/wrong-root/\(height)/\(n)")
    }

    /// The correct transition of block `height`.
    public static func transition(_ height: UInt64) -> Transition {
        Transition(height: height, parent: root(height - 1), root: root(height))
    }

    /// The simulation configuration, with `zkVerifier` as the initial ZK logic.
    public static func config(zkVerifier: EthereumAddress = zkVerifierV1) -> FinalityConfig {
        FinalityConfig(
            chainID: chainID, anchorHeight: anchorHeight, anchorRoot: anchorRoot,
            zkVerifier: zkVerifier, teeVerifier: teeVerifierV1, optimisticVerifier: optimisticV1,
            council: CouncilConfig(members: councilKeys.map(\.address), threshold: councilThreshold),
            allowedMeasurements: [measurement],
            initialEnclaves: enclaveKeys.map { InitialEnclave(key: $0.address, measurement: measurement) })
    }

    /// Names for the world's roots and addresses, so timelines read "C1" rather
    /// than a hash prefix.
    public static func labels(heights: ClosedRange<UInt64> = 1...8) -> TimelineLabels {
        var labels = TimelineLabels()
        labels.roots[anchorRoot] = "anchor"
        for h in heights {
            labels.roots[root(h)] = "C\(h)"
            for n in 0..<3 { labels.roots[wrongRoot(h, n)] = n == 0 ? "W\(h)" : "W\(h).\(n)" }
        }
        let addresses: [(EthereumAddress, String)] = [
            (zkVerifierV1, "zk-v1"), (zkVerifierV2, "zk-v2"), (buggyZKVerifier, "zk-buggy"),
            (teeVerifierV1, "tee-v1"), (teeVerifierV2, "tee-v2"), (optimisticV1, "op-v1"), (optimisticV2, "op-v2"),
            (proposer, "proposer"), (challenger, "challenger"), (attacker, "attacker"),
            (enclaveKeys[0].address, "enclave-a"), (enclaveKeys[1].address, "enclave-b"),
            (patchedEnclaveKey.address, "enclave-patched"),
        ]
        for (address, name) in addresses { labels.addresses[address] = name }
        for (i, key) in councilKeys.enumerated() { labels.addresses[key.address] = "council-\(i + 1)" }
        labels.measurements[measurement] = "enclave-v1"
        labels.measurements[patchedMeasurement] = "enclave-v2"
        return labels
    }
}

/// Builds an event schedule against `SimulationWorld`, keeping track of the
/// verifier logic in force (so proofs and attestations are made for it) and of the
/// council's nonce.
public struct ScenarioBuilder {
    /// The events so far.
    public private(set) var events: [TimedEvent] = []
    /// The ZK logic honest proofs are made for.
    public var zkVerifier: EthereumAddress
    /// The TEE verifier attestations are signed for.
    public var teeVerifier: EthereumAddress = SimulationWorld.teeVerifierV1
    /// The next council nonce.
    public var councilNonce: UInt64 = 0

    /// A builder whose honest proofs target `zkVerifier`.
    public init(zkVerifier: EthereumAddress = SimulationWorld.zkVerifierV1) { self.zkVerifier = zkVerifier }

    /// `days` days plus `hours` hours after the epoch.
    public static func at(days: UInt64 = 0, hours: UInt64 = 0) -> Timestamp {
        Timestamp(seconds: days * Seconds.day + hours * Seconds.hour)
    }

    /// Adds a raw event.
    public mutating func add(_ time: Timestamp, _ event: FinalityEvent) { events.append(TimedEvent(time, event)) }

    /// An honest ZK proof of `transition` (valid under sound logic).
    public mutating func zk(_ transition: Transition, at time: Timestamp) {
        let statement = ZKStatement(chainID: SimulationWorld.chainID, verifier: zkVerifier, transition: transition)
        add(time, .submitZK(transition: transition, proof: SimulatedZKVerifier.proof(for: statement)))
    }

    /// A bogus ZK proof (only buggy logic accepts it).
    public mutating func bogusZK(_ transition: Transition, at time: Timestamp) {
        add(time, .submitZK(transition: transition, proof: Array("exploit".utf8)))
    }

    /// A TEE attestation of `transition` signed by `key`.
    public mutating func tee(_ transition: Transition, key: Secp256k1PrivateKey = SimulationWorld.enclaveKeys[0], at time: Timestamp) {
        let signature = TEEAttestation.sign(key, chainID: SimulationWorld.chainID, verifier: teeVerifier, transition: transition)
        add(time, .submitTEE(transition: transition, signature: signature))
    }

    /// A proposal.
    public mutating func propose(_ transition: Transition, by proposer: EthereumAddress = SimulationWorld.proposer, at time: Timestamp) {
        add(time, .proposeOptimistic(transition: transition, proposer: proposer))
    }

    /// A challenge.
    public mutating func challenge(_ transition: Transition, by challenger: EthereumAddress = SimulationWorld.challenger, at time: Timestamp) {
        add(time, .challenge(transition: transition, challenger: challenger))
    }

    /// A game resolution.
    public mutating func resolve(_ transition: Transition, winner: GameWinner, at time: Timestamp) {
        add(time, .resolveGame(transition: transition, winner: winner))
    }

    /// A council action signed by the first `signers` members (the threshold by
    /// default), with the next nonce; the nonce advances whether or not the rules
    /// will accept it, so pass `consumesNonce: false` for an action expected to fail.
    public mutating func council(_ action: CouncilAction, signers: Int = SimulationWorld.councilThreshold,
                                 consumesNonce: Bool = true, at time: Timestamp) {
        let keys = Array(SimulationWorld.councilKeys.prefix(signers))
        add(time, .councilAction(SignedCouncilAction.signed(action, nonce: councilNonce, chainID: SimulationWorld.chainID, by: keys)))
        if consumesNonce { councilNonce += 1 }
    }

    /// A tick.
    public mutating func tick(at time: Timestamp) { add(time, .tick) }
}
