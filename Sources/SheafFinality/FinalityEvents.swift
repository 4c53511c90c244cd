import SheafHash

/// An input to the finality state machine. Events are facts observed on L1 (a proof
/// verified, a game created, a council transaction) and are journaled as given; the
/// state machine decides what each one means.
public enum FinalityEvent: Hashable, Codable, Sendable {
    /// The ZK prover submits `proof` for `transition`; the machine checks it with
    /// the caller's `ZKProofVerifier` under the current ZK verifier logic.
    case submitZK(transition: Transition, proof: [UInt8])
    /// A TEE enclave's 65-byte attestation signature for `transition`.
    case submitTEE(transition: Transition, signature: [UInt8])
    /// `proposer` opens an optimistic game claiming `transition`.
    case proposeOptimistic(transition: Transition, proposer: EthereumAddress)
    /// `challenger` disputes the open game for `transition`.
    case challenge(transition: Transition, challenger: EthereumAddress)
    /// The dispute over `transition`'s challenged game ended with `winner`.
    case resolveGame(transition: Transition, winner: GameWinner)
    /// A council action with its signatures.
    case councilAction(SignedCouncilAction)
    /// Only moves the clock (timeouts and deadlines take effect).
    case tick

    private enum CodingKeys: String, CodingKey {
        case type, transition, proof, signature, proposer, challenger, winner, council
    }

    /// One flat JSON object per event with a `type` field, bytes as hex: easy to
    /// read in a journal and to produce from other tools.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .submitZK(transition, proof):
            try c.encode("submitZK", forKey: .type)
            try c.encode(transition, forKey: .transition)
            try c.encode(Hex.encode(proof), forKey: .proof)
        case let .submitTEE(transition, signature):
            try c.encode("submitTEE", forKey: .type)
            try c.encode(transition, forKey: .transition)
            try c.encode(Hex.encode(signature), forKey: .signature)
        case let .proposeOptimistic(transition, proposer):
            try c.encode("proposeOptimistic", forKey: .type)
            try c.encode(transition, forKey: .transition)
            try c.encode(proposer, forKey: .proposer)
        case let .challenge(transition, challenger):
            try c.encode("challenge", forKey: .type)
            try c.encode(transition, forKey: .transition)
            try c.encode(challenger, forKey: .challenger)
        case let .resolveGame(transition, winner):
            try c.encode("resolveGame", forKey: .type)
            try c.encode(transition, forKey: .transition)
            try c.encode(winner, forKey: .winner)
        case let .councilAction(action):
            try c.encode("councilAction", forKey: .type)
            try c.encode(action, forKey: .council)
        case .tick:
            try c.encode("tick", forKey: .type)
        }
    }

    /// Decodes the flat form written by `encode(to:)`; an unknown `type` is an error.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "submitZK":
            self = .submitZK(transition: try c.decode(Transition.self, forKey: .transition),
                             proof: try decodeHex(try c.decode(String.self, forKey: .proof), what: "ZK proof"))
        case "submitTEE":
            self = .submitTEE(transition: try c.decode(Transition.self, forKey: .transition),
                              signature: try decodeHex(try c.decode(String.self, forKey: .signature), what: "TEE signature"))
        case "proposeOptimistic":
            self = .proposeOptimistic(transition: try c.decode(Transition.self, forKey: .transition),
                                      proposer: try c.decode(EthereumAddress.self, forKey: .proposer))
        case "challenge":
            self = .challenge(transition: try c.decode(Transition.self, forKey: .transition),
                              challenger: try c.decode(EthereumAddress.self, forKey: .challenger))
        case "resolveGame":
            self = .resolveGame(transition: try c.decode(Transition.self, forKey: .transition),
                                winner: try c.decode(GameWinner.self, forKey: .winner))
        case "councilAction":
            self = .councilAction(try c.decode(SignedCouncilAction.self, forKey: .council))
        case "tick":
            self = .tick
        default:
            throw FinalityError.malformed(what: "finality event", reason: "unknown event type '\(type)'")
        }
    }

    /// The transition the event is about, if any.
    public var transition: Transition? {
        switch self {
        case let .submitZK(t, _), let .submitTEE(t, _), let .proposeOptimistic(t, _), let .challenge(t, _), let .resolveGame(t, _):
            return t
        case .councilAction, .tick:
            return nil
        }
    }
}

/// An event with the L1 time at which it happened.
public struct TimedEvent: Hashable, Codable, Sendable {
    /// When the event happened.
    public var time: Timestamp
    /// What happened.
    public var event: FinalityEvent

    /// `event` at `time`.
    public init(_ time: Timestamp, _ event: FinalityEvent) {
        self.time = time
        self.event = event
    }
}

/// Who won an optimistic game.
public enum GameWinner: String, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The proposer: the game favours the proposed root.
    case defender
    /// The challenger: the proposed root is refuted.
    case challenger

    /// "defender" or "challenger".
    public var description: String { rawValue }
}

/// What applying an event did.
public struct EventOutcome: Hashable, Sendable {
    /// Whether the event was taken, recognised as a repeat, or turned down.
    public var disposition: Disposition
    /// Everything that changed, in order, including what the passage of time caused
    /// before the event itself (timeouts, timelocks, deferred finalizations).
    public var effects: [TimedEffect]

    /// The three possible dispositions.
    public enum Disposition: Hashable, Sendable {
        /// The event changed the state (see `effects`).
        case accepted
        /// An identical event was already applied; nothing changed.
        case duplicate
        /// The rules turn the event down, for this reason; nothing changed except
        /// the clock.
        case rejected(EventRejection)
    }

    /// The rejection reason, if the event was rejected.
    public var rejection: EventRejection? {
        if case let .rejected(reason) = disposition { return reason }
        return nil
    }
}

/// Why an event was turned down. Each description says what is wrong.
public enum EventRejection: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The transition is at or below the anchor the machine started from.
    case atOrBelowAnchor(anchorHeight: UInt64)
    /// The height is already finalized (with a different transition).
    case heightFinalized(root: Bytes32)
    /// The transition builds on a parent root that can no longer finalize.
    case parentNotCanonical(parent: Bytes32)
    /// The transition is already finalized or rejected.
    case transitionSettled(String)
    /// A ZK or TEE approval after the window of the transition's game closed.
    case proofAfterDeadline(deadline: Timestamp)
    /// The ZK verifier does not accept the proof.
    case invalidZKProof(verifier: EthereumAddress)
    /// The attestation bytes are not a valid recoverable signature.
    case malformedAttestation(String)
    /// The attestation was signed by a key that is not a registered enclave.
    case unregisteredEnclave(signer: EthereumAddress)
    /// The enclave key's registration has expired.
    case enclaveExpired(signer: EthereumAddress, expiredAt: Timestamp)
    /// The enclave's measurement has been revoked.
    case measurementRevoked(Bytes32)
    /// The enclave's measurement is not on the allow-list.
    case measurementNotAllowed(Bytes32)
    /// There is no game for the transition under the current optimistic logic.
    case noGame
    /// A game for the transition is still running.
    case gameInProgress(proposer: EthereumAddress)
    /// The transition's game was lost; it cannot be proposed again.
    case gameLost
    /// The transition's game was won and it has prover approval: nothing to re-open.
    case gameAlreadyWon
    /// A challenge after the game's challenge window closed.
    case challengeAfterDeadline(deadline: Timestamp)
    /// The game was already challenged (one challenge per game).
    case alreadyChallenged(by: EthereumAddress)
    /// Only challenged games are resolved by an event; unchallenged ones time out.
    case notChallenged
    /// The game already ended, with this winner.
    case alreadyResolved(winner: GameWinner)
    /// A resolution after the challenged game timed out in the challenger's favour.
    case resolutionAfterDeadline(deadline: Timestamp)
    /// The council action's nonce is not the next one.
    case councilNonce(expected: UInt64, got: UInt64)
    /// A council signature is malformed.
    case councilSignatureMalformed(index: Int, reason: String)
    /// A council signature recovers to someone who is not a member.
    case notCouncilMember(index: Int, signer: EthereumAddress)
    /// Fewer distinct members signed than the threshold.
    case insufficientCouncilSignatures(distinct: Int, threshold: Int)
    /// An emergency upgrade without recorded self-disagreement of the current logic.
    case noProvableDisagreement(kind: VerifierKind)
    /// Cancelling an upgrade that is not scheduled.
    case noScheduledUpgrade(kind: VerifierKind)
    /// Upgrading to the logic already in force (or to another slot's logic).
    case invalidUpgradeTarget(String)
    /// The measurement was revoked, and revocation is permanent.
    case measurementPermanentlyRevoked(Bytes32)
    /// The enclave key is already registered (each key registers once).
    case enclaveAlreadyRegistered(EthereumAddress)

    /// One line saying what is wrong.
    public var description: String {
        switch self {
        case let .atOrBelowAnchor(h): return "height is at or below the anchor block #\(h)"
        case let .heightFinalized(root): return "height already finalized with root \(root.short)"
        case let .parentNotCanonical(p): return "parent root \(p.short) is not canonical"
        case let .transitionSettled(s): return "transition already \(s)"
        case let .proofAfterDeadline(d): return "approval arrived after the deadline \(d)"
        case let .invalidZKProof(v): return "ZK verifier \(v.short) rejects the proof"
        case let .malformedAttestation(why): return "malformed TEE attestation: \(why)"
        case let .unregisteredEnclave(s): return "attestation signer \(s.short) is not a registered enclave"
        case let .enclaveExpired(s, at): return "enclave key \(s.short) expired at \(at)"
        case let .measurementRevoked(m): return "enclave measurement \(m.short) is revoked"
        case let .measurementNotAllowed(m): return "enclave measurement \(m.short) is not allowed"
        case .noGame: return "no optimistic game for this transition"
        case let .gameInProgress(p): return "a game proposed by \(p.short) is still running"
        case .gameLost: return "this transition's game was lost"
        case .gameAlreadyWon: return "this transition's game was won and it has prover approval"
        case let .challengeAfterDeadline(d): return "challenge arrived after the deadline \(d)"
        case let .alreadyChallenged(by): return "game already challenged by \(by.short)"
        case .notChallenged: return "game was not challenged; it resolves when its window closes"
        case let .alreadyResolved(w): return "game already resolved: \(w) won"
        case let .resolutionAfterDeadline(d): return "resolution arrived after the deadline \(d)"
        case let .councilNonce(e, g): return "council nonce \(g), expected \(e)"
        case let .councilSignatureMalformed(i, why): return "council signature \(i) is malformed: \(why)"
        case let .notCouncilMember(i, s): return "council signature \(i) is by \(s.short), not a member"
        case let .insufficientCouncilSignatures(d, t): return "\(d) distinct council signatures, \(t) needed"
        case let .noProvableDisagreement(k): return "no recorded self-disagreement of the current \(k) logic, so no emergency upgrade"
        case let .noScheduledUpgrade(k): return "no \(k) upgrade is scheduled"
        case let .invalidUpgradeTarget(why): return "invalid upgrade target: \(why)"
        case let .measurementPermanentlyRevoked(m): return "measurement \(m.short) was revoked; revocation is permanent"
        case let .enclaveAlreadyRegistered(k): return "enclave key \(k.short) is already registered"
        }
    }
}
