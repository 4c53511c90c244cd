import Testing
@testable import SheafCurve
import SheafField

/// Maps an element of Sheaf's tower into py_ecc's basis Fp[w]/(w¹² − 18w⁶ + 82):
/// both use w⁶ = 9 + u, so u = w⁶ − 9 and a + b·u at wⁱ becomes (a − 9b)·wⁱ + b·wⁱ⁺⁶.
func pyEccCoefficients(_ f: Fp12) -> [String] {
    let byPower: [Fp2] = [f.c0.c0, f.c1.c0, f.c0.c1, f.c1.c1, f.c0.c2, f.c1.c2]
    var out = [Fp](repeating: .zero, count: 12)
    for (i, c) in byPower.enumerated() {
        out[i] = out[i] + c.c0 - Fp(9) * c.c1
        out[i + 6] = out[i + 6] + c.c1
    }
    return out.map(\.decimalString)
}

@Suite("Optimal ate pairing")
struct PairingTests {
    let g1 = G1Affine.generator
    let g2 = G2Affine.generator

    @Test func matchesPyEccExactly() {
        for (a, b, expected) in PyEccVectors.pairings {
            let e = Pairing.pairing(g1 * fr(a), g2 * fr(b))
            #expect(pyEccCoefficients(e) == expected, "e(\(a)·G1, \(b)·G2) equals py_ecc's value")
        }
    }

    @Test func bilinearAndNonDegenerate() {
        var rng = SeededGenerator(seed: 31)
        let base = Pairing.pairing(g1, g2)
        #expect(!base.isOne, "non-degenerate")
        #expect(base.power(Limbs.array(Fr.modulus)).isOne, "e(P, Q)^r = 1")
        for _ in 0..<3 {
            let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
            let lhs = Pairing.pairing(g1 * a, g2 * b)
            #expect(lhs == base.power(Limbs.array((a * b).canonicalLimbs)))
            #expect(lhs == Pairing.pairing(g1 * (a * b), g2))
            #expect(lhs == Pairing.pairing(g1, g2 * (a * b)))
        }
    }

    @Test func multiPairingIsTheProductOfPairings() {
        var rng = SeededGenerator(seed: 32)
        var pairs: [(G1Affine, G2Affine)] = []
        var product = Fp12.one
        for _ in 0..<4 {
            let p = g1 * Fr.random(using: &rng), q = g2 * Fr.random(using: &rng)
            pairs.append((p, q))
            product *= Pairing.pairing(p, q)
        }
        #expect(Pairing.multiPairing(pairs) == product)
        pairs.append((.infinity, g2))
        pairs.append((g1, .infinity))
        #expect(Pairing.multiPairing(pairs) == product, "pairs with infinity contribute 1")
    }

    @Test func pairingCheckAcceptsBalancedAndRejectsUnbalanced() {
        var rng = SeededGenerator(seed: 33)
        let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
        // e(aP, bQ)·e(−abP, Q) = 1
        #expect(Pairing.pairingCheck([(g1 * a, g2 * b), (-(g1 * (a * b)), g2)]))
        #expect(!Pairing.pairingCheck([(g1 * a, g2 * b), (-(g1 * (a * b + .one)), g2)]))
        #expect(Pairing.pairingCheck([(G1Affine, G2Affine)]()), "the empty product is 1")
        let prepared = G2Prepared(g2 * b)
        #expect(Pairing.pairingCheck([(g1 * a, prepared), (-(g1 * (a * b)), G2Prepared(g2))]))
    }

    /// Preparing many points together (affine, shared inversions) must give
    /// exactly the lines of preparing each alone (projective, normalised): the
    /// normalised line through two points is unique. The list mixes G2 points,
    /// the identity and twist points outside G2 (which take the fallback path).
    @Test func preparingTogetherMatchesPreparingAlone() {
        var rng = SeededGenerator(seed: 33)
        var points = (0..<5).map { _ in g2 * Fr.random(using: &rng) }
        points.insert(.infinity, at: 2)
        points.append(g2)
        points.append(-points[0])
        // Outside G2: a random point of the twist (its order has cofactor factors).
        while points.count < 11 {
            let x = Fp2.random(using: &rng)
            if let y = (x.squared() * x + BN254G2Parameters.b).squareRoot() { points.append(G2Affine(x: x, y: y)) }
        }
        // Off the curve with y = 0: the first doubling's denominator is zero, so
        // this one takes the fallback path (no valid point can reach it).
        points.append(G2Affine(x: Fp2.random(using: &rng), y: .zero))
        let together = G2Prepared.prepareAll(points)
        #expect(together.count == points.count)
        for (point, prepared) in zip(points, together) {
            #expect(prepared.lines == G2Prepared(point).lines)
            #expect(prepared.isInfinity == point.isInfinity)
            if !point.isInfinity { #expect(prepared.lines.count == G2Prepared.lineCount) }
        }
        #expect(G2Prepared.prepareAll([g2]).first?.lines == G2Prepared(g2).lines)
        #expect(G2Prepared.prepareAll([]).isEmpty)
    }

    /// Unprepared multi-pairings (prepared together) agree with pairings one by one.
    @Test func unpreparedMultiPairingMatchesSeparatePairings() {
        var rng = SeededGenerator(seed: 34)
        let pairs = (0..<4).map { _ in (g1 * Fr.random(using: &rng), g2 * Fr.random(using: &rng)) }
        let product = pairs.map { Pairing.pairing($0.0, $0.1) }.reduce(Fp12.one, *)
        #expect(Pairing.multiPairing(pairs) == product)
        #expect(!Pairing.multiPairing(Array(pairs.dropLast())).isOne)
    }
}
