import Foundation
import Testing
@testable import SheafGas

@Suite("Savings estimator")
struct EstimatorTests {
    static func apps(_ count: Int, inputs: Int = 1, perDay: Double = 24, keys: Int? = nil) -> [Application] {
        let k = keys ?? count
        return (0..<count).map {
            Application(name: "app\($0)", publicInputs: inputs, proofsPerDay: perDay, circuit: "c\($0 % k)")
        }
    }

    @Test("64 identical applications: equal shares of each bundle")
    func identical() throws {
        let estimator = try SavingsEstimator(schedule: .bpo2)
        let report = try estimator.estimate(Self.apps(64))
        let bundle = try #require(report.bundle)
        #expect(bundle.proofs == 64 && bundle.circuits == 64)
        let row = report.applications[0]
        #expect(row.aloneGas == 213_220)
        let outer = try #require(row.modes.first { $0.mode == .outerRecursive })
        #expect(outer.perProofGas == Double(354_241 + 64 * 13_500) / 64)
        #expect(outer.perDayGas == outer.perProofGas * 24)
        let batched = try #require(row.modes.first { $0.mode == .batched })
        let batchedTotal = try #require(bundle.modes.first { $0.mode == .batched }).totalGas
        #expect(batched.perProofGas == Double(batchedTotal) / 64)
        #expect(batched.savingPercent == 100 * (1 - batched.perProofGas / 213_220))
        #expect(report.applications.allSatisfy { $0.modes == row.modes })
        // The batched report's lines sum to the bundle total.
        let itemised = try #require(report.batchedReport)
        #expect(itemised.total == batchedTotal)
        #expect(itemised.grouped.reduce(0) { $0 + $1.gas } == batchedTotal)
    }

    @Test("Break-even and capacity are the first and last sizes that qualify")
    func scaling() throws {
        let estimator = try SavingsEstimator(schedule: .bpo2)
        let report = try estimator.estimate(Self.apps(16))
        let scaling = try #require(report.scaling)
        // Outer model: 354,241/n + 13,500 < 213,220 first at n = 2.
        #expect(scaling.breakEven.first { $0.mode == .outerRecursive }?.size == 2)
        let pricer = estimator.pricer
        func perProof(_ n: Int) throws -> Double {
            try pricer.cost(.batched, BundleShape(proofs: n, circuits: n, publicInputs: 1)).perProofGas
        }
        let breakEven = try #require(scaling.breakEven.first { $0.mode == .batched }?.size)
        #expect(try perProof(breakEven) < 213_220)
        if breakEven > 1 { #expect(try perProof(breakEven - 1) >= 213_220) }
        let largest = try #require(scaling.largestBundle.first { $0.mode == .batched }?.size)
        func total(_ n: Int) throws -> Int {
            try pricer.cost(.batched, BundleShape(proofs: n, circuits: n, publicInputs: 1)).totalGas
        }
        #expect(try total(largest) <= 16_777_216)
        #expect(try total(largest + 1) > 16_777_216)
        // SnarkPack cannot verify even two proofs within the Osaka cap.
        #expect(scaling.largestBundle.first { $0.mode == .snarkPack }?.size == 0)
        // Plot series: one point per size per mode.
        #expect(scaling.series.count == SettlementMode.allCases.count)
        #expect(scaling.series.allSatisfy { $0.points.map(\.proofs) == estimator.options.plotSizes })
    }

    @Test("Sheaf's outer proof: one settleOuter per 64 statements from the calibration, plus each application's isSettled")
    func outerProofMode() throws {
        let pricer = try SettlementPricer(schedule: .prague)
        let outer = ContractCalibration.current.outer
        // settleOuter: 21,000 + 420 non-zero calldata bytes + precompiles + execution.
        let settle = 21_000 + 16 * 420 + ContractCalibration.Outer.settlePrecompileGas + outer.settleExecution
        #expect(try OuterSettlementGas.settleReport(schedule: .prague).total == settle)
        for (n, transactions) in [(1, 1), (8, 1), (64, 1), (65, 2), (256, 4)] {
            let cost = try pricer.cost(.outerProof, BundleShape(proofs: n, circuits: n, publicInputs: 1))
            #expect(cost.transactions == transactions && !cost.modelled && cost.fitsInOneTransaction)
            #expect(cost.largestTransactionGas == settle)
            var inclusion = 0
            var left = n
            while left > 0 {
                let size = min(left, 64)
                for leaf in 0..<size {
                    inclusion += OuterSettlementGas.inclusionCheckGas(levels: OuterSettlementGas.pathLength(leaf: leaf, of: size))
                }
                left -= size
            }
            #expect(cost.totalGas == transactions * settle + inclusion, "n = \(n)")
        }
        // Path lengths: a promoted node has no sibling.
        #expect((0..<5).map { OuterSettlementGas.pathLength(leaf: $0, of: 5) } == [3, 3, 3, 3, 1])
        #expect(OuterSettlementGas.pathLength(leaf: 0, of: 1) == 0)
        // The mode is cheaper per proof than the RLC batch from a few proofs under distinct keys.
        let perProof8 = try pricer.cost(.outerProof, BundleShape(proofs: 8, circuits: 8, publicInputs: 1)).perProofGas
        let batched8 = try pricer.cost(.batched, BundleShape(proofs: 8, circuits: 8, publicInputs: 1)).perProofGas
        #expect(perProof8 < batched8)
    }

    @Test("The outer notifier: one settleAndNotify per 64 statements from the calibration, no inclusion proofs")
    func outerNotifiedMode() throws {
        let pricer = try SettlementPricer(schedule: .prague)
        let outer = ContractCalibration.current.outer
        // n statements: 21,000 + calldata (the proof, ids and hashes non-zero;
        // each receiver word 20 non-zero, 12 zero bytes) + settleOuter's
        // precompiles + 2n − 1 SHA-256 hashes + execution.
        func call(_ n: Int) -> Int {
            21_000 + 16 * (4 + 384 + 64 * n + 20 * n) + 4 * 12 * n + ContractCalibration.Outer.settlePrecompileGas
                + (2 * n - 1) * 96 + outer.notifyBase + outer.notifyPerStatement * n + outer.notifyPerReceiver * n
        }
        for (n, sizes) in [(1, [1]), (16, [16]), (64, [64]), (65, [64, 1]), (200, [64, 64, 64, 8])] {
            let cost = try pricer.cost(.outerNotified, BundleShape(proofs: n, circuits: n, publicInputs: 1))
            #expect(cost.transactions == sizes.count && !cost.modelled && cost.fitsInOneTransaction)
            #expect(cost.totalGas == sizes.map(call).reduce(0, +), "n = \(n)")
            #expect(cost.largestTransactionGas == call(sizes[0]))
        }
        // Issue 15's target: 16 applications at most 25,000 gas each (with
        // receivers that check their caller; the settleOuter path with each
        // application's isSettled is above it).
        let notified = try pricer.cost(.outerNotified, BundleShape(proofs: 16, circuits: 16, publicInputs: 1)).perProofGas
        let pulled = try pricer.cost(.outerProof, BundleShape(proofs: 16, circuits: 16, publicInputs: 1)).perProofGas
        #expect(notified < 25_000 && pulled > 25_000)
        #expect(SettlementMode.outerNotified.title.hasSuffix("(measured)"))
        // docs/recursion.md quotes the BPO2 figures for 16 and 64 applications.
        let bpo2 = try SettlementPricer(schedule: .bpo2)
        #expect(Int(try bpo2.cost(.outerNotified, BundleShape(proofs: 16, circuits: 16, publicInputs: 1)).perProofGas.rounded()) == 23_582)
        #expect(Int(try bpo2.cost(.outerNotified, BundleShape(proofs: 64, circuits: 64, publicInputs: 1)).perProofGas.rounded()) == 9_703)
        // ... and docs/gas-model.md the settleOuter-and-isSettled figure for 16 beside it.
        #expect(Int(try bpo2.cost(.outerProof, BundleShape(proofs: 16, circuits: 16, publicInputs: 1)).perProofGas.rounded()) == 28_532)
    }

    @Test("Shared keys cut the pairing count: fewer keys, cheaper bundles")
    func sharedKeys() throws {
        let estimator = try SavingsEstimator(schedule: .bpo2)
        let distinct = try estimator.estimate(Self.apps(32))
        let shared = try estimator.estimate(Self.apps(32, keys: 1))
        let d = try #require(distinct.bundle?.modes.first { $0.mode == .batched }?.totalGas)
        let s = try #require(shared.bundle?.modes.first { $0.mode == .batched }?.totalGas)
        // 31 fewer keys: 93 fewer pairs (34,000 each) and 31 fewer key loads, α and IC
        // multiplications; at least the pairs' 3,162,000.
        #expect(d - s > 93 * 34_000)
    }

    @Test("Non-Groth16 applications keep their standalone cost in Sheaf bundles")
    func mixedSystems() throws {
        var apps = Self.apps(4)
        apps.append(Application(name: "starky", system: .stark, publicInputs: 4, proofsPerDay: 2))
        let report = try SavingsEstimator(schedule: .osaka).estimate(apps)
        let stark = try #require(report.applications.last)
        #expect(stark.aloneGas == 1_500_000)
        #expect(stark.aloneSource != nil)
        let batched = try #require(stark.modes.first { $0.mode == .batched })
        #expect(!batched.eligible)
        #expect(batched.perProofGas == 1_500_000 && batched.savingPercent == 0)
        #expect(report.bundle?.proofs == 4)
        // The outer model takes every system; shares follow standalone cost.
        let outerStark = try #require(stark.modes.first { $0.mode == .outerRecursive }).perProofGas
        let outerGroth = try #require(report.applications[0].modes.first { $0.mode == .outerRecursive }).perProofGas
        #expect(abs(outerStark / outerGroth - 1_500_000 / 213_220) < 1e-9)
    }

    @Test("Invalid applications are rejected with their name")
    func invalid() throws {
        let estimator = try SavingsEstimator(schedule: .osaka)
        #expect(throws: GasError.invalidParameter(name: "applications", reason: "the list is empty")) {
            try estimator.estimate([])
        }
        #expect(throws: GasError.self) {
            try estimator.estimate([Application(name: "neg", publicInputs: -1, proofsPerDay: 1)])
        }
        #expect(throws: GasError.self) {
            try estimator.estimate([Application(name: "nan", publicInputs: 1, proofsPerDay: .nan)])
        }
        let a = Application(name: "a", publicInputs: 1, proofsPerDay: 1, circuit: "shared")
        let b = Application(name: "b", publicInputs: 2, proofsPerDay: 1, circuit: "shared")
        #expect(throws: GasError.self) { try estimator.estimate([a, b]) }
    }

    @Test("Blob cost of the bundle's data")
    func blobs() throws {
        var options = SavingsEstimator.Options()
        options.blobBaseFeeWei = 1_000
        options.baseFeeWei = 0
        let report = try SavingsEstimator(schedule: .bpo2, options: options).estimate(Self.apps(64, inputs: 2))
        // 64 × (256 proof + 64 inputs + 32 key hash) = 22,528 bytes: one blob.
        #expect(report.blob.bytes == 22_528)
        #expect(report.blob.blobs == 1)
        #expect(report.blob.feeWei == 131_072_000)
    }

    @Test("JSON round trip, table and SVG render")
    func renderings() throws {
        let report = try SavingsEstimator(schedule: .bpo2).estimate(Self.apps(8))
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(SavingsReport.self, from: data) == report)
        let table = report.table()
        #expect(table.contains("8 × groth16 ℓ=1"))
        #expect(table.contains("outer recursive (modelled)"))
        #expect(table.contains("op-count × opcode-cost"))
        let explain = report.explainBatched()
        #expect(explain.contains("reference traces"))
        #expect(explain.contains("(report total \(GasFormat.int(report.batchedReport!.total)))"))
        let svg = SavingsPlot.svg(try #require(report.scaling), schedule: "bpo2", transactionGasLimit: 16_777_216)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        // SnarkPack on chain (tens of millions of gas) is left out by default, so
        // it does not squeeze the other lines; the legend says what ℓ is.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == SettlementMode.allCases.count - 1)
        #expect(!svg.contains(SettlementMode.snarkPack.title))
        #expect(svg.contains("ℓ = 1: public inputs per proof"))
        #expect(svg.contains("left out"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        let withSnarkPack = SavingsPlot.svg(try #require(report.scaling), schedule: "bpo2", transactionGasLimit: 16_777_216,
                                            includeSnarkPack: true)
        #expect(withSnarkPack.components(separatedBy: "<polyline").count - 1 == SettlementMode.allCases.count)
        #expect(withSnarkPack.contains(SettlementMode.snarkPack.title))
        #expect(!withSnarkPack.contains("left out"))
    }

    @Test("Application lists decode with defaults")
    func decodeApplications() throws {
        let json = #"[{"name": "a", "publicInputs": 2, "proofsPerDay": 3}, {"name": "b", "system": "stark", "publicInputs": 1, "proofsPerDay": 0.5, "circuit": "k"}]"#
        let apps = try JSONDecoder().decode([Application].self, from: Data(json.utf8))
        #expect(apps[0] == Application(name: "a", system: .groth16, publicInputs: 2, proofsPerDay: 3, circuit: nil))
        #expect(apps[1] == Application(name: "b", system: .stark, publicInputs: 1, proofsPerDay: 0.5, circuit: "k"))
        #expect(apps[0].circuitKey != apps[1].circuitKey)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Application].self, from: Data(#"[{"name": "a", "publicInputs": 2}]"#.utf8))
        }
    }

    @Test("Number formatting")
    func formatting() {
        #expect(GasFormat.int(0) == "0")
        #expect(GasFormat.int(999) == "999")
        #expect(GasFormat.int(1_000) == "1,000")
        #expect(GasFormat.int(-16_777_216) == "-16,777,216")
        #expect(GasFormat.decimal(2.346, 2) == "2.35")
        #expect(GasFormat.decimal(-0.04, 1) == "0.0")
        #expect(GasFormat.decimal(-1.25, 1) == "-1.3")
        #expect(GasFormat.percent(91.14) == "91.1%")
    }
}
