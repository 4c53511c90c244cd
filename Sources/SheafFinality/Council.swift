import SheafHash

/// The security council: M-of-N secp256k1 signers.
public struct CouncilConfig: Hashable, Codable, Sendable {
    /// The members' Ethereum addresses.
    public var members: [EthereumAddress]
    /// How many distinct members must sign an action.
    public var threshold: Int

    /// A council of `members` needing `threshold` signatures.
    public init(members: [EthereumAddress], threshold: Int) {
        self.members = members
        self.threshold = threshold
    }

    /// The L2BEAT / Vitalik bar for a properly set-up council: at least this many members.
    public static let stage2MinimumMembers = 8
    /// ... and a threshold of at least 75 % of them (6 of 8 or stricter).
    public static let stage2MinimumThresholdPercent = 75

    /// Throws `FinalityError.invalidConfiguration` for a council that cannot work:
    /// no members, duplicate members, or a threshold outside 1 ... members.
    public func validate() throws {
        guard !members.isEmpty else { throw FinalityError.invalidConfiguration("the council has no members") }
        guard Set(members).count == members.count else { throw FinalityError.invalidConfiguration("the council lists a member twice") }
        guard threshold >= 1 && threshold <= members.count else {
            throw FinalityError.invalidConfiguration("council threshold \(threshold) must be between 1 and the \(members.count) members")
        }
    }

    /// Why this council is below Stage 2 (empty when it meets the bar).
    public var stage2Shortfalls: [String] {
        var reasons: [String] = []
        if members.count < Self.stage2MinimumMembers {
            reasons.append("\(members.count) members, Stage 2 needs at least \(Self.stage2MinimumMembers)")
        }
        if threshold * 100 < members.count * Self.stage2MinimumThresholdPercent {
            reasons.append("threshold \(threshold) of \(members.count) is below \(Self.stage2MinimumThresholdPercent) %")
        }
        return reasons
    }
}

/// What the council can do. Each action is checked against the timelock rules when
/// applied; the council cannot do anything that is not one of these.
public enum CouncilAction: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Replace the verifier logic of `kind` with the contract at `to`: immediately
    /// for TEE, after the council delay (default 30 days) for ZK and optimistic.
    case upgradeVerifier(kind: VerifierKind, to: EthereumAddress)
    /// Replace the verifier logic of `kind` immediately, allowed only while the
    /// state records that the current logic of `kind` provably disagreed with itself.
    case emergencyUpgrade(kind: VerifierKind, to: EthereumAddress)
    /// Cancel the scheduled upgrade of `kind`.
    case cancelUpgrade(kind: VerifierKind)
    /// Add an enclave measurement to the allow-list (TEE logic: no delay).
    case allowMeasurement(Bytes32)
    /// Revoke a measurement for good: its enclaves stop signing valid attestations
    /// and their pending approvals stop counting (TEE logic: no delay).
    case revokeMeasurement(Bytes32)
    /// Register an enclave key with an allow-listed measurement (TEE logic: no delay).
    case registerEnclave(key: EthereumAddress, measurement: Bytes32)

    /// The packed encoding the members sign (a tag byte, then the fields).
    var encoded: [UInt8] {
        func kindByte(_ kind: VerifierKind) -> UInt8 { UInt8(VerifierKind.allCases.firstIndex(of: kind)!) }
        switch self {
        case let .upgradeVerifier(kind, to): return [1, kindByte(kind)] + to.bytes
        case let .emergencyUpgrade(kind, to): return [2, kindByte(kind)] + to.bytes
        case let .cancelUpgrade(kind): return [3, kindByte(kind)]
        case let .allowMeasurement(m): return [4] + m.bytes
        case let .revokeMeasurement(m): return [5] + m.bytes
        case let .registerEnclave(key, m): return [6] + key.bytes + m.bytes
        }
    }

    /// A short human description.
    public var description: String {
        switch self {
        case let .upgradeVerifier(kind, to): return "upgrade \(kind) verifier to \(to.short)"
        case let .emergencyUpgrade(kind, to): return "emergency upgrade of \(kind) verifier to \(to.short)"
        case let .cancelUpgrade(kind): return "cancel scheduled \(kind) upgrade"
        case let .allowMeasurement(m): return "allow measurement \(m.short)"
        case let .revokeMeasurement(m): return "revoke measurement \(m.short)"
        case let .registerEnclave(key, m): return "register enclave \(key.short) (measurement \(m.short))"
        }
    }
}

/// A council action with its sequence number and the members' signatures.
///
/// The nonce must be the next one the state expects, which makes every action
/// single-use: re-submitting an applied action is recognised as a duplicate, and a
/// signed action cannot be replayed later.
public struct SignedCouncilAction: Hashable, Codable, Sendable {
    /// The sequence number (0 for the council's first action).
    public var nonce: UInt64
    /// The action.
    public var action: CouncilAction
    /// 65-byte r ‖ s ‖ v signatures over `digest`, as submitted (parsed when applied,
    /// so a malformed one is a reasoned rejection, not a decoding failure).
    public var signatures: [[UInt8]]

    /// An action with the given signatures.
    public init(nonce: UInt64, action: CouncilAction, signatures: [[UInt8]]) {
        self.nonce = nonce
        self.action = action
        self.signatures = signatures
    }

    /// What members sign: keccak256("SHEAF_COUNCIL_ACTION_V1" ‖ chainID (uint256) ‖
    /// nonce (uint256) ‖ action encoding).
    public static func digest(chainID: UInt64, nonce: UInt64, action: CouncilAction) -> Bytes32 {
        Bytes32.keccak(Array("SHEAF_COUNCIL_ACTION_V1".utf8) + Packed.uint256(chainID) + Packed.uint256(nonce) + action.encoded)
    }

    /// Signs `action` with each key (for tests and simulations; real members sign
    /// on their own devices).
    public static func signed(_ action: CouncilAction, nonce: UInt64, chainID: UInt64, by keys: [Secp256k1PrivateKey]) -> SignedCouncilAction {
        let digest = digest(chainID: chainID, nonce: nonce, action: action)
        return SignedCouncilAction(nonce: nonce, action: action, signatures: keys.map { $0.signRecoverable(digest: digest).ethereumBytes })
    }

    private enum CodingKeys: String, CodingKey { case nonce, action, signatures }

    /// Signatures are hex strings in JSON.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nonce, forKey: .nonce)
        try container.encode(action, forKey: .action)
        try container.encode(signatures.map { Hex.encode($0) }, forKey: .signatures)
    }

    /// Reads hex signatures; their contents are only checked when applied.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nonce = try container.decode(UInt64.self, forKey: .nonce)
        action = try container.decode(CouncilAction.self, forKey: .action)
        signatures = try container.decode([String].self, forKey: .signatures).map { try decodeHex($0, what: "council signature") }
    }
}
