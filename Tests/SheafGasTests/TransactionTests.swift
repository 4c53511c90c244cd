import Foundation
import SheafCurve
import Testing
@testable import SheafGas

@Suite("Transactions, EIP-7623 floor, GasMeter reports")
struct TransactionTests {
    @Test("EIP-2028 calldata and intrinsic gas")
    func calldata() throws {
        let tx = Transaction(zeroBytes: 10, nonZeroBytes: 20, executionGas: 100_000)
        let gas = try tx.gas(under: .cancun)
        #expect(gas.intrinsic == 21_000)
        #expect(gas.calldata == 10 * 4 + 20 * 16)
        #expect(gas.total == 21_000 + 360 + 100_000)
        #expect(gas.floor == nil)
        let creation = try Transaction(zeroBytes: 0, nonZeroBytes: 0, executionGas: 0, createsContract: true).gas(under: .osaka)
        #expect(creation.total == 53_000)
        let withList = try Transaction(zeroBytes: 0, nonZeroBytes: 0, executionGas: 0, accessListAddresses: 1,
                                       accessListStorageKeys: 2).gas(under: .osaka)
        #expect(withList.total == 21_000 + 2_400 + 2 * 1_900)
    }

    @Test("EIP-7623: the floor binds only when execution gas is below 6·tokens")
    func floorThreshold() throws {
        // 100 nonzero bytes: tokens = 4·100 = 400; calldata 1,600; floor 10·400 = 4,000.
        // 4·tokens + execution < 10·tokens  ⇔  execution < 6·tokens = 2,400.
        let below = try Transaction(zeroBytes: 0, nonZeroBytes: 100, executionGas: 2_399).gas(under: .prague)
        #expect(below.calldataTokens == 400)
        #expect(below.floor == 4_000)
        #expect(below.floorApplies)
        #expect(below.floorTopUp == 1)
        #expect(below.total == 21_000 + 4_000)
        let at = try Transaction(zeroBytes: 0, nonZeroBytes: 100, executionGas: 2_400).gas(under: .prague)
        #expect(!at.floorApplies)
        #expect(at.total == 21_000 + 1_600 + 2_400)
        // Zero bytes are one token each: 1,000 zero bytes, no execution: 10·1,000.
        let zeros = try Transaction(zeroBytes: 1_000, nonZeroBytes: 0, executionGas: 0).gas(under: .osaka)
        #expect(zeros.total == 21_000 + 10_000)
        // Cancun has no floor: the same transaction pays 4 per zero byte.
        #expect(try Transaction(zeroBytes: 1_000, nonZeroBytes: 0, executionGas: 0).gas(under: .cancun).total == 25_000)
        // A ~260-byte proof never meets the floor (gas-research.md §3).
        let proof = try Transaction(zeroBytes: 0, nonZeroBytes: 260, executionGas: 181_000).gas(under: .bpo2)
        #expect(!proof.floorApplies)
    }

    @Test("Negative counts are rejected")
    func negative() {
        #expect(throws: GasError.invalidStep(label: "transaction", field: "executionGas", value: -1)) {
            try Transaction(zeroBytes: 0, nonZeroBytes: 0, executionGas: -1).gas(under: .osaka)
        }
        #expect(throws: GasError.invalidStep(label: "x", field: "nonZeroBytes", value: -3)) {
            var trace = EVMTrace()
            trace.record(.calldata(zeroBytes: 0, nonZeroBytes: -3), label: "x")
            _ = try GasMeter(schedule: .osaka).price(trace)
        }
    }

    @Test("A report's total is the sum of its lines, with the floor as a line")
    func reportSumsLines() throws {
        var trace = EVMTrace()
        trace.record(.calldata(zeroBytes: 0, nonZeroBytes: 1_000), label: "blob of data")
        trace.record(.keccak256(bytes: 1_000), label: "hash it")
        let report = try GasMeter(schedule: .osaka).price(trace)
        // tokens 4,000; calldata 16,000; keccak 30 + 6·32 = 222; floor 40,000.
        #expect(report.lines.map(\.gas) == [21_000, 16_000, 222, 40_000 - 16_222])
        #expect(report.lines.last?.kind == .floor)
        #expect(report.total == 61_000)
        #expect(report.total == report.lines.reduce(0) { $0 + $1.gas })
        // Without a floor (Cancun) there is no top-up line.
        let cancun = try GasMeter(schedule: .cancun).price(trace)
        #expect(cancun.total == 21_000 + 16_000 + 222)
        #expect(!cancun.lines.contains { $0.kind == .floor })
    }

    @Test("Calldata counted from actual bytes")
    func calldataOfBytes() throws {
        let bytes: [UInt8] = [0, 0, 1, 2, 0, 255]
        #expect(EVMStep.calldata(of: bytes) == .calldata(zeroBytes: 3, nonZeroBytes: 3))
        var trace = EVMTrace()
        trace.recordCalldata(bytes, label: "bytes")
        #expect(try GasMeter(schedule: .cancun).price(trace).total == 21_000 + 3 * 4 + 3 * 16)
    }

    @Test("Traces record in order, append, and round-trip through Codable")
    func traceBasics() throws {
        var a = EVMTrace()
        #expect(a.isEmpty)
        a.record(.ecMul, label: "first")
        var b = EVMTrace()
        b.record(.fieldArithmetic(op: .fp12Mul, count: 3), label: "second")
        b.record(.sstore(.set, cold: true), label: "third")
        a.append(b)
        #expect(a.steps.map(\.label) == ["first", "second", "third"])
        #expect(a.count == 3)
        let data = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(EVMTrace.self, from: data) == a)
    }

    @Test("Grouped lines keep the total")
    func grouped() throws {
        var trace = EVMTrace()
        for _ in 0..<5 { trace.record(.ecMul, label: "scale") }
        trace.record(.ecPairing(pairs: 2), label: "pair")
        let report = try GasMeter(schedule: .osaka).price(trace)
        let groups = report.grouped
        #expect(groups.count == 3)
        #expect(groups[1].count == 5 && groups[1].gasEach == 6_000 && groups[1].gas == 30_000)
        #expect(groups.reduce(0) { $0 + $1.gas } == report.total)
        #expect(report.total == 21_000 + 30_000 + 45_000 + 68_000)
    }
}
