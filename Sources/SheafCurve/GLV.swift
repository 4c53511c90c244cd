import SheafField

// Endomorphism-accelerated scalar multiplication, part 1: the lattice
// decomposition shared by G1 and G2, and the GLV method on G1.
//
// Gallant, Lambert and Vanstone ("Faster point multiplication on elliptic curves
// with efficient endomorphisms", CRYPTO 2001) observe that an endomorphism φ
// that is cheap to evaluate and acts on the order-r group as multiplication by
// some λ lets one write [k]P = [k₁]P + [k₂]φ(P) with k₁, k₂ about √r: the two
// half-length multiplications share one doubling chain, so half the doublings
// disappear. Galbraith, Lin and Scott (EUROCRYPT 2009, ePrint 2008/194) use
// the untwist–Frobenius–twist map ψ on G2 to go to four dimensions; see
// `GLS.swift`.
//
// Decomposition. The vectors (v₀, …, v_{n−1}) ∈ ℤⁿ with Σ vⱼ·λʲ ≡ 0 (mod r) form
// a lattice L of determinant r. Given a basis B of short vectors (rows bᵢ), the
// target (k, 0, …, 0) is written in that basis with rational coordinates
// βᵢ = k·(B⁻¹)₀ᵢ, which are rounded to integers cᵢ (Babai's rounding); then
// u = (k, 0, …, 0) − Σ cᵢ·bᵢ satisfies Σ uⱼ·λʲ ≡ k (mod r) *whatever* the cᵢ are,
// because every bᵢ lies in L, and |uⱼ| ≤ Σᵢ |cᵢ − βᵢ|·|bᵢⱼ| is small because the
// rounding error is at most about ½. Exactness of the result therefore never
// depends on the rounding; only the size of the sub-scalars does.
//
// The rounding uses precomputed constants gᵢ = round(2²⁵⁶·(B⁻¹)₀ᵢ) =
// round(2²⁵⁶·αᵢ/r), where αᵢ = r·(B⁻¹)₀ᵢ = ±(the (i, 0) cofactor of B) is an
// integer, so that cᵢ = ⌊(k·gᵢ + 2²⁵⁵) / 2²⁵⁶⌋ costs one 4×4-limb product and
// no division. Since
// k < r < 2²⁵⁴ and |gᵢ − 2²⁵⁶αᵢ/r| ≤ ½, |cᵢ − βᵢ| ≤ ½ + 2²⁵⁴/2²⁵⁷ = ⅝, hence
// |uⱼ| ≤ ⅝·Σᵢ |bᵢⱼ|: 127 bits for the G1 basis and 65 bits for the G2 basis.
// `scripts/bn254_constants.py` derives gᵢ and these bounds, and checks the
// algorithm below on random and edge scalars; the tests repeat the checks in
// Swift. The uⱼ are computed modulo 2²⁵⁶ in two's complement: the true values
// are far below 2²⁵⁵ in magnitude, so the wrapped result is exact.

/// A signed integer of magnitude below 2¹²⁸: one coordinate of a scalar
/// decomposed along an endomorphism (see ``EndomorphismDecomposition``).
public struct SubScalar: Hashable, Sendable, CustomStringConvertible {
    /// The low 64 bits of the magnitude.
    public var low: UInt
    /// The high 64 bits of the magnitude.
    public var high: UInt
    /// Whether the value is negative (never set for zero by the decomposition).
    public var isNegative: Bool

    /// The value −(high·2⁶⁴ + low) if `isNegative`, else high·2⁶⁴ + low.
    @inlinable
    public init(low: UInt, high: UInt = 0, isNegative: Bool = false) {
        self.low = low; self.high = high; self.isNegative = isNegative
    }

    /// Zero.
    @inlinable
    public static var zero: Self { Self(low: 0) }

    /// The number of bits of the magnitude (0 for zero).
    @inlinable
    public var bitWidth: Int {
        high != 0 ? 128 - high.leadingZeroBitCount : 64 - low.leadingZeroBitCount
    }

    /// The value modulo r, as an element of Fr.
    @inlinable
    public var residue: Fr {
        let magnitude = Fr(canonicalLimbs: (low, high, 0, 0))
        return isNegative ? -magnitude : magnitude
    }

    /// The value modulo 2²⁵⁶ in two's complement, the form the decomposition
    /// computes in.
    var twosComplement: Limbs4 {
        let magnitude: Limbs4 = (low, high, 0, 0)
        return isNegative ? WideArithmetic.negated(magnitude) : magnitude
    }

    /// Reads a two's-complement 256-bit value; nil when its magnitude does not
    /// fit in 128 bits.
    init?(twosComplement v: Limbs4) {
        let negative = v.3 >> 63 == 1
        let magnitude = negative ? WideArithmetic.negated(v) : v
        guard magnitude.2 == 0, magnitude.3 == 0 else { return nil }
        self.init(low: magnitude.0, high: magnitude.1, isNegative: negative && (magnitude.0 | magnitude.1) != 0)
    }

    /// The value in decimal.
    public var description: String {
        let magnitude = Fr(canonicalLimbs: (low, high, 0, 0)).decimalString
        return isNegative ? "-" + magnitude : magnitude
    }
}

/// Fixed-width integer helpers for the decomposition: exact, branch-light, no
/// allocation. Values are ``Limbs4`` (least significant limb first).
enum WideArithmetic {
    /// −a modulo 2²⁵⁶.
    static func negated(_ a: Limbs4) -> Limbs4 {
        Limbs.subtract((0, 0, 0, 0), a).0
    }

    /// The full 512-bit product a·b, least significant limb first.
    static func product(_ a: Limbs4, _ b: Limbs4) -> SIMD8<UInt> {
        let x = SIMD4<UInt>(a.0, a.1, a.2, a.3), y = SIMD4<UInt>(b.0, b.1, b.2, b.3)
        var t = SIMD8<UInt>()
        for i in 0..<4 {
            var carry: UInt = 0
            for j in 0..<4 {
                // x·y + t + carry ≤ (2⁶⁴ − 1)² + 2(2⁶⁴ − 1) = 2¹²⁸ − 1: the new
                // carry (the high word) cannot overflow.
                let (high, low) = x[i].multipliedFullWidth(by: y[j])
                let (s1, c1) = low.addingReportingOverflow(t[i + j])
                let (s2, c2) = s1.addingReportingOverflow(carry)
                t[i + j] = s2
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            t[i + 4] = carry
        }
        return t
    }

    /// a·b modulo 2²⁵⁶; in two's complement this is also the signed product
    /// modulo 2²⁵⁶. `significantLimbs` may say that b's upper limbs are zero
    /// (basis entries have one or two), which skips their products.
    static func productLow(_ a: Limbs4, _ b: Limbs4, significantLimbs: Int = 4) -> Limbs4 {
        let x = SIMD4<UInt>(a.0, a.1, a.2, a.3), y = SIMD4<UInt>(b.0, b.1, b.2, b.3)
        var t = SIMD4<UInt>()
        for i in 0..<4 {
            var carry: UInt = 0
            for j in 0..<Swift.min(significantLimbs, 4 - i) {
                let (high, low) = x[i].multipliedFullWidth(by: y[j])
                let (s1, c1) = low.addingReportingOverflow(t[i + j])
                let (s2, c2) = s1.addingReportingOverflow(carry)
                t[i + j] = s2
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            if i + significantLimbs < 4 { t[i + significantLimbs] = carry }
        }
        return (t[0], t[1], t[2], t[3])
    }

    /// ⌊(a·b + 2²⁵⁵) / 2²⁵⁶⌋: a·b/2²⁵⁶ rounded to the nearest integer.
    static func roundedProductShift256(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        var t = product(a, b)
        // Add 2²⁵⁵ (bit 63 of limb 3) and carry into the high half. The sum is
        // below 2⁵¹², so the carry stops within the eight limbs.
        var (s, c) = t[3].addingReportingOverflow(1 << 63)
        t[3] = s
        for i in 4..<8 where c {
            (s, c) = t[i].addingReportingOverflow(1)
            t[i] = s
        }
        return (t[4], t[5], t[6], t[7])
    }
}

/// Up to four sub-scalars, stored inline (the hot path allocates nothing).
struct SubScalars {
    var s0 = SubScalar.zero, s1 = SubScalar.zero, s2 = SubScalar.zero, s3 = SubScalar.zero

    init() {}

    subscript(i: Int) -> SubScalar {
        get {
            switch i {
            case 0: return s0
            case 1: return s1
            case 2: return s2
            default: return s3
            }
        }
        set {
            switch i {
            case 0: s0 = newValue
            case 1: s1 = newValue
            case 2: s2 = newValue
            default: s3 = newValue
            }
        }
    }
}

/// The lattice data of one endomorphism with eigenvalue λ on the order-r group,
/// and Babai-rounding decomposition of scalars along it (the method is described
/// at the top of `GLV.swift`).
public struct EndomorphismDecomposition: Sendable {
    /// λ: the endomorphism acts on the order-r subgroup as multiplication by it.
    public let eigenvalue: Fr
    /// The rows b₀, …, b_{n−1} of a reduced basis of
    /// L = {v ∈ ℤⁿ : Σ vⱼ·λʲ ≡ 0 (mod r)}, a lattice of determinant r.
    public let basis: [[SubScalar]]
    /// Every sub-scalar ``decompose(_:)`` returns has magnitude below
    /// 2^subScalarBitBound (⅝ of the largest column sum of |bᵢⱼ|, rounded up to
    /// bits).
    public let subScalarBitBound: Int
    /// gᵢ = round(2²⁵⁶·(B⁻¹)₀ᵢ), magnitude and sign.
    let rounding: [(magnitude: Limbs4, isNegative: Bool)]
    /// The basis entries, row-major (sign and magnitude: the magnitudes have
    /// one or two limbs, which keeps the products short).
    let basisEntries: [SubScalar]

    /// The dimension n.
    @inlinable
    public var dimension: Int { basis.count }

    /// Lattice data from a basis and its rounding constants (which
    /// `scripts/bn254_constants.py` derives; the tests check the basis and the
    /// resulting bounds).
    init(eigenvalue: Fr, basis: [[SubScalar]], rounding: [(magnitude: Limbs4, isNegative: Bool)], subScalarBitBound: Int) {
        precondition(basis.count <= 4 && basis.allSatisfy { $0.count == basis.count } && rounding.count == basis.count)
        self.eigenvalue = eigenvalue
        self.basis = basis
        self.rounding = rounding
        self.subScalarBitBound = subScalarBitBound
        self.basisEntries = basis.flatMap { $0 }
    }

    /// Sub-scalars (u₀, …, u_{n−1}) with Σ uⱼ·λʲ ≡ k (mod r) and every |uⱼ| below
    /// 2^``subScalarBitBound``.
    public func decompose(_ k: Fr) -> [SubScalar] {
        let u = decompose(canonical: k.canonicalLimbs)
        return (0..<dimension).map { u[$0] }
    }

    /// The decomposition of a canonical scalar k < r, without allocation.
    ///
    /// Exact for every k (see the top of the file). The bound ⅝·Σ|bᵢⱼ| keeps every
    /// magnitude below 2^subScalarBitBound; should a value ever fail to fit in
    /// 128 bits it is returned as 2¹²⁸ − 1, which fails the callers' width check
    /// and sends them to the generic method instead of a wrong result.
    func decompose(canonical k: Limbs4) -> SubScalars {
        let n = basis.count
        // u = (k, 0, …, 0) − Σ cᵢ·bᵢ modulo 2²⁵⁶, accumulated in place.
        var u: (Limbs4, Limbs4, Limbs4, Limbs4) = (k, (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0))
        for i in 0..<n {
            let g = rounding[i]
            var c = WideArithmetic.roundedProductShift256(k, g.magnitude)
            if g.isNegative { c = WideArithmetic.negated(c) }
            for j in 0..<n {
                // uⱼ −= cᵢ·bᵢⱼ, as cᵢ·|bᵢⱼ| added or subtracted.
                let entry = basisEntries[i * n + j]
                let term = WideArithmetic.productLow(c, (entry.low, entry.high, 0, 0),
                                                     significantLimbs: entry.high == 0 ? 1 : 2)
                func update(_ v: Limbs4) -> Limbs4 {
                    entry.isNegative ? Limbs.add(v, term).0 : Limbs.subtract(v, term).0
                }
                switch j {
                case 0: u.0 = update(u.0)
                case 1: u.1 = update(u.1)
                case 2: u.2 = update(u.2)
                default: u.3 = update(u.3)
                }
            }
        }
        var out = SubScalars()
        for j in 0..<n {
            let wide: Limbs4
            switch j {
            case 0: wide = u.0
            case 1: wide = u.1
            case 2: wide = u.2
            default: wide = u.3
            }
            out[j] = SubScalar(twosComplement: wide) ?? SubScalar(low: ~0, high: ~0)
        }
        return out
    }
}

/// Width-w NAF of a sub-scalar's magnitude, least significant digit first,
/// written to `digits`; returns the number of digits (at most bitWidth + 1).
/// Digits are odd in [−(2^(w−1) − 1), 2^(w−1) − 1] or zero.
func writeWindowedNAF(_ s: SubScalar, width: Int, into digits: UnsafeMutablePointer<Int8>) -> Int {
    var low = s.low, high = s.high
    let mask = UInt(1) << UInt(width) - 1
    let half = 1 << (width - 1)
    var count = 0
    while low | high != 0 {
        var digit = 0
        if low & 1 == 1 {
            digit = Int(low & mask)
            if digit >= half { digit -= 1 << width }
            if digit > 0 {
                low -= UInt(digit)  // clears the low bits: no borrow
            } else {
                let (sum, carry) = low.addingReportingOverflow(UInt(-digit))
                low = sum
                high &+= carry ? 1 : 0  // no wrap: the magnitude is below 2¹²⁸ − 2^width
            }
        }
        digits[count] = Int8(digit)
        count += 1
        low = low >> 1 | high << 63
        high >>= 1
    }
    return count
}

extension JacobianPoint {
    /// The odd multiples P, 3P, 5P, …, (2m − 1)P in affine form, computed with
    /// co-Z arithmetic: Meloni's addition of two points sharing one Z
    /// ("New point addition formulae for ECC applications", WAIFI 2007; 5M + 2S
    /// instead of 11M + 5S, and it also returns the first operand rescaled to
    /// the new Z), used for precomputed tables as by Longa and Miri ("New
    /// composite operations and precomputation scheme for elliptic curve
    /// cryptosystems over prime fields", PKC 2008).
    ///
    /// Doubling P gives 2P with Z′ = 2YZ and, for free, P rescaled to Z′:
    /// (X·(2Y)², Y·(2Y)³) = (4XY², 8Y⁴), both intermediates of the doubling.
    /// Each step R ← R + 2P then keeps R and 2P on a common Z, and multiplies
    /// it by a known factor, so one inversion of the last Z and a backward pass
    /// over the factors give every entry's 1/Z: about half the cost of general
    /// additions followed by ``batchAffine(_:)``.
    ///
    /// Returns nil in the degenerate cases (P of order at most 2m, where some
    /// sum meets ±2P or the point at infinity), which cannot occur on the
    /// order-r groups; callers fall back to ``oddMultiplesAffine(count:)``.
    func oddMultiplesCoZ(count m: Int) -> [AffinePoint<C>]? {
        precondition(m >= 1 && !isInfinity)
        // 2P by dbl-2009-l, keeping D = 4XY² and 8Y⁴.
        let a = x.squared(), b = y.squared(), c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let c8 = c.doubled().doubled().doubled()
        var tx = e.squared() - d.doubled()
        var ty = e * (d - tx) - c8
        var commonZ = (y * z).doubled()
        if commonZ.isZero { return nil }
        var entries = [AffinePoint<C>]()  // unnormalised (X, Y) until the end
        entries.reserveCapacity(m)
        entries.append(AffinePoint(x: d, y: c8))  // P on the Z of 2P
        var factors = [C.Field]()  // Zᵢ = Zᵢ₋₁·factors[i − 1]
        factors.reserveCapacity(m)
        var rx = d, ry = c8
        for _ in 1..<m {
            // Co-Z addition of T = 2P and R: R + T, and T rescaled to the new Z.
            let dx = tx - rx
            if dx.isZero { return nil }
            let dxSquared = dx.squared()
            let w1 = tx * dxSquared, w2 = rx * dxSquared
            let dy = ty - ry
            let a1 = ty * (w1 - w2)
            rx = dy.squared() - w1 - w2
            ry = dy * (w1 - rx) - a1
            tx = w1; ty = a1
            commonZ = commonZ * dx
            factors.append(dx)
            entries.append(AffinePoint(x: rx, y: ry))
        }
        guard var inverse = commonZ.inverse() else { return nil }
        for i in stride(from: m - 1, through: 0, by: -1) {
            let inverse2 = inverse.squared()
            entries[i] = AffinePoint(x: entries[i].x * inverse2, y: entries[i].y * inverse2 * inverse)
            if i > 0 { inverse = inverse * factors[i - 1] }
        }
        return entries
    }

    /// P, 3P, …, (2m − 1)P in affine form by general additions and
    /// ``batchAffine(_:)``: the fallback for ``oddMultiplesCoZ(count:)``.
    func oddMultiplesAffine(count m: Int) -> [AffinePoint<C>] {
        var table = [Self]()
        table.reserveCapacity(m)
        table.append(self)
        let twice = doubled()
        for i in 1..<m { table.append(table[i - 1] + twice) }
        return Self.batchAffine(table)
    }

    /// Σ [sᵢ]·Bᵢ by interleaved (Straus–Shamir) wNAF: one shared doubling chain,
    /// and for each base Bᵢ a table of odd multiples B, 3B, …, (2·perBase − 1)·B
    /// in affine form at `tables[i·perBase ..< (i + 1)·perBase]`. A negative sᵢ
    /// flips the signs of its digits (adding −T is as cheap as adding T).
    /// `width` must satisfy 2^(width − 2) = perBase; every |sᵢ| must be below
    /// 2¹²⁸ − 2^width (the callers' sub-scalars have at most 127 bits).
    static func interleavedMultiply(
        tables: [AffinePoint<C>], perBase: Int, scalars: SubScalars, count: Int, width: Int
    ) -> Self {
        precondition(count <= 4 && width >= 2 && perBase == 1 << (width - 2) && tables.count >= count * perBase)
        let stride = 130  // at least 128 + 1 digits per scalar
        return withUnsafeTemporaryAllocation(of: Int8.self, capacity: 4 * stride) { buffer in
            let digits = buffer.baseAddress!
            digits.initialize(repeating: 0, count: 4 * stride)
            var length = 0
            for i in 0..<count {
                length = Swift.max(length, writeWindowedNAF(scalars[i], width: width, into: digits + i * stride))
            }
            return tables.withUnsafeBufferPointer { table in
                var acc = Self.infinity
                var position = length - 1
                while position >= 0 {
                    acc = acc.doubled()
                    for i in 0..<count {
                        let digit = Int(digits[i * stride + position])
                        if digit == 0 { continue }
                        let entry = table[i * perBase + (Swift.abs(digit) >> 1)]
                        acc += (digit < 0) != scalars[i].isNegative ? -entry : entry
                    }
                    position -= 1
                }
                return acc
            }
        }
    }
}

/// GLV on G1 (Gallant–Lambert–Vanstone 2001).
///
/// G1 is y² = x³ + 3 over Fp with p ≡ 1 (mod 3), so Fp has a primitive cube root
/// of unity β and φ(x, y) = (β·x, y) is an endomorphism; on the order-r group it
/// is multiplication by a cube root of unity λ modulo r. Of the two cube roots
/// of unity in each field exactly one pairing is right: β below (the one of
/// 191 bits, 3^((p−1)/3) squared) goes with λ = 36x³ + 18x² + 6x + 1, where x is
/// the BN parameter (checked on the generator and random points in the tests).
public enum GLV {
    /// β, a primitive cube root of unity in Fp: φ(x, y) = (β·x, y).
    public static let beta = try! Fp(decimal: "2203960485148121921418603742825762020974279258880205651966")

    /// λ = 36x³ + 18x² + 6x + 1, with φ(P) = [λ]P on G1 and λ² + λ + 1 ≡ 0 (mod r).
    public static let lambda = try! Fr(decimal: "4407920970296243842393367215006156084916469457145843978461")

    /// The decomposition k ≡ k₁ + k₂·λ (mod r), |k₁|, |k₂| < 2¹²⁷.
    ///
    /// Basis (extended Euclid on (r, λ) gives it; in terms of x):
    /// b₀ = (2x + 1, −(6x² + 2x)), b₁ = (6x² + 4x + 1, 2x + 1), with determinant
    /// (2x + 1)² + (6x² + 2x)(6x² + 4x + 1) = 36x⁴ + 36x³ + 18x² + 6x + 1 = r.
    public static let decomposition: EndomorphismDecomposition = {
        let twoXPlus1 = BN254.polynomial(0, 2, 1)
        return EndomorphismDecomposition(
            eigenvalue: lambda,
            basis: [[twoXPlus1, BN254.polynomial(6, 2, 0, negative: true)], [BN254.polynomial(6, 4, 1), twoXPlus1]],
            rounding: [
                ((0xd91d_232e_c7e0_b3d7, 0x2, 0, 0), false),                                  // 2²⁵⁶(2x + 1)/r
                ((0x7a7b_d9d4_391e_b18e, 0x4cce_f014_a773_d2cf, 0x2, 0), false),             // 2²⁵⁶(6x² + 2x)/r
            ],
            subScalarBitBound: 127)
    }()

    /// The window width of each sub-scalar's NAF: 8 odd multiples per base.
    static let window = 5
}

extension JacobianPoint where C == BN254G1Parameters {
    /// φ(P) = (β·x, y): in Jacobian coordinates X/Z² scales the same way, so
    /// (β·X, Y, Z). Equals [λ]P on G1.
    @inlinable
    public func glvEndomorphism() -> Self { Self(x: x * GLV.beta, y: y, z: z) }

    /// [k]P by GLV: k ≡ k₁ + k₂·λ (mod r) with |kᵢ| < 2¹²⁷, then
    /// [k₁]P + [k₂]φ(P) by interleaved width-5 NAFs over one chain of about 127
    /// doublings (half of the generic method's), with tables P, 3P, …, 15P in
    /// affine form (co-Z additions, one inversion) and φ of each entry for one
    /// Fp multiplication. Valid for every point of G1 (the cofactor is 1).
    /// Variable time.
    public func multipliedGLV(by k: Fr) -> Self {
        let limbs = k.canonicalLimbs
        if isInfinity || Limbs.isZero(limbs) { return .infinity }
        let decomposition = GLV.decomposition
        let parts = decomposition.decompose(canonical: limbs)
        guard parts[0].bitWidth <= decomposition.subScalarBitBound,
              parts[1].bitWidth <= decomposition.subScalarBitBound
        else { return multiplied(byLimbs: limbs) }  // unreachable by the bound; kept as a safe fallback
        let perBase = 1 << (GLV.window - 2)
        var tables = oddMultiplesCoZ(count: perBase) ?? oddMultiplesAffine(count: perBase)
        tables.reserveCapacity(2 * perBase)
        let beta = GLV.beta
        for i in 0..<perBase {
            let entry = tables[i]
            tables.append(entry.isInfinity ? entry : AffinePoint(x: entry.x * beta, y: entry.y))
        }
        return Self.interleavedMultiply(tables: tables, perBase: perBase, scalars: parts, count: 2, width: GLV.window)
    }
}

extension BN254 {
    /// ±(a·x² + b·x + c) for small a, b, c ≥ 0, exactly (the value must stay
    /// below 2¹²⁸, as 6x² + 4x + 1 < 2¹²⁷ does): basis entries written in terms
    /// of the BN parameter.
    static func polynomial(_ a: UInt, _ b: UInt, _ c: UInt, negative: Bool = false) -> SubScalar {
        let x = UInt(BN254.x)
        let (squareHigh, squareLow) = x.multipliedFullWidth(by: x)
        let (aLowHigh, aLow) = squareLow.multipliedFullWidth(by: a)
        var high = squareHigh * a + aLowHigh
        var low = aLow
        let (bHigh, bLow) = x.multipliedFullWidth(by: b)
        var carry: Bool
        (low, carry) = low.addingReportingOverflow(bLow)
        high += bHigh + (carry ? 1 : 0)
        (low, carry) = low.addingReportingOverflow(c)
        high += carry ? 1 : 0
        return SubScalar(low: low, high: high, isNegative: negative)
    }
}

extension BN254G1Parameters {
    /// [k]P on G1 by the GLV method (``JacobianPoint/multipliedGLV(by:)``).
    public static func multiply(_ point: G1Jacobian, by k: Fr) -> G1Jacobian {
        point.multipliedGLV(by: k)
    }
}
