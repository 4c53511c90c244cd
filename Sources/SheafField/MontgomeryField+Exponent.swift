import CGMP

/// Square-root support: the 2-adic structure of p − 1.
public protocol TwoAdicParameters: MontgomeryParameters {
    /// s such that p − 1 = 2ˢ·t with t odd.
    static var twoAdicity: Int { get }
    /// A quadratic non-residue, as a small integer.
    static var quadraticNonResidue: UInt64 { get }
}

extension MontgomeryField {
    /// `self` raised to the power `exponent` (a little-endian limb array), by
    /// left-to-right square and multiply. Variable time in the exponent.
    @inlinable
    public func power(_ exponent: [UInt]) -> Self {
        var result = Self.one
        var started = false
        for limb in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                if started { result = result.squared() }
                if (limb >> UInt(bit)) & 1 == 1 {
                    result = started ? result * self : self
                    started = true
                }
            }
        }
        return result
    }

    /// `self` raised to a 256-bit exponent.
    @inlinable
    public func power(_ exponent: Limbs4) -> Self { power(Limbs.array(exponent)) }

    /// The multiplicative inverse, or `nil` for zero.
    ///
    /// Uses GMP's extended GCD (`mpz_invert` over read-only views of the raw
    /// limbs, about 1 µs): the inverse of a·R is a⁻¹·R⁻¹, and one Montgomery
    /// multiplication by R³ turns it into a⁻¹·R. Its running time depends on the
    /// value, like the rest of Sheaf's BN254 arithmetic (wNAF, Pippenger), which
    /// handles public data: proofs, keys, statements. For a secret value use
    /// ``constantTimeInverse()``.
    @inlinable
    public func inverse() -> Self? {
        if isZero { return nil }
        var ok: Int32 = 0
        let raw = Self.withLimbPointers(montgomeryLimbs, limbsZero4) { r, a, _, m in ok = sheaf_mod_invert4(r, a, m) }
        precondition(ok == 1, "mpz_invert failed on a nonzero element of a prime field")
        return Self(montgomeryLimbs: Self.montgomeryMultiply(raw, P.r3))
    }

    /// The multiplicative inverse in time independent of the value, or `nil` for
    /// zero (about 15 µs).
    ///
    /// Uses GMP's `mpn_sec_invert` (constant-time binary extended GCD) on the raw
    /// limbs, then the same Montgomery correction as ``inverse()``.
    @inlinable
    public func constantTimeInverse() -> Self? {
        if isZero { return nil }
        var ok: Int32 = 0
        let raw = withUnsafeTemporaryAllocation(of: UInt.self, capacity: Int(sheaf_mpn_sec_invert_itch(4))) { scratch in
            Self.withLimbPointers(montgomeryLimbs, limbsZero4) { r, a, _, m in
                // mpn_sec_invert clobbers its input; `a` is withLimbPointers' own copy.
                ok = sheaf_mpn_sec_invert(r, UnsafeMutablePointer(mutating: a), m, 4, 512, scratch.baseAddress)
            }
        }
        precondition(ok == 1, "mpn_sec_invert failed on a nonzero element of a prime field")
        return Self(montgomeryLimbs: Self.montgomeryMultiply(raw, P.r3))
    }

    /// (p − 1)/2 as limbs.
    @inlinable
    static var halfOrderMinusOne: Limbs4 { Limbs.shiftedRightOne(Limbs.subtract(P.modulus, (1, 0, 0, 0)).0) }

    /// The Legendre symbol: 1 for a nonzero square, −1 for a non-square, 0 for zero.
    @inlinable
    public var legendreSymbol: Int {
        if isZero { return 0 }
        return power(Self.halfOrderMinusOne).isOne ? 1 : -1
    }
}

extension MontgomeryField where P: TwoAdicParameters {
    /// A square root, or `nil` when none exists (Tonelli–Shanks; for p ≡ 3 mod 4,
    /// where the 2-adicity is 1, it is the single exponentiation a^((p+1)/4)).
    /// Which of the two roots is returned is unspecified.
    @inlinable
    public func squareRoot() -> Self? {
        if isZero { return self }
        let s = P.twoAdicity
        var t = Limbs.subtract(P.modulus, (1, 0, 0, 0)).0
        for _ in 0..<s { t = Limbs.shiftedRightOne(t) }
        // x = a^((t+1)/2), b = a^t; invariant x² = a·b.
        let tPlusOneHalf = Limbs.shiftedRightOne(Limbs.add(t, (1, 0, 0, 0)).0)
        var x = power(tPlusOneHalf)
        var b = power(t)
        var z = Self(P.quadraticNonResidue).power(t)
        var m = s
        while !b.isOne {
            // The least i with b^(2^i) = 1; none below m means a is not a square.
            var i = 0
            var b2 = b
            while !b2.isOne {
                b2 = b2.squared()
                i += 1
                if i == m { return nil }
            }
            var c = z
            for _ in 0..<(m - i - 1) { c = c.squared() }
            x *= c
            z = c.squared()
            b *= z
            m = i
        }
        return x
    }
}

extension MontgomeryField {
    /// A uniformly random element, by rejection sampling.
    @inlinable
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> Self {
        let topBits = P.bitWidth - 192
        let mask: UInt = topBits >= 64 ? ~0 : (1 << UInt(topBits)) - 1
        while true {
            let limbs: Limbs4 = (generator.next(), generator.next(), generator.next(), generator.next() & mask)
            if !Limbs.greaterOrEqual(limbs, P.modulus) { return Self(canonicalLimbs: limbs) }
        }
    }

    /// A uniformly random element from the system generator.
    @inlinable
    public static func random() -> Self {
        var g = SystemRandomNumberGenerator()
        return random(using: &g)
    }
}
