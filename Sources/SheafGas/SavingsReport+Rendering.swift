// Text renderings of a SavingsReport: the table `sheaf gas` prints, the itemised
// batched bundle for `--explain`, and a formatter for gas figures. They live in the
// library so that a caller embedding SheafGas gets the same output as the CLI.

extension SavingsReport {
    /// The human-readable table: per application, the bundle per mode, break-even
    /// and capacity, blobs, and the labels that say what is modelled.
    public func table() -> String {
        var out: [String] = []
        out.append("Sheaf gas estimate: fork \(schedule), transaction limit \(GasFormat.int(transactionGasLimit)), "
                   + "block gas limit \(GasFormat.int(blockGasLimit)), bookkeeping: \(bookkeeping.rawValue)")
        out.append("")

        // Applications, identical ones merged.
        let modes = SettlementMode.allCases
        var header = GasFormat.pad("application (gas per proof)", 34, left: true)
        for mode in modes { header += GasFormat.pad(mode.title, 28) }
        out.append(header)
        var merged: [(count: Int, row: ApplicationEstimate)] = []
        for row in applications {
            if let i = merged.firstIndex(where: { Self.sameFigures($0.row, row) }) {
                merged[i].count += 1
            } else {
                merged.append((1, row))
            }
        }
        for (count, row) in merged {
            let name = count > 1 ? "\(count) × \(row.system.rawValue) ℓ=\(row.publicInputs)" : "\(row.name) (\(row.system.rawValue) ℓ=\(row.publicInputs))"
            var line = GasFormat.pad(name, 34, left: true)
            for mode in modes {
                guard let share = row.modes.first(where: { $0.mode == mode }) else { continue }
                var cell = GasFormat.int(Int(share.perProofGas.rounded()))
                if mode != .individual {
                    cell += share.eligible ? " (\(GasFormat.percent(share.savingPercent)))" : " (n/a)"
                } else if row.aloneSource != nil {
                    cell += " (modelled)"
                }
                line += GasFormat.pad(cell, 28)
            }
            out.append(line)
        }
        var daily = GasFormat.pad("all applications, gas per day", 34, left: true)
        for mode in modes {
            daily += GasFormat.pad(GasFormat.int(Int((dailyGas.first { $0.mode == mode }?.gas ?? 0).rounded())), 28)
        }
        out.append(daily)
        out.append("")

        if let bundle {
            out.append("Bundle of \(bundle.proofs) proofs under \(bundle.circuits) verifying keys")
            out.append(GasFormat.pad("mode", 30, left: true) + GasFormat.pad("total gas", 16) + GasFormat.pad("per proof", 14)
                       + GasFormat.pad("transactions", 14) + "   fits one transaction")
            for mode in bundle.modes {
                let fits = mode.fitsInOneTransaction ? "yes"
                    : mode.largestTransactionGas <= transactionGasLimit ? "no: \(mode.transactions) settle calls (contract bounds)"
                    : "NO (limit \(GasFormat.int(transactionGasLimit)))"
                out.append(GasFormat.pad(mode.mode.title, 30, left: true) + GasFormat.pad(GasFormat.int(mode.totalGas), 16)
                           + GasFormat.pad(GasFormat.int(Int(mode.perProofGas.rounded())), 14)
                           + GasFormat.pad(String(mode.transactions), 14) + "   " + fits)
            }
            out.append("")
        } else {
            out.append("No application uses Groth16, so no Sheaf bundle is formed.")
            out.append("")
        }

        if let scaling {
            out.append("Scaling (representative application: ℓ = \(scaling.publicInputs), "
                       + "\(GasFormat.decimal(scaling.keysPerProof, scaling.keysPerProof < 0.1 ? 4 : 2)) verifying keys per proof, "
                       + "alone \(GasFormat.int(Int(scaling.aloneGas))) gas)")
            var breakEven = "  break-even bundle size:"
            for size in scaling.breakEven {
                breakEven += " \(size.mode.title) \(size.size.map(String.init) ?? "never (searched up to the limit)");"
            }
            out.append(String(breakEven.dropLast()))
            var largest = "  largest bundle in one transaction:"
            for size in scaling.largestBundle {
                let value: String
                if size.mode == .outerRecursive || size.mode == .outerProof || size.mode == .outerNotified {
                    value = size.size == nil ? "not limited by gas (the aggregator's batch size limits it)" : "0"
                } else if let n = size.size {
                    value = size.atLimit ? "at least \(n)" : String(n)
                } else {
                    value = "none"
                }
                largest += " \(size.mode.title) \(value);"
            }
            out.append(String(largest.dropLast()))
            out.append("")
        }

        var blobLine = "Blobs: posting the bundle's data (\(GasFormat.int(blob.bytes)) bytes: proofs, inputs, key hashes) takes "
            + "\(blob.blobs) blob(s), \(GasFormat.int(blob.blobGas)) blob gas, \(blob.transactions) blob transaction(s); "
            + "at \(GasFormat.int(Int(clamping: blob.effectiveBlobBaseFee))) wei per blob gas: \(GasFormat.int(Int(clamping: blob.feeWei))) wei"
        if let gas = blob.executionGasEquivalent { blobLine += " (≈ \(GasFormat.int(gas)) execution gas)" }
        out.append(blobLine)
        if blob.reserveApplies {
            out.append("  The asked blob base fee (\(blob.blobBaseFee) wei) is below the EIP-7918 reserve "
                       + "(\(GasFormat.int(Int(clamping: blob.reserveBlobBaseFee ?? 0))) wei = base fee/16), which the fee is driven "
                       + "towards; priced at the reserve.")
        }
        out.append("")
        out.append("Notes:")
        out.append("  * Traces: \(traceProvenance).")
        out.append("  * SnarkPack on-chain: G_T (Fp12) arithmetic and the in-contract pairing have no precompile; they are priced "
                   + "from an explicit op-count × opcode-cost table (FieldArithmeticModel), a model, not a measurement.")
        out.append("  * Outer recursive: modelled, not executed: \(GasFormat.int(outer.fixedGas)) gas per aggregated proof + \(GasFormat.int(outer.perProofGas)) "
                   + "per proof (\(outer.source)).")
        if applications.contains(where: { $0.aloneSource != nil }) {
            out.append("  * Applications marked (modelled) use published standalone figures; Sheaf bundles take Groth16 only (n/a).")
        }
        out.append("  * Bundle gas is shared among proofs in proportion to their standalone cost; savings are against verifying alone.")
        if let bundle, let scaling {
            for mode in bundle.modes where !mode.fitsInOneTransaction && mode.mode != .individual {
                let most = scaling.largestBundle.first { $0.mode == mode.mode }?.size ?? 0
                if mode.largestTransactionGas <= transactionGasLimit {
                    out.append("  * \(mode.mode.title): SheafSettlement takes at most n + 3k = \(ContractCalibration.current.settle.maximumPairs) pairing pairs "
                               + "per call, so this bundle settles in \(mode.transactions) calls (aligned parts, then settleTree for the bundle's root); its total above counts them all.")
                    continue
                }
                out.append("  * \(mode.mode.title): the bundle does not fit one transaction under this fork; "
                           + (most > 0 ? "at most about \(most) such proofs fit one (see largest bundle)." : "not even the smallest bundle fits."))
            }
        }
        return out.joined(separator: "\n")
    }

    /// The itemised steps of the batched bundle with their sum, for `--explain`.
    public func explainBatched() -> String {
        guard let report = batchedReport else {
            return "No batched bundle: no application uses Groth16."
        }
        var out: [String] = []
        out.append("Batched bundle, itemised (fork \(report.schedule)); traces: \(traceProvenance).")
        out.append("Until the verifiers record their own traces, these are the reference traces above, not Sheaf's verifier.")
        out.append("")
        out.append(GasFormat.pad("count", 7) + "  " + GasFormat.pad("gas each", 12) + GasFormat.pad("gas", 13) + "  step")
        for line in report.grouped {
            out.append(GasFormat.pad(String(line.count), 7) + "  " + GasFormat.pad(GasFormat.int(line.gasEach), 12)
                       + GasFormat.pad(GasFormat.int(line.gas), 13) + "  \(line.label) [\(line.detail)]")
        }
        let sum = report.grouped.reduce(0) { $0 + $1.gas }
        out.append(String(repeating: "-", count: 40))
        out.append(GasFormat.pad("sum", 21) + GasFormat.pad(GasFormat.int(sum), 13) + "  (report total \(GasFormat.int(report.total)))")
        if let tx = report.transaction {
            out.append("  intrinsic \(GasFormat.int(tx.intrinsic)) + calldata \(GasFormat.int(tx.calldata)) + execution "
                       + "\(GasFormat.int(tx.execution)) + EIP-7623 floor top-up \(GasFormat.int(tx.floorTopUp)); "
                       + "\(tx.calldataTokens) calldata tokens")
        }
        return out.joined(separator: "\n")
    }

    private static func sameFigures(_ a: ApplicationEstimate, _ b: ApplicationEstimate) -> Bool {
        a.system == b.system && a.publicInputs == b.publicInputs && a.aloneGas == b.aloneGas
            && zip(a.modes, b.modes).allSatisfy { $0.perProofGas == $1.perProofGas && $0.eligible == $1.eligible }
    }
}

/// Number formatting for reports (no locale: reports must be reproducible).
public enum GasFormat {
    /// 1234567 → "1,234,567".
    public static func int(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// A fixed-point decimal with `places` digits after the point.
    public static func decimal(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.description }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        var text = String(whole)
        if places > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: places - f.count) + f
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    /// A percentage with one decimal: "91.2%".
    public static func percent(_ value: Double) -> String { decimal(value, 1) + "%" }

    /// Pads `text` to `width` characters, right-aligned unless `left`.
    public static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let missing = width - text.count
        guard missing > 0 else { return left ? text + " " : " " + text }
        let spaces = String(repeating: " ", count: missing)
        return left ? text + spaces : spaces + text
    }
}
