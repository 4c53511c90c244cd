import SheafCurve
import Testing
@testable import SheafGas

@Suite("Reference traces and settlement modes")
struct SettlementTests {
    let traces = ReferenceSettlementTraces()

    @Test("snarkjs verifier, ℓ = 1: within 5% of the measured 207,000 + 7,160·ℓ")
    func snarkjsOneInput() throws {
        let report = try GasMeter(schedule: .bpo2).price(traces.individual(publicInputs: 1))
        // 21,000 intrinsic + 292 nonzero calldata bytes (selector + 9 words) at 16
        // + memory C(32) = 98 + ECMUL 6,000 + ECADD 150 + ECPAIRING(4) 181,000
        // + three warm STATICCALLs at 100.
        #expect(report.total == 21_000 + 4_672 + 98 + 6_000 + 150 + 181_000 + 300)
        let measured = 207_000.0 + 7_160.0
        #expect(abs(Double(report.total) - measured) / measured < 0.05)
        #expect(report.total == report.lines.reduce(0) { $0 + $1.gas })
    }

    @Test("snarkjs verifier within 5% of the measured line for ℓ = 0…16")
    func snarkjsRange() throws {
        let meter = GasMeter(schedule: .prague)
        for inputs in 0...16 {
            let total = Double(try meter.price(traces.individual(publicInputs: inputs)).total)
            let measured = 207_000.0 + 7_160.0 * Double(inputs)
            #expect(abs(total - measured) / measured < 0.05, "ℓ = \(inputs): \(total) vs \(measured)")
        }
    }

    @Test("snarkjs trace: ℓ ECMUL, ℓ ECADD, one 4-pair ECPAIRING")
    func snarkjsStructure() throws {
        let trace = try traces.individual(publicInputs: 3)
        #expect(trace.steps.filter { $0.step == .ecMul }.count == 3)
        #expect(trace.steps.filter { $0.step == .ecAdd }.count == 3)
        #expect(trace.steps.filter { $0.step == .ecPairing(pairs: 4) }.count == 1)
        #expect(trace.steps.first?.step == .calldata(zeroBytes: 0, nonZeroBytes: 4 + 32 * 11))
    }

    @Test("Batched bundle: the total equals the hand-computed sum of its steps")
    func batchedExact() throws {
        // 4 proofs under 2 keys (2 each), ℓ = 2, no bookkeeping. Hand count
        // (docs/gas-model.md lists the same steps):
        //   memory to 64 words (6·10 pairs + 4 scratch)          200
        //   2 × (cold SLOAD 2,100 + EXTCODECOPY 672 B 2,663)   9,526
        //   CALLDATACOPY 1,280 B                                 123
        //   KECCAK256 1,344 B (seed)                             282
        //   4 × (keccak 42 + 2 ECMUL + 2 calls + 2 frMul + 3 frAdd) = 4 × 12,396
        //   2 × ECADD with call (one per key: Σρ·C)              500
        //   2 × (ECMUL α + 3 ECMUL IC + 2 ECADD, with calls)  49,800
        //   ECPAIRING 45,000 + 34,000·(4 + 3·2) + call       385,100
        //   execution                                        495,115
        //   calldata: 1,359 nonzero, 309 zero bytes           22,980
        //   intrinsic                                         21,000
        let shape = try BundleShape(proofs: 4, circuits: 2, publicInputs: 2)
        let report = try GasMeter(schedule: .osaka).price(traces.batched(shape))
        #expect(report.gas(of: .execution) == 495_115)
        #expect(report.gas(of: .calldata) == 22_980)
        #expect(report.total == 539_095)
        #expect(report.total == report.lines.reduce(0) { $0 + $1.gas })
        #expect(report.transaction?.floorApplies == false)

        // With storage bookkeeping: per proof keccak of 96 bytes (48) + 22,100.
        let pricer = try SettlementPricer(schedule: .osaka, bookkeeping: .storage)
        #expect(try pricer.cost(.batched, shape).totalGas == 539_095 + 4 * 22_148)
        let logs = try SettlementPricer(schedule: .osaka, bookkeeping: .log)
        #expect(try logs.cost(.batched, shape).totalGas == 539_095 + 4 * (48 + 1_125))
    }

    @Test("Batched bundle for n proofs: n + 3k pairs, and the total is the sum of the itemised steps")
    func batchedSums() throws {
        let pricer = try SettlementPricer(schedule: .bpo2)
        for (n, k, l) in [(1, 1, 0), (8, 1, 1), (64, 64, 1), (64, 4, 3), (100, 7, 2)] {
            let shape = try BundleShape(proofs: n, circuits: k, publicInputs: l)
            let trace = try pricer.batchedTrace(shape)
            #expect(trace.steps.contains { $0.step == .ecPairing(pairs: n + 3 * k) })
            let cost = try pricer.cost(.batched, shape)
            #expect(cost.totalGas == cost.report.lines.reduce(0) { $0 + $1.gas })
            #expect(cost.totalGas == cost.report.grouped.reduce(0) { $0 + $1.gas })
            #expect(cost.report.lines.filter { $0.detail == "SSTORE set (cold)" }.count == n)
        }
    }

    @Test("Bundle shapes are checked")
    func shapes() throws {
        #expect(throws: GasError.self) { try BundleShape(proofs: 2, circuits: 3, publicInputs: 1) }
        #expect(throws: GasError.self) { try BundleShape(proofs: 0, circuits: 0, publicInputs: 1) }
        #expect(throws: GasError.self) { try BundleShape(circuits: []) }
        #expect(throws: GasError.self) { try BundleShape(circuits: [.init(proofs: 1, publicInputs: -1)]) }
        let shape = try BundleShape(proofs: 7, circuits: 3, publicInputs: 2)
        #expect(shape.circuits.map(\.proofs) == [3, 2, 2])
        #expect(shape.publicInputTotal == 14)
    }

    @Test("SnarkPack on chain: G_T work priced from the model, over the Osaka cap at 64 proofs")
    func snarkPack() throws {
        let pricer = try SettlementPricer(schedule: .osaka)
        let shape = try BundleShape(proofs: 64, circuits: 1, publicInputs: 1)
        let trace = try pricer.snarkPackTrace(shape)
        // L = 6 rounds: 10 G_T exponentiations per round, 253 squarings each.
        #expect(trace.steps.contains { $0.step == .fieldArithmetic(op: .fp12CyclotomicSquare, count: 10 * 6 * 253) })
        // Four KZG opening checks by the precompile.
        #expect(trace.steps.filter { if case .ecPairing = $0.step { return true } else { return false } }.count == 4)
        let cost = try pricer.cost(.snarkPack, shape)
        #expect(!cost.fitsInOneTransaction)
        #expect(cost.totalGas > 16_777_216)
        #expect(cost.totalGas == cost.report.lines.reduce(0) { $0 + $1.gas })
        // One aggregate per key: two keys double the in-EVM pairing work.
        let twoKeys = try pricer.snarkPackTrace(BundleShape(proofs: 64, circuits: 2, publicInputs: 1))
        #expect(twoKeys.steps.filter { $0.step == .fieldArithmetic(op: .fp12Inverse, count: 1) }.count == 2)
    }

    @Test("Outer recursion: fixed + per-proof, modelled")
    func outer() throws {
        let pricer = try SettlementPricer(schedule: .bpo2)
        let cost = try pricer.cost(.outerRecursive, BundleShape(proofs: 64, circuits: 64, publicInputs: 1))
        #expect(cost.modelled)
        #expect(cost.report.modelled)
        #expect(cost.totalGas == 354_241 + 64 * 13_500)   // Electron Quantum's published constants
        #expect(cost.report.lines.allSatisfy { $0.kind == .modelled })
        #expect(OuterRecursionModel.nebraUPA.fixedGas / 4 + OuterRecursionModel.nebraUPA.perProofGas == 75_000)  // NEBRA's 4-proof figure
        #expect(throws: GasError.self) {
            try SettlementPricer(schedule: .bpo2, outer: OuterRecursionModel(name: "bad", fixedGas: -1, perProofGas: 0, source: "test"))
        }
    }

    @Test("Individual mode prices each proof in its own transaction")
    func individualMode() throws {
        let pricer = try SettlementPricer(schedule: .bpo2)
        let cost = try pricer.cost(.individual, BundleShape(circuits: [.init(proofs: 2, publicInputs: 1), .init(proofs: 1, publicInputs: 0)]))
        #expect(cost.transactions == 3)
        #expect(cost.totalGas == 2 * 213_220 + (213_220 - 4 * 16 * 8 - 6_000 - 150 - 200))
    }

    @Test("BLS and P256 steps are refused by forks without them")
    func unavailable() throws {
        var trace = EVMTrace()
        trace.record(.p256Verify, label: "passkey")
        #expect(throws: GasError.precompileUnavailable(precompile: "P256VERIFY (EIP-7951)", fork: "prague")) {
            try GasMeter(schedule: .prague).price(trace)
        }
        #expect(try GasMeter(schedule: .osaka).price(trace).total == 21_000 + 6_900)
    }
}
