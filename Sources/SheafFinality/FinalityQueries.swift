extension FinalityMachine {
    /// Where `transition` stands, or nil if the machine has never heard of it. The
    /// anchor reports `.finalized(rule: .anchor, …)`.
    public func status(of transition: Transition) -> TransitionStatus? {
        if let final = state.finalized[transition.height], final.transition == transition, final.rule == .anchor {
            return .finalized(rule: .anchor, time: final.time)
        }
        return state.candidates[transition]?.status
    }

    /// The finalized transition at `height`, if that height is final.
    public func finalizedBlock(atHeight height: UInt64) -> FinalizedBlock? { state.finalized[height] }

    /// The highest finalized block (the anchor before anything else finalizes).
    public var finalizedHead: FinalizedBlock { state.finalized[state.headHeight]! }

    /// All transitions heard of at `height`, sorted.
    public func transitions(atHeight height: UInt64) -> [Transition] { state.transitionsByHeight[height] ?? [] }

    /// Everything recorded about `transition`.
    public func record(of transition: Transition) -> CandidateRecord? { state.candidates[transition] }

    /// The logic currently in force for `kind`.
    public func verifier(_ kind: VerifierKind) -> EthereumAddress { currentVerifier(kind) }

    /// The earliest time `transition` can finalize on the approvals and games
    /// recorded so far, if every open dispute goes its way (its own game is not
    /// challenged or is won, rival games are challenged and lost) and its ancestors
    /// finalize as early as they can. Nil when it is rejected, or when it cannot
    /// finalize without something new: a second approval, a proposal, or a known
    /// parent. For a finalized transition, its finalization time.
    public func earliestFinalization(of transition: Transition) -> Timestamp? {
        switch status(of: transition) {
        case let .finalized(_, time)?: return time
        case .rejected?, nil: return nil
        case .pending?: break
        }
        guard let parentTime = earliestParentFinalization(transition) else { return nil }
        let kinds = countedProverKinds(transition)
        if kinds.contains(.zk) && kinds.contains(.tee) { return max(state.now, parentTime) }
        guard !kinds.isEmpty, let game = latestCountedGame(transition), game.winner != .challenger else { return nil }
        // A rival that already won makes the game ambiguous for good.
        let rivalWon = competitors(of: transition).contains { latestCountedGame($0)?.winner == .defender }
        if rivalWon { return nil }
        return max(state.now, game.challengeDeadline, parentTime)
    }

    /// The earliest time the parent root of `transition` can be final.
    private func earliestParentFinalization(_ transition: Transition) -> Timestamp? {
        let parentHeight = transition.height - 1
        if let final = state.finalized[parentHeight] {
            return final.transition.root == transition.parent ? final.time : nil
        }
        if isRootDead(height: parentHeight, root: transition.parent) { return nil }
        let producers = transitions(atHeight: parentHeight).filter { $0.root == transition.parent }
        return producers.compactMap { earliestFinalization(of: $0) }.min()
    }

    /// Why the council is below Stage 2 (empty when it meets the bar).
    public var stage2Shortfalls: [String] { config.stage2Shortfalls }
}
