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
        #expect(MultiScalarMultiplication.windowBits(forCount: 1 << 10) == 8)
        #expect(MultiScalarMultiplication.windowBits(forCount: 1 << 16) == 14)
    }
}
