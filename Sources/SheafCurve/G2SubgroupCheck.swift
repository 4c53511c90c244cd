import SheafField

// G2 membership without multiplying by r.
//
// ψ = φ⁻¹ ∘ π_p ∘ φ (untwist, p-power Frobenius, twist) is an endomorphism of the
// twist E′(Fp2). On G2 it acts as multiplication by p ≡ 6x² (mod r), where x is
// the BN parameter. El Housni, Guillevic and Piellard ("Co-factor clearing and
// subgroup membership testing on pairing-friendly curves", ePrint 2022/348, §5.1)
// show that for BN curves such as BN254 a point Q of E′(Fp2) lies in G2 exactly
// when
//
//     [x + 1]Q + ψ([x]Q) + ψ²([x]Q) = ψ³([2x]Q),
//
// which costs one 63-bit scalar multiplication and a few Frobenius maps instead
// of a 254-bit one. The tests check this predicate against [r]Q = O on random
// twist points and on points with a component of each prime order dividing the
// twist's cofactor (10069 · 5864401 · 1875725156269 · a 177-bit prime).

extension BN254G2Parameters {
    /// G2 membership by the endomorphism test above (the point is assumed on
    /// the twist, which every caller checks first).
    public static func isInPrimeOrderSubgroup(_ p: G2Affine) -> Bool {
        if p.isInfinity { return true }
        let q = G2Jacobian(p)
        let xq = q.multiplied(byLimbs: (UInt(BN254.x), 0, 0, 0))
        let psiXQ = xq.psi()
        let lhs = xq + q + psiXQ + psiXQ.psi()
        let rhs = xq.doubled().psi().psi().psi()
        return lhs == rhs
    }
}

extension JacobianPoint where C == BN254G2Parameters {
    /// ψ(X, Y, Z) = (X̄·γ₁,₂, Ȳ·γ₁,₃, Z̄): the twisted Frobenius in Jacobian
    /// coordinates (conjugation is the p-power map on Fp2, and the constants
    /// carry the twist; x = X/Z² and y = Y/Z³ transform consistently).
    func psi() -> Self {
        Self(x: x.conjugate() * FrobeniusConstants.gamma12,
             y: y.conjugate() * FrobeniusConstants.gamma13,
             z: z.conjugate())
    }
}
