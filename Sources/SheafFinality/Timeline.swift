/// Readable names for roots, addresses and measurements in a timeline.
///
/// Descriptions elsewhere print values as short hex ("0x1234abcd…"); the timeline
/// swaps those for names, so the same descriptions serve both uses.
public struct TimelineLabels: Sendable {
    /// Names of state roots.
    public var roots: [Bytes32: String] = [:]
    /// Names of addresses (verifiers, enclaves, council members, actors).
    public var addresses: [EthereumAddress: String] = [:]
    /// Names of enclave measurements.
    public var measurements: [Bytes32: String] = [:]

    /// No names: hashes print as short hex.
    public init() {}

    /// `text` with every known short hex form replaced by its name.
    public func apply(_ text: String) -> String {
        var result = text
        for (root, name) in roots { result = result.replacingAll(root.short, with: name) }
        for (measurement, name) in measurements { result = result.replacingAll(measurement.short, with: name) }
        for (address, name) in addresses { result = result.replacingAll(address.short, with: name) }
        return result
    }
}

extension String {
    /// Replaces every occurrence of `target` (plain substring search; no Foundation).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    /// The first range of `target`, by scanning characters.
    fileprivate func range(of target: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) { return index..<self.index(index, offsetBy: target.count) }
            index = self.index(after: index)
        }
        return nil
    }
}

/// Renders a machine's log as a timeline people can read.
public enum FinalityTimeline {
    /// One line per event with its disposition, its effects indented beneath it, the
    /// effects of the passing clock at their own instants, and a final summary.
    public static func render(_ machine: FinalityMachine, labels: TimelineLabels = TimelineLabels()) -> String {
        var lines: [String] = []
        let pad = String(repeating: " ", count: 18)
        func stamp(_ t: Timestamp) -> String {
            let text = t.description
            return text + String(repeating: " ", count: max(1, 18 - text.count))
        }
        for entry in machine.state.log {
            var lastClock: Timestamp? = nil
            for effect in entry.clockEffects {
                if effect.time != lastClock {
                    lines.append(stamp(effect.time) + "(clock)")
                    lastClock = effect.time
                }
                lines.append(pad + "  · " + labels.apply(effect.effect.description))
            }
            if case .tick = entry.event.event { continue }
            let verdict: String
            switch entry.disposition {
            case .accepted: verdict = "accepted"
            case .duplicate: verdict = "duplicate (no change)"
            case let .rejected(reason): verdict = "REJECTED: " + reason.description
            }
            lines.append(stamp(entry.event.time) + labels.apply(describe(entry.event.event)) + "  →  " + labels.apply(verdict))
            for effect in entry.effects { lines.append(pad + "  · " + labels.apply(effect.effect.description)) }
        }
        lines.append("")
        lines.append(contentsOf: summary(machine, labels: labels))
        return lines.joined(separator: "\n")
    }

    /// The state at the end: every transition's status, the verifiers, pending
    /// upgrades and recorded self-disagreements.
    public static func summary(_ machine: FinalityMachine, labels: TimelineLabels = TimelineLabels()) -> [String] {
        let state = machine.state
        var lines = ["State at \(state.now):"]
        let head = machine.finalizedHead
        lines.append("  finalized head: #\(head.transition.height) \(labels.apply(head.transition.root.short)) (\(head.rule) at \(head.time))")
        for height in state.transitionsByHeight.keys.sorted() {
            for transition in state.transitionsByHeight[height]! {
                let record = state.candidates[transition]!
                var line = "  \(labels.apply(transition.description)): \(labels.apply(record.status.description))"
                if case .pending = record.status {
                    if let earliest = machine.earliestFinalization(of: transition) {
                        line += " (earliest finalization \(earliest))"
                    } else {
                        line += " (cannot finalize on current evidence)"
                    }
                }
                lines.append(line)
            }
        }
        let verifiers = VerifierKind.allCases.map { "\($0) \(labels.apply(machine.verifier($0).short))" }
        lines.append("  verifiers: " + verifiers.joined(separator: ", "))
        for kind in VerifierKind.allCases {
            if let upgrade = state.pendingUpgrades[kind] {
                lines.append("  scheduled: \(kind) → \(labels.apply(upgrade.to.short)) at \(upgrade.executableAt)")
            }
        }
        for disagreement in state.disagreements {
            lines.append("  self-disagreement: " + labels.apply(disagreement.description))
        }
        return lines
    }

    /// A one-line description of an event.
    public static func describe(_ event: FinalityEvent) -> String {
        switch event {
        case let .submitZK(t, proof): return "ZK proof \(Bytes32.keccak(proof).short) for \(t)"
        case let .submitTEE(t, _): return "TEE attestation for \(t)"
        case let .proposeOptimistic(t, p): return "\(p.short) proposes \(t)"
        case let .challenge(t, c): return "\(c.short) challenges \(t)"
        case let .resolveGame(t, w): return "game for \(t) resolved: \(w) wins"
        case let .councilAction(a): return "council #\(a.nonce) (\(a.signatures.count) signatures): \(a.action)"
        case .tick: return "tick"
        }
    }
}
