import SheafCurve
import SheafEthereum

/// The ways an application's proof can be settled on Ethereum.
public enum SettlementMode: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    /// Each proof verified alone in its own transaction.
    case individual
    /// All proofs of a bundle checked in one transaction by one
    /// random-linear-combination pairing check, with per-application bookkeeping.
    case batched
    /// SnarkPack aggregates (one per verifying key) verified by an EVM contract;
    /// its G_T arithmetic has no precompile and is priced from the op-count model.
    case snarkPack
    /// An outer recursive proof (NEBRA UPA, Electron): a published (fixed,
    /// per-proof) cost model, not executed.
    case outerRecursive
    /// Sheaf's own outer proof: one settleOuter per 64 applications, and each
    /// application's isSettled, priced from the contract's calibration
    /// (measured in an EVM).
    case outerProof
    /// Sheaf's own outer proof settled through the outer notifier: one
    /// settleAndNotify per 64 applications, which builds the statement tree
    /// from the statements and calls each application's receiver, so no
    /// application sends an inclusion proof; priced from the calibration.
    case outerNotified

    /// A short human name.
    public var title: String {
        switch self {
        case .individual: return "individual"
        case .batched: return "batched (RLC)"
        case .snarkPack: return "SnarkPack on-chain (modelled)"
        case .outerRecursive: return "outer recursive (modelled)"
        case .outerProof: return "Sheaf outer proof (measured)"
        case .outerNotified: return "outer, notified (measured)"
        }
    }
}

/// The outer-recursion cost model: a fixed cost per aggregated proof posted on
/// chain, shared by the bundle, plus a cost per proof. Defaults are published
/// constants; the model is labelled as modelled wherever it is shown, because
/// nothing here runs those systems.
public struct OuterRecursionModel: Equatable, Sendable, Codable {
    /// A short name.
    public var name: String
    /// Gas per aggregated proof, shared by every proof in it.
    public var fixedGas: Int
    /// Gas per proof.
    public var perProofGas: Int
    /// Where the figures come from.
    public var source: String

    /// A model; both costs must be non-negative (checked where it is used).
    public init(name: String, fixedGas: Int, perProofGas: Int, source: String) {
        self.name = name; self.fixedGas = fixedGas; self.perProofGas = perProofGas; self.source = source
    }

    /// Electron Quantum, current documentation: 354,241 per super-proof plus 6,200
    /// per proof for aggregation and 7,300 for the inclusion check.
    public static let electronQuantum = OuterRecursionModel(
        name: "electron", fixedGas: 354_241, perProofGas: 6_200 + 7_300,
        source: "Electron Quantum gas cost analysis, docs.electron.dev (354,241/n + 6,200 + 7,300)")

    /// Electron Quantum, earlier version of the same page: 380,000 + 16,000 per proof.
    public static let electronQuantumEarlier = OuterRecursionModel(
        name: "electron-earlier", fixedGas: 380_000, perProofGas: 16_000,
        source: "Electron Quantum gas cost analysis, earlier version (380,000/n + 16,000)")

    /// NEBRA UPA v1.1: its published per-proof totals for 1, 2, 4, 8, 16, 32 proofs
    /// per submission (150k, 100k, 75k, 62.5k, ≈56k, ≈53k) are exactly
    /// 100,000/n + 50,000; NEBRA does not publish the outer verification's fixed
    /// cost separately.
    public static let nebraUPA = OuterRecursionModel(
        name: "nebra", fixedGas: 100_000, perProofGas: 50_000,
        source: "NEBRA UPA v1.1 gas costs, docs.nebra.one (fit of the published per-proof totals: 100,000/n + 50,000)")

    /// The presets, default first.
    public static let presets: [OuterRecursionModel] = [electronQuantum, electronQuantumEarlier, nebraUPA]
}

/// What one mode costs for one bundle.
public struct ModeCost: Equatable, Sendable, Codable {
    /// The mode.
    public var mode: SettlementMode
    /// Proofs settled.
    public var proofs: Int
    /// Gas of the whole bundle in this mode (all transactions).
    public var totalGas: Int
    /// Transactions it takes (n for individual; for batched, the settle calls
    /// the contract's bounds need; 1 otherwise).
    public var transactions: Int
    /// The largest single transaction's gas.
    public var largestTransactionGas: Int
    /// Whether the bundle settles in one transaction within the fork's
    /// per-transaction limit (individual mode: whether each proof's does).
    public var fitsInOneTransaction: Bool
    /// Whether the figure is modelled rather than priced from a trace.
    public var modelled: Bool
    /// The itemised report of the bundle transaction (for individual mode: of one
    /// proof of the first circuit; absent for the outer model's per-proof parts).
    public var report: GasReport

    /// Gas per proof: totalGas / proofs.
    public var perProofGas: Double { Double(totalGas) / Double(proofs) }
}

/// Prices bundles in every mode from a trace provider and a schedule.
public struct SettlementPricer: Sendable {
    /// The prices.
    public let meter: GasMeter
    /// Where traces come from.
    public let traces: any SettlementTraces
    /// Per-application bookkeeping added to the bundled modes.
    public let bookkeeping: Bookkeeping
    /// The outer-recursion model.
    public let outer: OuterRecursionModel

    /// A pricer.
    ///
    /// - Throws: ``GasError/invalidParameter(name:reason:)`` for negative outer costs.
    public init(
        schedule: ForkSchedule, traces: any SettlementTraces = ReferenceSettlementTraces(),
        bookkeeping: Bookkeeping = .storage, outer: OuterRecursionModel = .electronQuantum
    ) throws(GasError) {
        guard outer.fixedGas >= 0, outer.perProofGas >= 0 else {
            throw .invalidParameter(name: "outer recursion model", reason: "costs must not be negative")
        }
        self.meter = GasMeter(schedule: schedule)
        self.traces = traces
        self.bookkeeping = bookkeeping
        self.outer = outer
    }

    /// The metered report of verifying one proof alone.
    public func individual(publicInputs: Int) throws(GasError) -> GasReport {
        try meter.price(traces.individual(publicInputs: publicInputs))
    }

    /// The trace of the batched bundle with its bookkeeping.
    public func batchedTrace(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        var trace = try traces.batched(shape)
        bookkeeping.record(into: &trace, shape: shape)
        return trace
    }

    /// The trace of the SnarkPack bundle with its bookkeeping.
    public func snarkPackTrace(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        var trace = try traces.snarkPack(shape)
        bookkeeping.record(into: &trace, shape: shape)
        return trace
    }

    /// The cost of settling `shape` in `mode`.
    public func cost(_ mode: SettlementMode, _ shape: BundleShape) throws(GasError) -> ModeCost {
        let limit = meter.schedule.maximumTransactionGas
        switch mode {
        case .individual:
            var total = 0, largest = 0
            var first: GasReport?
            for circuit in shape.circuits {
                let report = try individual(publicInputs: circuit.publicInputs)
                first = first ?? report
                total += circuit.proofs * report.total
                largest = max(largest, report.total)
            }
            guard let report = first else { preconditionFailure("a BundleShape has at least one circuit") }
            return ModeCost(mode: mode, proofs: shape.proofCount, totalGas: total, transactions: shape.proofCount,
                            largestTransactionGas: largest, fitsInOneTransaction: largest <= limit,
                            modelled: false, report: report)
        case .batched:
            // As many settle transactions as the contract's bounds need, each
            // with its own intrinsic gas and bookkeeping.
            var total = 0, largest = 0, reports = [GasReport]()
            for part in try traces.batchedTransactions(shape) {
                var trace = part.trace
                if let settled = part.shape { bookkeeping.record(into: &trace, shape: settled) }
                let report = try meter.price(trace)
                total += report.total
                largest = max(largest, report.total)
                reports.append(report)
            }
            return ModeCost(mode: mode, proofs: shape.proofCount, totalGas: total, transactions: reports.count,
                            largestTransactionGas: largest,
                            fitsInOneTransaction: reports.count == 1 && reports[0].fitsInOneTransaction,
                            modelled: false, report: reports[0])
        case .snarkPack:
            let report = try meter.price(snarkPackTrace(shape))
            return ModeCost(mode: mode, proofs: shape.proofCount, totalGas: report.total, transactions: 1,
                            largestTransactionGas: report.total, fitsInOneTransaction: report.fitsInOneTransaction,
                            modelled: true, report: report)
        case .outerRecursive:
            let n = shape.proofCount
            let lines = [
                GasReport.Line(label: "outer proof, shared by the bundle (\(outer.name))",
                               detail: outer.source, gas: outer.fixedGas, kind: .modelled),
                GasReport.Line(label: "per proof × \(n) (\(outer.name))",
                               detail: outer.source, gas: outer.perProofGas * n, kind: .modelled),
            ]
            let report = GasReport(schedule: meter.schedule.name, lines: lines, transaction: nil,
                                   transactionGasLimit: limit, modelled: true)
            // The published per-proof part is paid in the applications' own
            // transactions (submission, inclusion checks), so only the fixed part
            // must fit in one transaction.
            return ModeCost(mode: mode, proofs: n, totalGas: report.total, transactions: 1,
                            largestTransactionGas: outer.fixedGas, fitsInOneTransaction: outer.fixedGas <= limit,
                            modelled: true, report: report)
        case .outerProof:
            // One settleOuter per outer proof of at most 64 statements; each
            // application then opens its leaf in its own transaction.
            let n = shape.proofCount
            let settle = try OuterSettlementGas.settleReport(schedule: meter.schedule)
            var lines = [GasReport.Line](), transactions = 0
            var remaining = n
            while remaining > 0 {
                let size = min(remaining, OuterSettlementGas.maximumStatements)
                remaining -= size
                transactions += 1
                lines.append(.init(label: "settleOuter: intrinsic", detail: "one outer proof of \(size) statements",
                                   gas: settle.intrinsic, kind: .intrinsic))
                lines.append(.init(label: "settleOuter: calldata", detail: "root and proof, \(OuterSettlementGas.settleCalldataLength) bytes",
                                   gas: settle.calldata, kind: .calldata))
                lines.append(.init(label: "settleOuter: execution", detail: "5-pair ECPAIRING, 4 ECMUL, 4 ECADD, the root's storage",
                                   gas: settle.execution + settle.floorTopUp, kind: .execution))
                for leaf in 0..<size {
                    let levels = OuterSettlementGas.pathLength(leaf: leaf, of: size)
                    lines.append(.init(label: "isSettled (each application's inclusion check)", detail: "\(levels) siblings, SHA-256",
                                       gas: OuterSettlementGas.inclusionCheckGas(levels: levels), kind: .execution))
                }
            }
            let report = GasReport(schedule: meter.schedule.name, lines: lines, transaction: nil,
                                   transactionGasLimit: limit, modelled: false)
            return ModeCost(mode: mode, proofs: n, totalGas: report.total, transactions: transactions,
                            largestTransactionGas: settle.total, fitsInOneTransaction: settle.total <= limit,
                            modelled: false, report: report)
        case .outerNotified:
            // One settleAndNotify per outer proof of at most 64 statements (the
            // outer proof's and the notifier's bound); it calls every
            // application's receiver, so no application sends a transaction of
            // its own.
            let n = shape.proofCount
            let chunk = min(OuterSettlementGas.maximumStatements, VyperVerifier.notifierMaximumStatements)
            var lines = [GasReport.Line](), transactions = 0, largest = 0
            var remaining = n
            while remaining > 0 {
                let size = min(remaining, chunk)
                remaining -= size
                transactions += 1
                let call = try OuterSettlementGas.notifyReport(statements: size, schedule: meter.schedule)
                largest = max(largest, call.total)
                lines.append(.init(label: "settleAndNotify: intrinsic", detail: "one outer proof of \(size) statements",
                                   gas: call.intrinsic, kind: .intrinsic))
                lines.append(.init(label: "settleAndNotify: calldata",
                                   detail: "proof and \(size) statements with their receivers, \(OuterSettlementGas.notifyCalldataLength(statements: size)) bytes",
                                   gas: call.calldata, kind: .calldata))
                lines.append(.init(label: "settleAndNotify: execution",
                                   detail: "settleOuter, the SHA-256 tree, and \(size) receiver calls (each checking its caller and id)",
                                   gas: call.execution + call.floorTopUp, kind: .execution))
            }
            let report = GasReport(schedule: meter.schedule.name, lines: lines, transaction: nil,
                                   transactionGasLimit: limit, modelled: false)
            return ModeCost(mode: mode, proofs: n, totalGas: report.total, transactions: transactions,
                            largestTransactionGas: largest, fitsInOneTransaction: largest <= limit,
                            modelled: false, report: report)
        }
    }
}
