import SheafField
import SheafGroth16

// Emulated Fp operations. Linear ones (add, subtract, negate, small multiples) are
// free: they combine limbs and let them grow. The rest each make one reduction of
// a ``ProductSum``. Nothing branches on witness values, so shapes are
// deterministic; the reduction policy depends only on the limb bounds, which are
// part of the shape.

extension EmulatedFp {
    /// The widest limbs an element may have; sums reduce an operand beyond this.
    /// Far below q's 254 bits, and leaves room for 2^124 additions.
    public static let maxLimbBits = 124
    /// Multiplication reduces an operand while the two operands' limb widths add to
    /// more than this: products then have 190-bit coefficients, which fit the carry
    /// check one coefficient per group, with quotients of at most six limbs.
    public static let maxProductLimbBits = 188
}

extension CircuitBuilder {
    /// a + b, unreduced: limbs add, one bit of overflow. Free (a reduction of the
    /// wider operand first when the sum would exceed ``EmulatedFp/maxLimbBits``).
    public mutating func add(_ a: EmulatedFp, _ b: EmulatedFp) -> EmulatedFp {
        var a = a, b = b
        while max(a.limbBits, b.limbBits) + 1 > EmulatedFp.maxLimbBits {
            if a.limbBits >= b.limbBits { a = reduce(a) } else { b = reduce(b) }
        }
        return EmulatedFp(limbs: zip(a.limbs, b.limbs).map { $0 + $1 }, limbBits: max(a.limbBits, b.limbBits) + 1)
    }

    /// a − b, unreduced, as a + (padding − b) where the padding is a multiple of p
    /// whose every limb exceeds b's largest limb, so no limb goes negative. Free
    /// (up to a reduction, as for ``add(_:_:)``).
    public mutating func subtract(_ a: EmulatedFp, _ b: EmulatedFp) -> EmulatedFp {
        var a = a, b = b
        while max(a.limbBits, b.limbBits + 1) + 1 > EmulatedFp.maxLimbBits {
            if a.limbBits > b.limbBits + 1 { a = reduce(a) } else { b = reduce(b) }
        }
        let padding = Self.subtractionPadding(limbBits: b.limbBits)
        let limbs = (0..<EmulatedFp.limbCount).map { i in
            a.limbs[i] + .constant(padding[i].fr) - b.limbs[i]
        }
        return EmulatedFp(limbs: limbs, limbBits: max(a.limbBits, b.limbBits + 1) + 1)
    }

    /// −a, as 0 − a. Free.
    public mutating func negate(_ a: EmulatedFp) -> EmulatedFp {
        subtract(emulatedConstant(.zero), a)
    }

    /// c·a for a constant c, unreduced when that is free: limbs scale and grow by
    /// c's bit width (for the small constants of curve formulas, 2, 3 or 9). When even
    /// reduced limbs would grow past ``EmulatedFp/maxLimbBits`` (c ≥ 2^60), it is a
    /// multiplication by the constant element instead.
    public mutating func multiply(_ a: EmulatedFp, byConstant c: UInt64) -> EmulatedFp {
        let growth = UInt64.bitWidth - c.leadingZeroBitCount
        guard EmulatedFp.limbWidth + growth <= EmulatedFp.maxLimbBits else {
            return multiply(a, emulatedConstant(Fp(c)))
        }
        var a = a
        if a.limbBits + growth > EmulatedFp.maxLimbBits { a = reduce(a) }
        return EmulatedFp(limbs: a.limbs.map { $0 * Fr(c) }, limbBits: a.limbBits + growth)
    }

    /// Limbs pᵢ of a multiple of p with every pᵢ in [2^bits, 2^(bits+1)): the flat
    /// number Σ 2^bits·2^(64i) plus the 64-bit limbs of (−that mod p).
    static func subtractionPadding(limbBits bits: Int) -> [Natural] {
        precondition(bits >= EmulatedFp.limbWidth, "limbs are at least 64 bits wide")
        let base = Natural.powerOfTwo(bits)
        var flat = Natural.zero
        for i in 0..<EmulatedFp.limbCount { flat = flat + (base << (64 * i)) }
        let excess = flat.quotientAndRemainder(dividingBy: .p).remainder
        let complement = excess.isZero ? Natural.zero : Natural.p - excess
        return (0..<EmulatedFp.limbCount).map { base + Natural(complement.word($0)) }
    }

    /// `ifTrue` when `condition` is 1, `ifFalse` when it is 0, limb by limb.
    /// `condition` must already be constrained boolean. Four constraints.
    public mutating func select(_ condition: LinearCombination, ifTrue: EmulatedFp, ifFalse: EmulatedFp) -> EmulatedFp {
        withNamespace("fp.select") { cs in
            let limbs = (0..<EmulatedFp.limbCount).map { i in
                cs.select(condition, ifTrue: ifTrue.limbs[i], ifFalse: ifFalse.limbs[i], "limb[\(i)]")
            }
            return EmulatedFp(limbs: limbs, limbBits: max(ifTrue.limbBits, ifFalse.limbBits))
        }
    }

    /// An element congruent to `a` with 64-bit limbs (X < 2^256; not necessarily
    /// < p). About 290 constraints for one bit of overflow, almost all of them the
    /// remainder's range checks.
    public mutating func reduce(_ a: EmulatedFp) -> EmulatedFp {
        reduce(ProductSum(terms: [(a, false)]), remainder: .hinted, "fp.reduce")
    }

    /// a · b mod p, with 64-bit limbs. See `ProductSum.swift` for the check.
    public mutating func multiply(_ a: EmulatedFp, _ b: EmulatedFp) -> EmulatedFp {
        let (a, b) = operandsForProduct(a, b)
        return reduce(ProductSum(products: [(a, b, false)]), remainder: .hinted, "fp.mul")
    }

    /// a² mod p, with 64-bit limbs.
    public mutating func square(_ a: EmulatedFp) -> EmulatedFp {
        let (a, _) = operandsForProduct(a, a)
        return reduce(ProductSum(products: [(a, a, false)]), remainder: .hinted, "fp.square")
    }

    /// The operands reduced as far as ``EmulatedFp/maxProductLimbBits`` requires,
    /// the wider one first.
    mutating func operandsForProduct(_ a: EmulatedFp, _ b: EmulatedFp) -> (EmulatedFp, EmulatedFp) {
        var a = a, b = b
        while a.limbBits + b.limbBits > EmulatedFp.maxProductLimbBits {
            if a.limbBits >= b.limbBits { a = reduce(a) } else { b = reduce(b) }
        }
        return (a, b)
    }
}
