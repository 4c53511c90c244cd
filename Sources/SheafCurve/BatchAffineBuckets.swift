import SheafField

/// Pippenger buckets kept in affine coordinates, filled by batches of affine
/// additions that share one field inversion.
///
/// A mixed Jacobian addition costs 7M + 4S. An affine addition P + Q costs one
/// inversion, 2M and 1S (λ = (y_Q − y_P)/(x_Q − x_P), x = λ² − x_P − x_Q,
/// y = λ(x_P − x) − y_P); with Montgomery's trick over a batch of additions
/// into distinct buckets, the inversions cost 3M each and one real inversion per
/// batch, so an addition costs about 5M + 1S. That is the saving in the large
/// MSMs of a Groth16 prover, where the bucket additions are almost all of the
/// work.
///
/// An addition can join the batch only when its bucket holds a point and no
/// other addition of the batch targets it (the batch reads each bucket once).
/// The rest take cheaper or safer paths:
/// - an empty bucket takes the point as it is;
/// - a bucket already targeted in this batch, or one whose x equals the point's
///   (a doubling or a cancellation, which the affine formula cannot do), gets
///   the point by mixed addition into a Jacobian overflow bucket of the same
///   index. Digits that repeat (a witness of bits puts millions of 1s in one
///   window) therefore cost what they cost before, never more.
/// Each bucket's value is its affine part plus its overflow part.
@usableFromInline
struct BatchAffineBuckets<C: CurveParameters> {
    /// The affine part of each bucket, valid where `filled` is set.
    @usableFromInline var x: [C.Field]
    @usableFromInline var y: [C.Field]
    @usableFromInline var filled: [Bool]
    /// The batch that last targeted each bucket (0: none).
    @usableFromInline var batchOf: [UInt32]
    /// The overflow part of each bucket.
    @usableFromInline var overflow: [JacobianPoint<C>]
    /// The pending batch: target bucket and point (already negated as needed).
    @usableFromInline var pendingBucket: [Int32]
    @usableFromInline var pendingX: [C.Field]
    @usableFromInline var pendingY: [C.Field]
    /// Scratch for Montgomery's trick: x_Q − x_P, then the prefix products.
    @usableFromInline var denominators: [C.Field]
    @usableFromInline var prefix: [C.Field]
    @usableFromInline var pendingCount = 0
    @usableFromInline var batch: UInt32 = 1
    @usableFromInline let capacity: Int

    /// Batches of this many additions: one inversion per batch is then a small
    /// share of the cost, and with 2^(c−1) buckets a batch rarely targets one
    /// bucket twice.
    @inlinable
    static func batchCapacity(buckets: Int) -> Int { min(2048, max(16, buckets / 16)) }

    /// `count` empty buckets, with batches of ``batchCapacity(buckets:)``
    /// additions, or of `capacity` when given (a caller that flushes at its own
    /// boundaries, such as ``FixedBaseTable/multiplyAffine(_:)``).
    @inlinable
    init(count: Int, capacity: Int? = nil) {
        x = [C.Field](repeating: .zero, count: count)
        y = [C.Field](repeating: .zero, count: count)
        filled = [Bool](repeating: false, count: count)
        batchOf = [UInt32](repeating: 0, count: count)
        overflow = [JacobianPoint<C>](repeating: .infinity, count: count)
        self.capacity = capacity ?? Self.batchCapacity(buckets: count)
        pendingBucket = [Int32](repeating: 0, count: self.capacity)
        pendingX = [C.Field](repeating: .zero, count: self.capacity)
        pendingY = [C.Field](repeating: .zero, count: self.capacity)
        denominators = [C.Field](repeating: .zero, count: self.capacity)
        prefix = [C.Field](repeating: .zero, count: self.capacity)
    }

    /// Adds the finite affine point (px, py) into bucket `b`.
    @inlinable @inline(__always)
    mutating func add(bucket b: Int, x px: C.Field, y py: C.Field) {
        if !filled[b] {
            x[b] = px; y[b] = py; filled[b] = true
            return
        }
        if batchOf[b] == batch || x[b] == px {
            overflow[b] += AffinePoint<C>(x: px, y: py)
            return
        }
        batchOf[b] = batch
        pendingBucket[pendingCount] = Int32(b)
        pendingX[pendingCount] = px
        pendingY[pendingCount] = py
        pendingCount += 1
        if pendingCount == capacity { flush() }
    }

    /// Performs the pending additions with one inversion.
    @inlinable
    mutating func flush() {
        let count = pendingCount
        guard count > 0 else { return }
        x.withUnsafeMutableBufferPointer { bx in
        y.withUnsafeMutableBufferPointer { by in
        pendingBucket.withUnsafeBufferPointer { pb in
        pendingX.withUnsafeBufferPointer { qx in
        pendingY.withUnsafeBufferPointer { qy in
        denominators.withUnsafeMutableBufferPointer { d in
        prefix.withUnsafeMutableBufferPointer { pre in
            // Every denominator is nonzero: equal x went to the overflow.
            var accumulator = C.Field.one
            for e in 0..<count {
                let b = Int(pb[e])
                d[e] = qx[e] - bx[b]
                pre[e] = accumulator
                accumulator = accumulator * d[e]
            }
            guard var inverse = accumulator.inverse() else {
                preconditionFailure("a batch-affine denominator was zero")
            }
            for e in stride(from: count - 1, through: 0, by: -1) {
                let b = Int(pb[e])
                let inv = inverse * pre[e]
                inverse = inverse * d[e]
                let lambda = (qy[e] - by[b]) * inv
                let x3 = lambda.squared() - bx[b] - qx[e]
                by[b] = lambda * (bx[b] - x3) - by[b]
                bx[b] = x3
            }
        }}}}}}}
        pendingCount = 0
        // A new batch number frees every bucket for the next batch; on the
        // (theoretical) wrap-around the marks are cleared.
        if batch == UInt32.max {
            batchOf = [UInt32](repeating: 0, count: batchOf.count)
            batch = 1
        } else {
            batch += 1
        }
    }

    /// Bucket b's value in affine form, after the last flush: its affine part
    /// plus its overflow part (normalized only when the overflow holds a point).
    @inlinable
    func affineValue(_ b: Int) -> AffinePoint<C> {
        let part = filled[b] ? AffinePoint<C>(x: x[b], y: y[b]) : AffinePoint<C>.infinity
        return overflow[b].isInfinity ? part : (overflow[b] + part).affine
    }

    /// Σⱼ (j + 1)·Bⱼ by the running-sum trick, after the last flush.
    @inlinable
    mutating func weightedSum() -> JacobianPoint<C> {
        flush()
        var running = JacobianPoint<C>.infinity
        var sum = JacobianPoint<C>.infinity
        for j in stride(from: x.count - 1, through: 0, by: -1) {
            if filled[j] { running += AffinePoint<C>(x: x[j], y: y[j]) }
            if !overflow[j].isInfinity { running += overflow[j] }
            sum += running
        }
        return sum
    }
}
