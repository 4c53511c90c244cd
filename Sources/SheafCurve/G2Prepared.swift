import SheafField

/// The coefficients of one Miller-loop line, independent of the G1 argument.
///
/// On BN254's D-type twist a line evaluated at P = (x_P, y_P) is the sparse
/// element (yCoefficient·y_P) + (xCoefficient·x_P)·w + constant·w³ of Fp12
/// (up to a factor in a proper subfield, which the final exponentiation kills).
public struct LineCoefficients: Sendable, Hashable {
    /// Multiplied by y_P: the line's constant term in Fp12.
    public var yCoefficient: Fp2
    /// Multiplied by x_P: the coefficient of w.
    public var xCoefficient: Fp2
    /// Independent of P: the coefficient of w³.
    public var constant: Fp2
}

/// A G2 point with every Miller-loop line precomputed.
///
/// Preparing costs one Miller loop's worth of G2 arithmetic; reusing a prepared
/// point (a verifying key's γ and δ, for instance) saves that work in every
/// pairing that follows.
public struct G2Prepared: Sendable {
    /// The lines in the order the Miller loop consumes them; empty for infinity.
    public let lines: [LineCoefficients]
    /// Whether the point was the identity (its pairing with anything is 1).
    public var isInfinity: Bool { lines.isEmpty }

    /// Precomputes the lines of `q`, which must be a valid G2 point.
    public init(_ q: G2Affine) {
        guard !q.isInfinity else { lines = []; return }
        var lines = [LineCoefficients]()
        lines.reserveCapacity(90)
        var t = HomogeneousG2(x: q.x, y: q.y, z: .one)
        let negQ = -q
        for digit in BN254.ateLoopNAF.dropFirst() {
            lines.append(t.doublingStep())
            if digit == 1 {
                lines.append(t.additionStep(q))
            } else if digit == -1 {
                lines.append(t.additionStep(negQ))
            }
        }
        // Q1 = π(Q) and −Q2 = −π²(Q) on the twist: the Frobenius acts on the
        // coordinates and is scaled by γ_{k,2} (x) and γ_{k,3} (y).
        let g = FrobeniusConstants.self
        let q1 = G2Affine(x: q.x.conjugate() * g.gamma12, y: q.y.conjugate() * g.gamma13)
        let minusQ2 = G2Affine(x: q.x * g.gamma22, y: q.y) // γ_{2,3} = −1, negated
        lines.append(t.additionStep(q1))
        lines.append(t.additionStep(minusQ2))
        self.lines = lines
    }
}

/// Frobenius scalars for points on the twist.
enum FrobeniusConstants {
    static let gamma12 = Fp2(
        try! Fp(decimal: "21575463638280843010398324269430826099269044274347216827212613867836435027261"),
        try! Fp(decimal: "10307601595873709700152284273816112264069230130616436755625194854815875713954"))
    static let gamma13 = Fp2(
        try! Fp(decimal: "2821565182194536844548159561693502659359617185244120367078079554186484126554"),
        try! Fp(decimal: "3505843767911556378687030309984248845540243509899259641013678093033130930403"))
    static let gamma22 = Fp2(
        try! Fp(decimal: "21888242871839275220042445260109153167277707414472061641714758635765020556616"), .zero)
}

/// A twist point in homogeneous projective coordinates (x = X/Z, y = Y/Z), the
/// representation in which the line formulas below are cheapest.
struct HomogeneousG2 {
    var x: Fp2
    var y: Fp2
    var z: Fp2

    /// T ← 2T, returning the tangent line at T (Costello–Lange–Naehrig formulas
    /// for y² = x³ + b′): ℓ = −2YZ·y_P + 3X²·x_P·w + (3b′Z² − Y²)·w³.
    mutating func doublingStep() -> LineCoefficients {
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
        return LineCoefficients(yCoefficient: -h, xCoefficient: j.doubled() + j, constant: i)
    }

    /// T ← T + Q for affine Q, returning the chord through T and Q:
    /// ℓ = λ·y_P − θ·x_P·w + (θ·x_Q − λ·y_Q)·w³ with θ = Y − y_Q·Z, λ = X − x_Q·Z.
    mutating func additionStep(_ q: G2Affine) -> LineCoefficients {
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
        return LineCoefficients(yCoefficient: lambda, xCoefficient: -theta, constant: theta * q.x - lambda * q.y)
    }
}

extension Fp2 {
    /// Half of this element.
    @inlinable
    public func halved() -> Fp2 { Fp2(c0.halved(), c1.halved()) }
}
