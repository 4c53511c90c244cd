import SheafCurve
import SheafField
import SheafGroth16

// ∏ e(Pᵢ, Qᵢ) = 1 without a final exponentiation in the circuit: a residue witness
// (Novakovic and Eagen, "On proving pairings", ePrint 2024/640).
//
// Let f be the Miller value, N = p¹² − 1, h = N/r and λ = 6x + 2 + p − p² + p³,
// a multiple of r (λ = m·r). The product is 1 iff f^h = 1. The prover supplies c
// and u with
//
//     f·u = c^λ   and   u²⁷ = 1.
//
// Sound: then f^h = c^(λh)·u^(−h) = c^(m·N)·u^(−h) = 1, because 27 divides h (N has
// exactly three factors 3, r has none), so u^h = 1. Without the check on u the
// prover could take any c and u = c^λ/f, which the tests try.
//
// Complete: Fp12* is cyclic, N = 27·N′ with 3 ∤ N′, so Fp12* = S × T with |S| = 27.
// If f^h = 1, let u be the inverse of f's component in S; then f·u lies in T and is
// an r-th power there, and since gcd(λ, N′/r) = 1, c = (f·u)^(λ⁻¹ mod N′/r)
// satisfies c^λ = f·u (`scripts/recursion/residue_constants.py` checks these
// facts and writes the two exponents).
//
// In the circuit c^λ = c^(6x+2)·φ(c)·φ²(c)⁻¹·φ³(c), so the check reads
//     (f·c^−(6x+2)) · u · φ(c⁻¹) · φ²(c) · φ³(c⁻¹) = 1,
// and f·c^−(6x+2) comes out of the Miller loop itself (c⁻¹ rides on its squarings).
// What it costs beyond the loop: c and u allocated, c⁻¹ checked, one product per
// nonzero NAF digit, three Frobenius maps, four products for u²⁷ and four for the
// final identity.

/// The residue witness of a Miller value, computed natively.
enum ResidueWitness {
    /// (c, u) with f·u = c^λ and u²⁷ = 1, or nil when f^((p¹²−1)/r) ≠ 1 (the
    /// pairing product is not 1).
    static func compute(_ f: Fp12) -> (c: Fp12, u: Fp12)? {
        guard let u = f.power(ResidueConstants.projectionToS).inverse() else { return nil }
        let c = (f * u).power(ResidueConstants.rootExponent)
        guard lambdaPower(c) == f * u else { return nil }
        return (c, u)
    }

    /// c^λ for λ = 6x + 2 + p − p² + p³, as the circuit computes it.
    static func lambdaPower(_ c: Fp12) -> Fp12 {
        guard let inverseSquareFrobenius = c.frobenius(2).inverse() else { return .zero }
        return c.power(loopExponentLimbs) * c.frobenius(1) * inverseSquareFrobenius * c.frobenius(3)
    }

    /// 6x + 2, the value of the Miller loop's NAF, as limbs.
    static let loopExponentLimbs: [UInt] = {
        var value = Natural.zero
        for digit in BN254.ateLoopNAF {
            value = value + value
            if digit == 1 { value = value + Natural(1) } else if digit == -1 { value = value - Natural(1) }
        }
        return (0..<2).map { value.word($0) }
    }()
}

extension CircuitBuilder {
    /// Constrains ∏ᵢ e(Pᵢ, Qᵢ) = 1: one multi-Miller loop and a residue check in
    /// place of the final exponentiation. The Miller loop's preconditions hold
    /// (every Qᵢ in G2; no point at infinity). When the product is not 1 no
    /// witness exists: the hint fails by name and the system is unsatisfiable.
    public mutating func assertPairingProductIsOne(_ pairs: [EmulatedPairingPair]) {
        precondition(!pairs.isEmpty, "a pairing check needs at least one pair")
        withNamespace("pairingCheck") { cs in
            // The hint reads P, Q natively (P's coordinates travel as the two halves
            // of one Fp2 input), runs SheafCurve's Miller loop and returns c and u:
            // twelve Fp2 values, range-checked to 64-bit limbs.
            let inputs = pairs.flatMap { [EmulatedFp2($0.p.x, $0.p.y), $0.q.x, $0.q.y] }
            let elements = cs.hintedTowerElement("residue", inputs, count: 12) { (v: [Fp2]) throws(HintError) -> [Fp2] in
                let native = stride(from: 0, to: v.count, by: 3).map { i in
                    (G1Affine(x: v[i].c0, y: v[i].c1), G2Prepared(G2Affine(x: v[i + 1], y: v[i + 2])))
                }
                guard let (c, u) = ResidueWitness.compute(Pairing.millerLoop(native)) else {
                    throw HintError("the pairing product is not 1: no residue witness exists")
                }
                return EmulatedFp12.coefficients(of: c) + EmulatedFp12.coefficients(of: u)
            }
            let c = EmulatedFp12(coefficients: Array(elements[0..<6]))
            let u = EmulatedFp12(coefficients: Array(elements[6..<12]))
            let one = cs.emulatedConstant(Fp12.one)
            // u²⁷ = 1: three cubings.
            cs.withNamespace("u27") { cs in
                var power = u
                for _ in 0..<3 { power = cs.multiply(cs.square(power), power) }
                cs.assertEqual(power, one)
            }
            let cInverse = cs.inverse(c)
            let loop = cs.millerLoop(pairs, residue: (c: c, inverse: cInverse))
            cs.withNamespace("residue.check") { cs in
                var product = cs.multiply(loop, u)
                product = cs.multiply(product, cs.frobenius(cInverse, 1))
                product = cs.multiply(product, cs.frobenius(c, 2))
                product = cs.multiply(product, cs.frobenius(cInverse, 3))
                cs.assertEqual(product, one)
            }
        }
    }
}
