import SheafField
import SheafGroth16

// The soundness core of emulated arithmetic: proving that a polynomial in X = 2^64
// with native coefficients vanishes over the integers, not merely modulo q.
//
// Every emulated identity (a·b = r + k·p, a − b = k·p, …) is written as
// Σ cₘ·2^(64m) = 0 where each cₘ is a native linear combination known to be the
// image of an integer in [−negativeₘ, positiveₘ]. Checking Σ cₘ·2^(64m) ≡ 0 mod q
// alone is the trap gnark fell into before v0.16: a prover can add a multiple of q
// and the check passes for a wrong result. Instead the coefficients are grouped
// and each group's carry into the next is hinted, range-checked and written into
// one native equation per group:
//
//     Gₘ + carry_in − 2^(64·len)·carry_out = 0,
//
// whose integer value is provably smaller than q in absolute value (from the
// coefficient bounds and the carries' range checks), so it is 0 over the integers,
// not just modulo q. The equations telescope to Σ cₘ·2^(64m) = 0 exactly. There is
// no random challenge and no commitment; the price is range checks on the carries.

/// A coefficient cₘ of a polynomial in X = 2^64: a native combination whose value
/// is the image of an integer in [−negative, positive].
struct BoundedCoefficient: Sendable {
    var lc: LinearCombination
    var positive: Natural
    var negative: Natural
}

extension CircuitBuilder {
    /// A group sum, a carry and its shifted product must stay below this in absolute
    /// value; three such terms stay below q ≈ 2^253.6, so no equation can wrap.
    static let carryGroupLimit = Natural.powerOfTwo(250)

    /// Proves Σ cₘ·2^(64m) = 0 over the integers. Costs one equation per group of
    /// coefficients and, for each carry of w bits (sign included), w + 1 range-check
    /// constraints. Groups are as long as the bounds allow (two product coefficients
    /// of reduced operands, more for small linear coefficients).
    mutating func assertIntegerZero(_ coefficients: [BoundedCoefficient], _ name: String) {
        let limit = Self.carryGroupLimit
        withNamespace(name) { cs in
            var carry = LinearCombination.zero
            var carryPositive = Natural.zero, carryNegative = Natural.zero
            var start = 0, group = 0
            while start < coefficients.count {
                // The longest run of coefficients whose sum, with the incoming carry,
                // stays within the limit on both sides.
                var positive = carryPositive, negative = carryNegative
                var sum = carry
                var end = start
                while end < coefficients.count {
                    let c = coefficients[end], shift = 64 * (end - start)
                    let p = positive + (c.positive << shift), n = negative + (c.negative << shift)
                    if end > start, p > limit || n > limit { break }
                    precondition(p <= limit && n <= limit, "coefficient \(end) of \(name) exceeds the carry-group limit")
                    positive = p; negative = n
                    sum = sum.adding(c.lc, scaledBy: Fr.powerOfTwoForRecursion(shift))
                    end += 1
                }
                if end == coefficients.count {
                    // The last group has no carry out: its value is 0 itself.
                    cs.enforce(sum, .one, .zero, "group[\(group)]")
                    return
                }
                // carry_out = (G + carry_in) / 2^shift exactly, in [−negOut, posOut].
                let shift = 64 * (end - start)
                let posOut = positive >> shift
                let negOut = (negative + Natural.allOnes(shift)) >> shift
                let width = cs.checkedWidth((posOut + negOut).bitWidth)
                let out: LinearCombination
                if width == 0 {
                    out = .zero
                } else {
                    let inverse = Fr.powerOfTwoForRecursion(shift).inverse()!
                    // Shifted by negOut to be non-negative: out + negOut ∈ [0, 2^width).
                    out = cs.rangeCheckedHint("carry[\(group)]", inputs: [sum], outputs: [
                        RangeCheckedOutput(label: "carry[\(group)]", bits: width, offset: negOut.fr),
                    ]) { values in [values[0] * inverse] }[0]
                }
                // The range check allows out ∈ [−negOut, 2^width − 1 − negOut]; bound
                // the equation with that range, not the honest one: a cheating prover
                // may choose any carry the check admits.
                let admittedPositive = Natural.allOnes(width).saturatingSubtract(negOut)
                let weight = Natural.powerOfTwo(shift)
                precondition(positive + weight * negOut < Natural.q && negative + weight * admittedPositive < Natural.q,
                             "carry equation \(group) of \(name) could wrap modulo q")
                cs.enforce(sum - out * Fr.powerOfTwoForRecursion(shift), .one, .zero, "group[\(group)]")
                carry = out
                carryPositive = admittedPositive
                carryNegative = negOut
                start = end
                group += 1
            }
            // No coefficients: nothing to prove.
        }
    }
}

extension MontgomeryField where P == BN254FrParameters {
    /// 2^k in Fr for any k ≥ 0 (reduced modulo q when k ≥ 254).
    static func powerOfTwoForRecursion(_ k: Int) -> Fr {
        Natural.powerOfTwo(k).fr
    }
}
