import SheafField

/// A table for multiplying one fixed base by many scalars.
///
/// A scalar s < r < 2²⁵⁴ is recoded in signed base-2ʷ digits dⱼ in
/// (−2ʷ⁻¹, 2ʷ⁻¹] (w the window width), so that s = Σⱼ dⱼ·2ʷʲ and
/// [s]P = Σⱼ ±[|dⱼ|]·(2ʷʲ·P). The table holds the affine points k·2ʷʲ·P for
/// k in 1…2ʷ⁻¹ and every window j; a product is then one mixed addition per
/// nonzero digit and no doublings, a negative digit adding the entry negated
/// (free in affine form). ⌈255/w⌉ windows leave room for the recoding's last
/// carry.
///
/// The width trades the table's size against the additions per scalar:
/// w = 4 (the default) is 64 windows of 8 points (512 points, 37 KB on G1),
/// worth it for a base used a few hundred times, such as a verifying key's
/// input points; w = 16 is 16 windows of 32,768 points (37.7 MB on G1,
/// 71 MB on G2, at 72 and 136 bytes a point), a quarter of the additions,
/// and pays for itself within a few hundred thousand scalars, as in a
/// Groth16 setup's queries (``FixedBase/windowBits(forCount:)``).
public struct FixedBaseTable<C: CurveParameters>: Sendable {
    /// Entry k − 1 of window j at index j·2ʷ⁻¹ + k − 1.
    @usableFromInline let table: [AffinePoint<C>]
    /// The window width w in bits.
    public let windowBits: Int
    /// The number of windows, ⌈255/w⌉.
    @usableFromInline let windows: Int

    /// Builds the table of `base` for windows of `windowBits` bits (2 to 20):
    /// the windows are filled in parallel and normalized with one batched
    /// inversion.
    @inlinable
    public init(_ base: JacobianPoint<C>, windowBits: Int = 4) {
        precondition((2...20).contains(windowBits), "window width must be 2 to 20 bits")
        let windows = (255 + windowBits - 1) / windowBits, half = 1 << (windowBits - 1)
        var windowBases = [base]
        for _ in 1..<windows {
            var next = windowBases[windowBases.count - 1]
            for _ in 0..<windowBits { next = next.doubled() }
            windowBases.append(next)
        }
        let bases = JacobianPoint<C>.batchAffine(windowBases)
        // Each window's multiples k·Bⱼ, k = 1…2ʷ⁻¹, by repeated addition; the
        // windows of a wide table across cores, a small table (a verifying
        // key's) on the calling thread.
        let rows = Parallel.mapChunks(windows, minimumChunk: max(1, 4096 / half), pieces: windows) { range -> [JacobianPoint<C>] in
            var out = [JacobianPoint<C>]()
            out.reserveCapacity(range.count * half)
            for j in range {
                var entry = JacobianPoint<C>(bases[j])
                out.append(entry)
                for _ in 1..<half { entry += bases[j]; out.append(entry) }
            }
            return out
        }
        self.windowBits = windowBits
        self.windows = windows
        table = JacobianPoint<C>.batchAffine(Array(rows.joined()))
    }

    /// [s]·base.
    @inlinable
    public func multiply(by s: Fr) -> JacobianPoint<C> {
        let limbs = s.canonicalLimbs
        let half = 1 << (windowBits - 1), full = half << 1
        var acc = JacobianPoint<C>.infinity
        var carry = 0
        for j in 0..<windows {
            var digit = MultiScalarMultiplication.extractBits(limbs, from: windowBits * j, count: windowBits) + carry
            if digit > half { digit -= full; carry = 1 } else { carry = 0 }
            if digit > 0 {
                acc += table[j * half + digit - 1]
            } else if digit < 0 {
                acc += -table[j * half - digit - 1]
            }
        }
        // s < 2²⁵⁴ and w·windows ≥ 255 leave no carry out of the last window.
        return acc
    }
}

/// Multiplication of one fixed base by many scalars through a ``FixedBaseTable``.
public enum FixedBase {
    /// The window width that makes `count` products cheapest: the table's cost
    /// (about two additions per entry, with its share of the normalization)
    /// against one addition per window for each scalar. 4 bits for a handful of
    /// scalars, 16 for a setup's millions. Wider tables would save a window
    /// or two at tens of millions of scalars, but outgrow the caches (a
    /// 17-bit G2 table is 134 MB), so 16 is the widest.
    @inlinable
    public static func windowBits(forCount count: Int) -> Int {
        var best = 4, bestCost = Double.infinity
        for w in 4...16 {
            let windows = Double((255 + w - 1) / w)
            let cost = 2 * windows * Double(1 << (w - 1)) + Double(count) * windows
            if cost < bestCost { best = w; bestCost = cost }
        }
        return best
    }

    /// [scalars[i]]·base for every i, split across cores (a Groth16 setup makes
    /// tens of millions of these; each is independent, and the results do not
    /// depend on the split).
    @inlinable
    public static func multiply<C: CurveParameters>(_ base: JacobianPoint<C>, _ scalars: [Fr]) -> [JacobianPoint<C>] {
        multiply(FixedBaseTable(base, windowBits: windowBits(forCount: scalars.count)), scalars)
    }

    /// The multiples through a table already built, in Jacobian form, each by
    /// ``FixedBaseTable/multiply(by:)``, split across cores.
    @inlinable
    public static func multiply<C: CurveParameters>(_ table: FixedBaseTable<C>, _ scalars: [Fr]) -> [JacobianPoint<C>] {
        Parallel.map(scalars.count, minimumChunk: 1024) { table.multiply(by: scalars[$0]) }
    }

    /// The same multiples in affine form, with a table of the width that suits
    /// their number.
    @inlinable
    public static func multiplyAffine<C: CurveParameters>(_ base: JacobianPoint<C>, _ scalars: [Fr]) -> [AffinePoint<C>] {
        multiplyAffine(FixedBaseTable(base, windowBits: windowBits(forCount: scalars.count)), scalars)
    }

    /// The multiples through a table already built (a setup builds one table
    /// per generator and shares it across its queries), in affine form, split
    /// across cores in batches of ``affineBatch`` scalars
    /// (``FixedBaseTable/multiplyAffine(_:)``).
    @inlinable
    public static func multiplyAffine<C: CurveParameters>(_ table: FixedBaseTable<C>, _ scalars: [Fr]) -> [AffinePoint<C>] {
        let count = scalars.count
        if count == 0 { return [] }
        let batches = (count + affineBatch - 1) / affineBatch
        return [AffinePoint<C>](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress!
            Parallel.forEachChunk(batches, minimumChunk: 1) { range in
                for batch in range {
                    let first = batch * affineBatch
                    let points = table.multiplyAffine(Array(scalars[first..<min(count, first + affineBatch)]))
                    for (k, point) in points.enumerated() { (base + first + k).initialize(to: point) }
                }
            }
            initialized = count
        }
    }

    /// Scalars per batch of affine additions: enough that the shared inversion
    /// costs little per addition, few enough that a batch's accumulators stay
    /// in cache.
    public static let affineBatch = 2048
}

extension FixedBaseTable {
    /// [sᵢ]·base for a batch of scalars, in affine form.
    ///
    /// The products are summed window by window, all of the batch's
    /// accumulators at once and in affine coordinates: one accumulator per
    /// scalar in ``BatchAffineBuckets`` (the MSM's affine buckets), flushed
    /// once per window, so the window's additions share a single inversion
    /// (Montgomery's trick) and each costs about 5M + 1S against 7M + 4S for
    /// a mixed Jacobian addition; the results need no normalization at the
    /// end. An accumulator whose x equals the entry's (a doubling or a
    /// cancellation, which the affine formula cannot do, and which random
    /// scalars almost never meet) takes the entry in its Jacobian overflow.
    @inlinable
    public func multiplyAffine(_ scalars: [Fr]) -> [AffinePoint<C>] {
        let n = scalars.count
        let half = 1 << (windowBits - 1)
        // The recoding of multiply(by:): s < 2²⁵⁴ leaves no carry out of the last window.
        let digits = MultiScalarMultiplication.signedDigits(scalars, bits: windowBits, windows: windows)
        var sums = BatchAffineBuckets<C>(count: n, capacity: max(1, n))
        for j in 0..<windows {
            for i in 0..<n {
                let digit = Int(digits[j * n + i])
                if digit == 0 { continue }
                let entry = table[j * half + abs(digit) - 1]
                if entry.isInfinity { continue }
                sums.add(bucket: i, x: entry.x, y: digit < 0 ? -entry.y : entry.y)
            }
            sums.flush()
        }
        return (0..<n).map { sums.affineValue($0) }
    }
}
