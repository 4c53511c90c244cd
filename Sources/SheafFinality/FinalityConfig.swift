/// Everything fixed for one deployment of the finality rule. It is recorded in the
/// journal header, so a journal replays under exactly the rules it was written with.
public struct FinalityConfig: Hashable, Codable, Sendable {
    /// The L2 chain id (bound into every signed message).
    public var chainID: UInt64
    /// The last finalized block before this state machine takes over.
    public var anchorHeight: UInt64
    /// Its state root.
    public var anchorRoot: Bytes32
    /// When the state machine starts (the clock's initial value).
    public var genesisTime: Timestamp
    /// The initial ZK verifier logic (contract address passed to the ZK verifier).
    public var zkVerifier: EthereumAddress
    /// The initial TEE verifier contract (bound into attestations).
    public var teeVerifier: EthereumAddress
    /// The initial optimistic-game logic.
    public var optimisticVerifier: EthereumAddress
    /// How long a proposal can be challenged, and how long after a proposal the ZK
    /// and TEE provers may still approve its transition (default 7 days).
    public var challengeWindow: UInt64
    /// How long a challenged game has to be resolved before the challenger wins by
    /// default (default 3.5 days, the OP fault-dispute clock).
    public var resolutionWindow: UInt64
    /// The timelock on council upgrades of the ZK and optimistic logic (default 30 days;
    /// less is below Stage 2, see `stage2Shortfalls`).
    public var councilUpgradeDelay: UInt64
    /// How long an enclave key stays valid after registration (default 90 days).
    public var enclaveLifetime: UInt64
    /// The security council.
    public var council: CouncilConfig
    /// Accept a configuration below the Stage 2 bar (a weak council, or a council
    /// upgrade delay under 30 days; reported by `stage2Shortfalls`) instead of
    /// rejecting it.
    public var allowBelowStage2: Bool
    /// Enclave measurements allowed from the start.
    public var allowedMeasurements: [Bytes32]
    /// Enclave keys registered at `genesisTime`.
    public var initialEnclaves: [InitialEnclave]

    /// A configuration with the defaults of the finality research note (7-day
    /// challenge window, 3.5-day resolution, 30-day council delay, 90-day enclave keys).
    public init(
        chainID: UInt64, anchorHeight: UInt64, anchorRoot: Bytes32, genesisTime: Timestamp = .zero,
        zkVerifier: EthereumAddress, teeVerifier: EthereumAddress, optimisticVerifier: EthereumAddress,
        council: CouncilConfig, allowedMeasurements: [Bytes32] = [], initialEnclaves: [InitialEnclave] = [],
        challengeWindow: UInt64 = Seconds.days(7), resolutionWindow: UInt64 = Seconds.day * 7 / 2,
        councilUpgradeDelay: UInt64 = Seconds.days(30), enclaveLifetime: UInt64 = Seconds.days(90),
        allowBelowStage2: Bool = false
    ) {
        self.chainID = chainID
        self.anchorHeight = anchorHeight
        self.anchorRoot = anchorRoot
        self.genesisTime = genesisTime
        self.zkVerifier = zkVerifier
        self.teeVerifier = teeVerifier
        self.optimisticVerifier = optimisticVerifier
        self.council = council
        self.allowedMeasurements = allowedMeasurements
        self.initialEnclaves = initialEnclaves
        self.challengeWindow = challengeWindow
        self.resolutionWindow = resolutionWindow
        self.councilUpgradeDelay = councilUpgradeDelay
        self.enclaveLifetime = enclaveLifetime
        self.allowBelowStage2 = allowBelowStage2
    }

    /// The initial verifier of `kind`.
    public func initialVerifier(_ kind: VerifierKind) -> EthereumAddress {
        switch kind {
        case .zk: return zkVerifier
        case .tee: return teeVerifier
        case .optimistic: return optimisticVerifier
        }
    }

    /// The council delay for replacing the logic of `kind` without evidence: zero
    /// for TEE (semi-trusted anyway), `councilUpgradeDelay` for ZK and optimistic.
    public func upgradeDelay(_ kind: VerifierKind) -> UInt64 {
        kind == .tee ? 0 : councilUpgradeDelay
    }

    /// The shortest council delay for upgrading the ZK or optimistic logic without
    /// evidence that Stage 2 accepts: 30 days (users must have time to exit).
    public static let stage2MinimumUpgradeDelay: UInt64 = Seconds.days(30)

    /// Why this deployment is below Stage 2 (empty when it meets the bar): the
    /// council's shortfalls, and a council upgrade delay under 30 days.
    public var stage2Shortfalls: [String] {
        var reasons = council.stage2Shortfalls
        if councilUpgradeDelay < Self.stage2MinimumUpgradeDelay {
            reasons.append("council upgrade delay \(Self.durationText(councilUpgradeDelay)) is below Stage 2's \(Self.durationText(Self.stage2MinimumUpgradeDelay))")
        }
        return reasons
    }

    /// "30 days", "29 days 23 h 59 min 59 s": a delay in readable units.
    static func durationText(_ seconds: UInt64) -> String {
        let days = seconds / Seconds.day, rest = seconds % Seconds.day
        var parts: [String] = []
        if days > 0 || rest == 0 { parts.append(days == 1 ? "1 day" : "\(days) days") }
        if rest / Seconds.hour > 0 { parts.append("\(rest / Seconds.hour) h") }
        if rest % Seconds.hour / 60 > 0 { parts.append("\(rest % Seconds.hour / 60) min") }
        if rest % 60 > 0 { parts.append("\(rest % 60) s") }
        return parts.joined(separator: " ")
    }

    /// Throws for a configuration that cannot work, and (unless `allowBelowStage2`)
    /// for one below the Stage 2 bar: a weak council or an upgrade delay under 30 days.
    public func validate() throws {
        try council.validate()
        if !allowBelowStage2 && !stage2Shortfalls.isEmpty { throw FinalityError.belowStage2(stage2Shortfalls) }
        guard challengeWindow > 0 else { throw FinalityError.invalidConfiguration("the challenge window must be longer than zero") }
        guard resolutionWindow > 0 else { throw FinalityError.invalidConfiguration("the resolution window must be longer than zero") }
        guard enclaveLifetime > 0 else { throw FinalityError.invalidConfiguration("the enclave key lifetime must be longer than zero") }
        // Stage 2 requires upgrades unrelated to provable bugs to wait at least as long
        // as the challenge window (users must be able to exit first).
        guard councilUpgradeDelay >= challengeWindow else {
            throw FinalityError.invalidConfiguration("the council upgrade delay (\(councilUpgradeDelay) s) must be at least the challenge window (\(challengeWindow) s)")
        }
        guard Set(VerifierKind.allCases.map(initialVerifier)).count == 3 else {
            throw FinalityError.invalidConfiguration("the ZK, TEE and optimistic verifiers must be three different contracts")
        }
        let allowed = Set(allowedMeasurements)
        for enclave in initialEnclaves where !allowed.contains(enclave.measurement) {
            throw FinalityError.invalidConfiguration("initial enclave \(enclave.key) has measurement \(enclave.measurement), which is not allowed")
        }
        guard Set(initialEnclaves.map(\.key)).count == initialEnclaves.count else {
            throw FinalityError.invalidConfiguration("an enclave key is listed twice")
        }
    }
}
