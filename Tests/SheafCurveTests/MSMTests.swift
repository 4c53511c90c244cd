import Testing
@testable import SheafCurve
import SheafField

@Suite("Multi-scalar multiplication")
struct MSMTests {
    func naive<C: CurveParameters>(_ points: [AffinePoint<C>], _ scalars: [Fr]) -> JacobianPoint<C> {
        var acc = JacobianPoint<C>.infinity
        for (p, k) in zip(points, scalars) { acc += JacobianPoint(p).multiplied(by: k) }
        return acc
    }

    @Test(arguments: [0, 1, 5, 8, 33, 100, 300, 1000])
    func g1MatchesSumOfScalarMultiplications(count: Int) {
        var rng = SeededGenerator(seed: UInt64(100 + count))
        let points = JacobianPoint.batchAffine((0..<count).map { _ in G1Jacobian.generator * Fr.random(using: &rng) })
        var scalars = (0..<count).map { _ in Fr.random(using: &rng) }
        // Edge scalars: zero, one, r − 1, and a repeated point.
        if count > 4 { scalars[0] = .zero; scalars[1] = .one; scalars[2] = -Fr.one }
        let expected = naive(points, scalars)
        #expect(MultiScalarMultiplication.compute(points: points, scalars: scalars) == expected)
        #expect(MultiScalarMultiplication.compute(points: points, scalars: scalars, parallel: false) == expected)
    }

    @Test func g2MatchesAndHandlesInfinityAndDuplicates() {
        var rng = SeededGenerator(seed: 200)
        let q = G2Jacobian.generator * Fr.random(using: &rng)
        var points = JacobianPoint.batchAffine((0..<40).map { _ in G2Jacobian.generator * Fr.random(using: &rng) })
        points[3] = .infinity
        points[7] = q.affine; points[8] = q.affine
        let scalars = (0..<40).map { _ in Fr.random(using: &rng) }
        #expect(MultiScalarMultiplication.compute(points: points, scalars: scalars) == naive(points, scalars))
    }

    @Test func windowWidthGrowsWithSize() {
        #expect(MultiScalarMultiplication.windowBits(forCount: 16) == 3)
        #expect(MultiScalarMultiplication.windowBits(forCount: 1 << 10) == 7)
        #expect(MultiScalarMultiplication.windowBits(forCount: 1 << 16) == 13)
    }

    /// The signed recoding reconstructs every scalar with digits in
    /// [−2^(c−1), 2^(c−1)], for every window width the MSM uses, including the
    /// scalars whose digits all carry (r − 1, 2^(c−1) patterns).
    @Test func signedDigitsRecomposeTheScalars() {
        var rng = SeededGenerator(seed: 201)
        var scalars: [Fr] = [.zero, .one, -Fr.one, -Fr(2), Fr(1 << 62)]
        for _ in 0..<40 { scalars.append(Fr.random(using: &rng)) }
        for c in 3...16 {
            let windows = MultiScalarMultiplication.windowCount(bits: c)
            let digits = MultiScalarMultiplication.signedDigits(scalars, bits: c, windows: windows)
            for (i, k) in scalars.enumerated() {
                var value = Fr.zero
                var weight = Fr.one
                let step = Fr(UInt64(1) << UInt64(c))
                for w in 0..<windows {
                    let d = Int(digits[w * scalars.count + i])
                    #expect(abs(d) <= 1 << (c - 1))
                    value += d >= 0 ? Fr(UInt64(d)) * weight : -(Fr(UInt64(-d)) * weight)
                    weight *= step
                }
                #expect(value == k, "c = \(c), scalar \(i)")
            }
        }
    }

    /// Every digit at its extremes: scalars of the form Σ 2^(c−1)·2^(w·c) and
    /// their negatives make every bucket index ±2^(c−1) appear.
    @Test func extremeDigitsMatchNaive() {
        var rng = SeededGenerator(seed: 202)
        let count = 300
        let c = MultiScalarMultiplication.windowBits(forCount: count)
        var pattern = Fr.zero
        var weight = Fr(UInt64(1) << UInt64(c - 1))
        for _ in 0..<(254 / c) { pattern += weight; weight *= Fr(UInt64(1) << UInt64(c)) }
        let points = JacobianPoint.batchAffine((0..<count).map { _ in G1Jacobian.generator * Fr.random(using: &rng) })
        let scalars = (0..<count).map { i -> Fr in
            switch i % 4 {
            case 0: return pattern
            case 1: return -pattern
            case 2: return -Fr.one
            default: return Fr.random(using: &rng)
            }
        }
        let expected = naive(points, scalars)
        #expect(MultiScalarMultiplication.compute(points: points, scalars: scalars) == expected)
        #expect(MultiScalarMultiplication.compute(points: points, scalars: scalars, parallel: false) == expected)
    }
    /// Fixed-base tables agree with scalar multiplication on random scalars and
    /// on the edges of the signed digit recoding, for every window width a
    /// setup may choose: 0, 1, r − 1, a digit of exactly 2ʷ⁻¹ (kept positive)
    /// or just above it (negated, with a carry), all-ones digits (a carry that
    /// runs through every window), and the top bits of a 254-bit scalar (the
    /// last window's carry). G1 at every width; G2 at the narrower ones (its
    /// 16-bit table is slow to build in a test).
    @Test(arguments: [2, 3, 4, 5, 7, 8, 11, 16])
    func fixedBaseTableMatchesScalarMultiplication(windowBits: Int) throws {
        var rng = SeededGenerator(seed: 71)
        let p = G1Jacobian.generator * Fr.random(using: &rng)
        let q = G2Jacobian.generator * Fr.random(using: &rng)
        let g1Table = FixedBaseTable(p, windowBits: windowBits)
        #expect(g1Table.windowBits == windowBits)
        let half = UInt64(1) << UInt64(windowBits - 1)
        var scalars: [Fr] = [.zero, .one, Fr(15), Fr(16), Fr(255), -Fr.one, -Fr(16), Fr(half), Fr(half + 1),
                             Fr(half - 1), Fr(2 * half - 1), Fr(2 * half)]
        for digits in ["f", "8", "9", "7"] {
            scalars.append(try Fr(hex: "0x0" + String(repeating: digits, count: 63)))
        }
        scalars.append(try Fr(hex: "0x2" + String(repeating: "f", count: 63)))  // 254 bits, below r
        // s = 2d·2ᵏ − r with 2ᵏ the last window's weight and d = r/2ᵏ rounded:
        // its recoding ends in the digit d over a lower part ≡ d·2ᵏ (mod r), so
        // the last addition is a doubling, which the affine batches must take
        // aside (it happens so for 3, 4, 5, 7, 8 and 16 bits).
        let shift = windowBits * ((255 + windowBits - 1) / windowBits - 1)
        let d = MultiScalarMultiplication.extractBits(BN254FrParameters.modulus, from: shift, count: 256 - shift)
            + MultiScalarMultiplication.extractBits(BN254FrParameters.modulus, from: shift - 1, count: 1)
        var doubling = Fr(UInt64(2 * d))
        for _ in 0..<shift { doubling = doubling + doubling }
        scalars.append(doubling)
        scalars += (0..<20).map { _ in Fr.random(using: &rng) }
        for s in scalars { #expect(g1Table.multiply(by: s) == p * s, "G1, \(windowBits)-bit windows, s = \(s)") }
        if windowBits <= 8 {
            let g2Table = FixedBaseTable(q, windowBits: windowBits)
            for s in scalars { #expect(g2Table.multiply(by: s) == q * s, "G2, \(windowBits)-bit windows, s = \(s)") }
        }
        #expect(FixedBaseTable(G1Jacobian.infinity, windowBits: windowBits).multiply(by: Fr(7)).isInfinity)
        #expect(FixedBase.multiplyAffine(g1Table, scalars) == scalars.map { (p * $0).affine })
    }

    /// The width a setup chooses grows with the number of products and stops
    /// at the point where a wider table costs more than it saves; the helpers
    /// that choose it give the same products as plain scalar multiplication.
    @Test func fixedBaseWindowWidthFollowsTheCount() {
        #expect(FixedBase.windowBits(forCount: 1) == 4)
        #expect(FixedBase.windowBits(forCount: 100) <= 5)
        #expect(FixedBase.windowBits(forCount: 1 << 24) == 16)
        var previous = 4
        for count in stride(from: 1, through: 1 << 26, by: 1 << 16) {
            let bits = FixedBase.windowBits(forCount: count)
            #expect(bits >= previous)
            previous = bits
        }
        var rng = SeededGenerator(seed: 72)
        let p = G1Jacobian.generator * Fr.random(using: &rng)
        let scalars = (0..<300).map { _ in Fr.random(using: &rng) }
        #expect(FixedBase.multiply(p, scalars) == scalars.map { p * $0 })
        #expect(FixedBase.multiplyAffine(p, scalars) == scalars.map { (p * $0).affine })
    }
}

/// The batch-affine buckets (``BatchAffineBuckets``) against Jacobian buckets:
/// the same window sum for random digits, and for the inputs that defeat the
/// affine formula or the batch: a digit repeated by every point (every addition
/// after the first hits a bucket the batch already holds), a point added to its
/// own bucket twice (a doubling), P then −P (a cancellation), infinity and zero
/// digits, and buckets emptied and refilled across batches.
@Suite("Multi-scalar multiplication: batch-affine buckets")
struct BatchAffineMSMTests {
    let c = MultiScalarMultiplication.batchAffineMinimumBits

    func both<C: CurveParameters>(_ points: [AffinePoint<C>], _ digits: [Int32]) -> (JacobianPoint<C>, JacobianPoint<C>) {
        digits.withUnsafeBufferPointer { d in
            (MultiScalarMultiplication.windowSum(points: points, digits: d, bits: c, batchAffine: true),
             MultiScalarMultiplication.windowSum(points: points, digits: d, bits: c, batchAffine: false))
        }
    }

    func randomG1(_ count: Int, _ rng: inout SeededGenerator) -> [G1Affine] {
        JacobianPoint.batchAffine((0..<count).map { _ in G1Jacobian.generator * Fr.random(using: &rng) })
    }

    @Test func randomDigitsMatchJacobianBuckets() {
        var rng = SeededGenerator(seed: 210)
        let half = Int32(1 << (c - 1))
        // More additions than buckets, so buckets are hit by several batches.
        let points = randomG1(6000, &rng)
        let digits = (0..<points.count).map { _ in Int32.random(in: -half...half, using: &rng) }
        let (affine, jacobian) = both(points, digits)
        #expect(affine == jacobian)
        #expect(!affine.isInfinity)
    }

    @Test func repeatedDigitsDoublingsAndCancellations() {
        var rng = SeededGenerator(seed: 211)
        var points = randomG1(3000, &rng)
        var digits = [Int32](repeating: 1, count: points.count)
        // Every point into bucket 1: one affine addition per batch, the rest overflow.
        var (affine, jacobian) = both(points, digits)
        #expect(affine == jacobian)
        // Pairs (P, P) into one bucket (a doubling), (P, −P) (a cancellation),
        // and triples that cancel then refill, spread over many buckets.
        for i in stride(from: 0, to: 2400, by: 6) {
            points[i + 1] = points[i]; digits[i] = Int32(i / 6 + 2); digits[i + 1] = digits[i]
            points[i + 3] = points[i + 2]; digits[i + 2] = Int32(i / 6 + 2); digits[i + 3] = -digits[i + 2]
            points[i + 5] = points[i + 4]; digits[i + 4] = -Int32(i / 6 + 900); digits[i + 5] = digits[i + 4]
        }
        points[2500] = .infinity
        digits[2501] = 0
        (affine, jacobian) = both(points, digits)
        #expect(affine == jacobian)
        // A window whose additions cancel to nothing.
        let one = randomG1(1, &rng)[0]
        (affine, jacobian) = both([one, one, one, one], [5, -5, 7, -7])
        #expect(affine.isInfinity && jacobian.isInfinity)
    }

    @Test func g2RandomDigitsMatchJacobianBuckets() {
        var rng = SeededGenerator(seed: 212)
        let half = Int32(1 << (c - 1))
        var points = JacobianPoint.batchAffine((0..<1500).map { _ in G2Jacobian.generator * Fr.random(using: &rng) })
        var digits = (0..<points.count).map { _ in Int32.random(in: -half...half, using: &rng) }
        points[10] = points[11]; digits[10] = digits[11]
        points[12] = points[13]; digits[12] = -digits[13]
        let (affine, jacobian) = both(points, digits)
        #expect(affine == jacobian)
    }

    /// The whole MSM at a size that selects affine buckets (c ≥ 12), against
    /// Jacobian buckets, with witness-like scalars: zeros, ones, small values
    /// and full-size ones.
    @Test func wholeMSMMatchesAtAffineWindowWidth() {
        var rng = SeededGenerator(seed: 213)
        let n = 1 << 15
        #expect(MultiScalarMultiplication.windowBits(forCount: n) >= c)
        let base = randomG1(1024, &rng)
        let points = (0..<n).map { base[$0 % base.count] }
        let scalars = (0..<n).map { i -> Fr in
            switch i % 5 {
            case 0: return .zero
            case 1: return .one
            case 2: return Fr(UInt64.random(in: 0..<(1 << 16), using: &rng))
            case 3: return -Fr(UInt64(i))
            default: return Fr.random(using: &rng)
            }
        }
        #expect(MultiScalarMultiplication.compute(points: points, scalars: scalars)
                == MultiScalarMultiplication.compute(points: points, scalars: scalars, batchAffine: false))
    }
}
