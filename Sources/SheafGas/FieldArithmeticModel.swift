import SheafCurve

/// Prices field arithmetic done in EVM code, where no precompile helps: G_T
/// (Fp12) arithmetic and in-contract pairings for an on-chain SnarkPack verifier,
/// and Fr arithmetic for random linear combinations.
///
/// This is a **model**, stated as two explicit tables so that every figure can be
/// checked by hand:
///
/// 1. An **op-count table** expands each composite operation into cheaper ones,
///    down to six base operations (Fp/Fr multiply, add, invert). The counts are the
///    textbook ones for the BN254 tower Fp2 = Fp[u]/(u²+1), Fp6 = Fp2[v]/(v³−ξ),
///    Fp12 = Fp6[w]/(w²−v), ξ = 9+u: Karatsuba Fp2/Fp6/Fp12 multiplication
///    (Devegili, Ó hÉigeartaigh, Scott, Dahab, "Multiplication and squaring on
///    pairing-friendly fields", 2006), Granger–Scott cyclotomic squaring (PKC 2010),
///    and the projective Miller-loop steps and sparse line multiplication of Aranha,
///    Karabina, Longa, Gebotys, López, "Faster explicit formulas for computing
///    pairings over ordinary curves" (Eurocrypt 2011).
/// 2. An **opcode table** prices each base operation from the fork's opcode costs:
///    a multiplication is one `MULMOD` with its operand traffic (two `MLOAD`s, one
///    `MSTORE`, four stack operations for addresses and the modulus); an addition is
///    one `ADDMOD` with the same traffic plus one `SUB` (subtraction computes
///    a + (p − b); the `SUB` is charged to every additive operation, a small upper
///    bound); an inversion is a warm `STATICCALL` to MODEXP computing x^(p−2), plus
///    the 6 `MSTORE`s of its 192-byte input, one `MLOAD` of the result and 8 stack
///    operations.
///
/// Loop control, jumps and function-call overhead of a real contract are not in
/// the model, so its figures are a lower bound on a hand-optimised Yul verifier.
public struct FieldArithmeticModel: Sendable {
    /// A count of the six base operations.
    public struct BaseCounts: Equatable, Sendable, Codable {
        /// Fp multiplications.
        public var fpMul = 0
        /// Fp additions and subtractions.
        public var fpAdd = 0
        /// Fp inversions.
        public var fpInverse = 0
        /// Fr multiplications.
        public var frMul = 0
        /// Fr additions.
        public var frAdd = 0
        /// Fr inversions.
        public var frInverse = 0

        /// No operations.
        public init() {}

        static func + (a: BaseCounts, b: BaseCounts) -> BaseCounts {
            var r = a
            r.fpMul += b.fpMul; r.fpAdd += b.fpAdd; r.fpInverse += b.fpInverse
            r.frMul += b.frMul; r.frAdd += b.frAdd; r.frInverse += b.frInverse
            return r
        }

        static func * (k: Int, a: BaseCounts) -> BaseCounts {
            var r = a
            r.fpMul *= k; r.fpAdd *= k; r.fpInverse *= k
            r.frMul *= k; r.frAdd *= k; r.frInverse *= k
            return r
        }
    }

    /// The op-count table: each composite operation as a list of (operation, count).
    /// Base operations are absent (they expand to themselves).
    public static let opCounts: [EVMFieldOperation: [(EVMFieldOperation, Int)]] = [
        // Fp2 = Fp[u]/(u² + 1).
        .fp2Add: [(.fpAdd, 2)],
        // Karatsuba: a0b0, a1b1, (a0+a1)(b0+b1); 2 additions in, 3 subtractions out.
        .fp2Mul: [(.fpMul, 3), (.fpAdd, 5)],
        // Complex squaring: (a0+a1)(a0−a1) and 2·a0·a1.
        .fp2Square: [(.fpMul, 2), (.fpAdd, 3)],
        // (9a0 − a1) + (9a1 + a0)u: two multiplications by the constant 9.
        .fp2MulByNonResidue: [(.fpMul, 2), (.fpAdd, 2)],
        // Fp6 = Fp2[v]/(v³ − ξ).
        .fp6Add: [(.fp2Add, 3)],
        // Karatsuba over three coefficients: 6 m̃, 15 ã, 2 multiplications by ξ.
        .fp6Mul: [(.fp2Mul, 6), (.fp2Add, 15), (.fp2MulByNonResidue, 2)],
        // Fp12 = Fp6[w]/(w² − v).
        // Karatsuba: 3 Fp6 multiplications, 5 Fp6 additions, one multiplication by v
        // (a coefficient shift and one ξ).
        .fp12Mul: [(.fp6Mul, 3), (.fp6Add, 5), (.fp2MulByNonResidue, 1)],
        // Complex squaring: 2 Fp6 multiplications, 5 Fp6 additions, two shifts by v.
        .fp12Square: [(.fp6Mul, 2), (.fp6Add, 5), (.fp2MulByNonResidue, 2)],
        // Granger–Scott: three Fp4 squarings of 3 s̃ each (9 s̃, 3 ξ, 12 ã), then six
        // outputs 3t ± 2z at 3 ã each (18 ã).
        .fp12CyclotomicSquare: [(.fp2Square, 9), (.fp2MulByNonResidue, 3), (.fp2Add, 30)],
        // Accumulator times a line with three nonzero Fp2 coefficients: 13 m̃ (Aranha et al.).
        .fp12SparseMul: [(.fp2Mul, 13), (.fp2Add, 20), (.fp2MulByNonResidue, 2)],
        // x ↦ x^p: conjugate the six Fp2 coefficients, multiply five by constants.
        .fp12Frobenius: [(.fp2Mul, 5), (.fpAdd, 6)],
        // (a0 + a1·w)⁻¹ = (a0 − a1·w)/(a0² − v·a1²), with the Fp6 inverse flattened:
        // 4 Fp6 multiplications (two norms, two products), the Fp6 inverse's
        // 9 m̃ + 3 s̃ + 3 ξ + 5 ã, one more ξ for v·a1², and the Fp2 inverse
        // (norm: 2 multiplications, 1 addition; one Fp inversion; 2 multiplications,
        // 1 negation).
        .fp12Inverse: [
            (.fp6Mul, 4), (.fp6Add, 2), (.fp2Mul, 9), (.fp2Square, 3), (.fp2MulByNonResidue, 4),
            (.fp2Add, 5), (.fpMul, 4), (.fpAdd, 2), (.fpInverse, 1),
        ],
        // Projective doubling on the twist with the line evaluated at P:
        // 3 m̃ + 6 s̃ + 8 ã + 4 m, plus one multiplication by the twist constant b′.
        .g2LineDoubling: [(.fp2Mul, 4), (.fp2Square, 6), (.fp2Add, 8), (.fpMul, 4)],
        // Mixed addition on the twist with the line evaluated at P: 11 m̃ + 2 s̃ + 8 ã + 4 m.
        .g2LineAddition: [(.fp2Mul, 11), (.fp2Square, 2), (.fp2Add, 8), (.fpMul, 4)],
    ]

    /// The schedule whose opcode and MODEXP prices apply.
    public let schedule: ForkSchedule

    /// A model pricing under `schedule`.
    public init(schedule: ForkSchedule) { self.schedule = schedule }

    /// `op` expanded to base operations through ``opCounts``.
    public static func baseCounts(of op: EVMFieldOperation) -> BaseCounts {
        var counts = BaseCounts()
        switch op {
        case .fpMul: counts.fpMul = 1
        case .fpAdd: counts.fpAdd = 1
        case .fpInverse: counts.fpInverse = 1
        case .frMul: counts.frMul = 1
        case .frAdd: counts.frAdd = 1
        case .frInverse: counts.frInverse = 1
        default:
            guard let parts = opCounts[op] else {
                preconditionFailure("op-count table has no entry for \(op)")
            }
            for (part, k) in parts { counts = counts + k * baseCounts(of: part) }
        }
        return counts
    }

    /// How many times `op` uses `part` directly or through intermediate levels
    /// (for example 18 Fp2 multiplications in an Fp12 multiplication).
    public static func count(of part: EVMFieldOperation, in op: EVMFieldOperation) -> Int {
        if op == part { return 1 }
        guard let parts = opCounts[op] else { return 0 }
        return parts.reduce(0) { $0 + $1.1 * count(of: part, in: $1.0) }
    }

    /// Gas of one base-field (or Fr) multiplication: `MULMOD` + 2 `MLOAD` +
    /// `MSTORE` + 4 stack operations.
    public var multiplicationGas: Int {
        let e = schedule.execution
        return e.mulmod + 2 * e.veryLow + e.veryLow + 4 * e.veryLow
    }

    /// Gas of one base-field (or Fr) addition or subtraction: `ADDMOD` + `SUB` +
    /// 2 `MLOAD` + `MSTORE` + 4 stack operations.
    public var additionGas: Int {
        let e = schedule.execution
        return e.addmod + e.veryLow + 2 * e.veryLow + e.veryLow + 4 * e.veryLow
    }

    /// Gas of one inversion modulo a 254-bit prime: MODEXP with 32-byte base,
    /// exponent and modulus and a 254-bit exponent (p − 2 or r − 2), a warm
    /// `STATICCALL`, 6 `MSTORE`, 1 `MLOAD` and 8 stack operations.
    public var inversionGas: Int {
        let e = schedule.execution
        let modexp = schedule.modExp.gas(baseBytes: 32, exponentBytes: 32, modulusBytes: 32, exponentHeadBits: 254)
        return modexp + e.warmAccess + (6 + 1 + 8) * e.veryLow
    }

    /// Gas of `count` operations `op`.
    public func gas(of op: EVMFieldOperation, count: Int) -> Int {
        let c = Self.baseCounts(of: op)
        let perOp = (c.fpMul + c.frMul) * multiplicationGas + (c.fpAdd + c.frAdd) * additionGas
            + (c.fpInverse + c.frInverse) * inversionGas
        return count * perOp
    }
}
