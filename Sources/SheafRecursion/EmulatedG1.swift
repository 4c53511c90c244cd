import SheafField
import SheafGroth16

/// An affine point (x, y) of BN254's G1, y² = x³ + 3 over Fp, inside a circuit over
/// Fr. There is no point at infinity in this form: gadgets that can produce it
/// (scalar multiplication) return a separate flag.
///
/// G1 has prime order q (cofactor 1), so every point on the curve is in G1 and none
/// has y = 0 (that would be a point of order 2). The formulas are the affine chord
/// and tangent, with the slope hinted or divided and checked by one reduction.
public struct EmulatedG1Affine: Sendable, Equatable {
    /// The x-coordinate.
    public let x: EmulatedFp
    /// The y-coordinate.
    public let y: EmulatedFp

    /// The point (x, y); nothing is checked (see ``CircuitBuilder/assertOnCurve(_:)``).
    public init(x: EmulatedFp, y: EmulatedFp) {
        self.x = x
        self.y = y
    }
}

/// Native affine G1 arithmetic on Fp coordinates, for the constants of scalar
/// multiplication (SheafRecursion does not depend on SheafCurve).
enum NativeG1 {
    /// The curve constant b = 3.
    static let b = Fp(3)

    /// 2·(x, y) by the tangent rule; y ≠ 0 for every point of G1.
    static func double(_ p: (x: Fp, y: Fp)) -> (x: Fp, y: Fp) {
        let slope = Fp(3) * p.x * p.x * (p.y + p.y).inverse()!
        let x = slope * slope - p.x - p.x
        return (x, slope * (p.x - x) - p.y)
    }

    /// The offset point A that scalar multiplication starts from: the curve point
    /// with the smallest x ≥ 2^64·0x5368656166 ("Sheaf"), and the smaller of its two
    /// y. Nobody knows its discrete logarithm to any point, which is all the
    /// offset needs (see ``CircuitBuilder/multiply(_:by:bits:)``).
    static let offset: (x: Fp, y: Fp) = {
        var x = (Natural(0x5368_6561_66) << 64).fp
        while true {
            if let y = (x * x * x + b).squareRoot() {
                let other = -y
                return Natural(y) < Natural(other) ? (x, y) : (x, other)
            }
            x += .one
        }
    }()

    /// P + Q by the chord rule, for points with different x.
    static func add(_ p: (x: Fp, y: Fp), _ q: (x: Fp, y: Fp)) -> (x: Fp, y: Fp) {
        let slope = (q.y - p.y) * (q.x - p.x).inverse()!
        let x = slope * slope - p.x - q.x
        return (x, slope * (p.x - x) - p.y)
    }
}

extension CircuitBuilder {
    /// The constant point (x, y). Free; the caller vouches that it is on the curve.
    public func emulatedG1Constant(x: Fp, y: Fp) -> EmulatedG1Affine {
        EmulatedG1Affine(x: emulatedConstant(x), y: emulatedConstant(y))
    }

    /// A private point, its coordinates hinted and range-checked and the curve
    /// equation asserted (about 2,000 constraints).
    public mutating func allocateEmulatedG1(x: @autoclosure () -> Fp, y: @autoclosure () -> Fp,
                                            _ name: String = "g1.input") -> EmulatedG1Affine {
        withNamespace(name) { cs in
            let point = EmulatedG1Affine(x: cs.allocateEmulated(x(), "x"), y: cs.allocateEmulated(y(), "y"))
            cs.assertOnCurve(point)
            return point
        }
    }

    /// The point's coordinates under the witness so far (0 in shape mode).
    public func emulatedValue(of point: EmulatedG1Affine) -> (x: Fp, y: Fp) {
        (emulatedValue(of: point.x), emulatedValue(of: point.y))
    }

    /// Constrains y² ≡ x³ + 3: x² is one reduction, then y² − x²·x − 3 ≡ 0 is
    /// another, with a fixed remainder.
    public mutating func assertOnCurve(_ point: EmulatedG1Affine) {
        withNamespace("g1.onCurve") { cs in
            let xSquared = cs.square(point.x)
            let (x2, x) = cs.operandsForProduct(xSquared, point.x)
            let (y, yy) = cs.operandsForProduct(point.y, point.y)
            let sum = ProductSum(products: [(y, yy, false), (x2, x, true)],
                                 terms: [(cs.emulatedConstant(NativeG1.b), true)])
            _ = cs.reduce(sum, remainder: .fixed(cs.emulatedConstant(.zero)), "equation")
        }
    }

    /// −P = (x, −y). Free.
    public mutating func negate(_ point: EmulatedG1Affine) -> EmulatedG1Affine {
        EmulatedG1Affine(x: point.x, y: negate(point.y))
    }

    /// P + Q for points with different x (so neither P = Q nor P = −Q): the slope
    /// λ = (y_Q − y_P)/(x_Q − x_P) by a checked division, which refuses x_Q ≡ x_P
    /// (the circuit is then unsatisfiable, never wrong), then x = λ² − x_P − x_Q and
    /// y = λ(x_P − x) − y_P, one reduction each.
    public mutating func addDistinct(_ p: EmulatedG1Affine, _ q: EmulatedG1Affine) -> EmulatedG1Affine {
        withNamespace("g1.add") { cs in
            let slope = cs.divide(cs.subtract(q.y, p.y), cs.subtract(q.x, p.x))
            return cs.chordOrTangentResult(slope: slope, p, otherX: q.x)
        }
    }

    /// 2P for a point on the curve: the slope λ is hinted and checked by
    /// λ·2y ≡ 3x² (one reduction with a fixed remainder), which fixes λ because
    /// y ≢ 0 on the curve; then x = λ² − 2x_P and y = λ(x_P − x) − y_P.
    ///
    /// - Precondition (not checked here): P is on the curve, as every allocated
    ///   point and every output of these gadgets is. Off the curve, a point with
    ///   y ≡ 0 and x ≡ 0 would let any λ pass.
    public mutating func double(_ p: EmulatedG1Affine) -> EmulatedG1Affine {
        withNamespace("g1.double") { cs in
            let slope = cs.hintedElement("slope", inputs: p.x.limbs + p.y.limbs) { values throws(HintError) in
                let x = EmulatedFp.integer(fromLimbValues: values[0..<4]).fp
                let y = EmulatedFp.integer(fromLimbValues: values[4..<8]).fp
                guard let inverse = (y + y).inverse() else { throw HintError("a point with y = 0 has no tangent slope") }
                return EmulatedFp.limbValues(of: Natural(Fp(3) * x * x * inverse))
            }
            let (l, twiceY) = cs.operandsForProduct(slope, cs.multiply(p.y, byConstant: 2))
            let (threeX, x) = cs.operandsForProduct(cs.multiply(p.x, byConstant: 3), p.x)
            _ = cs.reduce(ProductSum(products: [(l, twiceY, false), (threeX, x, true)]),
                          remainder: .fixed(cs.emulatedConstant(.zero)), "check")
            return cs.chordOrTangentResult(slope: slope, p, otherX: p.x)
        }
    }

    /// The third intersection's reflection for a line of slope λ through P meeting
    /// the curve again at x-coordinate `otherX`: x = λ² − x_P − otherX and
    /// y = λ(x_P − x) − y_P, each one reduction.
    mutating func chordOrTangentResult(slope: EmulatedFp, _ p: EmulatedG1Affine, otherX: EmulatedFp) -> EmulatedG1Affine {
        let x = reduce(ProductSum(products: [(slope, slope, false)], terms: [(p.x, true), (otherX, true)]),
                       remainder: .hinted, "x")
        let (l, difference) = operandsForProduct(slope, subtract(p.x, x))
        let y = reduce(ProductSum(products: [(l, difference, false)], terms: [(p.y, true)]), remainder: .hinted, "y")
        return EmulatedG1Affine(x: x, y: y)
    }

    /// `ifTrue` when `condition` is 1, else `ifFalse`; `condition` must be boolean.
    /// Eight constraints.
    public mutating func select(_ condition: LinearCombination, ifTrue: EmulatedG1Affine,
                                ifFalse: EmulatedG1Affine) -> EmulatedG1Affine {
        EmulatedG1Affine(x: select(condition, ifTrue: ifTrue.x, ifFalse: ifFalse.x),
                         y: select(condition, ifTrue: ifTrue.y, ifFalse: ifFalse.y))
    }

    /// s·P for a native scalar s (an Fr linear combination) and a point P, which is
    /// asserted to be on the curve. Returns the point and a boolean `isInfinity`,
    /// 1 exactly when s ≡ 0 (mod q) and s·P is the point at infinity; then the
    /// returned coordinates are a fixed dummy point, not a point of the result.
    ///
    /// How: s is decomposed into `bits` bits in the circuit and read in 2-bit
    /// digits d, most significant first. A table T[d] = A + d·P (d = 0…3, three
    /// additions) is built once, where A is an offset point with no known relation
    /// to any point (see `NativeG1.offset`). Then acc = A and, per digit,
    /// acc = 4·acc + T[d] (two doublings, one addition, a 4-way selection), which
    /// ends at K + s·P for the constant K that the same steps give for s = 0;
    /// subtracting K gives s·P. Every addition has a finite operand on both sides
    /// (the offset keeps the accumulator away from infinity), so the affine
    /// formulas apply without branches; every addition is a checked division, so
    /// an x collision (only possible for P with a known logarithm relative to A)
    /// makes the circuit unsatisfiable rather than wrong. For s ≡ 0 the final
    /// subtraction would be K − K; instead 2K is substituted for the accumulator
    /// there, and the flag reports infinity.
    ///
    /// 2-bit digits cost two doublings and one addition per two bits instead of two
    /// of each: 962,292 constraints for 254 bits (about 3,790 per bit), against
    /// 1,329,804 measured for bit-by-bit double-and-add. Scalars of 254 bits cover all of Fr; a decomposition of s + q (also
    /// below 2^254 when s is small) gives the same point, since P has order q.
    ///
    /// - Precondition: 1 ≤ bits ≤ 254; s < 2^bits for the honest witness.
    public mutating func multiply(_ p: EmulatedG1Affine, by s: LinearCombination, bits: Int = 254)
        -> (point: EmulatedG1Affine, isInfinity: LinearCombination) {
        precondition(bits >= 1 && bits <= 254, "a G1 scalar has 1...254 bits")
        return withNamespace("g1.scalarMul") { cs in
            cs.assertOnCurve(p)
            // The bits of s: allocated boolean, recomposed to s modulo q (254 bits
            // can exceed q, which the note above allows). An odd width gets a zero
            // top bit to complete the last digit.
            let value = Natural(cs.value(of: s))
            var scalarBits = (0..<bits).map { i in
                cs.allocateBit(value.word(i / 64) >> UInt(i % 64) & 1 == 1, "scalar/bit[\(i)]")
            }
            cs.enforce(CircuitBuilder.recompose(scalarBits), .one, s, "scalar/recompose")
            if bits % 2 == 1 { scalarBits.append(.zero) }
            let isInfinity = cs.isZero(s, "scalar/isZero")

            let a = NativeG1.offset
            let offset = cs.emulatedG1Constant(x: a.x, y: a.y)
            let table = cs.withNamespace("table") { cs in
                var entries = [offset]
                for d in 1...3 { entries.append(cs.withNamespace("T[\(d)]") { $0.addDistinct(entries[d - 1], p) }) }
                return entries
            }
            var accumulator = offset
            var constant = a  // the accumulator for s = 0, natively
            for digit in (0..<(scalarBits.count / 2)).reversed() {
                let (low, high) = (scalarBits[2 * digit], scalarBits[2 * digit + 1])
                accumulator = cs.withNamespace("digit[\(digit)]") { cs in
                    let quadrupled = cs.double(cs.double(accumulator))
                    let entry = cs.select(high, ifTrue: cs.select(low, ifTrue: table[3], ifFalse: table[2]),
                                          ifFalse: cs.select(low, ifTrue: table[1], ifFalse: table[0]))
                    return cs.addDistinct(quadrupled, entry)
                }
                constant = NativeG1.add(NativeG1.double(NativeG1.double(constant)), a)
            }
            let dummy = NativeG1.double(constant)
            let last = cs.select(isInfinity, ifTrue: cs.emulatedG1Constant(x: dummy.x, y: dummy.y), ifFalse: accumulator)
            let point = cs.withNamespace("unoffset") { cs in
                cs.addDistinct(last, cs.emulatedG1Constant(x: constant.x, y: -constant.y))
            }
            return (point, isInfinity)
        }
    }
}
