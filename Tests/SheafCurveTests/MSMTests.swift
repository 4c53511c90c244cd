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
    /// on the edges of the digit decomposition (0, 1, 15, 16, r − 1, all-0xF
    /// digits), on G1 and G2.
    @Test func fixedBaseTableMatchesScalarMultiplication() {
        var rng = SeededGenerator(seed: 71)
        let p = G1Jacobian.generator * Fr.random(using: &rng)
        let q = G2Jacobian.generator * Fr.random(using: &rng)
        let g1Table = FixedBaseTable(p), g2Table = FixedBaseTable(q)
        var scalars: [Fr] = [.zero, .one, Fr(15), Fr(16), Fr(255), -Fr.one, -Fr(16)]
        scalars.append(try! Fr(hex: "0x0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"))
        scalars += (0..<20).map { _ in Fr.random(using: &rng) }
        for s in scalars {
            #expect(g1Table.multiply(by: s) == p * s)
            #expect(g2Table.multiply(by: s) == q * s)
        }
        #expect(FixedBaseTable(G1Jacobian.infinity).multiply(by: Fr(7)).isInfinity)
        #expect(FixedBase.multiply(p, scalars) == scalars.map { p * $0 })
    }
}
