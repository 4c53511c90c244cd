import Testing
import SheafCurve
import SheafField
import SheafGroth16
@testable import SheafRecursion

@Suite("Pairing check by residue witness")
struct PairingCheckTests {
    static func pair(_ cs: inout CircuitBuilder, _ p: G1Affine, _ q: G2Affine) -> EmulatedPairingPair {
        EmulatedPairingPair(p: cs.allocateEmulatedG1(x: p.x, y: p.y), q: cs.allocateEmulated(q))
    }

    @Test("The native residue witness exists exactly for r-th powers, with f·u = c^λ and u²⁷ = 1")
    func nativeWitness() {
        var rng = SeededGenerator(seed: 61)
        for _ in 0..<3 {
            let f = Fp12.random(using: &rng).power(Natural.r.wordsForPower)
            guard let (c, u) = ResidueWitness.compute(f) else {
                Issue.record("an r-th power has a residue witness")
                continue
            }
            #expect(ResidueWitness.lambdaPower(c) == f * u)
            #expect(u.power([27]) == .one)
            // λ really is 6x + 2 + p − p² + p³: c^λ computed as one exponentiation agrees.
            #expect(c.power(Natural.lambda.wordsForPower) == f * u)
        }
        // A random element is not an r-th power (probability 1/r otherwise).
        #expect(ResidueWitness.compute(Fp12.random(using: &rng)) == nil)
    }

    @Test("A true two-pair equation e(aP, bQ)·e(−abP, Q) = 1 is satisfied")
    func trueEquation() {
        var rng = SeededGenerator(seed: 62)
        let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
        let p = G1Affine.generator, q = G2Affine.generator
        let pairs = [((G1Jacobian(p) * a).affine, (G2Jacobian(q) * b).affine), ((-(G1Jacobian(p) * (a * b))).affine, q)]
        #expect(Pairing.pairingCheck(pairs))
        let (cs, _) = circuit { cs in cs.assertPairingProductIsOne(pairs.map { Self.pair(&cs, $0.0, $0.1) }) }
        #expect(cs.hintFailures.isEmpty)
        #expect(cs.check().isSatisfied, "\(cs.check())")
    }

    @Test("A false equation has no witness, and a witness that skips u's subgroup is refused")
    func falseEquation() {
        var rng = SeededGenerator(seed: 63)
        let p = (G1Jacobian.generator * Fr.random(using: &rng)).affine
        let q = (G2Jacobian.generator * Fr.random(using: &rng)).affine
        #expect(!Pairing.pairingCheck([(p, q)]))
        let (honest, _) = circuit { cs in cs.assertPairingProductIsOne([Self.pair(&cs, p, q)]) }
        #expect(honest.hintFailures.first?.hint == "pairingCheck/residue")
        #expect(!honest.check().isSatisfied)
        // A cheating prover: any c, and u = c^λ/f, so that f·u = c^λ holds.
        let f = Pairing.millerLoop([(p, G2Prepared(q))])
        let c = Fp12.random(using: &rng)
        let u = ResidueWitness.lambdaPower(c) * f.inverse()!
        #expect(u.power([27]) != .one)
        func limbs(_ x: Fp12) -> [Fr] {
            EmulatedFp12.coefficients(of: x).flatMap { EmulatedFp.limbValues(of: Natural($0.c0)) + EmulatedFp.limbValues(of: Natural($0.c1)) }
        }
        let forged = limbs(c) + limbs(u)
        let (cheat, _) = circuit(adversary: { name, values in
            name == "pairingCheck/residue" ? forged : values
        }) { cs in cs.assertPairingProductIsOne([Self.pair(&cs, p, q)]) }
        let failure = cheat.check().failure
        #expect(failure?.constraint.label.hasPrefix("pairingCheck/u27") == true, "\(cheat.check())")
    }
}

extension Natural {
    /// r, BN254's group order.
    static var r: Natural { Natural.q }
    /// λ = 6x + 2 + p − p² + p³.
    static var lambda: Natural {
        var loop = Natural.zero
        for digit in BN254.ateLoopNAF {
            loop = loop + loop
            if digit == 1 { loop = loop + Natural(1) } else if digit == -1 { loop = loop - Natural(1) }
        }
        return loop + .p + .p * .p * .p - .p * .p
    }
    /// Little-endian words, for `Fp12.power`.
    var wordsForPower: [UInt] { (0..<words.count).map { word($0) } }
}

@Suite("Witness-generation timing runs on valid inputs")
struct WitnessTimingTests {
    @Test("Every timed gadget is built on valid inputs: its witness satisfies its constraints")
    func timedWitnessesAreHonest() {
        let timings = RecursionStats.witnessTimings(checkSatisfied: true)
        #expect(timings.map(\.name) == ["fp.mul", "fp2.mul", "fp12.mul", "g2.double", "g1.scalarMul", "g2.subgroup",
                                        "miller.loop", "pairing.check"])
        for t in timings {
            #expect(t.satisfied == true, "\(t.name)")
            #expect(t.seconds > 0 && t.constraints > 0, "\(t.name)")
        }
        // The same gadgets in shape mode have the same constraint counts, inputs aside.
        let stats = RecursionStats.measure()
        #expect(timings.first { $0.name == "miller.loop" }!.constraints > stats.gadgets.first { $0.name == "miller.loop" }!.constraints)
    }
}
