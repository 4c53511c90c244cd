import SheafField

// Bit decomposition, range checks and comparisons.

extension MontgomeryField where P == BN254FrParameters {
    /// Bit `index` (from the least significant) of the canonical value.
    @inlinable
    func bit(_ index: Int) -> Bool {
        let limbs = canonicalLimbs
        let limb: UInt
        switch index >> 6 {
        case 0: limb = limbs.0
        case 1: limb = limbs.1
        case 2: limb = limbs.2
        default: limb = limbs.3
        }
        return (limb >> UInt(index & 63)) & 1 == 1
    }

    /// 2^k as a field element, for k < 254.
    static func powerOfTwo(_ k: Int) -> Fr {
        precondition(k >= 0 && k < 254, "2^\(k) is not a reduced BN254 Fr element")
        var limbs: Limbs4 = (0, 0, 0, 0)
        switch k >> 6 {
        case 0: limbs.0 = 1 << UInt(k & 63)
        case 1: limbs.1 = 1 << UInt(k & 63)
        case 2: limbs.2 = 1 << UInt(k & 63)
        default: limbs.3 = 1 << UInt(k & 63)
        }
        return Fr(canonicalLimbs: limbs)
    }
}

extension CircuitBuilder {
    /// The largest bit width a decomposition may have and still be unique: 2²⁵³ < r,
    /// so Σ bᵢ2ⁱ over 253 bits never wraps around the modulus.
    public static let maxBits = 253

    /// Σ 2ⁱ·bitsᵢ (least significant first). Free.
    public static func recompose(_ bits: [LinearCombination]) -> LinearCombination {
        var sum = LinearCombination.zero
        for (i, bit) in bits.enumerated() { sum = sum.adding(bit, scaledBy: Fr.powerOfTwo(i)) }
        return sum
    }

    /// The `count` low bits of x, least significant first, each constrained boolean,
    /// and Σ 2ⁱbᵢ = x. Proves x < 2^count. count + 1 constraints; count ≤ 253.
    /// A witness with x ≥ 2^count fails the recomposition constraint.
    public mutating func bits(of x: LinearCombination, count: Int, _ label: String = "bits") -> [LinearCombination] {
        precondition(count >= 1 && count <= Self.maxBits, "bit decomposition width must be 1...\(Self.maxBits)")
        let v = value(of: x)
        var bits = [LinearCombination]()
        bits.reserveCapacity(count)
        for i in 0..<count { bits.append(allocateBit(v.bit(i), label + "/bit[\(i)]")) }
        enforce(Self.recompose(bits), .one, x, label + "/recompose")
        return bits
    }

    /// Constrains 0 ≤ x < 2^bits: by bit decomposition, bits + 1 constraints, or,
    /// in a builder with ``lookups``, by table lookups of c-bit chunks,
    /// ``LookupRangeChecks/constraintCount(bits:)`` constraints (about bits/c + 2).
    public mutating func assertRange(_ x: LinearCombination, bits count: Int, _ label: String = "range") {
        if lookups != nil {
            lookupRange(x, bits: count, label)
        } else {
            _ = bits(of: x, count: count, label)
        }
    }

    /// Constrains a ≤ b, given a, b < 2^bits (the caller's range checks), by showing
    /// b − a < 2^bits: were a > b, b − a would wrap to r − (a − b) ≥ r − 2^bits.
    /// bits + 1 constraints; bits ≤ 252.
    public mutating func assertLessOrEqual(_ a: LinearCombination, _ b: LinearCombination, bits count: Int,
                                           _ label: String = "lessOrEqual") {
        precondition(count < Self.maxBits, "comparison width must be below \(Self.maxBits)")
        assertRange(b - a, bits: count, label)
    }

    /// Constrains a < b, given a, b < 2^bits, as a + 1 ≤ b. bits + 1 constraints.
    public mutating func assertLessThan(_ a: LinearCombination, _ b: LinearCombination, bits count: Int,
                                        _ label: String = "lessThan") {
        assertLessOrEqual(a + .one, b, bits: count, label)
    }

    /// A bit that is 1 exactly when a < b, given a, b < 2^bits: the top bit of
    /// a + 2^bits − b (which lies in [1, 2^(bits+1))) is 0 exactly when a < b.
    /// bits + 2 constraints; bits ≤ 252.
    public mutating func lessThan(_ a: LinearCombination, _ b: LinearCombination, bits count: Int,
                                  _ label: String = "lessThan") -> LinearCombination {
        precondition(count >= 1 && count < Self.maxBits, "comparison width must be 1..<\(Self.maxBits)")
        let shifted = a - b + .constant(Fr.powerOfTwo(count))
        let bits = bits(of: shifted, count: count + 1, label)
        return .one - bits[count]
    }
}
