/// Every price SheafGas needs for one Ethereum fork, as data.
///
/// Built-in schedules (``cancun``, ``prague``, ``osaka``, ``bpo1``, ``bpo2``)
/// carry the mainnet values with the EIP that sets each; a user schedule is the
/// same structure read from JSON (see ``ForkSchedule/decode(json:source:)``) and
/// checked by ``validate()``. Nothing in SheafGas hard-codes a price outside this
/// type, so a repricing is a new value, not a code change.
public struct ForkSchedule: Equatable, Sendable, Codable {
    /// The schedule's name ("osaka", or whatever a user file says).
    public var name: String
    /// Intrinsic, calldata and access-list costs, the EIP-7623 floor and the
    /// EIP-7825 transaction gas cap.
    public var transaction: TransactionCosts
    /// The block gas limit. Mainnet validators raised it to 60M in November 2025
    /// (gas-research.md §3); it is a parameter because it moves by signalling, not
    /// by fork.
    public var blockGasLimit: Int
    /// BN254 precompiles (EIP-196/197 as repriced by EIP-1108).
    public var bn254: BN254Costs
    /// BLS12-381 precompiles (EIP-2537), absent before Prague.
    public var bls12381: BLS12381Costs?
    /// ECRECOVER, KZG point evaluation and P256VERIFY.
    public var otherPrecompiles: OtherPrecompileCosts
    /// MODEXP pricing (EIP-2565, replaced by EIP-7883 in Osaka).
    public var modExp: ModExpCosts
    /// Opcode, storage, log, hashing and memory costs (Yellow Paper, EIP-2929).
    public var execution: ExecutionCosts
    /// Blob parameters (EIP-4844, EIP-7691, EIP-7892 BPO forks, EIP-7918).
    public var blobs: BlobSchedule

    /// A schedule from its parts; call ``validate()`` before trusting values that
    /// did not come from this file.
    public init(
        name: String, transaction: TransactionCosts, blockGasLimit: Int, bn254: BN254Costs,
        bls12381: BLS12381Costs?, otherPrecompiles: OtherPrecompileCosts, modExp: ModExpCosts,
        execution: ExecutionCosts, blobs: BlobSchedule
    ) {
        self.name = name; self.transaction = transaction; self.blockGasLimit = blockGasLimit
        self.bn254 = bn254; self.bls12381 = bls12381; self.otherPrecompiles = otherPrecompiles
        self.modExp = modExp; self.execution = execution; self.blobs = blobs
    }

    /// The most gas one transaction may use: the EIP-7825 cap when the fork has
    /// one, and never more than the block gas limit.
    public var maximumTransactionGas: Int {
        if let cap = transaction.gasCap { return min(cap, blockGasLimit) }
        return blockGasLimit
    }
}

/// Transaction-level costs.
public struct TransactionCosts: Equatable, Sendable, Codable {
    /// Base cost of every transaction (`G_transaction`, 21,000).
    public var intrinsicGas: Int
    /// Base cost of a contract-creating transaction (53,000).
    public var contractCreationGas: Int
    /// Calldata gas per zero byte (4, EIP-2028).
    public var zeroByteGas: Int
    /// Calldata gas per nonzero byte (16, EIP-2028).
    public var nonZeroByteGas: Int
    /// The EIP-7623 calldata floor, absent before Prague.
    public var calldataFloor: CalldataFloor?
    /// EIP-2930 access-list cost per address (2,400).
    public var accessListAddressGas: Int
    /// EIP-2930 access-list cost per storage key (1,900).
    public var accessListStorageKeyGas: Int
    /// The EIP-7825 per-transaction gas cap (2²⁴ from Osaka), absent before.
    public var gasCap: Int?

    /// Transaction costs from their parts.
    public init(
        intrinsicGas: Int, contractCreationGas: Int, zeroByteGas: Int, nonZeroByteGas: Int,
        calldataFloor: CalldataFloor?, accessListAddressGas: Int, accessListStorageKeyGas: Int, gasCap: Int?
    ) {
        self.intrinsicGas = intrinsicGas; self.contractCreationGas = contractCreationGas
        self.zeroByteGas = zeroByteGas; self.nonZeroByteGas = nonZeroByteGas
        self.calldataFloor = calldataFloor; self.accessListAddressGas = accessListAddressGas
        self.accessListStorageKeyGas = accessListStorageKeyGas; self.gasCap = gasCap
    }
}

/// EIP-7623: a transaction pays at least `floorPerToken` per calldata token, where
/// tokens = zero bytes + `tokensPerNonZeroByte` · nonzero bytes.
///
/// gasUsed = intrinsic + max(standardTokenCost·tokens + execution, floorPerToken·tokens).
/// With 4 and 10 the floor binds only when execution gas is below 6·tokens.
public struct CalldataFloor: Equatable, Sendable, Codable {
    /// `STANDARD_TOKEN_COST` (4): 4·tokens is exactly the EIP-2028 calldata cost.
    public var standardTokenCost: Int
    /// `TOTAL_COST_FLOOR_PER_TOKEN` (10).
    public var floorPerToken: Int
    /// Tokens per nonzero byte (4); a zero byte is one token.
    public var tokensPerNonZeroByte: Int

    /// A floor from its parts.
    public init(standardTokenCost: Int, floorPerToken: Int, tokensPerNonZeroByte: Int) {
        self.standardTokenCost = standardTokenCost; self.floorPerToken = floorPerToken
        self.tokensPerNonZeroByte = tokensPerNonZeroByte
    }
}

/// BN254 precompile prices.
public struct BN254Costs: Equatable, Sendable, Codable {
    /// `ECADD` (0x06): 150 since EIP-1108 (500 before).
    public var ecAdd: Int
    /// `ECMUL` (0x07): 6,000 since EIP-1108 (40,000 before).
    public var ecMul: Int
    /// `ECPAIRING` (0x08) base: 45,000 since EIP-1108 (100,000 before).
    public var pairingBase: Int
    /// `ECPAIRING` per pair: 34,000 since EIP-1108 (80,000 before).
    public var pairingPerPair: Int

    /// BN254 prices from their parts.
    public init(ecAdd: Int, ecMul: Int, pairingBase: Int, pairingPerPair: Int) {
        self.ecAdd = ecAdd; self.ecMul = ecMul; self.pairingBase = pairingBase; self.pairingPerPair = pairingPerPair
    }
}

/// BLS12-381 precompile prices (EIP-2537).
///
/// MSM with k pairs costs `k · mulCost · discount(k) / multiplier`, where discount(k)
/// is the table entry k (1-based) for k ≤ table length and the last entry (the
/// `max_discount`) beyond.
public struct BLS12381Costs: Equatable, Sendable, Codable {
    /// `G1ADD` (0x0b): 375.
    public var g1Add: Int
    /// `G2ADD` (0x0d): 600.
    public var g2Add: Int
    /// The single-multiplication cost the G1 MSM formula scales: 12,000.
    public var g1Mul: Int
    /// The single-multiplication cost the G2 MSM formula scales: 22,500.
    public var g2Mul: Int
    /// `PAIRING_CHECK` (0x0f) base: 37,700.
    public var pairingBase: Int
    /// `PAIRING_CHECK` per pair: 32,600.
    public var pairingPerPair: Int
    /// `MAP_FP_TO_G1` (0x10): 5,500.
    public var mapFpToG1: Int
    /// `MAP_FP2_TO_G2` (0x11): 23,800.
    public var mapFp2ToG2: Int
    /// The discount divisor (`multiplier` = 1,000).
    public var msmMultiplier: Int
    /// G1 MSM discounts for k = 1…128 (EIP-2537; max_discount 519).
    public var g1Discounts: [Int]
    /// G2 MSM discounts for k = 1…128 (EIP-2537; max_discount 524).
    public var g2Discounts: [Int]

    /// BLS12-381 prices from their parts.
    public init(
        g1Add: Int, g2Add: Int, g1Mul: Int, g2Mul: Int, pairingBase: Int, pairingPerPair: Int,
        mapFpToG1: Int, mapFp2ToG2: Int, msmMultiplier: Int, g1Discounts: [Int], g2Discounts: [Int]
    ) {
        self.g1Add = g1Add; self.g2Add = g2Add; self.g1Mul = g1Mul; self.g2Mul = g2Mul
        self.pairingBase = pairingBase; self.pairingPerPair = pairingPerPair
        self.mapFpToG1 = mapFpToG1; self.mapFp2ToG2 = mapFp2ToG2; self.msmMultiplier = msmMultiplier
        self.g1Discounts = g1Discounts; self.g2Discounts = g2Discounts
    }

    /// The G1 discount for k pairs (k ≥ 1): the table entry, capped at the last.
    public func g1Discount(pairs k: Int) -> Int { Self.discount(g1Discounts, k) }

    /// The G2 discount for k pairs (k ≥ 1): the table entry, capped at the last.
    public func g2Discount(pairs k: Int) -> Int { Self.discount(g2Discounts, k) }

    /// `k · g1Mul · discount(k) / multiplier`, rounded down as the EIP specifies.
    public func g1MSM(pairs k: Int) -> Int { k * g1Mul * g1Discount(pairs: k) / msmMultiplier }

    /// `k · g2Mul · discount(k) / multiplier`, rounded down as the EIP specifies.
    public func g2MSM(pairs k: Int) -> Int { k * g2Mul * g2Discount(pairs: k) / msmMultiplier }

    private static func discount(_ table: [Int], _ k: Int) -> Int {
        precondition(k >= 1 && !table.isEmpty, "an MSM has at least one pair and a validated table")
        return k <= table.count ? table[k - 1] : table[table.count - 1]
    }
}

/// The remaining fixed-price precompiles a verifier might call.
public struct OtherPrecompileCosts: Equatable, Sendable, Codable {
    /// `ECRECOVER` (0x01): 3,000.
    public var ecRecover: Int
    /// KZG `POINT_EVALUATION` (0x0a): 50,000 (EIP-4844).
    public var pointEvaluation: Int
    /// `P256VERIFY` (0x100): 6,900 from Osaka (EIP-7951), absent before.
    public var p256Verify: Int?

    /// Prices from their parts.
    public init(ecRecover: Int, pointEvaluation: Int, p256Verify: Int?) {
        self.ecRecover = ecRecover; self.pointEvaluation = pointEvaluation; self.p256Verify = p256Verify
    }
}

/// MODEXP (0x05) pricing, general enough for EIP-2565 and EIP-7883:
/// `max(minimumGas, complexity · iterations / divisor)`.
public struct ModExpCosts: Equatable, Sendable, Codable {
    /// How the multiplication complexity depends on max(base, modulus) length.
    public enum Complexity: String, Equatable, Sendable, Codable {
        /// EIP-2565: ⌈len/8⌉².
        case squaredWords
        /// EIP-7883: 16 up to 32 bytes, 2·⌈len/8⌉² above.
        case eip7883
    }
    /// The complexity formula.
    public var complexity: Complexity
    /// The lower bound on the price: 200 (EIP-2565), 500 (EIP-7883).
    public var minimumGas: Int
    /// Divisor of complexity·iterations: 3 (EIP-2565), 1 (EIP-7883 as shipped in
    /// Osaka, geth `osakaModexpGas`).
    public var divisor: Int
    /// Iterations per exponent byte beyond the first 32: 8 (EIP-2565), 16 (EIP-7883).
    public var longExponentByteMultiplier: Int

    /// MODEXP pricing from its parts.
    public init(complexity: Complexity, minimumGas: Int, divisor: Int, longExponentByteMultiplier: Int) {
        self.complexity = complexity; self.minimumGas = minimumGas; self.divisor = divisor
        self.longExponentByteMultiplier = longExponentByteMultiplier
    }

    /// The price of one call. `exponentHeadBits` is the bit length of the
    /// exponent's first min(32, exponentBytes) bytes.
    public func gas(baseBytes: Int, exponentBytes: Int, modulusBytes: Int, exponentHeadBits: Int) -> Int {
        let maxLength = max(baseBytes, modulusBytes)
        let words = (maxLength + 7) / 8
        let complexityValue: Int
        switch complexity {
        case .squaredWords: complexityValue = words * words
        case .eip7883: complexityValue = maxLength <= 32 ? 16 : 2 * words * words
        }
        var iterations: Int
        if exponentBytes <= 32 {
            iterations = max(exponentHeadBits - 1, 0)
        } else {
            iterations = longExponentByteMultiplier * (exponentBytes - 32) + max(exponentHeadBits - 1, 0)
        }
        iterations = max(iterations, 1)
        return max(minimumGas, complexityValue * iterations / divisor)
    }
}

/// Execution costs that do not change between the forks covered here.
public struct ExecutionCosts: Equatable, Sendable, Codable {
    /// `SSTORE` zero → nonzero on a clean slot (20,000, EIP-2200 `SSTORE_SET_GAS`).
    public var sstoreSet: Int
    /// `SSTORE` nonzero → other on a clean slot (2,900 = 5,000 − COLD_SLOAD_COST, EIP-2929).
    public var sstoreReset: Int
    /// Surcharge for a cold slot (2,100, EIP-2929 `COLD_SLOAD_COST`); also the cold `SLOAD`.
    public var coldSload: Int
    /// Warm storage read and warm account access (100, EIP-2929 `WARM_STORAGE_READ_COST`).
    public var warmAccess: Int
    /// Cold account access (2,600, EIP-2929 `COLD_ACCOUNT_ACCESS_COST`).
    public var coldAccountAccess: Int
    /// `LOG` base (375).
    public var logBase: Int
    /// `LOG` per topic (375).
    public var logPerTopic: Int
    /// `LOG` per data byte (8).
    public var logPerByte: Int
    /// `KECCAK256` base (30).
    public var keccakBase: Int
    /// `KECCAK256` per 32-byte word (6).
    public var keccakPerWord: Int
    /// `*COPY` base (3, `G_verylow`).
    public var copyBase: Int
    /// `*COPY` per 32-byte word (3).
    public var copyPerWord: Int
    /// Memory cost per word, the linear part of C(w) = 3·w + ⌊w²/512⌋.
    public var memoryPerWord: Int
    /// Divisor of the quadratic part of C(w) (512).
    public var memoryQuadraticDivisor: Int
    /// `MULMOD` (8, `G_mid`).
    public var mulmod: Int
    /// `ADDMOD` (8, `G_mid`).
    public var addmod: Int
    /// `G_verylow` (3): `MLOAD`, `MSTORE`, `PUSH`, `DUP`, `SWAP`, `ADD`, `SUB`, `LT`…
    public var veryLow: Int

    /// Execution costs from their parts.
    public init(
        sstoreSet: Int, sstoreReset: Int, coldSload: Int, warmAccess: Int, coldAccountAccess: Int,
        logBase: Int, logPerTopic: Int, logPerByte: Int, keccakBase: Int, keccakPerWord: Int,
        copyBase: Int, copyPerWord: Int, memoryPerWord: Int, memoryQuadraticDivisor: Int,
        mulmod: Int, addmod: Int, veryLow: Int
    ) {
        self.sstoreSet = sstoreSet; self.sstoreReset = sstoreReset; self.coldSload = coldSload
        self.warmAccess = warmAccess; self.coldAccountAccess = coldAccountAccess
        self.logBase = logBase; self.logPerTopic = logPerTopic; self.logPerByte = logPerByte
        self.keccakBase = keccakBase; self.keccakPerWord = keccakPerWord
        self.copyBase = copyBase; self.copyPerWord = copyPerWord
        self.memoryPerWord = memoryPerWord; self.memoryQuadraticDivisor = memoryQuadraticDivisor
        self.mulmod = mulmod; self.addmod = addmod; self.veryLow = veryLow
    }

    /// Total memory cost C(w) = memoryPerWord·w + ⌊w²/memoryQuadraticDivisor⌋ of
    /// `words` words; an expansion from a to b words pays C(b) − C(a).
    public func memoryCost(words: Int) -> Int {
        memoryPerWord * words + words * words / memoryQuadraticDivisor
    }
}

/// Blob parameters of one fork.
public struct BlobSchedule: Equatable, Sendable, Codable {
    /// Blob gas per blob (131,072 = 2¹⁷, EIP-4844).
    public var gasPerBlob: Int
    /// Target blobs per block.
    public var target: Int
    /// Maximum blobs per block.
    public var max: Int
    /// `BLOB_BASE_FEE_UPDATE_FRACTION` of the fork.
    public var updateFraction: Int
    /// `MIN_BASE_FEE_PER_BLOB_GAS` in wei (1).
    public var minimumBaseFee: Int
    /// Blobs one transaction may carry: 6 from Osaka (EIP-7594); before, the block maximum.
    public var maxPerTransaction: Int
    /// EIP-7918 `BLOB_BASE_COST` (2¹³ from Osaka), absent before: the blob fee is
    /// pushed up towards BLOB_BASE_COST·base_fee/gasPerBlob.
    public var reserveBaseCost: Int?
    /// Field elements per blob (4,096).
    public var fieldElementsPerBlob: Int
    /// Bytes of payload per field element with canonical packing (31: the top byte
    /// must keep the element below the BLS12-381 modulus).
    public var usableBytesPerFieldElement: Int

    /// Blob parameters from their parts.
    public init(
        gasPerBlob: Int, target: Int, max: Int, updateFraction: Int, minimumBaseFee: Int,
        maxPerTransaction: Int, reserveBaseCost: Int?, fieldElementsPerBlob: Int, usableBytesPerFieldElement: Int
    ) {
        self.gasPerBlob = gasPerBlob; self.target = target; self.max = max; self.updateFraction = updateFraction
        self.minimumBaseFee = minimumBaseFee; self.maxPerTransaction = maxPerTransaction
        self.reserveBaseCost = reserveBaseCost; self.fieldElementsPerBlob = fieldElementsPerBlob
        self.usableBytesPerFieldElement = usableBytesPerFieldElement
    }

    /// Payload bytes one blob carries (126,976 with 31-byte packing).
    public var usableBytesPerBlob: Int { fieldElementsPerBlob * usableBytesPerFieldElement }
}
