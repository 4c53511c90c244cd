import SheafField

/// A multiplicative subgroup H = {1, ω, …, ωⁿ⁻¹} of BN254 Fr of size n = 2ᵏ (k ≤ 28),
/// with radix-2 FFTs over it and over its coset g·H.
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
    /// k = log₂ n.
    public let logSize: Int
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

    /// The domain of exactly `size` points.
    ///
    /// - Throws: ``R1CSError/domainSizeNotPowerOfTwo(_:)`` or
    ///   ``R1CSError/domainTooLarge(requested:maximum:)``.
    public init(size: Int) throws {
        guard size >= 1, size & (size - 1) == 0 else { throw R1CSError.domainSizeNotPowerOfTwo(size) }
        guard size <= 1 << Self.maxLogSize else {
            throw R1CSError.domainTooLarge(requested: size, maximum: 1 << Self.maxLogSize)
        }
        self.size = size
        logSize = size.trailingZeroBitCount
        var omega = Fr.twoAdicRootOfUnity
        for _ in logSize..<Self.maxLogSize { omega = omega.squared() }
        generator = omega
        generatorInverse = omega.inverse()!
        sizeInverse = Fr(UInt64(size)).inverse()!
        cosetShiftToSize = Self.cosetShift.power((UInt(size), 0, 0, 0))
        twiddles = Self.powers(of: omega, count: size / 2, parallel: size >= Self.parallelThreshold)
    }

    /// The smallest domain with at least `count` points.
    ///
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)``.
    public init(atLeast count: Int) throws {
        guard count <= 1 << Self.maxLogSize else {
            throw R1CSError.domainTooLarge(requested: count, maximum: 1 << Self.maxLogSize)
        }
        var size = 1
        while size < count { size <<= 1 }
        try self.init(size: size)
    }

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
        var y = x
        for _ in 0..<logSize { y = y.squared() }
        return y - .one
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

    /// The iterative radix-2 decimation-in-time FFT: bit-reversal permutation, then
    /// log₂ n stages of butterflies (u, v) ↦ (u + ωᵏv, u − ωᵏv). Within a stage the
    /// n/2 butterflies touch disjoint pairs, so they are split across cores as a flat
    /// range; stages run one after the other.
    /// The stages done block by block: blocks of 2^14 values (512 KiB).
    static let cacheBlockLog = 14

    func transform(_ values: inout [Fr], parallel: Bool, cacheBlockLog: Int = Self.cacheBlockLog) {
        precondition(values.count == size, "FFT input has \(values.count) values, the domain has \(size)")
        if size == 1 { return }
        let n = size, k = logSize
        twiddles.withUnsafeBufferPointer { tw in
            values.withUnsafeMutableBufferPointer { buffer in
                let v = buffer.baseAddress!
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
                            let stride = n >> (halfLog + 1)
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
                    let stride = n >> (halfLog + 1)   // twiddle step n / (2·half)
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
