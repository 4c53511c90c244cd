import Testing
@testable import SheafField

@Suite("Extension tower Fp2 / Fp6 / Fp12")
struct TowerTests {
    @Test func fp2MatchesSchoolbookFormula() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let a = Fp2.random(using: &rng), b = Fp2.random(using: &rng)
            // (a0 + a1u)(b0 + b1u) with u² = −1, written out directly.
            let expected = Fp2(a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0)
            #expect(a * b == expected)
            #expect(a.squared() == a * a)
            #expect(a.mulByNonResidue() == a * Fp2(Fp(9), Fp(1)))
            if !a.isZero { #expect(a * a.inverse()! == .one) }
            let root = a.squared().squareRoot()
            #expect(root != nil && root!.squared() == a.squared())
        }
    }

    /// The Fp2 kernels work on unreduced sums (a0 + a1, a0 − a1 + p, 2a1); extreme
    /// coefficients push those sums and the wide products to their bounds.
    @Test func fp2KernelsAtExtremeCoefficients() {
        let minusOne = -Fp.one
        let extremes: [Fp] = [.zero, .one, Fp(2), minusOne, minusOne - .one, minusOne.halved(), minusOne.halved() + .one]
        for a0 in extremes { for a1 in extremes {
            let a = Fp2(a0, a1)
            #expect(a.squared() == Fp2(a0 * a0 - a1 * a1, a0 * a1 + a0 * a1))
            for b0 in extremes {
                #expect(a * b0 == Fp2(a0 * b0, a1 * b0))
                for b1 in extremes {
                    let b = Fp2(b0, b1)
                    #expect(a * b == Fp2(a0 * b0 - a1 * b1, a0 * b1 + a1 * b0))
                }
            }
        } }
    }

    /// `sheaf_fp6_mul_by_01` and `sheaf_fp6_mul` sum wide products before reducing and uses a
    /// reduction that accepts twice the usual input bound; coefficients drawn from
    /// the extremes (0, 1, p − 1, (p ± 1)/2, …) push every sum towards its limit.
    /// The kernel reads the operands through their memory layout, which is checked
    /// too.
    @Test func sparseFp6KernelAtExtremeCoefficients() {
        #expect(MemoryLayout<Fp>.size == 32 && MemoryLayout<Fp2>.size == 64 && MemoryLayout<Fp6>.size == 192)
        let minusOne = -Fp.one
        let extremes: [Fp] = [.zero, .one, Fp(2), minusOne, minusOne - .one, minusOne.halved(), minusOne.halved() + .one]
        var rng = SeededGenerator(seed: 14)
        func pick() -> Fp { extremes[Int(rng.next() % UInt64(extremes.count))] }
        var cases = extremes.map { e in (Fp6(Fp2(e, e), Fp2(e, e), Fp2(e, e)), Fp2(e, e), Fp2(e, e)) }
        for _ in 0..<3_000 {
            cases.append((Fp6(Fp2(pick(), pick()), Fp2(pick(), pick()), Fp2(pick(), pick())), Fp2(pick(), pick()), Fp2(pick(), pick())))
        }
        for _ in 0..<500 {
            cases.append((Fp6.random(using: &rng), Fp2.random(using: &rng), Fp2.random(using: &rng)))
        }
        for (a, b0, b1) in cases {
            let full = Fp6(b0, b1, a.c0)
            #expect(a * full == Fp6.karatsubaProduct(a, full))
            let product = a.mulBy01(b0, b1)
            #expect(product == a.mulBy01Reference(b0, b1))
            #expect(product == a * Fp6(b0, b1, .zero))
            // Canonical output: every coefficient below p.
            for x in [product.c0.c0, product.c0.c1, product.c1.c0, product.c1.c1, product.c2.c0, product.c2.c1] {
                #expect(!Limbs.greaterOrEqual(x.montgomeryLimbs, BN254FpParameters.modulus))
            }
        }
    }

    @Test func fp2SquareRootRejectsNonSquares() {
        var rng = SeededGenerator(seed: 12)
        var rejected = 0
        for _ in 0..<60 {
            let a = Fp2.random(using: &rng)
            if a.norm.legendreSymbol == -1 {
                #expect(a.squareRoot() == nil)
                rejected += 1
            }
        }
        #expect(rejected > 10)
    }

    @Test func fp6AndFp12FieldLaws() {
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<30 {
            let a = Fp6.random(using: &rng), b = Fp6.random(using: &rng), c = Fp6.random(using: &rng)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a.squared() == a * a)
            #expect(a * a.inverse()! == .one)
            #expect(a.mulByV() == a * Fp6(.zero, .one, .zero))
            let b0 = Fp2.random(using: &rng), b1 = Fp2.random(using: &rng)
            #expect(a.mulBy01(b0, b1) == a * Fp6(b0, b1, .zero))
            // v³ = ξ
            let v = Fp6(.zero, .one, .zero)
            #expect(v * v * v == Fp6(Fp2(Fp(9), Fp(1)), .zero, .zero))

            let x = Fp12.random(using: &rng), y = Fp12.random(using: &rng), z = Fp12.random(using: &rng)
            #expect((x * y) * z == x * (y * z))
            #expect(x * (y + z) == x * y + x * z)
            #expect(x.squared() == x * x)
            #expect(x * x.inverse()! == .one)
            // w² = v
            let w = Fp12(.zero, .one)
            #expect(w * w == Fp12(v, .zero))
        }
    }

    @Test func sparseLineMultiplicationMatchesGeneralProduct() {
        var rng = SeededGenerator(seed: 14)
        for _ in 0..<30 {
            let f = Fp12.random(using: &rng)
            let a = Fp2.random(using: &rng), b = Fp2.random(using: &rng), c = Fp2.random(using: &rng)
            let line = Fp12(Fp6(a, .zero, .zero), Fp6(b, c, .zero))
            #expect(f.mulByLine(a, b, c) == f * line)
            let normalized = Fp12(Fp6(.one, .zero, .zero), Fp6(b, c, .zero))
            #expect(f.mulByNormalizedLine(b, c) == f * normalized)
        }
    }

    /// `batchInvert` is generic over `FieldElement`: one check for Fp and Fp2.
    @Test func batchInversionMatchesSingleInversionsAndKeepsZeros() {
        func check<F: FieldElement>(_ make: (inout SeededGenerator) -> F) {
            var rng = SeededGenerator(seed: 16)
            var values = (0..<50).map { i in i % 7 == 3 ? F.zero : make(&rng) }
            let original = values
            F.batchInvert(&values)
            for (inverse, value) in zip(values, original) {
                #expect(value.isZero ? inverse.isZero : inverse == value.inverse()!)
            }
            var empty = [F]()
            F.batchInvert(&empty)
            #expect(empty.isEmpty)
        }
        check { Fp.random(using: &$0) }
        check { Fp2.random(using: &$0) }
    }

    @Test func frobeniusIsRaisingToP() {
        var rng = SeededGenerator(seed: 15)
        let p = Limbs.array(Fp.modulus)
        for _ in 0..<3 {
            let f = Fp12.random(using: &rng)
            let fp = f.power(p)
            #expect(f.frobenius(1) == fp)
            var iterated = f
            for k in 1..<12 {
                iterated = iterated.frobenius(1)
                #expect(f.frobenius(k) == iterated, "frobenius(\(k)) is frobenius(1) applied \(k) times")
            }
            #expect(iterated.frobenius(1) == f, "p¹² fixes Fp12")
            let g = Fp6.random(using: &rng)
            #expect(Fp12(g, .zero).frobenius(1) == Fp12(g.frobenius(1), .zero))
        }
    }

    @Test func cyclotomicSquaringAgreesInTheCyclotomicSubgroup() {
        var rng = SeededGenerator(seed: 16)
        for _ in 0..<20 {
            let f = Fp12.random(using: &rng)
            // f^((p⁶−1)(p²+1)) lies in the cyclotomic subgroup.
            var g = f.conjugate() * f.inverse()!
            g = g.frobenius(2) * g
            #expect(g.cyclotomicSquared() == g.squared())
            #expect(g * g.conjugate() == .one, "conjugation inverts cyclotomic elements")
            #expect(g.cyclotomicPower(1_000_003) == g.power([1_000_003]))
        }
    }

    @Test func signedWindowPowerMatchesGenericPower() {
        var rng = SeededGenerator(seed: 18)
        var g = Fp12.random(using: &rng)
        g = g.conjugate() * g.inverse()!
        g = g.frobenius(2) * g
        // The BN parameter x (the final exponentiation's exponent), the edges of
        // the 64-bit range (UInt64.max carries into a 65th digit), small values.
        var exponents: [UInt64] = [0, 1, 2, 7, 8, 9, 15, 16, 17, 0x44E9_92B4_4A69_09F1, .max, .max - 1, 1 << 63]
        for _ in 0..<12 { exponents.append(rng.next()) }
        for e in exponents {
            #expect(g.cyclotomicPower(e) == g.power([UInt(e)]), "g^\(e)")
        }
    }

    @Test func signedWindowDigitsRecomposeAndAreSparse() {
        var rng = SeededGenerator(seed: 19)
        var exponents: [UInt64] = [1, 15, .max, 1 << 63, 0x44E9_92B4_4A69_09F1]
        for _ in 0..<200 { exponents.append(rng.next()) }
        for e in exponents {
            let digits = Fp12.signedWindowDigits(e)
            // Σ dᵢ·2ⁱ = e, computed modulo 2⁶⁴ plus the top digit's weight.
            var value: UInt64 = 0
            for (i, d) in digits.enumerated() where i < 64 {
                value = d >= 0 ? value &+ (UInt64(d) << UInt64(i)) : value &- (UInt64(-d) << UInt64(i))
            }
            #expect(value == e)
            #expect(digits.count <= 65 && (digits.count < 65 || digits[64] == 1))
            var lastNonzero = -4
            for (i, d) in digits.enumerated() where d != 0 {
                #expect(d & 1 == 1 && d >= -7 && d <= 7)
                #expect(i - lastNonzero >= 4, "nonzero digits at least four apart")
                lastNonzero = i
            }
        }
    }
}

@Suite("Target-group exponentiation")
struct TargetGroupExponentTests {
    @Test func multiPowerMatchesSeparatePowers() {
        var rng = SeededGenerator(seed: 17)
        func cyclotomic() -> Fp12 {
            let f = Fp12.random(using: &rng)
            let g = f.conjugate() * f.inverse()!
            return g.frobenius(2) * g
        }
        for count in [1, 2, 5] {
            let bases = (0..<count).map { _ in cyclotomic() }
            let exponents = (0..<count).map { _ in Fr.random(using: &rng).canonicalLimbs }
            var expected = Fp12.one
            for (b, e) in zip(bases, exponents) {
                #expect(b.cyclotomicPower(e) == b.power(Limbs.array(e)), "windowed power = generic power")
                expected *= b.power(Limbs.array(e))
            }
            #expect(Fp12.cyclotomicMultiPower(bases: bases, exponents: exponents) == expected)
        }
        #expect(Fp12.cyclotomicMultiPower(bases: [], exponents: []) == .one)
    }
}
