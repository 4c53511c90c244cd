/// The proof system an application uses, which decides how its standalone cost is
/// known and whether it can join a Sheaf bundle.
public enum ProofSystem: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    /// Groth16 on BN254: metered from traces, and eligible for every mode.
    case groth16
    /// snarkjs FFLONK: standalone cost modelled from its measured figure; only the
    /// outer recursive mode can take it.
    case fflonk
    /// PLONK/Halo2 with KZG: standalone cost modelled from a published figure; only
    /// the outer recursive mode can take it.
    case plonk
    /// A STARK verified directly: standalone cost modelled from a published
    /// figure; only the outer recursive mode can take it.
    case stark

    /// Whether Sheaf's batched and SnarkPack modes can include it (they verify
    /// BN254 Groth16 proofs only).
    public var joinsSheafBundles: Bool { self == .groth16 }

    /// The modelled standalone cost for systems Sheaf does not meter, with its
    /// source; `nil` for Groth16, which is metered.
    public func standaloneModel(publicInputs: Int) -> (gas: Int, source: String)? {
        switch self {
        case .groth16:
            return nil
        case .fflonk:
            return (200_000 + 900 * publicInputs, "snarkjs FFLONK measured ≈200k + 0.9k·ℓ (hackmd.io/Fa4A8lVKRM2TwVh1dhUb1Q)")
        case .plonk:
            return (400_000, "NEBRA's quoted 400,000 for Halo2-KZG (docs.nebra.one); Aligned quotes >300,000")
        case .stark:
            return (1_500_000, "NEBRA's quoted 1,500,000 for direct STARK verification (docs.nebra.one)")
        }
    }
}

/// One application that settles proofs on Ethereum.
public struct Application: Equatable, Sendable, Codable {
    /// A name for tables and errors.
    public var name: String
    /// Its proof system.
    public var system: ProofSystem
    /// Public inputs per proof (ℓ).
    public var publicInputs: Int
    /// Proofs it settles per day.
    public var proofsPerDay: Double
    /// Its verifying key's identity: applications naming the same circuit share a
    /// key (and, in a bundle, its three pairing pairs); `nil` means a key of its own.
    public var circuit: String?

    /// An application; checked by ``validate()``.
    public init(name: String, system: ProofSystem = .groth16, publicInputs: Int, proofsPerDay: Double, circuit: String? = nil) {
        self.name = name; self.system = system; self.publicInputs = publicInputs
        self.proofsPerDay = proofsPerDay; self.circuit = circuit
    }

    private enum CodingKeys: String, CodingKey {
        case name, system, publicInputs, proofsPerDay, circuit
    }

    /// Decodes an application; `system` defaults to `groth16` and `circuit` to a
    /// key of its own, so the shortest entry is name, public inputs and rate.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        system = try c.decodeIfPresent(ProofSystem.self, forKey: .system) ?? .groth16
        publicInputs = try c.decode(Int.self, forKey: .publicInputs)
        proofsPerDay = try c.decode(Double.self, forKey: .proofsPerDay)
        circuit = try c.decodeIfPresent(String.self, forKey: .circuit)
    }

    /// The verifying key it uses: its circuit, or its own name.
    public var circuitKey: String { circuit ?? "app:" + name }

    /// Checks the description.
    ///
    /// - Throws: ``GasError/invalidApplication(name:reason:)``.
    public func validate() throws(GasError) {
        guard !name.isEmpty else { throw .invalidApplication(name: name, reason: "needs a name") }
        guard (0...SavingsEstimator.maximumPublicInputs).contains(publicInputs) else {
            throw .invalidApplication(
                name: name, reason: "public inputs must be between 0 and \(SavingsEstimator.maximumPublicInputs) (got \(publicInputs))")
        }
        guard proofsPerDay.isFinite, proofsPerDay >= 0 else {
            throw .invalidApplication(name: name, reason: "proofs per day must be a non-negative number (got \(proofsPerDay))")
        }
    }
}

/// For each application: what it pays alone and in each mode, the saving, the
/// break-even bundle size; for the bundle: each mode's total, the largest bundle
/// one transaction can verify, and the blob cost of posting the bundle's data.
///
/// The bundle takes one proof from each application. ProofBundle gas is shared among
/// its proofs in proportion to their standalone cost (so identical applications
/// pay equal shares and an application with more public inputs pays more); daily
/// figures assume every proof of an application rides in such a bundle. Scaling
/// questions (break-even, largest bundle, the plot) use a homogeneous bundle of the
/// representative application: the mean ℓ of the Groth16 applications, with keys
/// growing in the same ratio to proofs as in the given list.
public struct SavingsEstimator: Sendable {
    /// More public inputs than this per proof is treated as a mistake.
    public static let maximumPublicInputs = 4_096
    /// More applications than this is treated as a mistake.
    public static let maximumApplications = 10_000

    /// Settings of an estimate.
    public struct Options: Equatable, Sendable {
        /// Per-application bookkeeping in the bundled modes.
        public var bookkeeping: Bookkeeping = .storage
        /// The outer-recursion model.
        public var outer: OuterRecursionModel = .electronQuantum
        /// The blob base fee in wei per blob gas.
        public var blobBaseFeeWei: UInt64 = 1
        /// The execution base fee in wei per gas (for the EIP-7918 reserve).
        public var baseFeeWei: UInt64 = 1_000_000_000
        /// ProofBundle sizes for the plot.
        public var plotSizes: [Int] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
        /// The largest bundle size searched for break-even and capacity.
        public var searchLimit: Int = 8_192

        /// Default settings.
        public init() {}
    }

    /// Prices every mode.
    public let pricer: SettlementPricer
    /// The settings.
    public let options: Options

    /// An estimator under `schedule` with traces from `traces`.
    ///
    /// - Throws: ``GasError/invalidParameter(name:reason:)`` for bad options.
    public init(
        schedule: ForkSchedule, traces: any SettlementTraces = ReferenceSettlementTraces(), options: Options = Options()
    ) throws(GasError) {
        guard options.searchLimit >= 1 else {
            throw .invalidParameter(name: "searchLimit", reason: "must be at least 1")
        }
        guard !options.plotSizes.isEmpty, options.plotSizes.allSatisfy({ $0 >= 1 && $0 <= options.searchLimit }) else {
            throw .invalidParameter(name: "plotSizes", reason: "need sizes between 1 and \(options.searchLimit)")
        }
        self.pricer = try SettlementPricer(schedule: schedule, traces: traces, bookkeeping: options.bookkeeping, outer: options.outer)
        self.options = options
    }

    /// The estimate for `applications`.
    ///
    /// - Throws: ``GasError`` for invalid applications (or applications sharing a
    ///   circuit with different input counts) and pricing errors.
    public func estimate(_ applications: [Application]) throws(GasError) -> SavingsReport {
        guard !applications.isEmpty else { throw .invalidParameter(name: "applications", reason: "the list is empty") }
        guard applications.count <= Self.maximumApplications else {
            throw .invalidParameter(name: "applications", reason: "at most \(Self.maximumApplications) are supported")
        }
        for app in applications { try app.validate() }

        // The bundle: one proof per Groth16 application, grouped by verifying key.
        var order: [String] = []
        var groups: [String: BundleShape.Circuit] = [:]
        for app in applications where app.system.joinsSheafBundles {
            let key = app.circuitKey
            if var group = groups[key] {
                guard group.publicInputs == app.publicInputs else {
                    throw .invalidApplication(
                        name: app.name,
                        reason: "shares circuit \"\(app.circuit ?? key)\" with an application that has \(group.publicInputs) public inputs, not \(app.publicInputs)")
                }
                group.proofs += 1
                groups[key] = group
            } else {
                order.append(key)
                groups[key] = BundleShape.Circuit(proofs: 1, publicInputs: app.publicInputs)
            }
        }
        let shape: BundleShape? = order.isEmpty ? nil : try BundleShape(circuits: order.compactMap { groups[$0] })

        // Standalone costs.
        var standalone: [Double] = []
        var individualReports: [Int: GasReport] = [:]
        for app in applications {
            if let model = app.system.standaloneModel(publicInputs: app.publicInputs) {
                standalone.append(Double(model.gas))
            } else {
                let report: GasReport
                if let cached = individualReports[app.publicInputs] {
                    report = cached
                } else {
                    report = try pricer.individual(publicInputs: app.publicInputs)
                    individualReports[app.publicInputs] = report
                }
                standalone.append(Double(report.total))
            }
        }

        // The bundle in every mode.
        var bundleModes: [ModeCost] = []
        if let shape {
            for mode in SettlementMode.allCases { bundleModes.append(try pricer.cost(mode, shape)) }
        }
        let eligibleStandalone = zip(applications, standalone).filter { $0.0.system.joinsSheafBundles }.map(\.1)
        let eligibleTotal = eligibleStandalone.reduce(0, +)
        let outerCount = applications.count
        let outerBundle = try pricer.cost(.outerRecursive, BundleShape(proofs: outerCount, circuits: 1, publicInputs: 0))
        let outerTotalStandalone = standalone.reduce(0, +)

        // Per application.
        var rows: [ApplicationEstimate] = []
        for (index, app) in applications.enumerated() {
            let alone = standalone[index]
            var modes: [ApplicationEstimate.ModeShare] = []
            for mode in SettlementMode.allCases {
                let share: Double
                let eligible: Bool
                switch mode {
                case .individual:
                    share = alone; eligible = true
                case .outerRecursive:
                    share = Double(outerBundle.totalGas) * alone / outerTotalStandalone; eligible = true
                case .batched, .snarkPack, .outerProof, .outerNotified:
                    if app.system.joinsSheafBundles, let cost = bundleModes.first(where: { $0.mode == mode }) {
                        share = Double(cost.totalGas) * alone / eligibleTotal; eligible = true
                    } else {
                        share = alone; eligible = false
                    }
                }
                modes.append(.init(mode: mode, eligible: eligible, perProofGas: share,
                                   perDayGas: share * app.proofsPerDay, savingPercent: 100 * (1 - share / alone)))
            }
            rows.append(ApplicationEstimate(
                name: app.name, system: app.system, publicInputs: app.publicInputs, proofsPerDay: app.proofsPerDay,
                circuit: app.circuitKey, aloneGas: alone,
                aloneSource: app.system.standaloneModel(publicInputs: app.publicInputs)?.source, modes: modes))
        }

        // Scaling with the representative application.
        let groth16 = applications.filter { $0.system.joinsSheafBundles }
        var scaling: ScalingSummary?
        if let shape, !groth16.isEmpty {
            let meanInputs = Double(groth16.reduce(0) { $0 + $1.publicInputs }) / Double(groth16.count)
            let representative = Int(meanInputs.rounded())
            let keysPerProof = Double(shape.circuitCount) / Double(shape.proofCount)
            scaling = try scale(publicInputs: representative, keysPerProof: keysPerProof)
        }

        // Blobs: the bundle's proofs, inputs and key hashes.
        let blobBytes = (shape?.circuits ?? []).reduce(0) { $0 + $1.proofs * (256 + 32 * $1.publicInputs + 32) }
        let blob = try BlobPricing.cost(bytes: blobBytes, blobBaseFee: options.blobBaseFeeWei,
                                        baseFeePerGas: options.baseFeeWei, schedule: pricer.meter.schedule)

        return SavingsReport(
            schedule: pricer.meter.schedule.name,
            transactionGasLimit: pricer.meter.schedule.maximumTransactionGas,
            blockGasLimit: pricer.meter.schedule.blockGasLimit,
            traceProvenance: pricer.traces.provenance,
            bookkeeping: options.bookkeeping,
            outer: options.outer,
            applications: rows,
            bundle: shape.map { BundleSummary(proofs: $0.proofCount, circuits: $0.circuitCount, modes: bundleModes.map(BundleSummary.Mode.init)) },
            scaling: scaling,
            blob: blob,
            batchedReport: bundleModes.first { $0.mode == .batched }?.report,
            dailyGas: SettlementMode.allCases.map { mode in
                .init(mode: mode, gas: rows.reduce(0) { total, row in
                    total + (row.modes.first { $0.mode == mode }?.perDayGas ?? 0)
                })
            })
    }

    /// Per-proof gas of a homogeneous bundle of `proofs` proofs in `mode`.
    func perProof(_ mode: SettlementMode, proofs: Int, publicInputs: Int, keysPerProof: Double) throws(GasError) -> ModeCost {
        let keys = max(1, min(proofs, Int((Double(proofs) * keysPerProof).rounded(.up))))
        return try pricer.cost(mode, BundleShape(proofs: proofs, circuits: keys, publicInputs: publicInputs))
    }

    /// Break-even sizes, capacities and plot series for the representative application.
    func scale(publicInputs: Int, keysPerProof: Double) throws(GasError) -> ScalingSummary {
        let alone = Double(try pricer.individual(publicInputs: publicInputs).total)
        let limit = options.searchLimit
        var breakEven: [ScalingSummary.Size] = []
        var largest: [ScalingSummary.Size] = []
        for mode in SettlementMode.allCases where mode != .individual {
            // Break-even: the first power of two that is cheaper per proof than
            // alone, then a binary search below it (per-proof cost falls with n).
            var found: Int?
            var previous = 0
            var n = 1
            while n <= limit {
                if try perProof(mode, proofs: n, publicInputs: publicInputs, keysPerProof: keysPerProof).perProofGas < alone {
                    var low = previous + 1, high = n
                    while low < high {
                        let mid = (low + high) / 2
                        if try perProof(mode, proofs: mid, publicInputs: publicInputs, keysPerProof: keysPerProof).perProofGas < alone {
                            high = mid
                        } else {
                            low = mid + 1
                        }
                    }
                    found = low
                    break
                }
                previous = n
                n *= 2
            }
            breakEven.append(.init(mode: mode, size: found, atLimit: false))

            // Largest bundle in one transaction (total gas grows with n).
            if mode == .outerRecursive || mode == .outerProof || mode == .outerNotified {
                let fits = try perProof(mode, proofs: 1, publicInputs: publicInputs, keysPerProof: keysPerProof).fitsInOneTransaction
                largest.append(.init(mode: mode, size: fits ? nil : 0, atLimit: false))
                continue
            }
            func fits(_ n: Int) throws(GasError) -> Bool {
                try perProof(mode, proofs: n, publicInputs: publicInputs, keysPerProof: keysPerProof).fitsInOneTransaction
            }
            if try !fits(1) {
                largest.append(.init(mode: mode, size: 0, atLimit: false))
                continue
            }
            var good = 1, bad: Int? = nil
            while bad == nil {
                let next = min(good * 2, limit)
                if next == good { break }
                if try fits(next) { good = next } else { bad = next }
            }
            if let badSize = bad {
                var low = good, high = badSize   // fits(low), !fits(high)
                while high - low > 1 {
                    let mid = (low + high) / 2
                    if try fits(mid) { low = mid } else { high = mid }
                }
                largest.append(.init(mode: mode, size: low, atLimit: false))
            } else {
                largest.append(.init(mode: mode, size: good, atLimit: true))
            }
        }

        var series: [ScalingSummary.Series] = []
        for mode in SettlementMode.allCases {
            var points: [ScalingSummary.Point] = []
            for n in options.plotSizes {
                let cost = try perProof(mode, proofs: n, publicInputs: publicInputs, keysPerProof: keysPerProof)
                points.append(.init(proofs: n, perProofGas: cost.perProofGas, fitsInOneTransaction: cost.fitsInOneTransaction))
            }
            series.append(.init(mode: mode, points: points))
        }
        return ScalingSummary(publicInputs: publicInputs, keysPerProof: keysPerProof, aloneGas: alone,
                              breakEven: breakEven, largestBundle: largest, series: series)
    }
}

/// One application's figures.
public struct ApplicationEstimate: Equatable, Sendable, Codable {
    /// Its cost share in one mode.
    public struct ModeShare: Equatable, Sendable, Codable {
        /// The mode.
        public var mode: SettlementMode
        /// Whether the application can use the mode (Sheaf bundles take Groth16 only;
        /// an ineligible application keeps its standalone cost).
        public var eligible: Bool
        /// Gas per proof.
        public var perProofGas: Double
        /// Gas per day.
        public var perDayGas: Double
        /// Saving against verifying alone, in percent (negative: it costs more).
        public var savingPercent: Double
    }
    /// Name.
    public var name: String
    /// Proof system.
    public var system: ProofSystem
    /// Public inputs per proof.
    public var publicInputs: Int
    /// Proofs per day.
    public var proofsPerDay: Double
    /// The verifying key it uses.
    public var circuit: String
    /// Gas per proof verified alone.
    public var aloneGas: Double
    /// Where a modelled standalone figure comes from (`nil`: metered).
    public var aloneSource: String?
    /// Its share in each mode.
    public var modes: [ModeShare]
}

/// The bundle of one proof per Groth16 application.
public struct BundleSummary: Equatable, Sendable, Codable {
    /// One mode's cost of the bundle.
    public struct Mode: Equatable, Sendable, Codable {
        /// The mode.
        public var mode: SettlementMode
        /// Total gas over all its transactions.
        public var totalGas: Int
        /// Gas per proof.
        public var perProofGas: Double
        /// Transactions.
        public var transactions: Int
        /// Whether the bundle settles in one transaction within the fork's limit.
        public var fitsInOneTransaction: Bool
        /// The largest of its transactions.
        public var largestTransactionGas: Int
        /// Whether the figure is modelled.
        public var modelled: Bool

        /// The summary of a priced mode.
        public init(_ cost: ModeCost) {
            mode = cost.mode; totalGas = cost.totalGas; perProofGas = cost.perProofGas
            transactions = cost.transactions; fitsInOneTransaction = cost.fitsInOneTransaction
            largestTransactionGas = cost.largestTransactionGas; modelled = cost.modelled
        }
    }
    /// Proofs in the bundle.
    public var proofs: Int
    /// Verifying keys in the bundle.
    public var circuits: Int
    /// Each mode.
    public var modes: [Mode]
}

/// How costs scale with bundle size for the representative application.
public struct ScalingSummary: Equatable, Sendable, Codable {
    /// A bundle size answer for one mode.
    public struct Size: Equatable, Sendable, Codable {
        /// The mode.
        public var mode: SettlementMode
        /// The size; `nil` when there is none within the search limit (break-even) or
        /// when gas does not limit it (outer model).
        public var size: Int?
        /// Whether the search limit was reached (the true size is at least `size`).
        public var atLimit: Bool
    }
    /// One plotted point.
    public struct Point: Equatable, Sendable, Codable {
        /// ProofBundle size.
        public var proofs: Int
        /// Gas per proof.
        public var perProofGas: Double
        /// Whether one transaction can carry the bundle.
        public var fitsInOneTransaction: Bool
    }
    /// One mode's curve.
    public struct Series: Equatable, Sendable, Codable {
        /// The mode.
        public var mode: SettlementMode
        /// Its points.
        public var points: [Point]
    }
    /// ℓ of the representative application.
    public var publicInputs: Int
    /// Verifying keys per proof in the scaled bundles.
    public var keysPerProof: Double
    /// Its standalone gas.
    public var aloneGas: Double
    /// Smallest bundle in which each mode beats standalone verification.
    public var breakEven: [Size]
    /// Largest bundle one transaction can verify, per mode.
    public var largestBundle: [Size]
    /// Per-proof gas against bundle size, per mode.
    public var series: [Series]
}

/// Everything an estimate found; `Codable` for `--json`.
public struct SavingsReport: Equatable, Sendable, Codable {
    /// Gas per day in one mode over all applications.
    public struct Daily: Equatable, Sendable, Codable {
        /// The mode.
        public var mode: SettlementMode
        /// Gas per day.
        public var gas: Double
    }
    /// The fork schedule's name.
    public var schedule: String
    /// The most gas one transaction may use.
    public var transactionGasLimit: Int
    /// The block gas limit.
    public var blockGasLimit: Int
    /// Where the traces come from.
    public var traceProvenance: String
    /// Per-application bookkeeping.
    public var bookkeeping: Bookkeeping
    /// The outer-recursion model.
    public var outer: OuterRecursionModel
    /// Per application.
    public var applications: [ApplicationEstimate]
    /// The bundle (absent when no application can join a Sheaf bundle).
    public var bundle: BundleSummary?
    /// Scaling with bundle size.
    public var scaling: ScalingSummary?
    /// Posting the bundle's data (proofs, inputs, key hashes) in blobs.
    public var blob: BlobCost
    /// The batched bundle's itemised report.
    public var batchedReport: GasReport?
    /// Daily gas per mode over all applications.
    public var dailyGas: [Daily]
}
