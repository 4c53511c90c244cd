import SheafCurve
import Testing
@testable import SheafGas

@Suite("Field-arithmetic model")
struct FieldArithmeticModelTests {
    @Test("Op counts match the textbook tower formulas")
    func opCounts() {
        typealias M = FieldArithmeticModel
        // Karatsuba (Devegili et al. 2006): Fp2 = 3 Fp mults, Fp6 = 6 Fp2 mults,
        // Fp12 = 3 Fp6 = 18 Fp2 mults.
        #expect(M.count(of: .fpMul, in: .fp2Mul) == 3)
        #expect(M.count(of: .fp2Mul, in: .fp6Mul) == 6)
        #expect(M.count(of: .fp2Mul, in: .fp12Mul) == 18)
        #expect(M.count(of: .fp2Mul, in: .fp12Square) == 12)
        // Granger–Scott cyclotomic squaring: 9 Fp2 squarings, no multiplications.
        #expect(M.count(of: .fp2Square, in: .fp12CyclotomicSquare) == 9)
        #expect(M.count(of: .fp2Mul, in: .fp12CyclotomicSquare) == 0)
        // Aranha et al. 2011: sparse line multiplication 13 m̃; doubling 3 m̃ + 6 s̃
        // (+1 m̃ for b′) + 4 m; addition 11 m̃ + 2 s̃ + 4 m.
        #expect(M.count(of: .fp2Mul, in: .fp12SparseMul) == 13)
        #expect(M.count(of: .fp2Mul, in: .g2LineDoubling) == 4)
        #expect(M.count(of: .fp2Square, in: .g2LineDoubling) == 6)
        #expect(M.count(of: .fp2Mul, in: .g2LineAddition) == 11)
        #expect(M.count(of: .fp2Square, in: .g2LineAddition) == 2)
        // One inversion in Fp12 costs exactly one Fp inversion.
        #expect(M.baseCounts(of: .fp12Inverse).fpInverse == 1)
        // Fp12 multiplication in base operations: 3·(6·3 + 2·2) + 2 = 68 multiplications.
        #expect(M.baseCounts(of: .fp12Mul).fpMul == 68)
        // Every composite operation expands to base operations only.
        for op in EVMFieldOperation.allCases {
            let c = M.baseCounts(of: op)
            #expect(c.fpMul + c.fpAdd + c.fpInverse + c.frMul + c.frAdd + c.frInverse > 0, "\(op)")
        }
    }

    @Test("Opcode prices of the base operations")
    func basePrices() {
        // MULMOD (8) + 2 MLOAD + MSTORE + 4 stack ops (3 each) = 29.
        #expect(FieldArithmeticModel(schedule: .osaka).multiplicationGas == 29)
        // ADDMOD (8) + SUB + 2 MLOAD + MSTORE + 4 stack ops = 32.
        #expect(FieldArithmeticModel(schedule: .osaka).additionGas == 32)
        // MODEXP for a 254-bit exponent (1,349 under EIP-2565; 4,048 under EIP-7883)
        // + warm STATICCALL 100 + 15 very-low operations (45).
        #expect(FieldArithmeticModel(schedule: .prague).inversionGas == 1_494)
        #expect(FieldArithmeticModel(schedule: .osaka).inversionGas == 4_193)
        #expect(FieldArithmeticModel(schedule: .osaka).gas(of: .frMul, count: 10) == 290)
    }
}

@Suite("Blob pricing (EIP-4844, EIP-7918)")
struct BlobPricingTests {
    @Test("fake_exponential matches the reference vectors")
    func fakeExponential() throws {
        // go-ethereum consensus/misc/eip4844 TestFakeExponential (EIP-4844's function).
        let vectors: [(UInt64, UInt64, UInt64, UInt64)] = [
            (1, 0, 1, 1), (38_493, 0, 1_000, 38_493), (0, 1_234, 2_345, 0),
            (1, 2, 1, 6), (1, 4, 2, 6), (1, 3, 1, 16), (1, 6, 2, 18), (1, 4, 1, 49), (1, 8, 2, 50),
            (10, 8, 2, 542), (11, 8, 2, 596), (1, 5, 1, 136), (1, 5, 2, 11), (2, 5, 2, 23),
            (1, 50_000_000, 2_225_652, 5_709_098_764),
        ]
        for (factor, numerator, denominator, expected) in vectors {
            #expect(try BlobPricing.fakeExponential(factor: factor, numerator: numerator, denominator: denominator) == expected,
                    "fake_exponential(\(factor), \(numerator), \(denominator))")
        }
        #expect(throws: GasError.overflow("fake_exponential: accumulator")) {
            try BlobPricing.fakeExponential(factor: 1, numerator: 1_000_000_000, denominator: 1_000_000)
        }
        #expect(throws: GasError.invalidParameter(name: "denominator", reason: "must be positive")) {
            try BlobPricing.fakeExponential(factor: 1, numerator: 1, denominator: 0)
        }
    }

    @Test("Blob base fee under Cancun's update fraction")
    func cancunFee() throws {
        // go-ethereum TestCalcBlobFee (Cancun: fraction 3,338,477).
        for (excess, fee) in [(0, UInt64(1)), (2_314_057, 1), (2_314_058, 2), (10 * 1_024 * 1_024, 23)] {
            #expect(try BlobPricing.baseFeePerBlobGas(excessBlobGas: excess, schedule: .cancun) == fee, "excess \(excess)")
        }
    }

    @Test("Excess blob gas, with and without EIP-7918's reserve branch")
    func excess() throws {
        // Cancun: 6 blobs over target 3: excess grows by 3·131,072.
        #expect(try BlobPricing.nextExcessBlobGas(parentExcessBlobGas: 0, parentBlobGasUsed: 6 * 131_072,
                                                  parentBaseFeePerGas: 1_000_000_000, schedule: .cancun) == 393_216)
        // Below target and no excess: zero.
        #expect(try BlobPricing.nextExcessBlobGas(parentExcessBlobGas: 0, parentBlobGasUsed: 131_072,
                                                  parentBaseFeePerGas: 1, schedule: .osaka) == 0)
        // Osaka, a block at target (6 blobs), blob fee 1 wei, base fee 1 gwei:
        // 8,192·1e9 > 131,072·1, so the reserve branch adds
        // blobGasUsed·(max − target)/max = 6·131,072·3/9 instead of nothing.
        #expect(try BlobPricing.nextExcessBlobGas(parentExcessBlobGas: 0, parentBlobGasUsed: 6 * 131_072,
                                                  parentBaseFeePerGas: 1_000_000_000, schedule: .osaka) == 262_144)
        // Same block, base fee 1 wei (8,192 < 131,072): the usual branch,
        // excess + used − target = 0.
        #expect(try BlobPricing.nextExcessBlobGas(parentExcessBlobGas: 0, parentBlobGasUsed: 6 * 131_072,
                                                  parentBaseFeePerGas: 1, schedule: .osaka) == 0)
        // Prague has no reserve branch whatever the base fee.
        #expect(try BlobPricing.nextExcessBlobGas(parentExcessBlobGas: 0, parentBlobGasUsed: 6 * 131_072,
                                                  parentBaseFeePerGas: 1_000_000_000, schedule: .prague) == 0)
        // BPO2, a block at target with the reserve binding: excess grows by
        // 14·131,072·7/21, rounded down.
        #expect(try BlobPricing.nextExcessBlobGas(parentExcessBlobGas: 0, parentBlobGasUsed: 14 * 131_072,
                                                  parentBaseFeePerGas: 1_000_000_000, schedule: .bpo2) == 611_669)
    }

    @Test("Blob count, reserve price and fee")
    func cost() throws {
        // EIP-7918 reserve = 8,192 · base fee / 131,072 = base fee / 16.
        #expect(BlobPricing.reserveBlobBaseFee(baseFeePerGas: 16_000_000_000, schedule: .osaka) == 1_000_000_000)
        #expect(BlobPricing.reserveBlobBaseFee(baseFeePerGas: 16_000_000_000, schedule: .prague) == nil)
        let one = try BlobPricing.cost(bytes: 126_976, blobBaseFee: 5, baseFeePerGas: 0, schedule: .bpo2)
        #expect(one.blobs == 1 && one.blobGas == 131_072 && one.feeWei == 655_360)
        #expect(!one.reserveApplies)
        let two = try BlobPricing.cost(bytes: 126_977, blobBaseFee: 5, baseFeePerGas: 0, schedule: .bpo2)
        #expect(two.blobs == 2)
        // At base fee 1 gwei the reserve (62,500,000 wei) exceeds a 1-wei blob fee:
        // one blob costs 131,072 · 62,500,000 wei = 8,192 gwei, 8,192 execution gas.
        let reserved = try BlobPricing.cost(bytes: 1, blobBaseFee: 1, baseFeePerGas: 1_000_000_000, schedule: .bpo2)
        #expect(reserved.reserveApplies)
        #expect(reserved.effectiveBlobBaseFee == 62_500_000)
        #expect(reserved.feeWei == 8_192_000_000_000)
        #expect(reserved.executionGasEquivalent == 8_192)
        // Seven blobs need two transactions from Osaka (six per transaction, EIP-7594).
        #expect(try BlobPricing.cost(bytes: 7 * 126_976, blobBaseFee: 1, baseFeePerGas: 0, schedule: .osaka).transactions == 2)
        #expect(try BlobPricing.cost(bytes: 0, blobBaseFee: 1, baseFeePerGas: 0, schedule: .osaka).blobs == 0)
    }
}
