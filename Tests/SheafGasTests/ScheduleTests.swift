import SheafCurve
import Testing
@testable import SheafGas

// Every schedule entry against the EIP that sets it. Expected numbers are written
// out from the EIP texts (and geth's constants where the EIP text defers to a
// table), never computed by the code under test.

@Suite("Fork schedules against the EIPs")
struct ScheduleTests {
    static let all = ForkSchedule.builtIn

    @Test("Built-in forks, names and aliases")
    func forksAndAliases() {
        #expect(ForkSchedule.builtIn.map(\.name) == ["cancun", "prague", "osaka", "bpo1", "bpo2"])
        #expect(ForkSchedule.named("Pectra")?.name == "prague")
        #expect(ForkSchedule.named("fusaka")?.name == "osaka")
        #expect(ForkSchedule.named("BPO2")?.name == "bpo2")
        #expect(ForkSchedule.named("glamsterdam") == nil)
        #expect(ForkSchedule.latest.name == "bpo2")
        for schedule in Self.all { #expect(throws: Never.self) { try schedule.validate() } }
    }

    @Test("Intrinsic gas and EIP-2028 calldata prices, all forks")
    func transactionBasics() {
        for s in Self.all {
            #expect(s.transaction.intrinsicGas == 21_000)          // Yellow Paper G_transaction
            #expect(s.transaction.contractCreationGas == 53_000)   // G_transaction + G_txcreate
            #expect(s.transaction.zeroByteGas == 4)                // EIP-2028
            #expect(s.transaction.nonZeroByteGas == 16)            // EIP-2028
            #expect(s.transaction.accessListAddressGas == 2_400)   // EIP-2930
            #expect(s.transaction.accessListStorageKeyGas == 1_900) // EIP-2930
            #expect(s.blockGasLimit == 60_000_000)                 // default, raised Nov 2025
        }
    }

    @Test("EIP-7623 floor from Prague: STANDARD_TOKEN_COST 4, TOTAL_COST_FLOOR_PER_TOKEN 10")
    func calldataFloor() {
        #expect(ForkSchedule.cancun.transaction.calldataFloor == nil)
        for s in [ForkSchedule.prague, .osaka, .bpo1, .bpo2] {
            #expect(s.transaction.calldataFloor == CalldataFloor(standardTokenCost: 4, floorPerToken: 10, tokensPerNonZeroByte: 4))
        }
    }

    @Test("EIP-7825 transaction gas cap 2^24 from Osaka")
    func transactionCap() {
        #expect(ForkSchedule.cancun.transaction.gasCap == nil)
        #expect(ForkSchedule.prague.transaction.gasCap == nil)
        #expect(ForkSchedule.prague.maximumTransactionGas == 60_000_000)
        for s in [ForkSchedule.osaka, .bpo1, .bpo2] {
            #expect(s.transaction.gasCap == 16_777_216)
            #expect(s.maximumTransactionGas == 16_777_216)
        }
        var small = ForkSchedule.osaka
        small.blockGasLimit = 10_000_000
        #expect(small.maximumTransactionGas == 10_000_000)   // never above the block
    }

    @Test("BN254 precompiles at EIP-1108 prices")
    func bn254() throws {
        for s in Self.all {
            #expect(s.bn254 == BN254Costs(ecAdd: 150, ecMul: 6_000, pairingBase: 45_000, pairingPerPair: 34_000))
        }
        let meter = GasMeter(schedule: .osaka)
        var memory = 0
        // EIP-1108: 34,000·k + 45,000; the Groth16 floor of gas-research.md §1 is a
        // 4-pair pairing, 181,000.
        #expect(try meter.executionGas(of: .ecPairing(pairs: 4), label: "t", memoryWords: &memory) == 181_000)
        #expect(try meter.executionGas(of: .ecPairing(pairs: 0), label: "t", memoryWords: &memory) == 45_000)
        #expect(try meter.executionGas(of: .ecAdd, label: "t", memoryWords: &memory) == 150)
        #expect(try meter.executionGas(of: .ecMul, label: "t", memoryWords: &memory) == 6_000)
    }

    @Test("EIP-2537 prices from Prague, absent in Cancun")
    func bls12381() throws {
        #expect(ForkSchedule.cancun.bls12381 == nil)
        for s in [ForkSchedule.prague, .osaka, .bpo1, .bpo2] {
            let b = try #require(s.bls12381)
            #expect(b.g1Add == 375)
            #expect(b.g2Add == 600)
            #expect(b.g1Mul == 12_000)
            #expect(b.g2Mul == 22_500)
            #expect(b.pairingBase == 37_700)
            #expect(b.pairingPerPair == 32_600)
            #expect(b.mapFpToG1 == 5_500)
            #expect(b.mapFp2ToG2 == 23_800)
            #expect(b.msmMultiplier == 1_000)
        }
        var memory = 0
        #expect(throws: GasError.precompileUnavailable(precompile: "BLS12-381 (EIP-2537)", fork: "cancun")) {
            try GasMeter(schedule: .cancun).executionGas(of: .blsG1Add, label: "t", memoryWords: &memory)
        }
        // gas-research.md §2: a BLS Groth16 pairing of 4 pairs costs 168,100.
        #expect(try GasMeter(schedule: .prague).executionGas(of: .blsPairing(pairs: 4), label: "t", memoryWords: &memory) == 168_100)
        // Empty MSM and pairing inputs are errors under EIP-2537.
        #expect(throws: GasError.invalidStep(label: "t", field: "pairs", value: 0)) {
            try GasMeter(schedule: .prague).executionGas(of: .blsG1MSM(pairs: 0), label: "t", memoryWords: &memory)
        }
    }

    @Test("EIP-2537 MSM discount tables: 128 entries, endpoints, cap beyond 128")
    func blsDiscountTables() throws {
        let b = try #require(ForkSchedule.prague.bls12381)
        #expect(b.g1Discounts.count == 128)
        #expect(b.g2Discounts.count == 128)
        // Table endpoints and the EIP's sample points (gas-research.md §2).
        #expect(Array(b.g1Discounts.prefix(5)) == [1000, 949, 848, 797, 764])
        #expect(b.g1Discounts.last == 519)          // max_discount G1
        #expect(Array(b.g2Discounts.prefix(3)) == [1000, 1000, 923])
        #expect(b.g2Discounts.last == 524)          // max_discount G2
        // Non-increasing, as a discount for larger MSMs must be.
        #expect(zip(b.g1Discounts, b.g1Discounts.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(zip(b.g2Discounts, b.g2Discounts.dropFirst()).allSatisfy { $0 >= $1 })
        // k · mul · discount(k) / 1000.
        #expect(b.g1MSM(pairs: 1) == 12_000)          // = a single multiplication
        #expect(b.g1MSM(pairs: 2) == 22_776)          // 2·12000·949/1000
        #expect(b.g1MSM(pairs: 5) == 45_840)          // gas-research.md: 5-input G1MSM
        #expect(b.g1MSM(pairs: 128) == 797_184)       // 128·12000·519/1000
        #expect(b.g1MSM(pairs: 129) == 803_412)       // 129·12000·519/1000: capped discount
        #expect(b.g1MSM(pairs: 200) == 1_245_600)     // 200·12000·519/1000
        #expect(b.g2MSM(pairs: 1) == 22_500)
        #expect(b.g2MSM(pairs: 2) == 45_000)          // discount 1000 at k = 2
        #expect(b.g2MSM(pairs: 128) == 1_509_120)     // 128·22500·524/1000
        #expect(b.g2MSM(pairs: 300) == 3_537_000)     // 300·22500·524/1000
        #expect(b.g1Discount(pairs: 1_000) == 519)
        #expect(b.g2Discount(pairs: 1_000) == 524)
    }

    @Test("KZG point evaluation, ecrecover, P256VERIFY")
    func otherPrecompiles() {
        for s in Self.all {
            #expect(s.otherPrecompiles.pointEvaluation == 50_000)   // EIP-4844
            #expect(s.otherPrecompiles.ecRecover == 3_000)          // Yellow Paper
        }
        #expect(ForkSchedule.prague.otherPrecompiles.p256Verify == nil)
        #expect(ForkSchedule.osaka.otherPrecompiles.p256Verify == 6_900)   // EIP-7951
    }

    @Test("MODEXP: EIP-2565 before Osaka, EIP-7883 from Osaka")
    func modExp() {
        let berlin = ForkSchedule.prague.modExp, osaka = ForkSchedule.osaka.modExp
        // EIP-2565/EIP-7883 test table, nagydani_1 (64-byte base and modulus):
        // square (exponent 2) 200; pow0x10001 (3-byte exponent, 17 bits) 341.
        #expect(berlin.gas(baseBytes: 64, exponentBytes: 1, modulusBytes: 64, exponentHeadBits: 2) == 200)
        #expect(berlin.gas(baseBytes: 64, exponentBytes: 3, modulusBytes: 64, exponentHeadBits: 17) == 341)
        // nagydani_2 and _3 (128- and 256-byte): 1365 and 5461.
        #expect(berlin.gas(baseBytes: 128, exponentBytes: 3, modulusBytes: 128, exponentHeadBits: 17) == 1_365)
        #expect(berlin.gas(baseBytes: 256, exponentBytes: 3, modulusBytes: 256, exponentHeadBits: 17) == 5_461)
        // Osaka (EIP-7883 as shipped, geth osakaModexpGas): minimum 500, no divisor,
        // complexity 16 up to 32 bytes and 2·words² above.
        #expect(osaka.gas(baseBytes: 64, exponentBytes: 1, modulusBytes: 64, exponentHeadBits: 2) == 500)
        #expect(osaka.gas(baseBytes: 64, exponentBytes: 3, modulusBytes: 64, exponentHeadBits: 17) == 2_048)
        // A 254-bit inversion exponent on 32-byte operands: 16·253/3 and 16·253.
        #expect(berlin.gas(baseBytes: 32, exponentBytes: 32, modulusBytes: 32, exponentHeadBits: 254) == 1_349)
        #expect(osaka.gas(baseBytes: 32, exponentBytes: 32, modulusBytes: 32, exponentHeadBits: 254) == 4_048)
        // Exponents longer than 32 bytes: 8 (EIP-2565) or 16 (EIP-7883) per extra byte.
        #expect(berlin.gas(baseBytes: 32, exponentBytes: 64, modulusBytes: 32, exponentHeadBits: 1) == 16 * 256 / 3)
        #expect(osaka.gas(baseBytes: 32, exponentBytes: 64, modulusBytes: 32, exponentHeadBits: 1) == 16 * 512)
    }

    @Test("Storage, logs, hashing, memory (EIP-2929 and the Yellow Paper)")
    func executionCosts() throws {
        let meter = GasMeter(schedule: .bpo2)
        func gas(_ step: EVMStep) throws -> Int {
            var memory = 0
            return try meter.executionGas(of: step, label: "t", memoryWords: &memory)
        }
        #expect(try gas(.sstore(.set, cold: true)) == 22_100)     // 20,000 + COLD_SLOAD_COST
        #expect(try gas(.sstore(.set, cold: false)) == 20_000)
        #expect(try gas(.sstore(.reset, cold: true)) == 5_000)    // (5,000 − 2,100) + 2,100
        #expect(try gas(.sstore(.reset, cold: false)) == 2_900)
        #expect(try gas(.sstore(.dirty, cold: false)) == 100)     // WARM_STORAGE_READ_COST
        #expect(try gas(.sload(cold: true)) == 2_100)
        #expect(try gas(.sload(cold: false)) == 100)
        #expect(try gas(.staticCall(cold: true)) == 2_600)        // COLD_ACCOUNT_ACCESS_COST
        #expect(try gas(.staticCall(cold: false)) == 100)         // precompiles are warm
        #expect(try gas(.log(topics: 2, dataBytes: 32)) == 1_381) // 375 + 2·375 + 8·32
        #expect(try gas(.log(topics: 0, dataBytes: 0)) == 375)
        #expect(try gas(.keccak256(bytes: 64)) == 42)             // 30 + 6·2
        #expect(try gas(.keccak256(bytes: 65)) == 48)             // 30 + 6·3
        #expect(try gas(.keccak256(bytes: 0)) == 30)
        #expect(try gas(.copy(bytes: 100)) == 15)                 // 3 + 3·4
        #expect(try gas(.externalCodeCopy(bytes: 608, cold: true)) == 2_657)  // 2,600 + 3·19
        #expect(throws: GasError.invalidStep(label: "t", field: "topics", value: 5)) { try gas(.log(topics: 5, dataBytes: 0)) }
        // C(w) = 3w + ⌊w²/512⌋, each expansion pays the difference.
        #expect(ExecutionCosts.berlin.memoryCost(words: 32) == 98)
        #expect(ExecutionCosts.berlin.memoryCost(words: 1_024) == 5_120)
        var memory = 0
        #expect(try meter.executionGas(of: .memory(words: 32), label: "t", memoryWords: &memory) == 98)
        #expect(try meter.executionGas(of: .memory(words: 1_024), label: "t", memoryWords: &memory) == 5_120 - 98)
        #expect(try meter.executionGas(of: .memory(words: 64), label: "t", memoryWords: &memory) == 0)
        #expect(memory == 1_024)
    }

    @Test("Blob parameters per fork (EIP-4844, EIP-7691, EIP-7892, EIP-7918, EIP-7594)")
    func blobSchedules() {
        let expected: [(String, Int, Int, Int)] = [
            ("cancun", 3, 6, 3_338_477), ("prague", 6, 9, 5_007_716), ("osaka", 6, 9, 5_007_716),
            ("bpo1", 10, 15, 8_346_193), ("bpo2", 14, 21, 11_684_671),
        ]
        for (name, target, max, fraction) in expected {
            let b = ForkSchedule.named(name)!.blobs
            #expect(b.target == target && b.max == max && b.updateFraction == fraction, "fork \(name)")
            #expect(b.gasPerBlob == 131_072)
            #expect(b.minimumBaseFee == 1)
            #expect(b.usableBytesPerBlob == 126_976)
        }
        #expect(ForkSchedule.cancun.blobs.reserveBaseCost == nil)
        #expect(ForkSchedule.prague.blobs.reserveBaseCost == nil)
        #expect(ForkSchedule.osaka.blobs.reserveBaseCost == 8_192)   // BLOB_BASE_COST = 2^13
        #expect(ForkSchedule.bpo2.blobs.maxPerTransaction == 6)      // EIP-7594
        // gas-research.md §5: BPO2 blob gas per block 1,835,008 at target, 2,752,512 at max.
        #expect(ForkSchedule.bpo2.blobs.target * ForkSchedule.bpo2.blobs.gasPerBlob == 1_835_008)
        #expect(ForkSchedule.bpo2.blobs.max * ForkSchedule.bpo2.blobs.gasPerBlob == 2_752_512)
    }
}
