// The mainnet schedules. Every value cites the EIP (or geth constant) that sets it;
// docs/gas-model.md and /work/shared/docs/gas-research.md list the sources. The
// blob schedule per fork is geth `params/config.go` (`Default*BlobConfig`) and the
// consensus-specs `BLOB_SCHEDULE`.

extension ForkSchedule {
    /// The default block gas limit: 60M since validators raised it in November 2025
    /// (geth's default `GasCeil` is 60,000,000).
    public static let defaultBlockGasLimit = 60_000_000

    /// The built-in schedules, oldest first.
    public static let builtIn: [ForkSchedule] = [cancun, prague, osaka, bpo1, bpo2]

    /// The newest mainnet schedule (BPO2 since 2026-01-07), the CLI's default.
    public static let latest = bpo2

    /// A built-in schedule by name, case-insensitively; "pectra" and "fusaka" are
    /// accepted for Prague and Osaka.
    public static func named(_ name: String) -> ForkSchedule? {
        let key = name.lowercased()
        let aliases = ["pectra": "prague", "fusaka": "osaka"]
        let canonical = aliases[key] ?? key
        return builtIn.first { $0.name == canonical }
    }

    /// EIP-2537's G1 MSM discount table for k = 1…128 (identical to geth
    /// `params.Bls12381G1MultiExpDiscountTable`); max_discount = 519.
    public static let eip2537G1Discounts: [Int] = [
        1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677,
        673, 669, 665, 661, 658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627,
        625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604, 603, 601, 599, 598,
        596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581, 580, 579, 577, 576,
        575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559,
        558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545, 544,
        543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531,
        530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
    ]

    /// EIP-2537's G2 MSM discount table for k = 1…128 (identical to geth
    /// `params.Bls12381G2MultiExpDiscountTable`; the repeated 1000 at k = 2 is in
    /// the EIP); max_discount = 524.
    public static let eip2537G2Discounts: [Int] = [
        1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717,
        711, 704, 699, 693, 688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646,
        643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615, 613, 611, 609, 607,
        606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587, 586, 584, 583, 582,
        580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562,
        561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548, 547,
        546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535,
        534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
    ]

    /// Cancun (Dencun, 2024-03-13): EIP-4844 blobs 3/6, no calldata floor, no BLS,
    /// no transaction cap.
    public static let cancun = ForkSchedule(
        name: "cancun",
        transaction: TransactionCosts(
            intrinsicGas: 21_000, contractCreationGas: 53_000,        // geth TxGas, TxGasContractCreation
            zeroByteGas: 4, nonZeroByteGas: 16,                        // EIP-2028
            calldataFloor: nil,                                        // EIP-7623 arrives in Prague
            accessListAddressGas: 2_400, accessListStorageKeyGas: 1_900, // EIP-2930
            gasCap: nil),                                              // EIP-7825 arrives in Osaka
        blockGasLimit: defaultBlockGasLimit,
        bn254: BN254Costs(ecAdd: 150, ecMul: 6_000, pairingBase: 45_000, pairingPerPair: 34_000), // EIP-1108
        bls12381: nil,                                                 // EIP-2537 arrives in Prague
        otherPrecompiles: OtherPrecompileCosts(ecRecover: 3_000, pointEvaluation: 50_000, p256Verify: nil),
        modExp: ModExpCosts(complexity: .squaredWords, minimumGas: 200, divisor: 3, longExponentByteMultiplier: 8), // EIP-2565
        execution: .berlin,
        blobs: BlobSchedule(
            gasPerBlob: 131_072, target: 3, max: 6, updateFraction: 3_338_477, minimumBaseFee: 1, // EIP-4844
            maxPerTransaction: 6, reserveBaseCost: nil, fieldElementsPerBlob: 4_096, usableBytesPerFieldElement: 31))

    /// Prague (Pectra, 2025-05-07): EIP-7623 calldata floor, EIP-2537 BLS12-381,
    /// EIP-7691 blobs 6/9.
    public static let prague: ForkSchedule = {
        var s = cancun
        s.name = "prague"
        s.transaction.calldataFloor = CalldataFloor(standardTokenCost: 4, floorPerToken: 10, tokensPerNonZeroByte: 4) // EIP-7623
        s.bls12381 = BLS12381Costs(                                    // EIP-2537 (Final)
            g1Add: 375, g2Add: 600, g1Mul: 12_000, g2Mul: 22_500,
            pairingBase: 37_700, pairingPerPair: 32_600, mapFpToG1: 5_500, mapFp2ToG2: 23_800,
            msmMultiplier: 1_000, g1Discounts: eip2537G1Discounts, g2Discounts: eip2537G2Discounts)
        s.blobs.target = 6; s.blobs.max = 9; s.blobs.updateFraction = 5_007_716   // EIP-7691
        s.blobs.maxPerTransaction = 9
        return s
    }()

    /// Osaka (Fusaka, 2025-12-03): EIP-7825 transaction cap 2²⁴, EIP-7883 MODEXP,
    /// EIP-7951 P256VERIFY, EIP-7918 blob reserve price, EIP-7594 six blobs per
    /// transaction; blob target/max unchanged at 6/9.
    public static let osaka: ForkSchedule = {
        var s = prague
        s.name = "osaka"
        s.transaction.gasCap = 1 << 24                                              // EIP-7825
        s.modExp = ModExpCosts(complexity: .eip7883, minimumGas: 500, divisor: 1, longExponentByteMultiplier: 16) // EIP-7883
        s.otherPrecompiles.p256Verify = 6_900                                        // EIP-7951
        s.blobs.reserveBaseCost = 1 << 13                                            // EIP-7918
        s.blobs.maxPerTransaction = 6                                                // EIP-7594
        return s
    }()

    /// BPO1 (2025-12-09, epoch 412672): blob target/max 10/15 (EIP-7892).
    public static let bpo1: ForkSchedule = {
        var s = osaka
        s.name = "bpo1"
        s.blobs.target = 10; s.blobs.max = 15; s.blobs.updateFraction = 8_346_193
        return s
    }()

    /// BPO2 (2026-01-07, epoch 419072): blob target/max 14/21 (EIP-7892).
    public static let bpo2: ForkSchedule = {
        var s = osaka
        s.name = "bpo2"
        s.blobs.target = 14; s.blobs.max = 21; s.blobs.updateFraction = 11_684_671
        return s
    }()
}

extension ExecutionCosts {
    /// The costs in force since Berlin (EIP-2929) and unchanged through BPO2.
    public static let berlin = ExecutionCosts(
        sstoreSet: 20_000, sstoreReset: 2_900, coldSload: 2_100, warmAccess: 100, coldAccountAccess: 2_600,
        logBase: 375, logPerTopic: 375, logPerByte: 8, keccakBase: 30, keccakPerWord: 6,
        copyBase: 3, copyPerWord: 3, memoryPerWord: 3, memoryQuadraticDivisor: 512,
        mulmod: 8, addmod: 8, veryLow: 3)
}
