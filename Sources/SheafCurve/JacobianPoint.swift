import SheafField

/// A point in Jacobian coordinates (X : Y : Z), representing (X/Z², Y/Z³); Z = 0
/// is the point at infinity. The working representation for group arithmetic:
/// no inversions until ``affine`` is asked for.
public struct JacobianPoint<C: CurveParameters>: Sendable {
    /// X: the affine x-coordinate is X/Z².
    public var x: C.Field
    /// Y: the affine y-coordinate is Y/Z³.
    public var y: C.Field
    /// Z: zero exactly for the point at infinity.
    public var z: C.Field

    /// A point from raw Jacobian coordinates (not checked).
    @inlinable @inline(__always)
    public init(x: C.Field, y: C.Field, z: C.Field) { self.x = x; self.y = y; self.z = z }

    /// The Jacobian form of an affine point.
    @inlinable @inline(__always)
    public init(_ p: AffinePoint<C>) {
        if p.isInfinity { self = .infinity } else { self.init(x: p.x, y: p.y, z: .one) }
    }

    /// The point at infinity.
    @inlinable
    public static var infinity: Self { Self(x: .one, y: .one, z: .zero) }

    /// The generator of the order-r subgroup.
    @inlinable
    public static var generator: Self { Self(C.generator) }

    /// Whether this is the point at infinity.
    @inlinable
    public var isInfinity: Bool { z.isZero }

    /// The affine form (one field inversion).
    @inlinable
    public var affine: AffinePoint<C> {
        guard let zInverse = z.inverse() else { return .infinity }
        let zInverse2 = zInverse.squared()
        return AffinePoint(x: x * zInverse2, y: y * zInverse2 * zInverse)
    }

    /// Converts many points with one shared inversion (Montgomery's trick).
    @inlinable
    public static func batchAffine(_ points: [Self]) -> [AffinePoint<C>] {
        var prefix = [C.Field]()
        prefix.reserveCapacity(points.count)
        var accumulator = C.Field.one
        for p in points {
            prefix.append(accumulator)
            if !p.isInfinity { accumulator = accumulator * p.z }
        }
        var result = [AffinePoint<C>](repeating: .infinity, count: points.count)
        guard var inverse = accumulator.inverse() else { return result }
        for i in stride(from: points.count - 1, through: 0, by: -1) where !points[i].isInfinity {
            let zInverse = inverse * prefix[i]
            inverse = inverse * points[i].z
            let zInverse2 = zInverse.squared()
            result[i] = AffinePoint(x: points[i].x * zInverse2, y: points[i].y * zInverse2 * zInverse)
        }
        return result
    }

    /// Doubling for a = 0 (dbl-2009-l: 2M + 5S).
    @inlinable
    public func doubled() -> Self {
        if isInfinity { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let f = e.squared()
        let x3 = f - d.doubled()
        let y3 = e * (d - x3) - c.doubled().doubled().doubled()
        let z3 = (y * z).doubled()
        return Self(x: x3, y: y3, z: z3)
    }

    /// Mixed addition with an affine point (madd-2007-bl: 7M + 4S).
    @inlinable
    public static func + (p: Self, q: AffinePoint<C>) -> Self {
        if q.isInfinity { return p }
        if p.isInfinity { return Self(q) }
        let z1z1 = p.z.squared()
        let u2 = q.x * z1z1
        let s2 = q.y * p.z * z1z1
        let h = u2 - p.x
        let r = (s2 - p.y).doubled()
        if h.isZero { return r.isZero ? p.doubled() : .infinity }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let v = p.x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (p.y * j).doubled()
        let z3 = (p.z + h).squared() - z1z1 - hh
        return Self(x: x3, y: y3, z: z3)
    }

    /// General addition (add-2007-bl: 11M + 5S).
    @inlinable
    public static func + (p: Self, q: Self) -> Self {
        if q.isInfinity { return p }
        if p.isInfinity { return q }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        let h = u2 - u1
        let r = (s2 - s1).doubled()
        if h.isZero { return r.isZero ? p.doubled() : .infinity }
        let i = h.doubled().squared()
        let j = h * i
        let v = u1 * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return Self(x: x3, y: y3, z: z3)
    }

    /// Adds `q` to `p` in place.
    @inlinable @inline(__always)
    public static func += (p: inout Self, q: Self) { p = p + q }
    /// Adds the affine point `q` to `p` in place (mixed addition).
    @inlinable @inline(__always)
    public static func += (p: inout Self, q: AffinePoint<C>) { p = p + q }

    /// The inverse point.
    @inlinable
    public static prefix func - (p: Self) -> Self { Self(x: p.x, y: -p.y, z: p.z) }

    /// The difference.
    @inlinable
    public static func - (p: Self, q: Self) -> Self { p + (-q) }

    /// Scalar multiplication by an element of Fr, through the curve's fastest
    /// method (``CurveParameters/multiply(_:by:)``): GLV on BN254's G1,
    /// four-dimensional GLS on G2 (`GLV.swift`, `GLS.swift`). Variable time.
    ///
    /// - Precondition: the point lies in the order-r subgroup (or is infinity).
    ///   Every on-curve G1 point does; a G2 point must be in G2, as every trusted
    ///   or validated point is. For a twist point outside G2 the endomorphism
    ///   method does not compute [k]P: use ``multiplied(byLimbs:)``, the generic
    ///   method, which is correct for every point.
    @inlinable
    public func multiplied(by k: Fr) -> Self { C.multiply(self, by: k) }

    /// Scalar multiplication by k: ``multiplied(by:)``, with its precondition
    /// (the point lies in the order-r subgroup).
    @inlinable
    public static func * (p: Self, k: Fr) -> Self { p.multiplied(by: k) }
}

extension JacobianPoint: Equatable {
    /// Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.
    @inlinable
    public static func == (p: Self, q: Self) -> Bool {
        if p.isInfinity || q.isInfinity { return p.isInfinity && q.isInfinity }
        let z1z1 = p.z.squared(), z2z2 = q.z.squared()
        return p.x * z2z2 == q.x * z1z1 && p.y * z2z2 * q.z == q.y * z1z1 * p.z
    }
}
