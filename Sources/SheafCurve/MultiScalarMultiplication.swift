import Dispatch
import SheafField

/// Multi-scalar multiplication Σ kᵢ·Pᵢ by Pippenger's bucket method.
///
/// Scalars are cut into windows of c bits. Within a window each point is added
/// (mixed addition, affine bases) into the bucket of its digit, and the buckets are
/// summed with the running-sum trick, Σ j·Bⱼ in 2·2^c additions. Windows are
/// independent, so they are spread across cores; the window results are combined
/// with c doublings each. The window width grows with the input size (about
/// log₂ n − 2 bits), which balances the n additions per window against the 2^c
/// bucket additions.
public enum MultiScalarMultiplication {
    /// The window width for n points.
    @inlinable
    public static func windowBits(forCount n: Int) -> Int {
        if n < 32 { return 3 }
        let log2n = Int.bitWidth - n.leadingZeroBitCount - 1
        return min(16, max(4, log2n - 2))
    }

    /// Σ scalars[i]·points[i]. The arrays must have equal length.
    ///
    /// - Parameter parallel: spread windows across cores (default true).
    @inlinable
    public static func compute<C: CurveParameters>(
        points: [AffinePoint<C>], scalars: [Fr], parallel: Bool = true
    ) -> JacobianPoint<C> {
        precondition(points.count == scalars.count, "MSM needs one scalar per point")
        let n = points.count
        if n == 0 { return .infinity }
        if n < 8 {
            var acc = JacobianPoint<C>.infinity
            for i in 0..<n { acc += JacobianPoint(points[i]).multiplied(by: scalars[i]) }
            return acc
        }
        let limbs = scalars.map(\.canonicalLimbs)
        let c = windowBits(forCount: n)
        let windowCount = (BN254FrParameters.bitWidth + c - 1) / c
        var windowSums = [JacobianPoint<C>](repeating: .infinity, count: windowCount)
        let work: (Int) -> JacobianPoint<C> = { w in
            windowSum(points: points, limbs: limbs, window: w, bits: c)
        }
        if parallel && n >= 256 {
            windowSums.withUnsafeMutableBufferPointer { sums in
                let base = sums.baseAddress!
                DispatchQueue.concurrentPerform(iterations: windowCount) { w in
                    base[w] = work(w)
                }
            }
        } else {
            for w in 0..<windowCount { windowSums[w] = work(w) }
        }
        var result = JacobianPoint<C>.infinity
        for w in stride(from: windowCount - 1, through: 0, by: -1) {
            for _ in 0..<c { result = result.doubled() }
            result += windowSums[w]
        }
        return result
    }

    /// The contribution Σⱼ j·Bⱼ of window `window` (bits [window·c, window·c + c)).
    @inlinable
    static func windowSum<C: CurveParameters>(
        points: [AffinePoint<C>], limbs: [Limbs4], window: Int, bits c: Int
    ) -> JacobianPoint<C> {
        var buckets = [JacobianPoint<C>](repeating: .infinity, count: (1 << c) - 1)
        let shift = window * c
        for i in 0..<points.count {
            let digit = extractBits(limbs[i], from: shift, count: c)
            if digit != 0 { buckets[digit - 1] += points[i] }
        }
        var running = JacobianPoint<C>.infinity
        var sum = JacobianPoint<C>.infinity
        for j in stride(from: buckets.count - 1, through: 0, by: -1) {
            running += buckets[j]
            sum += running
        }
        return sum
    }

    /// `count` bits of `k` starting at bit `from`.
    @inlinable @inline(__always)
    static func extractBits(_ k: Limbs4, from: Int, count: Int) -> Int {
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
