import SheafField

/// The coefficients of one Miller-loop line, normalised and independent of the
/// G1 argument.
///
/// On BN254's D-type twist the line through twist points T and Q (or the tangent
/// at T), evaluated at P = (x_P, y_P), is y_P − λ·x_P·w + (λ·x_T − y_T)·w³ up to a
/// factor in Fp2, where λ is the slope on the twist. Dividing by y_P (also in a
/// proper subfield, so the final exponentiation removes it) gives the normalised
/// value 1 + xCoefficient·(x_P/y_P)·w + constant·(1/y_P)·w³, whose product with
/// the Miller accumulator costs 10 Fp2 multiplications instead of 13. A vertical
/// line (x_T = x_Q: never met by points of G2, since [6x + 2]Q + π(Q) − π²(Q) =
/// −π³(Q) ≠ ±Q) lies in Fp6·w and is also removed by the final exponentiation:
/// it is stored as the identity line (both zero).
public struct LineCoefficients: Sendable, Hashable {
    /// Multiplied by x_P/y_P: the coefficient of w (−λ).
    public var xCoefficient: Fp2
    /// Multiplied by 1/y_P: the coefficient of w³ (λ·x_T − y_T).
    public var constant: Fp2

    /// The line that multiplies by 1, standing in for vertical lines.
    public static let identity = LineCoefficients(xCoefficient: .zero, constant: .zero)
}

/// A G2 point with every Miller-loop line precomputed.
///
/// Preparing costs one Miller loop's worth of G2 arithmetic; reusing a prepared
/// point (a verifying key's γ and δ, for instance) saves that work in every
/// pairing that follows. Many points are prepared together by
/// ``prepareAll(_:)``, which walks them in affine coordinates and shares one
/// inversion per loop step across all of them.
public struct G2Prepared: Sendable {
    /// The lines in the order the Miller loop consumes them; empty for infinity.
    public let lines: [LineCoefficients]
    /// Whether the point was the identity (its pairing with anything is 1).
    public var isInfinity: Bool { lines.isEmpty }

    /// The number of lines of every non-identity point: one doubling per digit of
    /// 6x + 2 after the first, one addition per nonzero digit, and the two
    /// Frobenius additions.
    public static let lineCount = BN254.ateLoopNAF.dropFirst().reduce(2) { $0 + ($1 == 0 ? 1 : 2) }

    @usableFromInline
    init(lines: [LineCoefficients]) { self.lines = lines }

    /// Precomputes the lines of `q`, which must be a valid G2 point, in
    /// homogeneous projective coordinates, then normalises all of them with one
    /// shared inversion.
    public init(_ q: G2Affine) {
        guard !q.isInfinity else { lines = []; return }
        var raw = [(y: Fp2, x: Fp2, c: Fp2)]()
        raw.reserveCapacity(G2Prepared.lineCount)
        var t = HomogeneousG2(x: q.x, y: q.y, z: .one)
        let negQ = -q
        for digit in BN254.ateLoopNAF.dropFirst() {
            raw.append(t.doublingStep())
            if digit == 1 {
                raw.append(t.additionStep(q))
            } else if digit == -1 {
                raw.append(t.additionStep(negQ))
            }
        }
        let (q1, minusQ2) = G2Prepared.frobeniusPoints(q)
        raw.append(t.additionStep(q1))
        raw.append(t.additionStep(minusQ2))
        var inverses = raw.map(\.y)
        Fp2.batchInvert(&inverses)
        lines = zip(raw, inverses).map { line, inverse in
            inverse.isZero ? .identity : LineCoefficients(xCoefficient: line.x * inverse, constant: line.c * inverse)
        }
    }

    /// π(Q) and −π²(Q) on the twist: the Frobenius acts on the coordinates and is
    /// scaled by γ_{k,2} (x) and γ_{k,3} (y); γ_{2,3} = −1, so −π²(Q) keeps y.
    static func frobeniusPoints(_ q: G2Affine) -> (G2Affine, G2Affine) {
        let g = FrobeniusConstants.self
        return (G2Affine(x: q.x.conjugate() * g.gamma12, y: q.y.conjugate() * g.gamma13),
                G2Affine(x: q.x * g.gamma22, y: q.y))
    }

    /// Prepares many points at once, identical to preparing each on its own.
    ///
    /// The points walk the loop together in affine coordinates: each step needs
    /// one denominator per point (2y_T for a doubling, x_Q − x_T for an
    /// addition), and all of them are inverted with one inversion (Montgomery's
    /// trick, three multiplications a point). An affine step then costs about
    /// 6 Fp2 multiplications and yields the normalised line directly, against
    /// about 10 and a normalisation in projective coordinates. A point whose walk
    /// meets a zero denominator (impossible for points of G2, possible for other
    /// twist points) is prepared on its own instead.
    public static func prepareAll(_ points: [G2Affine]) -> [G2Prepared] {
        let active = points.indices.filter { !points[$0].isInfinity }
        let count = active.count
        guard count > 1 else { return points.map(G2Prepared.init) }
        var tx = active.map { points[$0].x }, ty = active.map { points[$0].y }
        let base = active.map { points[$0] }
        let negatedBase = base.map { -$0 }
        let frobenius = base.map(frobeniusPoints)
        var lines = [[LineCoefficients]](repeating: [], count: count)
        for i in 0..<count { lines[i].reserveCapacity(lineCount) }
        var fallback = [Bool](repeating: false, count: count)
        var denominators = [Fp2](repeating: .zero, count: count)

        func double() {
            for i in 0..<count { denominators[i] = fallback[i] ? .one : ty[i].doubled() }
            Fp2.batchInvert(&denominators)
            for i in 0..<count where !fallback[i] {
                guard !denominators[i].isZero else { fallback[i] = true; continue }
                let x = tx[i], y = ty[i]
                let xx = x.squared()
                let lambda = (xx.doubled() + xx) * denominators[i]
                let x3 = lambda.squared() - x.doubled()
                ty[i] = lambda * (x - x3) - y
                tx[i] = x3
                lines[i].append(LineCoefficients(xCoefficient: -lambda, constant: lambda * x - y))
            }
        }
        func add(_ q: (Int) -> G2Affine, last: Bool) {
            for i in 0..<count { denominators[i] = fallback[i] ? .one : q(i).x - tx[i] }
            Fp2.batchInvert(&denominators)
            for i in 0..<count where !fallback[i] {
                guard !denominators[i].isZero else {
                    // Vertical or T = Q: impossible in G2; the projective path
                    // gives such points the same lines.
                    fallback[i] = true
                    continue
                }
                let x = tx[i], y = ty[i], qi = q(i)
                let lambda = (qi.y - y) * denominators[i]
                lines[i].append(LineCoefficients(xCoefficient: -lambda, constant: lambda * x - y))
                if last { continue }
                let x3 = lambda.squared() - x - qi.x
                ty[i] = lambda * (x - x3) - y
                tx[i] = x3
            }
        }
        for digit in BN254.ateLoopNAF.dropFirst() {
            double()
            if digit == 1 {
                add({ base[$0] }, last: false)
            } else if digit == -1 {
                add({ negatedBase[$0] }, last: false)
            }
        }
        add({ frobenius[$0].0 }, last: false)
        add({ frobenius[$0].1 }, last: true)

        var result = [G2Prepared](repeating: G2Prepared(lines: []), count: points.count)
        for (slot, index) in active.enumerated() {
            result[index] = fallback[slot] ? G2Prepared(points[index]) : G2Prepared(lines: lines[slot])
        }
        return result
    }
}

/// Frobenius scalars for points on the twist: ξ^((p−1)/3), ξ^((p−1)/2) and
/// ξ^((p²−1)/3) for ξ = 9 + u. The twisted Frobenius ψ maps (x, y) to
/// (x̄·γ₁,₂, ȳ·γ₁,₃) and acts on G2 as multiplication by p; ψ² maps (x, y) to
/// (x·γ₂,₂, −y) (γ₂,₃ = −1). Public so that circuits emulating the Miller loop
/// use the same constants.
public enum FrobeniusConstants {
    /// γ₁,₂ = ξ^((p−1)/3), the x-scalar of ψ.
    public static let gamma12 = Fp2(
        try! Fp(decimal: "21575463638280843010398324269430826099269044274347216827212613867836435027261"),
        try! Fp(decimal: "10307601595873709700152284273816112264069230130616436755625194854815875713954"))
    /// γ₁,₃ = ξ^((p−1)/2), the y-scalar of ψ.
    public static let gamma13 = Fp2(
        try! Fp(decimal: "2821565182194536844548159561693502659359617185244120367078079554186484126554"),
        try! Fp(decimal: "3505843767911556378687030309984248845540243509899259641013678093033130930403"))
    /// γ₂,₂ = ξ^((p²−1)/3) (in Fp), the x-scalar of ψ².
    public static let gamma22 = Fp2(
        try! Fp(decimal: "21888242871839275220042445260109153167277707414472061641714758635765020556616"), .zero)
}

/// A twist point in homogeneous projective coordinates (x = X/Z, y = Y/Z), the
/// representation in which the line formulas below are cheapest.
struct HomogeneousG2 {
    var x: Fp2
    var y: Fp2
    var z: Fp2

    /// T ← 2T, returning the tangent line at T (Costello–Lange–Naehrig formulas
    /// for y² = x³ + b′) as the coefficients of y_P, x_P·w and w³:
    /// ℓ = −2YZ·y_P + 3X²·x_P·w + (3b′Z² − Y²)·w³.
    mutating func doublingStep() -> (y: Fp2, x: Fp2, c: Fp2) {
        let a = (x * y).halved()
        let b = y.squared()
        let c = z.squared()
        let e = BN254G2Parameters.b * (c.doubled() + c)
        let f = e.doubled() + e
        let g = (b + f).halved()
        let h = (y + z).squared() - (b + c)
        let i = e - b
        let j = x.squared()
        let e2 = e.squared()
        x = a * (b - f)
        y = g.squared() - (e2.doubled() + e2)
        z = b * h
        return (y: -h, x: j.doubled() + j, c: i)
    }

    /// T ← T + Q for affine Q, returning the chord through T and Q:
    /// ℓ = λ·y_P − θ·x_P·w + (θ·x_Q − λ·y_Q)·w³ with θ = Y − y_Q·Z, λ = X − x_Q·Z.
    mutating func additionStep(_ q: G2Affine) -> (y: Fp2, x: Fp2, c: Fp2) {
        let theta = y - q.y * z
        let lambda = x - q.x * z
        let c = theta.squared()
        let d = lambda.squared()
        let e = lambda * d
        let f = z * c
        let g = x * d
        let h = e + f - g.doubled()
        x = lambda * h
        y = theta * (g - h) - y * e
        z = z * e
        return (y: lambda, x: -theta, c: theta * q.x - lambda * q.y)
    }
}

extension Fp2 {
    /// Half of this element.
    @inlinable
    public func halved() -> Fp2 { Fp2(c0.halved(), c1.halved()) }
}
