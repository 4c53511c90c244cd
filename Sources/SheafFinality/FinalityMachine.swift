/// The 2-of-3 finality rule (ZK + TEE + optimistic game, with a security council) as
/// a value driven by timestamped events.
///
/// The rules, in short (docs/finality.md has them in full, with reasons):
/// - ZK and TEE approving the same transition finalize it at once (R1).
/// - One of them plus the optimistic game finalizes it once the game's 7-day
///   challenge window has closed and the game unambiguously favours its root: its
///   own game won, every game for another root on the same parent lost (R2).
/// - Approvals of one kind count once, whatever their number; only approvals and
///   games under the logic currently in force count.
/// - A transition finalizes only on top of its finalized parent, one per height.
/// - The council replaces TEE logic at once, ZK and optimistic logic after 30 days,
///   or at once when that logic provably disagreed with itself.
///
/// `apply` is deterministic: the same configuration, ZK verifier and events always
/// give the same `state`, which is how a journal is replayed.
public struct FinalityMachine: Sendable {
    /// The deployment's fixed parameters.
    public let config: FinalityConfig
    /// The current state.
    public internal(set) var state: FinalityState
    /// The caller's ZK verification.
    let zkVerifier: any ZKProofVerifier

    /// A machine at `config.genesisTime` with the anchor finalized and the initial
    /// enclaves registered. Throws if the configuration is invalid (or below Stage 2
    /// without `allowBelowStage2`).
    public init(config: FinalityConfig, zkVerifier: any ZKProofVerifier) throws {
        try config.validate()
        self.config = config
        self.zkVerifier = zkVerifier
        var verifiers: [VerifierKind: EthereumAddress] = [:]
        for kind in VerifierKind.allCases { verifiers[kind] = config.initialVerifier(kind) }
        state = FinalityState(now: config.genesisTime, verifiers: verifiers,
                              allowedMeasurements: Set(config.allowedMeasurements), headHeight: config.anchorHeight)
        let anchor = Transition(height: config.anchorHeight, parent: .zero, root: config.anchorRoot)
        state.finalized[config.anchorHeight] = FinalizedBlock(transition: anchor, rule: .anchor, time: config.genesisTime)
        for enclave in config.initialEnclaves {
            state.enclaves[enclave.key] = EnclaveRegistration(
                key: enclave.key, measurement: enclave.measurement,
                registeredAt: config.genesisTime, expiresAt: config.genesisTime.adding(config.enclaveLifetime))
        }
    }

    /// Applies one event: first lets time run to `event.time` (games time out,
    /// timelocks expire, deferred finalizations happen at their exact instants),
    /// then applies the event, then settles what follows from it.
    ///
    /// A rejected event is a normal outcome, not an error. Throws only when the
    /// event is older than the clock, which is the caller's mistake.
    @discardableResult
    public mutating func apply(_ event: TimedEvent) throws -> EventOutcome {
        guard event.time >= state.now else { throw FinalityError.eventOutOfOrder(event: event.time, now: state.now) }
        var clockEffects: [TimedEffect] = []
        advance(to: event.time, effects: &clockEffects)
        var effects: [TimedEffect] = []
        let disposition: EventOutcome.Disposition
        switch event.event {
        case let .submitZK(transition, proof):
            disposition = submitZK(transition, proof: proof, effects: &effects)
        case let .submitTEE(transition, signature):
            disposition = submitTEE(transition, signature: signature, effects: &effects)
        case let .proposeOptimistic(transition, proposer):
            disposition = propose(transition, proposer: proposer, effects: &effects)
        case let .challenge(transition, challenger):
            disposition = challenge(transition, challenger: challenger, effects: &effects)
        case let .resolveGame(transition, winner):
            disposition = resolve(transition, winner: winner, effects: &effects)
        case let .councilAction(action):
            disposition = council(action, effects: &effects)
        case .tick:
            disposition = .accepted
        }
        settle(effects: &effects)
        state.log.append(LogEntry(event: event, disposition: disposition, clockEffects: clockEffects, effects: effects))
        return EventOutcome(disposition: disposition, effects: clockEffects + effects)
    }

    /// Applies events in order; stops at the first one older than the clock.
    public mutating func apply(_ events: some Sequence<TimedEvent>) throws {
        for event in events { try apply(event) }
    }

    // MARK: - Small helpers shared by the handlers

    /// The logic in force for `kind`.
    func currentVerifier(_ kind: VerifierKind) -> EthereumAddress { state.verifiers[kind]! }

    /// The transition's latest game under the optimistic logic in force.
    func latestCountedGame(_ transition: Transition) -> OptimisticGame? {
        guard let record = state.candidates[transition], let last = record.games.last,
              last.verifier == currentVerifier(.optimistic) else { return nil }
        return last
    }

    /// The deadline for ZK and TEE approvals: the challenge deadline of the
    /// transition's latest counted game, or none while it has no game.
    func proofDeadline(_ transition: Transition) -> Timestamp? {
        latestCountedGame(transition)?.challengeDeadline
    }

    /// Whether `kind`'s approvals at this height and parent are void because its
    /// current logic disagreed with itself there.
    func isNullified(_ kind: VerifierKind, height: UInt64, parent: Bytes32) -> Bool {
        let verifier = currentVerifier(kind)
        return state.disagreements.contains { $0.kind == kind && $0.verifier == verifier && $0.height == height && $0.parent == parent }
    }

    /// The prover kinds whose approvals of `transition` count now: accepted under
    /// the logic still in force, not voided by a self-disagreement, and (TEE) from
    /// an enclave whose measurement is still allowed. A set, so two approvals of
    /// one kind count once.
    public func countedProverKinds(_ transition: Transition) -> Set<ProverKind> {
        guard let record = state.candidates[transition] else { return [] }
        var kinds: Set<ProverKind> = []
        for approval in record.approvals where !kinds.contains(approval.kind) {
            guard approval.verifier == currentVerifier(approval.kind.verifierKind),
                  !isNullified(approval.kind.verifierKind, height: transition.height, parent: transition.parent) else { continue }
            if approval.kind == .tee {
                guard let m = approval.measurement, state.allowedMeasurements.contains(m),
                      !state.revokedMeasurements.contains(m) else { continue }
            }
            kinds.insert(approval.kind)
        }
        return kinds
    }

    /// Whether the parent root of `transition` can no longer be final.
    func isParentDead(_ transition: Transition) -> Bool {
        isRootDead(height: transition.height - 1, root: transition.parent)
    }

    /// Whether `root` can no longer be final at `height`: the height is final with
    /// another root, or the height below is final and the one transition that could
    /// still produce `root` on it was rejected.
    ///
    /// Deliberately not "every known transition producing `root` is rejected": a
    /// transition with an honest root on a bogus parent is cheap to make and gets
    /// rejected, and that must not take the honest root's children with it (the
    /// property tests found exactly this). Above the first unfinalized height a root
    /// can always still be produced by a transition not seen yet, so descendants
    /// further up are rejected as soon as the chain below them is final.
    func isRootDead(height: UInt64, root: Bytes32) -> Bool {
        if let final = state.finalized[height] { return final.transition.root != root }
        guard height > config.anchorHeight, let below = state.finalized[height - 1] else { return false }
        let onFinalParent = Transition(height: height, parent: below.transition.root, root: root)
        return state.candidates[onFinalParent]?.status.isRejected ?? false
    }

    /// The record for `transition`, created if new.
    mutating func ensureCandidate(_ transition: Transition) {
        guard state.candidates[transition] == nil else { return }
        state.candidates[transition] = CandidateRecord(transition: transition, firstSeen: state.now)
        var list = state.transitionsByHeight[transition.height] ?? []
        let index = list.firstIndex { $0 > transition } ?? list.endIndex
        list.insert(transition, at: index)
        state.transitionsByHeight[transition.height] = list
        state.pending.insert(transition)
    }

    /// Other transitions with the same height and parent but another root.
    func competitors(of transition: Transition) -> [Transition] {
        (state.transitionsByHeight[transition.height] ?? []).filter { $0.parent == transition.parent && $0.root != transition.root }
    }

    mutating func emit(_ effect: FinalityEffect, into effects: inout [TimedEffect]) {
        effects.append(TimedEffect(time: state.now, effect: effect))
    }

    // MARK: - Prover approvals

    mutating func submitZK(_ transition: Transition, proof: [UInt8], effects: inout [TimedEffect]) -> EventOutcome.Disposition {
        if transition.height <= config.anchorHeight { return .rejected(.atOrBelowAnchor(anchorHeight: config.anchorHeight)) }
        let verifier = currentVerifier(.zk)
        let evidence = Bytes32.keccak(proof)
        if let record = state.candidates[transition],
           record.approvals.contains(where: { $0.kind == .zk && $0.verifier == verifier && $0.evidence == evidence }) {
            return .duplicate
        }
        if let deadline = proofDeadline(transition), state.now >= deadline { return .rejected(.proofAfterDeadline(deadline: deadline)) }
        let statement = ZKStatement(chainID: config.chainID, verifier: verifier, transition: transition)
        guard zkVerifier.verify(proof: proof, for: statement) else { return .rejected(.invalidZKProof(verifier: verifier)) }
        record(Approval(kind: .zk, verifier: verifier, time: state.now, evidence: evidence), for: transition, effects: &effects)
        return .accepted
    }

    mutating func submitTEE(_ transition: Transition, signature bytes: [UInt8], effects: inout [TimedEffect]) -> EventOutcome.Disposition {
        if transition.height <= config.anchorHeight { return .rejected(.atOrBelowAnchor(anchorHeight: config.anchorHeight)) }
        let verifier = currentVerifier(.tee)
        let signer: EthereumAddress
        do {
            let signature = try RecoverableSignature(ethereumBytes: bytes)
            let digest = TEEAttestation.digest(chainID: config.chainID, verifier: verifier, transition: transition)
            signer = try signature.recoverAddress(digest: digest)
        } catch let error as FinalityError {
            return .rejected(.malformedAttestation(error.description))
        } catch {
            return .rejected(.malformedAttestation("\(error)"))
        }
        if let record = state.candidates[transition],
           record.approvals.contains(where: { $0.kind == .tee && $0.verifier == verifier && $0.enclave == signer }) {
            return .duplicate
        }
        if let deadline = proofDeadline(transition), state.now >= deadline { return .rejected(.proofAfterDeadline(deadline: deadline)) }
        // An attestation over another message recovers some unrelated address, so
        // "unregistered" also covers signatures for the wrong chain, verifier or root.
        guard let enclave = state.enclaves[signer] else { return .rejected(.unregisteredEnclave(signer: signer)) }
        if state.revokedMeasurements.contains(enclave.measurement) { return .rejected(.measurementRevoked(enclave.measurement)) }
        if !state.allowedMeasurements.contains(enclave.measurement) { return .rejected(.measurementNotAllowed(enclave.measurement)) }
        if state.now >= enclave.expiresAt { return .rejected(.enclaveExpired(signer: signer, expiredAt: enclave.expiresAt)) }
        record(Approval(kind: .tee, verifier: verifier, time: state.now, evidence: Bytes32.keccak(bytes),
                        enclave: signer, measurement: enclave.measurement),
               for: transition, effects: &effects)
        return .accepted
    }

    /// Stores an approval and checks whether its logic now disagrees with itself.
    /// Approvals of settled transitions are kept too: they are evidence.
    mutating func record(_ approval: Approval, for transition: Transition, effects: inout [TimedEffect]) {
        ensureCandidate(transition)
        state.candidates[transition]!.approvals.append(approval)
        emit(.approvalRecorded(transition, approval.kind, evidence: approval.evidence, enclave: approval.enclave), into: &effects)
        let kind = approval.kind.verifierKind
        for other in competitors(of: transition) {
            let agrees = state.candidates[other]!.approvals.contains { $0.kind == approval.kind && $0.verifier == approval.verifier }
            if agrees {
                recordDisagreement(kind: kind, verifier: approval.verifier, transition: transition, otherRoot: other.root, effects: &effects)
                break
            }
        }
    }

    /// Records a self-disagreement once per (kind, logic, height, parent).
    mutating func recordDisagreement(kind: VerifierKind, verifier: EthereumAddress, transition: Transition, otherRoot: Bytes32,
                                     effects: inout [TimedEffect]) {
        let known = state.disagreements.contains {
            $0.kind == kind && $0.verifier == verifier && $0.height == transition.height && $0.parent == transition.parent
        }
        guard !known else { return }
        let disagreement = SelfDisagreement(kind: kind, verifier: verifier, height: transition.height, parent: transition.parent,
                                            roots: [transition.root, otherRoot].sorted(), detectedAt: state.now)
        state.disagreements.append(disagreement)
        emit(.selfDisagreement(disagreement), into: &effects)
    }

    // MARK: - The optimistic game

    mutating func propose(_ transition: Transition, proposer: EthereumAddress, effects: inout [TimedEffect]) -> EventOutcome.Disposition {
        if transition.height <= config.anchorHeight { return .rejected(.atOrBelowAnchor(anchorHeight: config.anchorHeight)) }
        if let game = latestCountedGame(transition), game.winner == nil, game.proposer == proposer { return .duplicate }
        if let final = state.finalized[transition.height] {
            return .rejected(final.transition == transition ? .transitionSettled("finalized") : .heightFinalized(root: final.transition.root))
        }
        if isParentDead(transition) { return .rejected(.parentNotCanonical(parent: transition.parent)) }
        if let record = state.candidates[transition], case let .rejected(reason, _) = record.status {
            return .rejected(.transitionSettled("rejected: \(reason)"))
        }
        if let game = latestCountedGame(transition) {
            switch game.winner {
            case nil: return .rejected(.gameInProgress(proposer: game.proposer))
            case .challenger?: return .rejected(.gameLost)
            case .defender?:
                // Re-opening is only for a root the game upheld but that no prover
                // approved in time; otherwise it would only delay finality.
                if !countedProverKinds(transition).isEmpty { return .rejected(.gameAlreadyWon) }
            }
        }
        ensureCandidate(transition)
        let deadline = state.now.adding(config.challengeWindow)
        state.candidates[transition]!.games.append(OptimisticGame(
            verifier: currentVerifier(.optimistic), proposer: proposer, createdAt: state.now, challengeDeadline: deadline))
        emit(.gameCreated(transition, proposer: proposer, challengeDeadline: deadline), into: &effects)
        return .accepted
    }

    mutating func challenge(_ transition: Transition, challenger: EthereumAddress, effects: inout [TimedEffect]) -> EventOutcome.Disposition {
        guard let game = latestCountedGame(transition) else { return .rejected(.noGame) }
        if game.challenger == challenger { return .duplicate }
        if let first = game.challenger { return .rejected(.alreadyChallenged(by: first)) }
        // At the deadline itself the game has already timed out (advance ran first).
        guard game.winner == nil, state.now < game.challengeDeadline else {
            return .rejected(.challengeAfterDeadline(deadline: game.challengeDeadline))
        }
        let now = state.now, resolveBy = now.adding(config.resolutionWindow)
        updateLatestGame(transition) {
            $0.challenger = challenger
            $0.challengedAt = now
            $0.resolveBy = resolveBy
        }
        emit(.gameChallenged(transition, challenger: challenger, resolveBy: resolveBy), into: &effects)
        return .accepted
    }

    mutating func resolve(_ transition: Transition, winner: GameWinner, effects: inout [TimedEffect]) -> EventOutcome.Disposition {
        guard let game = latestCountedGame(transition) else { return .rejected(.noGame) }
        if game.winner == winner { return .duplicate }
        guard game.challenger != nil else { return .rejected(.notChallenged) }
        if let previous = game.winner {
            return .rejected(game.resolvedByTimeout ? .resolutionAfterDeadline(deadline: game.resolveBy!) : .alreadyResolved(winner: previous))
        }
        finishGame(transition, winner: winner, byTimeout: false, effects: &effects)
        return .accepted
    }

    mutating func updateLatestGame(_ transition: Transition, _ change: (inout OptimisticGame) -> Void) {
        let last = state.candidates[transition]!.games.count - 1
        change(&state.candidates[transition]!.games[last])
    }

    /// Ends the transition's latest game; a won game is checked against the other
    /// roots on the same parent (the optimistic logic may disagree with itself too).
    mutating func finishGame(_ transition: Transition, winner: GameWinner, byTimeout: Bool, effects: inout [TimedEffect]) {
        let now = state.now
        updateLatestGame(transition) {
            $0.winner = winner
            $0.resolvedAt = now
            $0.resolvedByTimeout = byTimeout
        }
        emit(.gameResolved(transition, winner: winner, byTimeout: byTimeout), into: &effects)
        guard winner == .defender else { return }
        checkOptimisticDisagreement(height: transition.height, parent: transition.parent, effects: &effects)
    }

    /// Records a self-disagreement of the optimistic logic in force at (`height`,
    /// `parent`) when the evidence is real, not manufactured:
    /// - `parent` is the finalized root of `height − 1`. Anyone can propose roots on
    ///   a made-up parent, and unchallenged games win by timeout, so two won games
    ///   there prove nothing about the logic.
    /// - At least two transitions there, none of them rejected, have won their
    ///   latest counted game, and at least one of those games was challenged and
    ///   resolved for its defender: the logic itself judged that root, rather than
    ///   nobody looking at it.
    ///
    /// Called when a game is won and when a parent becomes final, the two moments
    /// at which these conditions can start to hold.
    mutating func checkOptimisticDisagreement(height: UInt64, parent: Bytes32, effects: inout [TimedEffect]) {
        guard height > config.anchorHeight, let below = state.finalized[height - 1], below.transition.root == parent else { return }
        let winners = (state.transitionsByHeight[height] ?? []).filter { transition in
            guard transition.parent == parent, state.candidates[transition]?.status.isRejected == false,
                  let game = latestCountedGame(transition) else { return false }
            return game.winner == .defender
        }
        guard let judged = winners.first(where: { latestCountedGame($0)?.challenger != nil }),
              let other = winners.first(where: { $0 != judged }) else { return }
        recordDisagreement(kind: .optimistic, verifier: currentVerifier(.optimistic), transition: judged,
                           otherRoot: other.root, effects: &effects)
    }
}

extension TransitionStatus {
    /// Whether this is `.rejected`.
    public var isRejected: Bool {
        if case .rejected = self { return true }
        return false
    }

    /// Whether this is `.finalized`.
    public var isFinalized: Bool {
        if case .finalized = self { return true }
        return false
    }
}
