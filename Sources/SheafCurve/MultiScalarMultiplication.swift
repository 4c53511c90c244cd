import Dispatch
import SheafField

/// Multi-scalar multiplication Σ kᵢ·Pᵢ by Pippenger's bucket method with signed
/// digits.
///
/// Scalars are recoded into signed c-bit digits in [−2^(c−1), 2^(c−1)] (a digit
/// above 2^(c−1) becomes d − 2^c with a carry into the next window). Within a
/// window each point is added into the bucket of |digit|, negated when the
/// digit is negative: for wide windows by batches of affine additions sharing
/// one inversion (``BatchAffineBuckets``), for narrow ones by mixed addition
/// into Jacobian buckets. The buckets are summed with
/// the running-sum trick, Σ j·Bⱼ in 2·2^(c−1) additions: signed digits halve the
/// buckets, and so the bucket-summing cost, for the same window width. Windows
/// are independent, so they are spread across cores; the window results are
/// combined with c doublings each. The window width grows with the input size
/// (about log₂ n − 3 bits), which balances the n additions per window against
/// the 2^(c−1) bucket additions.
public enum MultiScalarMultiplication {
    /// The window width for n points.
    @inlinable
    public static func windowBits(forCount n: Int) -> Int {
        if n < 32 { return 3 }
        let log2n = Int.bitWidth - n.leadingZeroBitCount - 1
        return min(16, max(4, log2n - 3))
    }

    /// The number of c-bit windows of a signed recoding of scalars below r: one
    /// more than the windows of 254 bits when the top window could carry out.
    @inlinable
    public static func windowCount(bits c: Int) -> Int {
        BN254FrParameters.bitWidth / c + 1
    }

    /// Σ scalars[i]·points[i]. The arrays must have equal length.
    ///
    /// - Parameters:
    ///   - parallel: spread windows across cores (default true).
    ///   - batchAffine: keep the buckets of wide windows affine
    ///     (``BatchAffineBuckets``, the default); false adds every point into
    ///     Jacobian buckets, the reference the tests compare against.
    @inlinable
    public static func compute<C: CurveParameters>(
        points: [AffinePoint<C>], scalars: [Fr], parallel: Bool = true, batchAffine: Bool = true
    ) -> JacobianPoint<C> {
        precondition(points.count == scalars.count, "MSM needs one scalar per point")
        let n = points.count
        if n == 0 { return .infinity }
        if n < 8 {
            var acc = JacobianPoint<C>.infinity
            for i in 0..<n { acc += JacobianPoint(points[i]).multiplied(by: scalars[i]) }
            return acc
        }
        let c = windowBits(forCount: n)
        let windows = windowCount(bits: c)
        let digits = signedDigits(scalars, bits: c, windows: windows)
        var windowSums = [JacobianPoint<C>](repeating: .infinity, count: windows)
        let work: (Int) -> JacobianPoint<C> = { w in
            digits.withUnsafeBufferPointer { all in
                windowSum(points: points, digits: UnsafeBufferPointer(rebasing: all[(w * n)..<(w * n + n)]), bits: c,
                          batchAffine: batchAffine)
            }
        }
        if parallel && n >= 256 {
            windowSums.withUnsafeMutableBufferPointer { sums in
                let base = sums.baseAddress!
                DispatchQueue.concurrentPerform(iterations: windows) { w in
                    base[w] = work(w)
                }
            }
        } else {
            for w in 0..<windows { windowSums[w] = work(w) }
        }
        var result = JacobianPoint<C>.infinity
        for w in stride(from: windows - 1, through: 0, by: -1) {
            for _ in 0..<c { result = result.doubled() }
            result += windowSums[w]
        }
        return result
    }

    /// Signed c-bit digits of every scalar, window-major (digit w of scalar i at
    /// w·n + i): Σ_w digit·2^(w·c) equals the scalar, each digit in
    /// [−2^(c−1), 2^(c−1)].
    @inlinable
    public static func signedDigits(_ scalars: [Fr], bits c: Int, windows: Int) -> [Int32] {
        let n = scalars.count
        var digits = [Int32](repeating: 0, count: n * windows)
        let half = 1 << (c - 1), full = 1 << c
        digits.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                let k = scalars[i].canonicalLimbs
                var carry = 0
                for w in 0..<windows {
                    var d = extractBits(k, from: w * c, count: c) + carry
                    if d > half { d -= full; carry = 1 } else { carry = 0 }
                    out[w * n + i] = Int32(d)
                }
            }
        }
        return digits
    }

    /// The narrowest window whose buckets are kept affine
    /// (``BatchAffineBuckets``): 2^(c−1) buckets, so batches of 2^(c−5)
    /// additions share each inversion.
    public static let batchAffineMinimumBits = 12

    /// The contribution Σⱼ j·Bⱼ of one window, given its signed digits.
    @inlinable
    static func windowSum<C: CurveParameters>(
        points: [AffinePoint<C>], digits: UnsafeBufferPointer<Int32>, bits c: Int,
        batchAffine: Bool = true
    ) -> JacobianPoint<C> {
        if batchAffine && c >= batchAffineMinimumBits {
            var buckets = BatchAffineBuckets<C>(count: 1 << (c - 1))
            points.withUnsafeBufferPointer { points in
                for i in 0..<points.count {
                    let digit = Int(digits[i])
                    let p = points[i]
                    if digit == 0 || p.isInfinity { continue }
                    if digit > 0 {
                        buckets.add(bucket: digit - 1, x: p.x, y: p.y)
                    } else {
                        buckets.add(bucket: -digit - 1, x: p.x, y: -p.y)
                    }
                }
            }
            return buckets.weightedSum()
        }
        var buckets = [JacobianPoint<C>](repeating: .infinity, count: 1 << (c - 1))
        for i in 0..<points.count {
            let digit = Int(digits[i])
            if digit > 0 {
                buckets[digit - 1] += points[i]
            } else if digit < 0 {
                buckets[-digit - 1] += -points[i]
            }
        }
        var running = JacobianPoint<C>.infinity
        var sum = JacobianPoint<C>.infinity
        for j in stride(from: buckets.count - 1, through: 0, by: -1) {
            running += buckets[j]
            sum += running
        }
        return sum
    }

    /// `count` bits (at most 63) of `k` starting at bit `from`.
    @inlinable @inline(__always)
    public static func extractBits(_ k: Limbs4, from: Int, count: Int) -> Int {
        let limbIndex = from >> 6
        let offset = from & 63
        @inline(__always) func limb(_ i: Int) -> UInt {
            switch i { case 0: return k.0; case 1: return k.1; case 2: return k.2; case 3: return k.3; default: return 0 }
        }
        var value = limb(limbIndex) >> UInt(offset)
        if offset + count > 64 { value |= limb(limbIndex + 1) << UInt(64 - offset) }
        return Int(value & ((1 << UInt(count)) - 1))
    }
}
