import SheafCurve
import SheafField
import SheafGroth16

// G2 membership inside a circuit, for points a prover supplies (a proof's B).
//
// The test is SheafCurve's (`G2SubgroupCheck.swift`, El Housni, Guillevic and
// Piellard, ePrint 2022/348 §5.1): a point Q of the twist lies in G2 exactly when
//
//     [x]Q + Q + ψ([x]Q) + ψ²([x]Q) = ψ³([2x]Q),
//
// one 63-bit multiplication by the constant x and a few Frobenius maps.
//
// Why the steps here are exception-checked, unlike the Miller loop's: the point is
// untrusted, so "T ≠ ±Q on G2" cannot be assumed. Every doubling proves y_T ≠ 0 and
// every addition proves x_T ≠ x_Q (each by an Fp2 inverse that must exist), so a
// satisfied system computed every sum by the true group law, and the equation
// then holds in the group: Q ∈ G2. A point whose walk meets an exception (a point
// of small order, say) leaves the system unsatisfiable, which rejects it; points
// of G2 never meet one, since [k]Q ≠ O, ±Q for the multiples involved.

extension CircuitBuilder {
    /// Constrains Q to lie on the twist and in G2, the order-r subgroup.
    public mutating func assertInG2(_ q: EmulatedG2Affine) {
        withNamespace("g2.subgroup") { cs in
            cs.assertOnTwist(q)
            // [x]Q, double-and-add over x's bits from the top.
            let x = BN254.x
            var xq = q
            for bit in stride(from: 62 - x.leadingZeroBitCount, through: 0, by: -1) {
                xq = cs.exceptionFreeDouble(xq)
                if (x >> UInt64(bit)) & 1 == 1 { xq = cs.exceptionFreeAdd(xq, q) }
            }
            // ψ² = −(ψ² negated); ψ³ = ψ ∘ ψ².
            let psi2XQ = cs.negate(cs.negatedTwistFrobeniusSquared(xq))
            var left = cs.exceptionFreeAdd(xq, q)
            left = cs.exceptionFreeAdd(left, cs.twistFrobenius(xq))
            left = cs.exceptionFreeAdd(left, psi2XQ)
            let right = cs.twistFrobenius(cs.negate(cs.negatedTwistFrobeniusSquared(cs.exceptionFreeDouble(xq))))
            cs.assertEqual(left.x, right.x)
            cs.assertEqual(left.y, right.y)
        }
    }

    /// 2T, with y_T ≠ 0 proven (1/y_T must exist), so the tangent slope is unique.
    mutating func exceptionFreeDouble(_ t: EmulatedG2Affine) -> EmulatedG2Affine {
        withNamespace("double") { cs in
            _ = cs.inverse(t.y)
            return cs.doubleWithLine(t).point
        }
    }

    /// T + Q, with x_T ≠ x_Q proven (1/(x_Q − x_T) must exist), so the chord slope
    /// is unique.
    mutating func exceptionFreeAdd(_ t: EmulatedG2Affine, _ q: EmulatedG2Affine) -> EmulatedG2Affine {
        withNamespace("add") { cs in
            _ = cs.inverse(cs.subtract(q.x, t.x))
            return cs.addWithLine(t, q).point
        }
    }
}
