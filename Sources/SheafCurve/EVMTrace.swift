// What an on-chain verifier does, step by step, without prices.
//
// The verifiers (SheafGroth16, SheafAggregation) sit below SheafGas and cannot
// import it, yet the gas figures must come from the code path that verifies rather
// than from a separate formula that could drift from it. So the recording type
// lives here, at the bottom of the curve layer: a verifier appends one `EVMStep`
// for each thing an EVM contract doing the same work would pay for (a precompile
// call with its exact input size, a hash over so many bytes, a storage write, the
// calldata it was handed), and SheafGas prices the list under a fork schedule.
// Nothing in this file knows a price. It uses the standard library only.

/// The kind of an `SSTORE`, which decides its price under EIP-2200/EIP-2929.
///
/// The price also depends on whether the slot was already touched in the
/// transaction (cold or warm); that is the `cold` flag of ``EVMStep/sstore(_:cold:)``.
public enum EVMStorageWrite: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    /// A clean slot goes from zero to nonzero (`SSTORE_SET`): recording a new
    /// verified statement.
    case set
    /// A clean nonzero slot is overwritten (`SSTORE_RESET`): updating a counter or
    /// a latest-root slot.
    case reset
    /// The slot was already written in this transaction, or the value does not
    /// change: only the warm-read charge applies.
    case dirty
}

/// An arithmetic operation that an EVM verifier performs in contract code because
/// no precompile does it: BN254 base-field and G_T (Fp12) arithmetic for an on-chain
/// SnarkPack verifier, and scalar-field (Fr) arithmetic for random linear
/// combinations.
///
/// Composite operations (Fp2, Fp6, Fp12, Miller-loop line steps) are recorded as
/// themselves so a trace stays readable; SheafGas expands them into base-field
/// operations with an explicit, documented op-count table and prices those from
/// opcode costs.
public enum EVMFieldOperation: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    /// Fp multiplication (one `MULMOD` plus operand traffic).
    case fpMul
    /// Fp addition or subtraction (one `ADDMOD` plus operand traffic).
    case fpAdd
    /// Fp inversion, done on chain with the MODEXP precompile (x^(p−2)).
    case fpInverse
    /// Fr multiplication (`MULMOD` modulo the group order r).
    case frMul
    /// Fr addition (`ADDMOD` modulo r).
    case frAdd
    /// Fr inversion with MODEXP (x^(r−2)).
    case frInverse
    /// Fp2 multiplication.
    case fp2Mul
    /// Fp2 squaring.
    case fp2Square
    /// Fp2 addition or subtraction.
    case fp2Add
    /// Fp2 multiplication by the non-residue ξ = 9 + u of the BN254 tower.
    case fp2MulByNonResidue
    /// Fp6 multiplication.
    case fp6Mul
    /// Fp6 addition or subtraction.
    case fp6Add
    /// Fp12 multiplication.
    case fp12Mul
    /// Fp12 squaring of a general element (a Miller-loop accumulator).
    case fp12Square
    /// Squaring in the cyclotomic subgroup (G_T and final-exponentiation values).
    case fp12CyclotomicSquare
    /// Multiplication of an Fp12 accumulator by a sparse Miller-loop line.
    case fp12SparseMul
    /// A Frobenius map x ↦ x^p on Fp12.
    case fp12Frobenius
    /// Fp12 inversion of a general element (the easy part of the final exponentiation).
    case fp12Inverse
    /// One doubling step of the Miller loop on the twist, with its line evaluated
    /// at the G1 point.
    case g2LineDoubling
    /// One addition step of the Miller loop on the twist, with its line evaluated
    /// at the G1 point.
    case g2LineAddition
}

/// One thing an on-chain verifier pays for, with the exact sizes that set its price.
///
/// A trace is a list of these. Counts are plain `Int`s so the type stays a
/// dependency-free value; SheafGas rejects negative counts with a typed error when
/// it prices a trace.
public enum EVMStep: Equatable, Hashable, Sendable, Codable {
    /// BN254 `ECADD` (precompile 0x06, EIP-196): two G1 points, 128 input bytes.
    case ecAdd
    /// BN254 `ECMUL` (0x07, EIP-196): a G1 point and a scalar, 96 input bytes.
    case ecMul
    /// BN254 `ECPAIRING` (0x08, EIP-197) over `pairs` (G1, G2) pairs, 192·pairs bytes.
    case ecPairing(pairs: Int)
    /// `ECRECOVER` (0x01).
    case ecRecover
    /// `MODEXP` (0x05, EIP-198) with the byte lengths of base, exponent and modulus
    /// and the bit length of the exponent's first 32 bytes, which is all that its
    /// price (EIP-2565, EIP-7883) depends on.
    case modExp(baseBytes: Int, exponentBytes: Int, modulusBytes: Int, exponentHeadBits: Int)
    /// KZG `POINT_EVALUATION` (0x0a, EIP-4844).
    case pointEvaluation
    /// `P256VERIFY` (0x100, EIP-7951).
    case p256Verify
    /// BLS12-381 `G1ADD` (EIP-2537).
    case blsG1Add
    /// BLS12-381 `G2ADD` (EIP-2537).
    case blsG2Add
    /// BLS12-381 `G1MSM` over `pairs` (point, scalar) pairs (EIP-2537); k = 1 is a
    /// plain multiplication.
    case blsG1MSM(pairs: Int)
    /// BLS12-381 `G2MSM` over `pairs` (point, scalar) pairs (EIP-2537).
    case blsG2MSM(pairs: Int)
    /// BLS12-381 `PAIRING_CHECK` over `pairs` pairs (EIP-2537).
    case blsPairing(pairs: Int)
    /// BLS12-381 `MAP_FP_TO_G1` (EIP-2537).
    case blsMapFpToG1
    /// BLS12-381 `MAP_FP2_TO_G2` (EIP-2537).
    case blsMapFp2ToG2
    /// `KECCAK256` over `bytes` bytes of memory.
    case keccak256(bytes: Int)
    /// Transaction calldata: so many zero and nonzero bytes. Priced at transaction
    /// level (EIP-2028 and the EIP-7623 floor); use ``calldata(of:)`` to count
    /// from the actual encoded bytes.
    case calldata(zeroBytes: Int, nonZeroBytes: Int)
    /// `CALLDATACOPY` (or `CODECOPY`/`MCOPY`) of `bytes` bytes into memory.
    case copy(bytes: Int)
    /// `EXTCODECOPY` of `bytes` bytes from a cold or warm account: how a verifier
    /// reads a verifying key kept as contract code (the SSTORE2 pattern).
    case externalCodeCopy(bytes: Int, cold: Bool)
    /// `SSTORE` of the given kind to a cold or warm slot.
    case sstore(EVMStorageWrite, cold: Bool)
    /// `SLOAD` of a cold or warm slot.
    case sload(cold: Bool)
    /// `LOG0`…`LOG4` with `topics` topics and `dataBytes` bytes of data.
    case log(topics: Int, dataBytes: Int)
    /// Memory grows to `words` 32-byte words in total (a high-water mark, not an
    /// increment); the meter charges only the growth beyond the previous mark.
    case memory(words: Int)
    /// The access part of a `STATICCALL`/`CALL` to another account: cold or warm
    /// (precompiles are always warm under EIP-2929).
    case staticCall(cold: Bool)
    /// `count` field operations done in contract code (no precompile exists).
    case fieldArithmetic(op: EVMFieldOperation, count: Int)
    /// A fixed amount of execution gas that is not derived from the steps above:
    /// only for explicitly sourced overheads (for example published constants of a
    /// modelled system). `source` says where the figure comes from.
    case execution(source: String, gas: Int)

    /// Calldata counted from the bytes actually sent: each zero byte and each
    /// nonzero byte, as EIP-2028 prices them.
    public static func calldata<Bytes: Sequence>(of bytes: Bytes) -> EVMStep where Bytes.Element == UInt8 {
        var zero = 0, nonZero = 0
        for byte in bytes {
            if byte == 0 { zero += 1 } else { nonZero += 1 }
        }
        return .calldata(zeroBytes: zero, nonZeroBytes: nonZero)
    }

    /// A short name of the step's kind with its sizes, for itemised reports.
    public var summary: String {
        switch self {
        case .ecAdd: return "ECADD"
        case .ecMul: return "ECMUL"
        case let .ecPairing(pairs): return "ECPAIRING \(pairs) pairs"
        case .ecRecover: return "ECRECOVER"
        case let .modExp(base, exponent, modulus, bits):
            return "MODEXP \(base)/\(exponent)/\(modulus) B, exponent \(bits) bits"
        case .pointEvaluation: return "POINT_EVALUATION"
        case .p256Verify: return "P256VERIFY"
        case .blsG1Add: return "BLS12_G1ADD"
        case .blsG2Add: return "BLS12_G2ADD"
        case let .blsG1MSM(pairs): return "BLS12_G1MSM k=\(pairs)"
        case let .blsG2MSM(pairs): return "BLS12_G2MSM k=\(pairs)"
        case let .blsPairing(pairs): return "BLS12_PAIRING_CHECK \(pairs) pairs"
        case .blsMapFpToG1: return "BLS12_MAP_FP_TO_G1"
        case .blsMapFp2ToG2: return "BLS12_MAP_FP2_TO_G2"
        case let .keccak256(bytes): return "KECCAK256 \(bytes) B"
        case let .calldata(zero, nonZero): return "calldata \(zero) zero + \(nonZero) nonzero B"
        case let .copy(bytes): return "CALLDATACOPY \(bytes) B"
        case let .externalCodeCopy(bytes, cold): return "EXTCODECOPY \(bytes) B (\(cold ? "cold" : "warm"))"
        case let .sstore(kind, cold): return "SSTORE \(kind.rawValue) (\(cold ? "cold" : "warm"))"
        case let .sload(cold): return "SLOAD (\(cold ? "cold" : "warm"))"
        case let .log(topics, bytes): return "LOG\(topics) \(bytes) B"
        case let .memory(words): return "memory to \(words) words"
        case let .staticCall(cold): return "STATICCALL (\(cold ? "cold" : "warm"))"
        case let .fieldArithmetic(op, count): return "\(count) × \(op.rawValue)"
        case let .execution(source, gas): return "\(gas) gas from \(source)"
        }
    }
}

/// One recorded step with the human label that says why the verifier took it.
public struct EVMTraceEntry: Equatable, Hashable, Sendable, Codable {
    /// Why the verifier took the step ("ρ₃·A₃", "pairing check of the batch").
    public var label: String
    /// What the step is, with the sizes that set its price.
    public var step: EVMStep

    /// An entry of a trace.
    public init(label: String, step: EVMStep) {
        self.label = label
        self.step = step
    }
}

/// The ordered steps an on-chain verifier doing the same work as a Sheaf verifier
/// would take. Record with ``record(_:label:)``; SheafGas's `GasMeter` prices it.
public struct EVMTrace: Equatable, Hashable, Sendable, Codable {
    /// The steps in the order they were recorded.
    public private(set) var steps: [EVMTraceEntry]

    /// An empty trace.
    public init() { steps = [] }

    /// A trace with the given steps, in order.
    public init(_ steps: [EVMTraceEntry]) { self.steps = steps }

    /// Appends one step.
    public mutating func record(_ step: EVMStep, label: String) {
        steps.append(EVMTraceEntry(label: label, step: step))
    }

    /// Appends the calldata step for the bytes actually sent.
    public mutating func recordCalldata<Bytes: Sequence>(_ bytes: Bytes, label: String) where Bytes.Element == UInt8 {
        record(.calldata(of: bytes), label: label)
    }

    /// Appends every step of `other`, in order (a sub-verifier's trace).
    public mutating func append(_ other: EVMTrace) {
        steps.append(contentsOf: other.steps)
    }

    /// How many steps were recorded.
    public var count: Int { steps.count }

    /// Whether nothing was recorded.
    public var isEmpty: Bool { steps.isEmpty }
}
