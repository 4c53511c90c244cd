/// An element c0 + c1·w of Fp12 = Fp6[w]/(w² − v): the target group G_T of the
/// pairing lives in its cyclotomic subgroup.
public struct Fp12: FieldElement {
    /// The constant coefficient.
    public var c0: Fp6
    /// The coefficient of w (w² = v).
    public var c1: Fp6

    /// The element c0 + c1·w.
    @inlinable @inline(__always)
    public init(_ c0: Fp6, _ c1: Fp6) { self.c0 = c0; self.c1 = c1 }

    /// The additive identity.
    @inlinable public static var zero: Fp12 { Fp12(.zero, .zero) }
    /// The multiplicative identity, which is also the identity of G_T.
    @inlinable public static var one: Fp12 { Fp12(.one, .zero) }
    /// Whether both coefficients are zero.
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }
    /// Whether this is the identity.
    @inlinable public var isOne: Bool { self == .one }

    /// The sum, coefficient by coefficient.
    @inlinable @inline(__always)
    public static func + (a: Fp12, b: Fp12) -> Fp12 { Fp12(a.c0 + b.c0, a.c1 + b.c1) }
    /// The difference, coefficient by coefficient.
    @inlinable @inline(__always)
    public static func - (a: Fp12, b: Fp12) -> Fp12 { Fp12(a.c0 - b.c0, a.c1 - b.c1) }
    /// The additive inverse.
    @inlinable @inline(__always)
    public static prefix func - (a: Fp12) -> Fp12 { Fp12(-a.c0, -a.c1) }
    /// Twice the element, coefficient by coefficient.
    @inlinable @inline(__always)
    public func doubled() -> Fp12 { Fp12(c0.doubled(), c1.doubled()) }

    /// Karatsuba over Fp6: three Fp6 multiplications.
    @inlinable
    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        return Fp12(v0 + v1.mulByV(), (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1)
    }

    /// Multiplies `a` by `b` in place (w² = v).
    @inlinable @inline(__always) public static func *= (a: inout Fp12, b: Fp12) { a = a * b }

    /// Complex squaring: two Fp6 multiplications.
    @inlinable
    public func squared() -> Fp12 {
        let ab = c0 * c1
        let c0New = (c0 + c1) * (c0 + c1.mulByV()) - ab - ab.mulByV()
        return Fp12(c0New, ab.doubled())
    }

    /// The inverse, or `nil` for zero.
    @inlinable
    public func inverse() -> Fp12? {
        let t = c0.squared() - c1.squared().mulByV()
        guard let tInverse = t.inverse() else { return nil }
        return Fp12(c0 * tInverse, -(c1 * tInverse))
    }

    /// The conjugate c0 − c1·w, which is x^(p⁶); for elements of the cyclotomic
    /// subgroup (every pairing value) it is the inverse.
    @inlinable @inline(__always)
    public func conjugate() -> Fp12 { Fp12(c0, -c1) }

    /// Product with a line value ℓ = a + (b + c·v)·w, the sparse shape of the
    /// optimal-ate line functions on BN254's D-type twist (13 Fp2 multiplications
    /// instead of 18).
    @inlinable
    public func mulByLine(_ a: Fp2, _ b: Fp2, _ c: Fp2) -> Fp12 {
        let t0 = c0 * a
        let t1 = c1.mulBy01(b, c)
        let s = (c0 + c1).mulBy01(a + b, c)
        return Fp12(t0 + t1.mulByV(), s - t0 - t1)
    }

    /// Product with a normalised line value ℓ = 1 + (b + c·v)·w, the shape every
    /// line takes once divided by its constant term (a factor in Fp2, which the
    /// final exponentiation removes): with f = g + h·w and l = b + c·v,
    /// f·ℓ = (g + h·l·v) + (g·l + h)·w, two sparse Fp6 products, 10 Fp2
    /// multiplications instead of `mulByLine`'s 13.
    @inlinable
    public func mulByNormalizedLine(_ b: Fp2, _ c: Fp2) -> Fp12 {
        let hl = c1.mulBy01(b, c)
        let gl = c0.mulBy01(b, c)
        return Fp12(c0 + hl.mulByV(), gl + c1)
    }

    /// The Frobenius map x ↦ x^(pᵏ).
    @inlinable
    public func frobenius(_ k: Int) -> Fp12 {
        let k = k % 12
        if k == 0 { return self }
        if k >= 6 { return frobenius(k - 6).conjugate() }
        let g = FrobeniusCoefficients.gamma[k]
        let a = c0.frobenius(k)
        // c1 holds the coefficients of w, w³, w⁵.
        let b = Fp6(c1.c0.frobenius(k) * g[1], c1.c1.frobenius(k) * g[3], c1.c2.frobenius(k) * g[5])
        return Fp12(a, b)
    }

    /// Granger–Scott squaring, valid only in the cyclotomic subgroup (elements with
    /// x^(p⁶+1)... that is, after the easy part of the final exponentiation).
    ///
    /// View Fp12 as Fp4[w]/(w³ − t) with Fp4 = Fp2[t]/(t² − ξ), t = w³, and
    /// x = A + B·w + C·w²; then x² = (3A² − 2Ā) + (3t·C² + 2B̄)·w + (3B² − 2C̄)·w²
    /// where the bar is conjugation of Fp4 over Fp2. Costs 6 Fp2 squarings instead
    /// of 2 Fp6 multiplications.
    @inlinable
    public func cyclotomicSquared() -> Fp12 {
        // Coefficients of w⁰…w⁵.
        let f0 = c0.c0, f1 = c1.c0, f2 = c0.c1, f3 = c1.c1, f4 = c0.c2, f5 = c1.c2
        // A = f0 + f3·t, B = f1 + f4·t, C = f2 + f5·t. Fp4 square: (x² + ξy²) + 2xy·t.
        @inline(__always) func fp4Square(_ x: Fp2, _ y: Fp2) -> (Fp2, Fp2) {
            let x2 = x.squared(), y2 = y.squared()
            return (x2 + y2.mulByNonResidue(), (x + y).squared() - x2 - y2)
        }
        let (a0, a1) = fp4Square(f0, f3)
        let (b0, b1) = fp4Square(f1, f4)
        let (cc0, cc1) = fp4Square(f2, f5)
        // 3A² − 2Ā
        let g0 = (a0 - f0).doubled() + a0
        let g3 = (a1 + f3).doubled() + a1
        // 3t·C² + 2B̄, where t·(x + y·t) = ξy + x·t
        let tc0 = cc1.mulByNonResidue()
        let g1 = (tc0 + f1).doubled() + tc0
        let g4 = (cc0 - f4).doubled() + cc0
        // 3B² − 2C̄
        let g2 = (b0 - f2).doubled() + b0
        let g5 = (b1 + f5).doubled() + b1
        return Fp12(Fp6(g0, g2, g4), Fp6(g1, g3, g5))
    }

    /// Raises an element of the cyclotomic subgroup to a 64-bit exponent.
    ///
    /// Signed width-4 digits (wNAF): in the cyclotomic subgroup an inverse is a
    /// conjugate, so negative digits cost nothing, and only f, f³, f⁵, f⁷ are
    /// precomputed. For the BN parameter x (used three times per final
    /// exponentiation) that is 62 squarings and 17 multiplications instead of
    /// the 27 of plain square-and-multiply.
    @inlinable
    public func cyclotomicPower(_ exponent: UInt64) -> Fp12 {
        if exponent == 0 { return .one }
        let digits = Fp12.signedWindowDigits(exponent)
        let square = cyclotomicSquared()
        let f3 = self * square, f5 = f3 * square, f7 = f5 * square
        let odd = [self, f3, f5, f7]
        var result = Fp12.one
        var started = false
        for digit in digits.reversed() {
            if started { result = result.cyclotomicSquared() }
            guard digit != 0 else { continue }
            let power = digit > 0 ? odd[Int(digit) >> 1] : odd[Int(-digit) >> 1].conjugate()
            result = started ? result * power : power
            started = true
        }
        return result
    }

    /// The width-4 non-adjacent form of `k`, least significant digit first:
    /// digits are 0 or odd in −7…7, and any two nonzero digits are at least four
    /// positions apart.
    @inlinable
    static func signedWindowDigits(_ k: UInt64) -> [Int8] {
        var digits = [Int8]()
        digits.reserveCapacity(66)
        // A 65-bit accumulator: k plus the carries that negative digits leave.
        var low = k, high: UInt64 = 0
        while low != 0 || high != 0 {
            var digit: Int64 = 0
            if low & 1 == 1 {
                digit = Int64(low & 15)
                if digit >= 8 { digit -= 16 }
                if digit > 0 {
                    low -= UInt64(digit)
                } else {
                    let (sum, carry) = low.addingReportingOverflow(UInt64(-digit))
                    low = sum
                    if carry { high += 1 }
                }
            }
            digits.append(Int8(digit))
            low = (low >> 1) | (high << 63)
            high >>= 1
        }
        return digits
    }

    /// Raises an element of the cyclotomic subgroup (any pairing value) to a
    /// 256-bit exponent: a fixed 4-bit window over cyclotomic squarings, about 256
    /// squarings and 64 multiplications.
    @inlinable
    public func cyclotomicPower(_ exponent: Limbs4) -> Fp12 {
        var table = [self]
        for k in 1..<15 { table.append(table[k - 1] * self) }
        let words = Limbs.array(exponent)
        var result = Fp12.one
        var started = false
        for window in stride(from: 63, through: 0, by: -1) {
            if started {
                for _ in 0..<4 { result = result.cyclotomicSquared() }
            }
            let digit = Int((words[window / 16] >> UInt(4 * (window % 16))) & 15)
            if digit != 0 {
                result = started ? result * table[digit - 1] : table[digit - 1]
                started = true
            }
        }
        return result
    }

    /// Whether x lies in the cyclotomic subgroup (order Φ₁₂(p) = p⁴ − p² + 1), which
    /// contains G_T: x^(p⁴)·x = x^(p²), three Frobenius-cheap operations.
    public var isInCyclotomicSubgroup: Bool {
        !isZero && frobenius(4) * self == frobenius(2)
    }

    /// ∏ basesᵢ^(exponentsᵢ) for elements of the cyclotomic subgroup: one shared
    /// chain of ~256 cyclotomic squarings and signed width-5 digits per exponent,
    /// with conjugation as the free inverse for negative digits.
    public static func cyclotomicMultiPower(bases: [Fp12], exponents: [Limbs4]) -> Fp12 {
        precondition(bases.count == exponents.count, "one exponent per base")
        let digits = exponents.map { windowedNAF($0, width: 5) }
        // Odd powers b, b³, …, b¹⁵ of every base.
        let tables = bases.map { base -> [Fp12] in
            let square = base.cyclotomicSquared()
            var table = [base]
            for k in 1..<8 { table.append(table[k - 1] * square) }
            return table
        }
        let length = digits.map(\.count).max() ?? 0
        var result = Fp12.one
        for position in stride(from: length - 1, through: 0, by: -1) {
            result = result.cyclotomicSquared()
            for (i, d) in digits.enumerated() where position < d.count && d[position] != 0 {
                let digit = Int(d[position])
                result *= digit > 0 ? tables[i][digit >> 1] : tables[i][(-digit) >> 1].conjugate()
            }
        }
        return result
    }

    /// The 384-byte encoding: the twelve Fp coefficients, 32 bytes big-endian each,
    /// in the order c0.c0.c0, c0.c0.c1, c0.c1.c0, … c1.c2.c1.
    public var bytes: [UInt8] {
        [c0.c0, c0.c1, c0.c2, c1.c0, c1.c1, c1.c2].flatMap { $0.c0.bigEndianBytes + $0.c1.bigEndianBytes }
    }

    /// Decodes the 384-byte encoding; each coefficient must be below p.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 384 else { throw FieldError.wrongLength(expected: 384, actual: bytes.count) }
        var c = [Fp2]()
        for i in 0..<6 {
            let base = i * 64
            c.append(Fp2(try Fp(bigEndianBytes: bytes[base..<base + 32]), try Fp(bigEndianBytes: bytes[base + 32..<base + 64])))
        }
        self.init(Fp6(c[0], c[1], c[2]), Fp6(c[3], c[4], c[5]))
    }

    /// Raises to an exponent given as little-endian limbs (generic square and
    /// multiply; any element).
    @inlinable
    public func power(_ exponent: [UInt]) -> Fp12 {
        var result = Fp12.one
        for limb in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.squared()
                if (limb >> UInt(bit)) & 1 == 1 { result *= self }
            }
        }
        return result
    }

    /// A uniformly random element.
    @inlinable
    public static func random<G: RandomNumberGenerator>(using g: inout G) -> Fp12 {
        Fp12(Fp6.random(using: &g), Fp6.random(using: &g))
    }
}
