/// What Sheaf's contracts cost per application, as `sheaf gas --contracts`
/// prints it: the calibration in force, then for each bundle size n and key
/// count k ∈ {1, 3, n} the gas an application pays alone (the exported
/// verifier) and settled in a bundle (SheafSettlement, split into calls as its
/// bounds require), with the break-even bundle size per key count.
public enum ContractGasTable {
    /// The bundle sizes of the table.
    public static let sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256]

    /// The table as Markdown, for `publicInputs` inputs per proof under `schedule`.
    /// `keySharing`: what the distinct keys share (the k = 3 and k = n columns).
    public static func markdown(schedule: ForkSchedule, publicInputs ell: Int,
                                keySharing: MeasuredSettlementTraces.KeySharing = .none) throws(GasError) -> String {
        let pricer = try SettlementPricer(schedule: schedule, traces: MeasuredSettlementTraces(keySharing: keySharing), bookkeeping: .none)
        let alone = try pricer.individual(publicInputs: ell).total
        let c = ContractCalibration.current
        var out = [String]()
        /// "+ 12" or "− 12": a signed coefficient in the formula.
        func term(_ v: Int) -> String { v < 0 ? "− \(-v)" : "+ \(v)" }
        out.append("Contracts measured in \(c.source).")
        out.append("settle execution = \(c.settle.base) + \(c.settle.perClaim)·n + \(c.settle.perKey)·k + \(c.settle.perRun)·runs"
                   + " + \(c.settle.perClaimInput)·Σℓ(claims) + \(c.settle.perRunInput)·Σℓ(runs)"
                   + " + \(c.settle.perCommittedClaim)·nc + \(c.settle.perCommittedKey)·kc"
                   + " \(term(c.settle.perSharedAlphaBeta))·sab \(term(c.settle.perSharedGamma))·sg (nc, kc: commit-and-prove claims and keys;"
                   + " sab, sg: keys whose α and β, or whose γ, are the first key's, whose pairs are merged into its);"
                   + " at most n + 3k + 2kc − sab − sg = \(c.settle.maximumPairs) pairs, \(c.settle.maximumKeys) keys,"
                   + " \(c.settle.maximumCommittedKeys) commit-and-prove keys and ℓ ≤ \(c.settle.maximumInputsPerKey) per call")
        out.append("registerKey execution = \(c.register.base) + \(c.register.perInput)·ℓ (+ \(c.register.perInput) + \(c.register.committed) for a commit-and-prove key);"
                   + " verifyProof execution = \(c.verifier.base) + \(c.verifier.perInput)·ℓ (ℓ ≥ 1), \(c.verifier.withoutInputs) (ℓ = 0)")
        out.append("")
        out.append("Gas per application on \(schedule.name), ℓ = \(ell): alone \(GasFormat.int(alone)) (exported verifier)."
                   + (keySharing == .none ? "" : " Distinct keys share \(keySharing.sharedParts), merged into the first key's pairs."))
        out.append("")
        out.append("| n | k = 1 | k = 3 | k = n | calls (k = 1 / 3 / n) |")
        out.append("|---:|---:|---:|---:|---|")
        func cell(_ n: Int, _ k: Int) throws(GasError) -> (String, Int) {
            guard k <= n else { return ("—", 0) }
            let cost = try pricer.cost(.batched, BundleShape(proofs: n, circuits: k, publicInputs: ell))
            let per = Int(cost.perProofGas.rounded())
            let saving = 100 * (1 - Double(per) / Double(alone))
            return ("\(GasFormat.int(per)) (\(saving >= 0 ? "" : "−")\(String(format: "%.1f", abs(saving)))%)", cost.transactions)
        }
        for n in sizes {
            let one = try cell(n, 1), three = try cell(n, 3), all = try cell(n, n)
            let calls = [one.1, three.1, all.1].map { $0 == 0 ? "—" : "\($0)" }.joined(separator: " / ")
            out.append("| \(n) | \(one.0) | \(three.0) | \(all.0) | \(calls) |")
        }
        func breakEven(_ keys: (Int) -> Int) throws(GasError) -> String {
            for n in 1...1024 where keys(n) <= n {
                let cost = try pricer.cost(.batched, BundleShape(proofs: n, circuits: keys(n), publicInputs: ell))
                if cost.perProofGas < Double(alone) { return "\(n)" }
            }
            return "none up to 1,024"
        }
        out.append("")
        out.append("Break-even n (settled cheaper than alone): k = 1: \(try breakEven { _ in 1 }); k = 3: \(try breakEven { _ in 3 });"
                   + " k = n: \(try breakEven { $0 }).")
        return out.joined(separator: "\n")
    }
}
