import SheafField

// Endomorphism-accelerated scalar multiplication, part 2: four-dimensional GLS
// on G2.
//
// Galbraith, Lin and Scott ("Endomorphisms for faster elliptic curve
// cryptography on a large class of curves", EUROCRYPT 2009; ePrint 2008/194)
// use ψ = φ⁻¹ ∘ π_p ∘ φ (untwist, p-power Frobenius, twist) on the twist E′(Fp2).
// On the order-r subgroup G2, ψ acts as multiplication by μ = p mod r = 6x²,
// and μ⁴ − μ² + 1 ≡ 0 (mod r) (μ is a primitive 12th root of unity), so ψ
// generates a rank-4 ℤ-module of endomorphisms: k is written as
// k ≡ k₀ + k₁μ + k₂μ² + k₃μ³ (mod r) with |kᵢ| ≈ r^¼ ≈ 2⁶⁴, and
// [k]Q = [k₀]Q + [k₁]ψ(Q) + [k₂]ψ²(Q) + [k₃]ψ³(Q) costs about 64 doublings
// instead of 254. The decomposition is the Babai rounding of `GLV.swift`.
//
// ψ acts as [μ] *only* on G2: the twist has a large cofactor, and on its other
// components ψ has other eigenvalues. The method is therefore valid only for
// points of the order-r subgroup; see ``JacobianPoint/multipliedGLS(by:)``.

/// The four-dimensional GLS decomposition for G2 (Galbraith–Lin–Scott 2009).
public enum GLS {
    /// μ = p mod r = 6x²: ψ(Q) = [μ]Q for Q in G2.
    public static let mu = try! Fr(decimal: "147946756881789318990833708069417712966")

    /// The decomposition k ≡ k₀ + k₁μ + k₂μ² + k₃μ³ (mod r), |kᵢ| < 2⁶⁵.
    ///
    /// Basis (LLL-reduced, written in terms of the BN parameter x):
    ///
    ///     b₀ = (x + 1,   x,      x,      −2x)
    ///     b₁ = (2x + 1,  −x,     −x − 1, −x)
    ///     b₂ = (2x,      x + 1,  −x,     x)
    ///     b₃ = (2x + 1,  0,      2x,     1)
    ///
    /// Each row satisfies Σ bᵢⱼ·μʲ ≡ 0 (mod r) and det B = r (both checked in the
    /// tests). Column sums of |bᵢⱼ| are at most 7x + 3, so |kⱼ| ≤ ⅝(7x + 3) < 2⁶⁵.
    ///
    /// b₀ and b₁ are the short vectors usually quoted for BN curves after
    /// Galbraith–Lin–Scott. The four-vector set often quoted with them, adding
    /// (2x, 2x + 1, 2x + 1, 2x + 1) and (x − 1, 4x + 2, −2x + 1, x − 1), lies in
    /// the lattice but has determinant −3r: it spans an index-3 sublattice. Babai
    /// rounding would still give correct (slightly longer) decompositions with
    /// it, but the basis here spans the lattice itself.
    public static let decomposition: EndomorphismDecomposition = {
        func linear(_ a: UInt, _ c: UInt, negative: Bool = false) -> SubScalar {
            BN254.polynomial(0, a, c, negative: negative)
        }
        return EndomorphismDecomposition(
            eigenvalue: mu,
            basis: [
                [linear(1, 1), linear(1, 0), linear(1, 0), linear(2, 0, negative: true)],
                [linear(2, 1), linear(1, 0, negative: true), linear(1, 1, negative: true), linear(1, 0, negative: true)],
                [linear(2, 0), linear(1, 1), linear(1, 0, negative: true), linear(1, 0)],
                [linear(2, 1), linear(0, 0), linear(2, 0), linear(0, 1)],
            ],
            // round(2²⁵⁶·(B⁻¹)₀ᵢ), all positive for this basis
            // (`scripts/bn254_constants.py`).
            rounding: [
                ((0xd91d_232e_c7e0_b3d7, 0x0000_0000_0000_0002, 0, 0), false),
                ((0xc170_977d_cef3_cd3f, 0x55b4_ca7b_a3e5_577d, 0x9e80_318a_b0d9_2b95, 0), false),
                ((0x46f4_bda9_95d5_1bb1, 0x08e5_da66_fc71_84ae, 0x9e80_318a_b0d9_2b93, 0), false),
                ((0x2dff_2915_32e4_2728, 0x55b4_ca7b_a3e5_577f, 0x9e80_318a_b0d9_2b95, 0), false),
            ],
            subScalarBitBound: 65)
    }()

    /// The window width of each sub-scalar's NAF: 4 odd multiples per base. With
    /// ~64-bit sub-scalars a width-5 table's extra additions and ψ maps cost
    /// about what its sparser digits save (an informal timing found width 5 no
    /// faster).
    static let window = 4
}

extension AffinePoint where C == BN254G2Parameters {
    /// ψ(x, y) = (x̄·γ₁,₂, ȳ·γ₁,₃): the untwist–Frobenius–twist endomorphism on
    /// affine twist points (two Fp2 multiplications).
    func psi() -> Self {
        if isInfinity { return self }
        return Self(x: x.conjugate() * FrobeniusConstants.gamma12, y: y.conjugate() * FrobeniusConstants.gamma13)
    }
}

extension JacobianPoint where C == BN254G2Parameters {
    /// [k]Q by four-dimensional GLS: k ≡ k₀ + k₁μ + k₂μ² + k₃μ³ (mod r) with
    /// |kᵢ| < 2⁶⁵, then Σ [kᵢ]ψⁱ(Q) by interleaved width-4 NAFs over one chain of
    /// about 64 doublings, with tables Q, 3Q, 5Q, 7Q in affine form (co-Z
    /// additions, one inversion) and ψ, ψ², ψ³ of them (two Fp2 multiplications
    /// per entry and power). Variable time.
    ///
    /// - Precondition: Q lies in the order-r subgroup G2 (or is infinity). ψ acts
    ///   as [μ] only there; for a twist point with a component outside G2 the
    ///   result is *not* [k]Q. This is not checked (a check costs as much as the
    ///   multiplication); points from untrusted sources are checked where they
    ///   enter (``AffinePoint/init(validatingX:y:)`` and the decoders). Use
    ///   ``JacobianPoint/multiplied(byLimbs:)`` for arbitrary twist points.
    public func multipliedGLS(by k: Fr) -> Self {
        let limbs = k.canonicalLimbs
        if isInfinity || Limbs.isZero(limbs) { return .infinity }
        let decomposition = GLS.decomposition
        let parts = decomposition.decompose(canonical: limbs)
        for i in 0..<4 where parts[i].bitWidth > decomposition.subScalarBitBound {
            return multiplied(byLimbs: limbs)  // unreachable by the bound; kept as a safe fallback
        }
        let perBase = 1 << (GLS.window - 2)
        var tables = oddMultiplesCoZ(count: perBase) ?? oddMultiplesAffine(count: perBase)
        tables.reserveCapacity(4 * perBase)
        // ψ is a group homomorphism, so ψ of the odd multiples of Q are the odd
        // multiples of ψ(Q).
        for i in perBase..<(4 * perBase) { tables.append(tables[i - perBase].psi()) }
        return Self.interleavedMultiply(tables: tables, perBase: perBase, scalars: parts, count: 4, width: GLS.window)
    }
}

extension BN254G2Parameters {
    /// [k]Q on G2 by four-dimensional GLS (``JacobianPoint/multipliedGLS(by:)``).
    ///
    /// - Precondition: Q lies in G2; see ``JacobianPoint/multipliedGLS(by:)``.
    public static func multiply(_ point: G2Jacobian, by k: Fr) -> G2Jacobian {
        point.multipliedGLS(by: k)
    }
}
