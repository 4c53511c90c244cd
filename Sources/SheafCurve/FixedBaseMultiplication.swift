import SheafField

/// A table for multiplying one fixed base by many scalars: the affine points
/// k·16ʲ·P for k in 1…15 and j in 0..<64, so that [s]P is the sum of one entry
/// per nonzero hexadecimal digit of s: at most 64 mixed additions and no
/// doublings. 960 points (about 61 KB on G1): worth it for a base used many
/// times, such as the setup's generators or a verifying key's input points.
public struct FixedBaseTable<C: CurveParameters>: Sendable {
    /// Entry k − 1 of window j at index 15·j + k − 1.
    @usableFromInline let table: [AffinePoint<C>]
    @usableFromInline static var windows: Int { 64 }

    /// Builds the table of `base` (one batched inversion).
    @inlinable
    public init(_ base: JacobianPoint<C>) {
        var rows = [JacobianPoint<C>]()
        rows.reserveCapacity(Self.windows * 15)
        var windowBase = base
        for _ in 0..<Self.windows {
            var entry = windowBase
            rows.append(entry)
            for _ in 1..<15 { entry = entry + windowBase; rows.append(entry) }
            for _ in 0..<4 { windowBase = windowBase.doubled() }
        }
        table = JacobianPoint<C>.batchAffine(rows)
    }

    /// [s]·base.
    @inlinable
    public func multiply(by s: Fr) -> JacobianPoint<C> {
        let limbs = s.canonicalLimbs
        var acc = JacobianPoint<C>.infinity
        for j in 0..<Self.windows {
            let digit = MultiScalarMultiplication.extractBits(limbs, from: 4 * j, count: 4)
            if digit != 0 { acc += table[j * 15 + digit - 1] }
        }
        return acc
    }
}

/// Multiplication of one fixed base by many scalars through a ``FixedBaseTable``.
public enum FixedBase {
    /// [scalars[i]]·base for every i, split across cores (a Groth16 setup makes
    /// tens of millions of these; each is independent, and the results do not
    /// depend on the split).
    public static func multiply<C: CurveParameters>(_ base: JacobianPoint<C>, _ scalars: [Fr]) -> [JacobianPoint<C>] {
        let table = FixedBaseTable(base)
        return Parallel.map(scalars.count, minimumChunk: 1024) { table.multiply(by: scalars[$0]) }
    }

    /// The same multiples in affine form, made and normalized 2¹⁸ at a time, so
    /// that the projective intermediates never exceed one slice (a setup's
    /// query of ten million G2 points would otherwise hold them all twice).
    public static func multiplyAffine<C: CurveParameters>(_ base: JacobianPoint<C>, _ scalars: [Fr]) -> [AffinePoint<C>] {
        let table = FixedBaseTable(base)
        var out = [AffinePoint<C>]()
        out.reserveCapacity(scalars.count)
        for start in stride(from: 0, to: scalars.count, by: 1 << 18) {
            let count = min(1 << 18, scalars.count - start)
            out += JacobianPoint<C>.batchAffine(Parallel.map(count, minimumChunk: 1024) { table.multiply(by: scalars[start + $0]) })
        }
        return out
    }
}
