import Testing
@testable import SheafCurve
import SheafField

/// The endomorphism G2 membership test against the definition [r]Q = O.
@Suite("G2 subgroup check")
struct G2SubgroupCheckTests {
    /// h = 2p − r, the twist's cofactor, and its prime factors.
    static let cofactorPrimes: [(prime: String, cofactorOverPrime: String)] = [
        ("10069", "2173824895405628684302950218021379986974303100027769687325441613140792921"),
        ("5864401", "3732391913827051598662234343329740767871136014433462681300250716605949"),
        ("1875725156269", "11669216462062662656933279136840782979313034970430607465091777121"),
        ("197620364512881247228717050342013327560683201906968909", "110759045130759085200961"),
    ]

    func limbs(_ decimal: String) -> Limbs4 { try! Fp(decimal: decimal).canonicalLimbs }

    func randomTwistPoint(_ rng: inout SeededGenerator) -> G2Affine {
        while true {
            let x = Fp2.random(using: &rng)
            if let y = (x.squared() * x + BN254G2Parameters.b).squareRoot() { return G2Affine(x: x, y: y) }
        }
    }

    @Test func psiActsAsMultiplicationByPOnG2() {
        // ψ(Q) = [p mod r]Q = [6x²]Q for Q in G2.
        let pModR = try! Fr(decimal: "147946756881789318990833708069417712966")
        var rng = SeededGenerator(seed: 91)
        for _ in 0..<4 {
            let q = G2Jacobian.generator * Fr.random(using: &rng)
            #expect(q.psi() == q.multiplied(byLimbs: pModR.canonicalLimbs), "generic method: GLS relies on this eigenvalue")
        }
    }

    @Test func agreesWithOrderCheckOnRandomPoints() {
        var rng = SeededGenerator(seed: 92)
        for _ in 0..<16 {
            let inside = (G2Jacobian.generator * Fr.random(using: &rng)).affine
            #expect(inside.isInSubgroup)
            #expect(inside.isAnnihilatedByGroupOrder)
            let outside = randomTwistPoint(&rng)
            #expect(outside.isOnCurve)
            #expect(!outside.isInSubgroup)
            #expect(!outside.isAnnihilatedByGroupOrder)
        }
        #expect(G2Affine.infinity.isInSubgroup)
    }

    /// Points of G2 shifted by a point of each prime order q | h: a test that
    /// missed a torsion component would accept one of these.
    @Test func rejectsEveryTorsionComponentOfTheCofactor() {
        var rng = SeededGenerator(seed: 93)
        for (prime, quotient) in Self.cofactorPrimes {
            var torsion = G2Jacobian.infinity
            while torsion.isInfinity {
                // [h/q]([r]R) has order q or is O.
                let r = G2Jacobian(randomTwistPoint(&rng)).multiplied(byLimbs: Fr.modulus)
                torsion = r.multiplied(byLimbs: limbs(quotient))
            }
            #expect(torsion.multiplied(byLimbs: limbs(prime)).isInfinity, "order \(prime)")
            let t = torsion.affine
            #expect(t.isOnCurve)
            #expect(!t.isInSubgroup, "torsion of order \(prime)")
            #expect(!t.isAnnihilatedByGroupOrder)
            for _ in 0..<3 {
                let shifted = (G2Jacobian.generator * Fr.random(using: &rng) + torsion).affine
                #expect(!shifted.isInSubgroup, "G2 point plus torsion of order \(prime)")
                #expect(!shifted.isAnnihilatedByGroupOrder)
                #expect(throws: CurveError.notInSubgroup("G2")) {
                    try G2Affine(validatingX: shifted.x, y: shifted.y)
                }
            }
        }
    }
}
