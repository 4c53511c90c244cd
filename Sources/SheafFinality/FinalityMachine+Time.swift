extension FinalityMachine {
    /// Runs the clock forward to `target`, stopping at every instant where something
    /// is due (a game's challenge deadline, a challenged game's resolution deadline,
    /// a timelock), so each timeout and each deferred finalization happens at its
    /// exact time whatever the spacing of events.
    ///
    /// Timers are found by scanning the transitions: linear in their number, which
    /// is fine for one rollup's in-flight blocks.
    mutating func advance(to target: Timestamp, effects: inout [TimedEffect]) {
        while let next = nextTimer(after: state.now), next <= target {
            state.now = next
            fireTimers(effects: &effects)
            settle(effects: &effects)
        }
        state.now = target
    }

    /// The earliest instant after `now` at which a timer is due.
    func nextTimer(after now: Timestamp) -> Timestamp? {
        var earliest: Timestamp? = nil
        func consider(_ t: Timestamp?) {
            guard let t, t > now else { return }
            if earliest == nil || t < earliest! { earliest = t }
        }
        for record in state.candidates.values {
            guard let game = latestCountedGame(record.transition) else { continue }
            // The challenge deadline matters even for challenged games: it is when
            // approvals close and when a won game may finalize its transition.
            consider(game.challengeDeadline)
            if game.winner == nil { consider(game.resolveBy) }
        }
        for upgrade in state.pendingUpgrades.values { consider(upgrade.executableAt) }
        return earliest
    }

    /// Applies what is due at `state.now`, in a fixed order (timelocks by leg, then
    /// games by transition) so the result never depends on dictionary order.
    mutating func fireTimers(effects: inout [TimedEffect]) {
        for kind in VerifierKind.allCases {
            if let upgrade = state.pendingUpgrades[kind], upgrade.executableAt <= state.now {
                state.pendingUpgrades[kind] = nil
                replaceVerifier(kind, with: upgrade.to, immediate: false, effects: &effects)
            }
        }
        for transition in state.candidates.keys.sorted() {
            guard let game = latestCountedGame(transition), game.winner == nil else { continue }
            if game.challenger == nil, game.challengeDeadline <= state.now {
                finishGame(transition, winner: .defender, byTimeout: true, effects: &effects)
            } else if let resolveBy = game.resolveBy, resolveBy <= state.now {
                // A challenge nobody answered in time: the challenger wins, as in
                // OP Succinct's single-round game.
                finishGame(transition, winner: .challenger, byTimeout: true, effects: &effects)
            }
        }
    }

    /// Finalizes and rejects until nothing more follows, lowest height first (a
    /// child depends on its parent, never the reverse).
    mutating func settle(effects: inout [TimedEffect]) {
        var changed = true
        while changed {
            changed = false
            for transition in state.pending.sorted() {
                guard state.pending.contains(transition) else { continue }
                if let reason = rejectionReason(transition) {
                    setStatus(transition, .rejected(reason: reason, time: state.now))
                    emit(.rejected(transition, reason), into: &effects)
                    changed = true
                } else if let rule = finalizationRule(transition) {
                    setStatus(transition, .finalized(rule: rule, time: state.now))
                    state.finalized[transition.height] = FinalizedBlock(transition: transition, rule: rule, time: state.now)
                    state.headHeight = max(state.headHeight, transition.height)
                    emit(.finalized(transition, rule), into: &effects)
                    // Won games on this root were not evidence until now.
                    checkOptimisticDisagreement(height: transition.height + 1, parent: transition.root, effects: &effects)
                    changed = true
                }
            }
        }
    }

    private mutating func setStatus(_ transition: Transition, _ status: TransitionStatus) {
        state.candidates[transition]!.status = status
        state.pending.remove(transition)
    }

    /// Why `transition` can never finalize, if that is now certain.
    func rejectionReason(_ transition: Transition) -> RejectionReason? {
        if let final = state.finalized[transition.height], final.transition != transition {
            return .siblingFinalized(final.transition)
        }
        if isParentDead(transition) { return .parentRejected(parent: transition.parent) }
        if let game = latestCountedGame(transition), game.winner == .challenger, state.now >= game.challengeDeadline {
            let kinds = countedProverKinds(transition)
            // With both approvals it still finalizes by R1 once its parent does.
            if !(kinds.contains(.zk) && kinds.contains(.tee)) { return .optimisticGameLost }
        }
        return nil
    }

    /// The rule that finalizes `transition` now, if any.
    func finalizationRule(_ transition: Transition) -> FinalityRule? {
        guard let parent = state.finalized[transition.height - 1], parent.transition.root == transition.parent,
              state.finalized[transition.height] == nil else { return nil }
        let kinds = countedProverKinds(transition)
        if kinds.contains(.zk) && kinds.contains(.tee) { return .zkAndTEE }
        guard let prover = kinds.first, optimisticGameFavours(transition) else { return nil }
        return prover == .zk ? .zkAndOptimistic : .teeAndOptimistic
    }

    /// Whether the optimistic game unambiguously favours `transition` now: its
    /// latest game (under the logic in force) was won and its challenge window has
    /// closed, and every other root proposed on the same parent has lost its game.
    func optimisticGameFavours(_ transition: Transition) -> Bool {
        guard let game = latestCountedGame(transition), game.winner == .defender,
              state.now >= game.challengeDeadline else { return false }
        return competitors(of: transition).allSatisfy { other in
            guard let rival = latestCountedGame(other) else { return true }
            return rival.winner == .challenger
        }
    }
}
