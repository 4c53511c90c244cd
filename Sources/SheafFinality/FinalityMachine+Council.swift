extension FinalityMachine {
    /// Checks nonce and signatures, then the action's own rules. A rejected action
    /// does not use up its nonce, so a corrected one can follow.
    mutating func council(_ signed: SignedCouncilAction, effects: inout [TimedEffect]) -> EventOutcome.Disposition {
        let expected = UInt64(state.councilActions.count)
        let digest = SignedCouncilAction.digest(chainID: config.chainID, nonce: signed.nonce, action: signed.action)
        if signed.nonce < expected, state.councilActions[Int(signed.nonce)] == digest { return .duplicate }
        guard signed.nonce == expected else { return .rejected(.councilNonce(expected: expected, got: signed.nonce)) }

        let members = Set(config.council.members)
        var signers: Set<EthereumAddress> = []
        for (index, bytes) in signed.signatures.enumerated() {
            let signer: EthereumAddress
            do {
                signer = try RecoverableSignature(ethereumBytes: bytes).recoverAddress(digest: digest)
            } catch {
                return .rejected(.councilSignatureMalformed(index: index, reason: "\(error)"))
            }
            guard members.contains(signer) else { return .rejected(.notCouncilMember(index: index, signer: signer)) }
            signers.insert(signer)
        }
        guard signers.count >= config.council.threshold else {
            return .rejected(.insufficientCouncilSignatures(distinct: signers.count, threshold: config.council.threshold))
        }

        if let rejection = perform(signed.action, effects: &effects) { return .rejected(rejection) }
        state.councilActions.append(digest)
        return .accepted
    }

    /// Carries out an authorised action, or says why the rules forbid it.
    private mutating func perform(_ action: CouncilAction, effects: inout [TimedEffect]) -> EventRejection? {
        switch action {
        case let .upgradeVerifier(kind, to):
            if let problem = upgradeTargetProblem(kind, to) { return problem }
            let delay = config.upgradeDelay(kind)
            if delay == 0 {
                replaceVerifier(kind, with: to, immediate: true, effects: &effects)
            } else {
                // A new schedule replaces any earlier one for the same leg and
                // restarts the clock: the delay always runs from the latest decision.
                let upgrade = PendingUpgrade(to: to, scheduledAt: state.now, executableAt: state.now.adding(delay))
                state.pendingUpgrades[kind] = upgrade
                emit(.upgradeScheduled(kind, to: to, executableAt: upgrade.executableAt), into: &effects)
            }
        case let .emergencyUpgrade(kind, to):
            if let problem = upgradeTargetProblem(kind, to) { return problem }
            let current = currentVerifier(kind)
            guard state.disagreements.contains(where: { $0.kind == kind && $0.verifier == current }) else {
                return .noProvableDisagreement(kind: kind)
            }
            // The emergency replacement supersedes anything scheduled for this leg.
            if state.pendingUpgrades.removeValue(forKey: kind) != nil { emit(.upgradeCancelled(kind), into: &effects) }
            replaceVerifier(kind, with: to, immediate: true, effects: &effects)
        case let .cancelUpgrade(kind):
            guard state.pendingUpgrades.removeValue(forKey: kind) != nil else { return .noScheduledUpgrade(kind: kind) }
            emit(.upgradeCancelled(kind), into: &effects)
        case let .allowMeasurement(m):
            if state.revokedMeasurements.contains(m) { return .measurementPermanentlyRevoked(m) }
            state.allowedMeasurements.insert(m)
            emit(.measurementAllowed(m), into: &effects)
        case let .revokeMeasurement(m):
            state.revokedMeasurements.insert(m)
            state.allowedMeasurements.remove(m)
            emit(.measurementRevoked(m), into: &effects)
        case let .registerEnclave(key, m):
            if state.enclaves[key] != nil { return .enclaveAlreadyRegistered(key) }
            if state.revokedMeasurements.contains(m) { return .measurementRevoked(m) }
            if !state.allowedMeasurements.contains(m) { return .measurementNotAllowed(m) }
            let registration = EnclaveRegistration(key: key, measurement: m, registeredAt: state.now,
                                                   expiresAt: state.now.adding(config.enclaveLifetime))
            state.enclaves[key] = registration
            emit(.enclaveRegistered(registration), into: &effects)
        }
        return nil
    }

    /// Each leg must keep its own contract: re-using the current or another leg's
    /// logic would make approvals of one kind pass as another.
    private func upgradeTargetProblem(_ kind: VerifierKind, _ to: EthereumAddress) -> EventRejection? {
        for other in VerifierKind.allCases where currentVerifier(other) == to {
            return .invalidUpgradeTarget(other == kind ? "\(to.short) is already the \(kind) logic"
                                                       : "\(to.short) is the \(other) logic")
        }
        for (other, pending) in state.pendingUpgrades where other != kind && pending.to == to {
            return .invalidUpgradeTarget("\(to.short) is scheduled as the \(other) logic")
        }
        return nil
    }

    /// Puts new logic in force. Approvals and games under the old logic stop
    /// counting for transitions not yet final (final ones stay final).
    mutating func replaceVerifier(_ kind: VerifierKind, with to: EthereumAddress, immediate: Bool, effects: inout [TimedEffect]) {
        let change = VerifierChange(kind: kind, from: currentVerifier(kind), to: to, time: state.now, immediate: immediate)
        state.verifiers[kind] = to
        state.verifierChanges.append(change)
        emit(.verifierReplaced(change), into: &effects)
    }
}
