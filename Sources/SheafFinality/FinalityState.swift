/// A ZK or TEE approval of a transition, as recorded when it was accepted.
public struct Approval: Hashable, Sendable {
    /// Which prover.
    public var kind: ProverKind
    /// The verifier logic in force when it was accepted; it counts only while that
    /// logic is still in force.
    public var verifier: EthereumAddress
    /// When it was accepted.
    public var time: Timestamp
    /// keccak256 of the proof bytes (ZK) or of the signature (TEE): identifies it.
    public var evidence: Bytes32
    /// The enclave key that signed (TEE only).
    public var enclave: EthereumAddress?
    /// That enclave's measurement (TEE only): revoking it voids the approval.
    public var measurement: Bytes32?
}

/// One optimistic game over a transition.
public struct OptimisticGame: Hashable, Sendable {
    /// The optimistic logic the game runs under; a game counts only while that
    /// logic is still in force.
    public var verifier: EthereumAddress
    /// Who proposed the transition.
    public var proposer: EthereumAddress
    /// When the game was created.
    public var createdAt: Timestamp
    /// The end of the challenge window (also the deadline for ZK and TEE approvals
    /// of the transition while this is its latest game).
    public var challengeDeadline: Timestamp
    /// Who challenged, if anyone.
    public var challenger: EthereumAddress?
    /// When.
    public var challengedAt: Timestamp?
    /// When a challenged game times out in the challenger's favour.
    public var resolveBy: Timestamp?
    /// The winner once resolved.
    public var winner: GameWinner?
    /// When it was resolved.
    public var resolvedAt: Timestamp?
    /// Whether it was resolved by a timeout rather than a `resolveGame` event.
    public var resolvedByTimeout: Bool = false
}

/// How a transition was finalized.
public enum FinalityRule: String, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The starting anchor (finalized by configuration).
    case anchor
    /// ZK and TEE approved the same transition: final at once.
    case zkAndTEE
    /// ZK approved and the optimistic game unambiguously upheld it after the window.
    case zkAndOptimistic
    /// TEE approved and the optimistic game unambiguously upheld it after the window.
    case teeAndOptimistic

    /// A readable name.
    public var description: String {
        switch self {
        case .anchor: return "anchor"
        case .zkAndTEE: return "ZK + TEE"
        case .zkAndOptimistic: return "ZK + optimistic"
        case .teeAndOptimistic: return "TEE + optimistic"
        }
    }
}

/// Why a transition can never finalize.
public enum RejectionReason: Hashable, Sendable, CustomStringConvertible {
    /// Another transition was finalized at the same height.
    case siblingFinalized(Transition)
    /// Its parent root can no longer be final: the previous height finalized another
    /// root, or the transition producing the parent root on the finalized block
    /// below it was rejected.
    case parentRejected(parent: Bytes32)
    /// Its optimistic game was lost and, when the window closed, it did not have
    /// both ZK and TEE approval.
    case optimisticGameLost

    /// One line saying why.
    public var description: String {
        switch self {
        case let .siblingFinalized(t): return "height finalized with \(t.root.short) instead"
        case let .parentRejected(p): return "parent \(p.short) can no longer be final"
        case .optimisticGameLost: return "optimistic game lost and no ZK + TEE approval by the deadline"
        }
    }
}

/// Where a transition stands.
public enum TransitionStatus: Hashable, Sendable, CustomStringConvertible {
    /// Not decided yet.
    case pending
    /// Final, by `rule`, at `time`.
    case finalized(rule: FinalityRule, time: Timestamp)
    /// Can never finalize, for `reason`, decided at `time`.
    case rejected(reason: RejectionReason, time: Timestamp)

    /// One line.
    public var description: String {
        switch self {
        case .pending: return "pending"
        case let .finalized(rule, time): return "finalized by \(rule) at \(time)"
        case let .rejected(reason, time): return "rejected at \(time): \(reason)"
        }
    }
}

/// Everything known about one transition.
public struct CandidateRecord: Hashable, Sendable {
    /// The transition.
    public var transition: Transition
    /// When the machine first heard of it.
    public var firstSeen: Timestamp
    /// Accepted approvals, oldest first.
    public var approvals: [Approval] = []
    /// Its optimistic games, oldest first (a transition is re-proposed only when its
    /// game was won but no prover approved in time).
    public var games: [OptimisticGame] = []
    /// Where it stands.
    public var status: TransitionStatus = .pending
}

/// The finalized transition at one height.
public struct FinalizedBlock: Hashable, Sendable {
    /// The transition.
    public var transition: Transition
    /// How.
    public var rule: FinalityRule
    /// When.
    public var time: Timestamp
}

/// Recorded proof that the logic of one verifier kind disagrees with itself: valid
/// approvals (or won games) under the same logic for two different roots with the
/// same height and parent. While it stands for the current logic the council may
/// replace that logic at once, and that kind's approvals at this height and parent
/// no longer count.
public struct SelfDisagreement: Hashable, Sendable, CustomStringConvertible {
    /// Which leg.
    public var kind: VerifierKind
    /// The logic that disagreed with itself.
    public var verifier: EthereumAddress
    /// The height.
    public var height: UInt64
    /// The shared parent root.
    public var parent: Bytes32
    /// The two roots, in byte order.
    public var roots: [Bytes32]
    /// When it was detected.
    public var detectedAt: Timestamp

    /// One line.
    public var description: String {
        "\(kind) logic \(verifier.short) approved both \(roots[0].short) and \(roots[1].short) at #\(height) on \(parent.short)"
    }
}

/// A council upgrade waiting for its timelock.
public struct PendingUpgrade: Hashable, Sendable {
    /// The new logic.
    public var to: EthereumAddress
    /// When the council scheduled it.
    public var scheduledAt: Timestamp
    /// When it takes effect.
    public var executableAt: Timestamp
}

/// A replacement of verifier logic that took effect.
public struct VerifierChange: Hashable, Sendable {
    /// Which leg.
    public var kind: VerifierKind
    /// The logic replaced.
    public var from: EthereumAddress
    /// The new logic.
    public var to: EthereumAddress
    /// When it took effect.
    public var time: Timestamp
    /// Whether it used the no-delay path (TEE, or an emergency after self-disagreement).
    public var immediate: Bool
}

/// Something that changed, and when.
public struct TimedEffect: Hashable, Sendable {
    /// When it happened.
    public var time: Timestamp
    /// What happened.
    public var effect: FinalityEffect
}

/// The changes the state machine reports (the timeline of a simulation).
public enum FinalityEffect: Hashable, Sendable, CustomStringConvertible {
    /// A ZK or TEE approval was accepted (`enclave` is the TEE signer).
    case approvalRecorded(Transition, ProverKind, evidence: Bytes32, enclave: EthereumAddress?)
    /// A game was created.
    case gameCreated(Transition, proposer: EthereumAddress, challengeDeadline: Timestamp)
    /// A game was challenged.
    case gameChallenged(Transition, challenger: EthereumAddress, resolveBy: Timestamp)
    /// A game ended.
    case gameResolved(Transition, winner: GameWinner, byTimeout: Bool)
    /// A transition was finalized.
    case finalized(Transition, FinalityRule)
    /// A transition was rejected.
    case rejected(Transition, RejectionReason)
    /// A verifier's self-disagreement was detected.
    case selfDisagreement(SelfDisagreement)
    /// The council scheduled an upgrade.
    case upgradeScheduled(VerifierKind, to: EthereumAddress, executableAt: Timestamp)
    /// The council cancelled a scheduled upgrade.
    case upgradeCancelled(VerifierKind)
    /// Verifier logic was replaced.
    case verifierReplaced(VerifierChange)
    /// A measurement was added to the allow-list.
    case measurementAllowed(Bytes32)
    /// A measurement was revoked.
    case measurementRevoked(Bytes32)
    /// An enclave key was registered.
    case enclaveRegistered(EnclaveRegistration)

    /// One line for a timeline.
    public var description: String {
        switch self {
        case let .approvalRecorded(t, kind, evidence, enclave):
            return "\(kind) approval of \(t) (" + (enclave.map { "enclave \($0.short)" } ?? "proof \(evidence.short)") + ")"
        case let .gameCreated(t, p, d): return "game for \(t) proposed by \(p.short), challenge window ends \(d)"
        case let .gameChallenged(t, c, r): return "game for \(t) challenged by \(c.short), must resolve by \(r)"
        case let .gameResolved(t, w, timeout): return "game for \(t) resolved: \(w) wins\(timeout ? " (timeout)" : "")"
        case let .finalized(t, rule): return "FINALIZED \(t) by \(rule)"
        case let .rejected(t, reason): return "REJECTED \(t): \(reason)"
        case let .selfDisagreement(d): return "SELF-DISAGREEMENT: \(d)"
        case let .upgradeScheduled(k, to, at): return "\(k) upgrade to \(to.short) scheduled, executable \(at)"
        case let .upgradeCancelled(k): return "\(k) upgrade cancelled"
        case let .verifierReplaced(c):
            return "\(c.kind) logic replaced \(c.from.short) → \(c.to.short)\(c.immediate ? " (immediate)" : " (after timelock)")"
        case let .measurementAllowed(m): return "measurement \(m.short) allowed"
        case let .measurementRevoked(m): return "measurement \(m.short) revoked"
        case let .enclaveRegistered(r): return "enclave \(r.key.short) registered (measurement \(r.measurement.short)), expires \(r.expiresAt)"
        }
    }
}

/// One applied event with what it did.
public struct LogEntry: Hashable, Sendable {
    /// The event.
    public var event: TimedEvent
    /// What applying it did.
    public var disposition: EventOutcome.Disposition
    /// What the passage of time caused before the event (timeouts, timelocks and
    /// what followed from them), each at its own instant.
    public var clockEffects: [TimedEffect]
    /// What the event itself caused.
    public var effects: [TimedEffect]
}

/// The whole state of the finality rule: a plain value, equal after replaying the
/// same journal under the same configuration and ZK verifier.
public struct FinalityState: Hashable, Sendable {
    /// The clock: the time of the latest event.
    public internal(set) var now: Timestamp
    /// The verifier logic in force for each leg.
    public internal(set) var verifiers: [VerifierKind: EthereumAddress]
    /// Council upgrades waiting for their timelock.
    public internal(set) var pendingUpgrades: [VerifierKind: PendingUpgrade] = [:]
    /// Replacements that took effect, oldest first.
    public internal(set) var verifierChanges: [VerifierChange] = []
    /// Allowed enclave measurements.
    public internal(set) var allowedMeasurements: Set<Bytes32>
    /// Revoked measurements (permanent).
    public internal(set) var revokedMeasurements: Set<Bytes32> = []
    /// Registered enclave keys.
    public internal(set) var enclaves: [EthereumAddress: EnclaveRegistration] = [:]
    /// Digests of applied council actions, indexed by nonce.
    public internal(set) var councilActions: [Bytes32] = []
    /// Every transition heard of.
    public internal(set) var candidates: [Transition: CandidateRecord] = [:]
    /// Transitions per height, sorted.
    public internal(set) var transitionsByHeight: [UInt64: [Transition]] = [:]
    /// Transitions still pending.
    public internal(set) var pending: Set<Transition> = []
    /// The finalized transition of each height from the anchor up.
    public internal(set) var finalized: [UInt64: FinalizedBlock] = [:]
    /// The highest finalized height.
    public internal(set) var headHeight: UInt64
    /// Detected self-disagreements, oldest first.
    public internal(set) var disagreements: [SelfDisagreement] = []
    /// Every applied event with its outcome.
    public internal(set) var log: [LogEntry] = []
}
