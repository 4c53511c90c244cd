import SheafCurve
import SheafField
import SheafGroth16

// Points of BN254's twist E′(Fp2): y² = x³ + b′ inside a circuit, in affine
// coordinates, with the Miller-loop steps that return their line.
//
// Why affine: in a circuit a division costs what a multiplication costs (the
// quotient is hinted and one product checks it), so the affine step — slope λ
// hinted, then x₃ = λ² − x_T − x_Q and y₃ = λ(x_T − x₃) − y_T — is cheaper than
// projective formulas, and it yields the line already normalised the way
// SheafCurve's `LineCoefficients` are: xCoefficient = −λ (multiplied by x_P/y_P)
// and constant = λ·x_T − y_T (multiplied by 1/y_P). Each output coordinate is one
// reduction of a sum of products (``ProductSum``), so a step costs four Fp2
// reductions plus the slope's check and allocation.
//
// What the slope check needs: a doubling proves 2y_T·λ ≡ 3x_T², an addition
// (x_Q − x_T)·λ ≡ y_Q − y_T. Where the left factor is 0 (y_T = 0, or x_T = x_Q)
// any λ passes, so these steps are sound only on points where that cannot happen.
// In the Miller loop it cannot for points of G2: T = [k]Q with 0 < k < r, and
// y_T = 0 would make T a 2-torsion point while x_T = x_Q would make T = ±Q, both
// impossible in a group of prime order r (SheafCurve's `G2Prepared` relies on the
// same fact). Callers must therefore establish that Q is in G2 — for a verifying
// key by its hash binding a key checked when it was registered — or mark the
// pair for the loop's own membership proof (a proof's B, a key nothing vouches
// for; `EmulatedG2Membership.swift`), which also shows that no step of the walk
// can be exceptional for any point of the twist.

/// A point of BN254's twist E′: y² = x³ + b′ over Fp2 inside a circuit, affine,
/// never the point at infinity (which has no affine coordinates; the Miller loop
/// never meets it on points of G2).
public struct EmulatedG2Affine: Sendable, Equatable {
    /// The x-coordinate.
    public let x: EmulatedFp2
    /// The y-coordinate.
    public let y: EmulatedFp2

    /// The point (x, y); ``CircuitBuilder/assertOnTwist(_:)`` checks it lies on E′.
    public init(x: EmulatedFp2, y: EmulatedFp2) {
        self.x = x
        self.y = y
    }
}

/// The line of one Miller-loop step, normalised as SheafCurve's `LineCoefficients`:
/// its value at P = (x_P, y_P) is 1 + xCoefficient·(x_P/y_P)·w + constant·(1/y_P)·w³.
public struct EmulatedLine: Sendable, Equatable {
    /// −λ, the coefficient multiplied by x_P/y_P.
    public let xCoefficient: EmulatedFp2
    /// λ·x_T − y_T, the coefficient multiplied by 1/y_P.
    public let constant: EmulatedFp2
}

/// A point P of G1 prepared for evaluating Miller-loop lines: x_P/y_P and 1/y_P
/// (see ``CircuitBuilder/prepareForLines(x:y:)``).
public struct EmulatedLinePoint: Sendable, Equatable {
    /// x_P/y_P, which multiplies a line's xCoefficient.
    public let xOverY: EmulatedFp
    /// 1/y_P, which multiplies a line's constant.
    public let yInverse: EmulatedFp
}

extension CircuitBuilder {
    /// The constant point `point`, which must not be infinity. Free.
    public func emulatedConstant(_ point: G2Affine) -> EmulatedG2Affine {
        precondition(!point.isInfinity, "the point at infinity has no affine coordinates")
        return EmulatedG2Affine(x: emulatedConstant(point.x), y: emulatedConstant(point.y))
    }

    /// A private point, its four coordinates hinted and range-checked (1,040
    /// constraints). Not checked to lie on the twist: see ``assertOnTwist(_:)``.
    public mutating func allocateEmulated(_ point: @autoclosure () -> G2Affine, _ name: String = "g2.input") -> EmulatedG2Affine {
        withNamespace(name) { cs in
            EmulatedG2Affine(x: cs.allocateEmulated(point().x, "x"), y: cs.allocateEmulated(point().y, "y"))
        }
    }

    /// The point's value under the witness so far (meaningless in shape mode).
    public func emulatedValue(of point: EmulatedG2Affine) -> G2Affine {
        G2Affine(x: emulatedValue(of: point.x), y: emulatedValue(of: point.y))
    }

    /// −P = (x, −y). Free.
    public mutating func negate(_ point: EmulatedG2Affine) -> EmulatedG2Affine {
        EmulatedG2Affine(x: point.x, y: negate(point.y))
    }

    /// Constrains y² ≡ x³ + b′: x² is reduced, then y·y − x·x² − b′ ≡ 0 is one
    /// reduction with remainder 0 per coefficient.
    public mutating func assertOnTwist(_ point: EmulatedG2Affine) {
        withNamespace("g2.onTwist") { cs in
            let xx = cs.square(point.x)
            cs.reduceFp2(products: [(point.y, point.y, false), (point.x, xx, true)],
                         terms: [(cs.emulatedConstant(BN254G2Parameters.b), true)],
                         remainder: .zero, "check")
        }
    }

    /// 2T and the tangent line at T. λ = 3x_T²/(2y_T) is hinted and checked by
    /// 2y_T·λ ≡ 3x_T² (sound for T in G2; see the top of this file).
    public mutating func doubleWithLine(_ t: EmulatedG2Affine) -> (point: EmulatedG2Affine, line: EmulatedLine) {
        withNamespace("g2.double") { cs in
            let lambda = cs.hintedFp2("slope", inputs: [t.x, t.y]) { v throws(HintError) in
                let (x, y) = (v[0], v[1])
                guard let inverse = y.doubled().inverse() else {
                    throw HintError("the tangent at a point with y = 0 is vertical")
                }
                let xx = x.squared()
                return (xx.doubled() + xx) * inverse
            }
            let twiceY = cs.scaledFp2(t.y, by: 2), thriceX = cs.scaledFp2(t.x, by: 3)
            cs.reduceFp2(products: [(twiceY, lambda, false), (t.x, thriceX, true)], terms: [],
                         remainder: .zero, "slope.check")
            return cs.stepFromSlope(lambda, t: t, otherX: t.x)
        }
    }

    /// T + Q and the line through them. λ = (y_Q − y_T)/(x_Q − x_T) is hinted and
    /// checked by (x_Q − x_T)·λ ≡ y_Q − y_T (sound when x_T ≠ x_Q, as for T = [k]Q
    /// in the Miller loop over a point of G2; see the top of this file).
    public mutating func addWithLine(_ t: EmulatedG2Affine, _ q: EmulatedG2Affine) -> (point: EmulatedG2Affine, line: EmulatedLine) {
        withNamespace("g2.add") { cs in
            let lambda = cs.chordSlope(t, q)
            return cs.stepFromSlope(lambda, t: t, otherX: q.x)
        }
    }

    /// The line through T and Q without the sum: the Miller loop's last step.
    public mutating func lineThrough(_ t: EmulatedG2Affine, _ q: EmulatedG2Affine) -> EmulatedLine {
        withNamespace("g2.line") { cs in
            let lambda = cs.chordSlope(t, q)
            return EmulatedLine(xCoefficient: cs.negate(lambda), constant: cs.lineConstant(lambda, t))
        }
    }

    /// The line through T and Q, and a proof that T + Q = S: x_T ≠ x_Q (so the
    /// checked slope λ is the chord's), then λ² − x_T − x_Q ≡ x_S and
    /// λ·(x_T − x_S) − y_T ≡ y_S, which is the chord rule's sum without
    /// allocating it. The proof's constraints go under `membershipPath`.
    mutating func lineThrough(_ t: EmulatedG2Affine, _ q: EmulatedG2Affine, provingSumIs s: EmulatedG2Affine,
                              membershipPath: String) -> EmulatedLine {
        withNamespace("g2.line") { cs in
            let lambda = cs.chordSlope(t, q)
            cs.withNamespacePath(membershipPath) { cs in
                cs.assertDistinctX(t, q)
                cs.reduceFp2(products: [(lambda, lambda, false)], terms: [(t.x, true), (q.x, true), (s.x, true)],
                             remainder: .zero, "sum.x")
                cs.reduceFp2(products: [(lambda, t.x, false), (lambda, s.x, true)], terms: [(t.y, true), (s.y, true)],
                             remainder: .zero, "sum.y")
            }
            return EmulatedLine(xCoefficient: cs.negate(lambda), constant: cs.lineConstant(lambda, t))
        }
    }

    /// x_T ≠ x_Q, proved by the inverse of x_Q − x_T (which must exist): the
    /// chord through T and Q is then not vertical and its slope is unique.
    mutating func assertDistinctX(_ t: EmulatedG2Affine, _ q: EmulatedG2Affine) {
        withNamespace("distinctX") { cs in _ = cs.inverse(cs.subtract(q.x, t.x)) }
    }

    /// ψ(Q) = (x̄·γ₁,₂, ȳ·γ₁,₃), the twisted Frobenius (multiplication by p on
    /// G2): the addend of the Miller loop's next-to-last step. Two products by
    /// constants (their reductions only).
    public mutating func twistFrobenius(_ q: EmulatedG2Affine) -> EmulatedG2Affine {
        withNamespace("g2.frobenius") { cs in
            EmulatedG2Affine(x: cs.multiply(cs.conjugate(q.x), byConstant: FrobeniusConstants.gamma12),
                             y: cs.multiply(cs.conjugate(q.y), byConstant: FrobeniusConstants.gamma13))
        }
    }

    /// −ψ²(Q) = (x·γ₂,₂, y): the addend of the Miller loop's last step. γ₂,₂ lies
    /// in Fp, so this is two reductions.
    public mutating func negatedTwistFrobeniusSquared(_ q: EmulatedG2Affine) -> EmulatedG2Affine {
        withNamespace("g2.frobenius2") { cs in
            EmulatedG2Affine(x: cs.multiply(q.x, byConstant: FrobeniusConstants.gamma22), y: q.y)
        }
    }

    /// P = (x_P, y_P) of G1 prepared for line evaluation: 1/y_P (hinted, checked
    /// by y_P·(1/y_P) ≡ 1, so y_P = 0 is unsatisfiable) and x_P/y_P. Lines are
    /// normalised by 1/y_P, which the final exponentiation removes, so each line
    /// then costs two Fp2-by-Fp products at P.
    public mutating func prepareForLines(x: EmulatedFp, y: EmulatedFp) -> EmulatedLinePoint {
        withNamespace("g1.lines") { cs in
            let yInverse = cs.inverse(y)
            return EmulatedLinePoint(xOverY: cs.multiply(x, yInverse), yInverse: yInverse)
        }
    }

    /// The line's value at P is 1 + a·w + b·w³ with a = xCoefficient·(x_P/y_P) and
    /// b = constant·(1/y_P); returns (a, b). Four Fp products.
    public mutating func evaluate(_ line: EmulatedLine, at point: EmulatedLinePoint) -> (w: EmulatedFp2, w3: EmulatedFp2) {
        withNamespace("g2.lineAt") { cs in
            let a = EmulatedFp2(cs.multiply(line.xCoefficient.c0, point.xOverY), cs.multiply(line.xCoefficient.c1, point.xOverY))
            let b = EmulatedFp2(cs.multiply(line.constant.c0, point.yInverse), cs.multiply(line.constant.c1, point.yInverse))
            return (a, b)
        }
    }

    // MARK: - Steps

    /// λ for the chord through T and Q, hinted and checked.
    private mutating func chordSlope(_ t: EmulatedG2Affine, _ q: EmulatedG2Affine) -> EmulatedFp2 {
        let lambda = hintedFp2("slope", inputs: [t.x, t.y, q.x, q.y]) { v throws(HintError) in
            guard let inverse = (v[2] - v[0]).inverse() else {
                throw HintError("the chord through two points with the same x is vertical")
            }
            return (v[3] - v[1]) * inverse
        }
        let dx = subtract(q.x, t.x)
        reduceFp2(products: [(dx, lambda, false)], terms: [(q.y, true), (t.y, false)],
                  remainder: .zero, "slope.check")
        return lambda
    }

    /// From a checked slope: the line (−λ, c = λ·x_T − y_T), x₃ = λ² − x_T − x_other
    /// and y₃ = λ·(x_T − x₃) − y_T = c − λ·x₃. Three Fp2 reductions.
    private mutating func stepFromSlope(_ lambda: EmulatedFp2, t: EmulatedG2Affine, otherX: EmulatedFp2)
        -> (point: EmulatedG2Affine, line: EmulatedLine) {
        let c = lineConstant(lambda, t)
        let x3 = reduceFp2(products: [(lambda, lambda, false)], terms: [(t.x, true), (otherX, true)],
                           remainder: .hinted, "x")
        let y3 = reduceFp2(products: [(lambda, x3, true)], terms: [(c, false)], remainder: .hinted, "y")
        return (EmulatedG2Affine(x: x3, y: y3), EmulatedLine(xCoefficient: negate(lambda), constant: c))
    }

    /// λ·x_T − y_T, one Fp2 reduction.
    private mutating func lineConstant(_ lambda: EmulatedFp2, _ t: EmulatedG2Affine) -> EmulatedFp2 {
        reduceFp2(products: [(lambda, t.x, false)], terms: [(t.y, true)], remainder: .hinted, "line")
    }

    // MARK: - Fp2 sums of products

    /// What an Fp2 sum reduces to: a new hinted element, or 0 (an assertion).
    enum Fp2Remainder { case hinted, zero }

    /// Σ ±aₜ·bₜ + Σ ±eₛ over Fp2, each coefficient reduced once:
    /// (a₀ + a₁u)(b₀ + b₁u) = (a₀b₀ − a₁b₁) + (a₀b₁ + a₁b₀)u. With `.zero` the sum
    /// is asserted ≡ 0 and the returned element is that constant.
    @discardableResult
    mutating func reduceFp2(products: [(EmulatedFp2, EmulatedFp2, Bool)], terms: [(EmulatedFp2, Bool)],
                            remainder: Fp2Remainder, _ name: String) -> EmulatedFp2 {
        var real = ProductSum(), imaginary = ProductSum()
        for (a, b, negated) in products {
            let (a0, b0) = operandsForProduct(a.c0, b.c0)
            let (a1, b1) = operandsForProduct(a.c1, b.c1)
            let (a0i, b1i) = operandsForProduct(a0, b1)
            let (a1i, b0i) = operandsForProduct(a1, b0)
            real.products += [(a0, b0, negated), (a1, b1, !negated)]
            imaginary.products += [(a0i, b1i, negated), (a1i, b0i, negated)]
        }
        for (e, negated) in terms {
            real.terms.append((e.c0, negated))
            imaginary.terms.append((e.c1, negated))
        }
        let zero = emulatedConstant(Fp.zero)
        let r: Remainder = remainder == .zero ? .fixed(zero) : .hinted
        let c0 = reduce(real, remainder: r, "\(name).c0")
        let c1 = reduce(imaginary, remainder: r, "\(name).c1")
        return EmulatedFp2(c0, c1)
    }

    /// c·a for a small constant c, unreduced. Free.
    mutating func scaledFp2(_ a: EmulatedFp2, by c: UInt64) -> EmulatedFp2 {
        EmulatedFp2(multiply(a.c0, byConstant: c), multiply(a.c1, byConstant: c))
    }

    /// An Fp2 element computed natively from `inputs` by a named hint, its limbs
    /// range-checked to 64 bits (520 constraints).
    mutating func hintedFp2(_ name: String, inputs: [EmulatedFp2],
                            _ compute: ([Fp2]) throws(HintError) -> Fp2) -> EmulatedFp2 {
        hintedTowerElement(name, inputs, count: 1) { (values: [Fp2]) throws(HintError) -> [Fp2] in [try compute(values)] }[0]
    }
}
