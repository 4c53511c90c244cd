import SheafCurve
import SheafField

/// A multiplicative subgroup H = {1, ω, …, ωⁿ⁻¹} of BN254 Fr of size n = 2ᵏ
/// (k ≤ 28) or n = 3·2ᵏ (k ≥ 1, n ≤ 2²⁸), with FFTs over it and over its coset g·H.
///
/// r − 1 is divisible by 2²⁸ and by 3, so both shapes have roots of unity. A
/// 3·2ᵏ domain runs one radix-3 stage on top of three radix-2 transforms of
/// size 2ᵏ: it costs about a radix-2 transform of its size, and it is a quarter
/// smaller than 2ᵏ⁺² where a circuit just overflows 2ᵏ⁺¹ (10.7M constraints fit
/// 3·2²² = 12.6M points instead of 2²⁴ = 16.8M), which shrinks the prover's
/// FFTs and its H query by as much. Such domains are opt-in
/// (``init(atLeast:compact:)``): a key fixes its domain, and keys made before
/// them, or from a power-of-two `.ptau`, stay on 2ᵏ.
///
/// The FFT maps coefficients c₀…cₙ₋₁ to evaluations p(ω⁰)…p(ωⁿ⁻¹) in natural order;
/// the inverse maps back. The coset versions evaluate at g·ωʲ with the fixed shift
/// g = 5, the multiplicative generator of Fr* (so gⁿ ≠ 1 for every n here and the
/// coset is disjoint from H, which the QAP quotient needs: Z is nonzero there).
///
/// The twiddle factors ω⁰…ω^(n/2−1) are computed once per domain (n/2 field
/// elements, 16 MiB at n = 2²⁰). Transforms of at least ``parallelThreshold``
/// points split every butterfly stage across both cores; the arithmetic is the same
/// either way, so results are identical.
public struct EvaluationDomain: Sendable {
    /// The largest k with 2ᵏ dividing r − 1 for BN254 Fr.
    public static let maxLogSize = 28
    /// The coset shift g = 5.
    public static let cosetShift: Fr = 5
    /// The size from which transforms run on both cores: below it, thread hand-off
    /// costs more than it saves.
    public static let parallelThreshold = 1 << 14

    /// n.
    public let size: Int
    /// k: n = 2ᵏ, or n = 3·2ᵏ when ``hasRadix3Stage``.
    public let logSize: Int
    /// Whether n = 3·2ᵏ (one radix-3 stage over radix-2 transforms of 2ᵏ).
    public let hasRadix3Stage: Bool
    /// ω, a primitive n-th root of unity.
    public let generator: Fr
    /// ω⁻¹.
    public let generatorInverse: Fr
    /// n⁻¹ in Fr.
    public let sizeInverse: Fr
    /// gⁿ, so that Z(g·ωʲ) = gⁿ − 1 for every j.
    public let cosetShiftToSize: Fr
    /// ωʲ for j < n/2 (ω^(j + n/2) = −ωʲ).
    let twiddles: [Fr]

    /// Whether `size` is a domain size: 2ᵏ (k ≤ 28) or 3·2ᵏ (k ≥ 1), at most 2²⁸.
    public static func isSupportedSize(_ size: Int) -> Bool {
        guard size >= 1, size <= 1 << maxLogSize else { return false }
        if size & (size - 1) == 0 { return true }
        let twoPart = size >> size.trailingZeroBitCount
        return twoPart == 3 && size.trailingZeroBitCount >= 1
    }

    /// The domain of exactly `size` points: 2ᵏ, or 3·2ᵏ with k ≥ 1.
    ///
    /// - Throws: ``R1CSError/domainSizeNotPowerOfTwo(_:)`` for any other size, or
    ///   ``R1CSError/domainTooLarge(requested:maximum:)``.
    public init(size: Int) throws {
        guard size <= 1 << Self.maxLogSize else {
            throw R1CSError.domainTooLarge(requested: size, maximum: 1 << Self.maxLogSize)
        }
        guard Self.isSupportedSize(size) else { throw R1CSError.domainSizeNotPowerOfTwo(size) }
        self.size = size
        logSize = size.trailingZeroBitCount
        hasRadix3Stage = size & (size - 1) != 0
        var omega = Fr.twoAdicRootOfUnity
        for _ in logSize..<Self.maxLogSize { omega = omega.squared() }
        if hasRadix3Stage {
            // ω = ω₂^e·ζ with ω₂ the 2ᵏ-th root above, e = 3⁻¹ mod 2ᵏ and ζ a
            // primitive cube root of unity: ω³ = ω₂ (so the radix-2 transforms
            // inside use the powers of ω₂, every third twiddle), and ω has order
            // exactly 3·2ᵏ because the two factors' orders are coprime.
            let half = size / 3
            let e = (1...2).lazy.map { ($0 * half + 1) }.first { $0 % 3 == 0 }! / 3
            omega = omega.power((UInt(e), 0, 0, 0)) * Self.primitiveCubeRoot
        }
        generator = omega
        generatorInverse = omega.inverse()!
        sizeInverse = Fr(UInt64(size)).inverse()!
        cosetShiftToSize = Self.cosetShift.power((UInt(size), 0, 0, 0))
        twiddles = Self.powers(of: omega, count: size / 2, parallel: size >= Self.parallelThreshold)
    }

    /// The smallest domain with at least `count` points.
    ///
    /// - Parameter compact: also consider the sizes 3·2ᵏ and take the smaller
    ///   (false: powers of two only, as every key made before such domains).
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)``.
    public init(atLeast count: Int, compact: Bool = false) throws {
        try self.init(size: Self.size(atLeast: count, compact: compact))
    }

    /// The size ``init(atLeast:compact:)`` picks, without building the domain.
    ///
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)``.
    public static func size(atLeast count: Int, compact: Bool = false) throws -> Int {
        guard count <= 1 << Self.maxLogSize else {
            throw R1CSError.domainTooLarge(requested: count, maximum: 1 << Self.maxLogSize)
        }
        var size = 1
        while size < count { size <<= 1 }
        // 3·2ᵏ⁻² lies between 2ᵏ⁻¹ and 2ᵏ: the only candidate of that shape.
        if compact && size >= 8 && 3 * (size >> 2) >= count { size = 3 * (size >> 2) }
        return size
    }

    /// ζ, a primitive cube root of unity in Fr: the eigenvalue λ of the GLV
    /// endomorphism on G1 (λ² + λ + 1 = 0).
    static let primitiveCubeRoot: Fr = GLV.lambda

    /// base⁰, base¹, …, base^(count−1), chunk by chunk (each chunk starts from a
    /// fresh exponentiation so chunks are independent).
    static func powers(of base: Fr, count: Int, parallel: Bool) -> [Fr] {
        var result = [Fr](repeating: .zero, count: count)
        result.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress
            fftForEachChunk(count, parallel: parallel) { range in
                var x = base.power((UInt(range.lowerBound), 0, 0, 0))
                for i in range {
                    out![i] = x
                    x *= base
                }
            }
        }
        return result
    }

    /// ωⁱ for any integer i (taken modulo n).
    public func element(_ i: Int) -> Fr {
        if size == 1 { return .one }
        let j = ((i % size) + size) % size
        let half = size / 2
        return j < half ? twiddles[j] : -twiddles[j - half]
    }

    /// All n points ω⁰…ωⁿ⁻¹ in order.
    public var elements: [Fr] {
        if size == 1 { return [.one] }
        return twiddles + twiddles.map { -$0 }
    }

    /// The vanishing polynomial of H at x: Z(x) = xⁿ − 1.
    public func vanishingPolynomial(at x: Fr) -> Fr {
        x.power((UInt(size), 0, 0, 0)) - .one
    }

    /// The n Lagrange basis polynomials of H evaluated at x: Lⱼ(x) = 1 at ωʲ and 0
    /// at the other points of H. Off H, Lⱼ(x) = Z(x)·ωʲ / (n·(x − ωʲ)), with all
    /// n denominators inverted together (O(n) multiplications, one inversion); on
    /// H, the unit vector.
    public func lagrangeCoefficients(at x: Fr) -> [Fr] {
        let z = vanishingPolynomial(at: x)
        let points = elements
        if z.isZero {
            var unit = [Fr](repeating: .zero, count: size)
            if let k = points.firstIndex(of: x) { unit[k] = .one }
            return unit
        }
        var denominators = points.map { x - $0 }
        Fr.batchInvert(&denominators)
        let scale = z * sizeInverse
        for j in 0..<size { denominators[j] = scale * points[j] * denominators[j] }
        return denominators
    }

    /// In-place FFT: coefficients → evaluations on H (both of length n).
    public func fft(_ values: inout [Fr]) {
        transform(&values, parallel: size >= Self.parallelThreshold)
    }

    /// In-place inverse FFT: evaluations on H → coefficients.
    public func ifft(_ values: inout [Fr]) {
        inverseTransform(&values, parallel: size >= Self.parallelThreshold)
    }

    /// In-place coset FFT: coefficients → evaluations at g·ωʲ, by scaling cᵢ by gⁱ
    /// and transforming.
    public func cosetFFT(_ values: inout [Fr]) {
        let parallel = size >= Self.parallelThreshold
        Self.scaleByPowers(&values, of: Self.cosetShift, parallel: parallel)
        transform(&values, parallel: parallel)
    }

    /// In-place inverse coset FFT: evaluations at g·ωʲ → coefficients.
    public func cosetIFFT(_ values: inout [Fr]) {
        let parallel = size >= Self.parallelThreshold
        inverseTransform(&values, parallel: parallel)
        Self.scaleByPowers(&values, of: Self.cosetShift.inverse()!, parallel: parallel)
    }

    /// values[i] ·= baseⁱ.
    static func scaleByPowers(_ values: inout [Fr], of base: Fr, parallel: Bool) {
        let count = values.count
        values.withUnsafeMutableBufferPointer { buffer in
            let v = buffer.baseAddress
            fftForEachChunk(count, parallel: parallel) { range in
                var x = base.power((UInt(range.lowerBound), 0, 0, 0))
                for i in range {
                    v![i] *= x
                    x *= base
                }
            }
        }
    }

    /// The inverse transform as a forward one: FFT_ω⁻¹(v) is FFT_ω(v) with outputs
    /// 1…n−1 reversed (ω⁻ʲ = ω^(n−j)), then scaled by n⁻¹.
    func inverseTransform(_ values: inout [Fr], parallel: Bool) {
        transform(&values, parallel: parallel)
        if size > 2 { values[1..<size].reverse() }
        let scale = sizeInverse
        values.withUnsafeMutableBufferPointer { buffer in
            let v = buffer.baseAddress
            fftForEachChunk(size, parallel: parallel) { range in
                for i in range { v![i] *= scale }
            }
        }
    }

    /// The stages done block by block: blocks of 2^14 values (512 KiB).
    static let cacheBlockLog = 14

    /// The transform: radix-2 for n = 2ᵏ; for n = 3·2ᵏ, one decimation-in-time
    /// radix-3 stage. With m = n/3 and xⱼ split by j mod 3 into y₀, y₁, y₂ (each
    /// transformed over the 2ᵏ points ω³ʲ), X[i + t·m] = Σₛ ωˢⁱ·Yₛ[i]·zˢᵗ for
    /// t = 0, 1, 2, where z = ωᵐ is a cube root of unity: with aₛ = ωˢⁱ·Yₛ[i]
    /// and z² = −1 − z, the three outputs are a₀ + a₁ + a₂, a₀ − a₂ + z(a₁ − a₂)
    /// and a₀ − a₁ + z(a₂ − a₁): four multiplications for three points.
    func transform(_ values: inout [Fr], parallel: Bool, cacheBlockLog: Int = Self.cacheBlockLog) {
        precondition(values.count == size, "FFT input has \(values.count) values, the domain has \(size)")
        if size == 1 { return }
        guard hasRadix3Stage else {
            twiddles.withUnsafeBufferPointer { tw in
                values.withUnsafeMutableBufferPointer { buffer in
                    Self.radix2(buffer.baseAddress!, log: logSize, twiddles: tw, step: 1, parallel: parallel,
                                cacheBlockLog: cacheBlockLog)
                }
            }
            return
        }
        let n = size, m = size / 3
        // The three thirds side by side: y_s[q] = x[3q + s] at s·m + q.
        var thirds = [Fr](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = buffer.baseAddress!
            values.withUnsafeBufferPointer { x in
                let source = x.baseAddress!
                fftForEachChunk(m, parallel: parallel) { range in
                    for q in range {
                        (out + q).initialize(to: source[3 * q])
                        (out + m + q).initialize(to: source[3 * q + 1])
                        (out + 2 * m + q).initialize(to: source[3 * q + 2])
                    }
                }
            }
            initialized = n
        }
        let z = element(m)
        twiddles.withUnsafeBufferPointer { tw in
            thirds.withUnsafeMutableBufferPointer { buffer in
                let y = buffer.baseAddress!
                // ω³'s powers are every third twiddle (3·j < n/2 for j < m/2).
                for s in 0..<3 {
                    Self.radix2(y + s * m, log: logSize, twiddles: tw, step: 3, parallel: parallel,
                                cacheBlockLog: cacheBlockLog)
                }
                values.withUnsafeMutableBufferPointer { out in
                    let x = out.baseAddress!
                    fftForEachChunk(m, parallel: parallel) { range in
                        var w1 = element(range.lowerBound)
                        let omega = generator
                        for i in range {
                            let w2 = w1.squared()
                            let a0 = y[i], a1 = y[m + i] * w1, a2 = y[2 * m + i] * w2
                            x[i] = a0 + a1 + a2
                            x[i + m] = a0 - a2 + z * (a1 - a2)
                            x[i + 2 * m] = a0 - a1 + z * (a2 - a1)
                            w1 *= omega
                        }
                    }
                }
            }
        }
    }

    /// The iterative radix-2 decimation-in-time FFT of the 2ᵏ values at `v`, with
    /// root ω^step (its power e is `twiddles[e·step]`): bit-reversal permutation,
    /// then k stages of butterflies (u, v) ↦ (u + ωᵉv, u − ωᵉv). Within a stage
    /// the butterflies touch disjoint pairs, so they are split across cores as a
    /// flat range; stages run one after the other.
    static func radix2(_ v: UnsafeMutablePointer<Fr>, log k: Int, twiddles tw: UnsafeBufferPointer<Fr>, step: Int,
                       parallel: Bool, cacheBlockLog: Int) {
        let n = 1 << k
        if n == 1 { return }
        // Bit reversal: each pair is swapped by its smaller index only.
        fftForEachChunk(n, parallel: parallel) { range in
            for i in range {
                let j = Int(UInt(i).bitReversed(width: k))
                if i < j { v.swapAt(i, j) }
            }
        }
        // The first stages pair elements less than a block apart, so each
        // block of 2^blockLog values (512 KiB, within a core's cache) goes
        // through all of them before the next block is touched: one pass
        // over memory for those stages instead of one per stage.
        let blockLog = min(k, cacheBlockLog)
        let blockSize = 1 << blockLog
        fftForEachChunk(n >> blockLog, parallel: parallel) { blocks in
            for block in blocks {
                let base = block << blockLog
                for halfLog in 0..<blockLog {
                    let half = 1 << halfLog
                    let stride = (n >> (halfLog + 1)) * step
                    let mask = half - 1
                    for b in 0..<(blockSize / 2) {
                        let j = b & mask
                        let i = base + (((b >> halfLog) << (halfLog + 1)) | j)
                        let t = v[i + half] * tw[j * stride]
                        let u = v[i]
                        v[i] = u + t
                        v[i + half] = u - t
                    }
                }
            }
        }
        var halfLog = blockLog
        while halfLog < k {
            let half = 1 << halfLog
            let stride = (n >> (halfLog + 1)) * step   // twiddle step n / (2·half), in powers of ω^step
            let mask = half - 1
            fftForEachChunk(n / 2, parallel: parallel) { range in
                for b in range {
                    let j = b & mask
                    let i = ((b >> halfLog) << (halfLog + 1)) | j
                    let t = v[i + half] * tw[j * stride]
                    let u = v[i]
                    v[i] = u + t
                    v[i + half] = u - t
                }
            }
            halfLog += 1
        }
    }
}

extension UInt {
    /// The low `width` bits in reverse order.
    @inlinable
    func bitReversed(width: Int) -> UInt {
        var x = self, r: UInt = 0
        for _ in 0..<width {
            r = (r << 1) | (x & 1)
            x >>= 1
        }
        return r
    }
}

extension UnsafeMutablePointer where Pointee == Fr {
    /// Exchanges two elements.
    @inlinable
    func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
