import SheafField

/// The optimal ate pairing e: G1 × G2 → G_T ⊂ Fp12 on BN254.
public enum Pairing {
    /// The Miller loop f_{6x+2,Q}(P)·ℓ_{[6x+2]Q,π(Q)}(P)·ℓ_{…,−π²(Q)}(P) for every
    /// pair at once, sharing the squarings of the accumulator, with every line
    /// divided by y_P (see ``LineCoefficients``): the result differs from the
    /// textbook Miller value by a factor in a proper subfield, which the final
    /// exponentiation removes. Pairs with an infinite point contribute nothing;
    /// so does a G1 point with y = 0, which no point of G1 has (G1 has odd order).
    public static func millerLoop(_ pairs: [(G1Affine, G2Prepared)]) -> Fp12 {
        let active = pairs.filter { !$0.0.isInfinity && !$0.1.isInfinity && !$0.0.y.isZero }
        var f = Fp12.one
        guard !active.isEmpty else { return f }
        // x_P/y_P and 1/y_P for every pair, with one shared inversion.
        var inverseY = active.map { $0.0.y }
        Fp.batchInvert(&inverseY)
        let scaled = zip(active, inverseY).map { pair, inverse in
            (xOverY: pair.0.x * inverse, inverseY: inverse, lines: pair.1.lines)
        }
        var cursor = 0
        @inline(__always) func apply(_ f: inout Fp12, _ index: Int) {
            for pair in scaled {
                let line = pair.lines[index]
                f = f.mulByNormalizedLine(line.xCoefficient * pair.xOverY, line.constant * pair.inverseY)
            }
        }
        for (step, digit) in BN254.ateLoopNAF.dropFirst().enumerated() {
            if step > 0 { f = f.squared() }
            apply(&f, cursor); cursor += 1
            if digit != 0 { apply(&f, cursor); cursor += 1 }
        }
        apply(&f, cursor); cursor += 1
        apply(&f, cursor); cursor += 1
        return f
    }

    /// Raises a Miller-loop output to (p¹² − 1)/r.
    ///
    /// Easy part: f^((p⁶ − 1)(p² + 1)) with one inversion and Frobenius maps; the
    /// result lies in the cyclotomic subgroup, where inversion is conjugation and
    /// squaring is cheap. Hard part: (p⁴ − p² + 1)/r = λ₀ + λ₁p + λ₂p² + λ₃p³ with
    /// λ₃ = 1, λ₂ = 6x² + 1, λ₁ = −36x³ − 18x² − 12x + 1,
    /// λ₀ = −36x³ − 30x² − 18x − 2, evaluated with three exponentiations by x and
    /// the vectorial addition chain of Scott et al., "On the final exponentiation
    /// for calculating pairings on ordinary elliptic curves" (Pairing 2009).
    public static func finalExponentiation(_ f: Fp12) -> Fp12 {
        guard let inverse = f.inverse() else { return .zero }
        var t = f.conjugate() * inverse          // f^(p⁶−1)
        t = t.frobenius(2) * t                   // ^(p²+1)

        let fx = t.cyclotomicPower(BN254.x)
        let fx2 = fx.cyclotomicPower(BN254.x)
        let fx3 = fx2.cyclotomicPower(BN254.x)
        let fp1 = t.frobenius(1)
        let fp2 = t.frobenius(2)
        let fp3 = fp2.frobenius(1)

        let y0 = fp1 * fp2 * fp3
        let y1 = t.conjugate()
        let y2 = fx2.frobenius(2)
        let y3 = fx.frobenius(1).conjugate()
        let y4 = (fx * fx2.frobenius(1)).conjugate()
        let y5 = fx2.conjugate()
        let y6 = (fx3 * fx3.frobenius(1)).conjugate()

        var t0 = y6.cyclotomicSquared() * y4 * y5
        var t1 = y3 * y5 * t0
        t0 = t0 * y2
        t1 = (t1.cyclotomicSquared() * t0).cyclotomicSquared()
        t0 = t1 * y1
        t1 = t1 * y0
        t0 = t0.cyclotomicSquared() * t1
        return t0
    }

    /// e(P, Q).
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Fp12 {
        finalExponentiation(millerLoop([(p, G2Prepared(q))]))
    }

    /// ∏ e(Pᵢ, Qᵢ) with one shared Miller loop and one final exponentiation.
    public static func multiPairing(_ pairs: [(G1Affine, G2Prepared)]) -> Fp12 {
        finalExponentiation(millerLoop(pairs))
    }

    /// ∏ e(Pᵢ, Qᵢ) for unprepared G2 points (prepared together, sharing
    /// inversions).
    public static func multiPairing(_ pairs: [(G1Affine, G2Affine)]) -> Fp12 {
        let prepared = G2Prepared.prepareAll(pairs.map(\.1))
        return multiPairing(zip(pairs, prepared).map { ($0.0.0, $0.1) })
    }

    /// Whether ∏ e(Pᵢ, Qᵢ) = 1: the form in which pairing equations are checked.
    public static func pairingCheck(_ pairs: [(G1Affine, G2Prepared)]) -> Bool {
        multiPairing(pairs).isOne
    }

    /// Whether ∏ e(Pᵢ, Qᵢ) = 1, for unprepared G2 points.
    public static func pairingCheck(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        multiPairing(pairs).isOne
    }
}
