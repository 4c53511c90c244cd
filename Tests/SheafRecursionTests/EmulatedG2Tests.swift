import Testing
import SheafCurve
import SheafField
import SheafGroth16
@testable import SheafRecursion

@Suite("Emulated G2 on the twist: Miller-loop steps")
struct EmulatedG2Tests {
    /// Random points of G2 (multiples of the generator), two at a time.
    static func points(_ count: Int, seed: UInt64) -> [G2Affine] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (G2Jacobian.generator * Fr.random(using: &rng)).affine }
    }

    @Test("The first Miller-loop steps agree with SheafCurve's prepared lines and its group law")
    func walkAgreesWithNative() {
        let qs = Self.points(2, seed: 41)
        // prepareAll walks in affine coordinates with normalised lines: the same
        // quantities this gadget computes, by independent code.
        let native = G2Prepared.prepareAll(qs)
        let digits = Array(BN254.ateLoopNAF.dropFirst().prefix(6))
        for (index, q) in qs.enumerated() {
            let (cs, result) = circuit { cs -> ([EmulatedLine], EmulatedG2Affine) in
                let point = cs.allocateEmulated(q)
                cs.assertOnTwist(point)
                let negated = cs.negate(point)
                var t = point, lines = [EmulatedLine]()
                for digit in digits {
                    let doubled = cs.doubleWithLine(t)
                    t = doubled.point; lines.append(doubled.line)
                    if digit != 0 {
                        let added = cs.addWithLine(t, digit == 1 ? point : negated)
                        t = added.point; lines.append(added.line)
                    }
                }
                return (lines, t)
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            let (lines, t) = result
            for (i, line) in lines.enumerated() {
                #expect(cs.emulatedValue(of: line.xCoefficient) == native[index].lines[i].xCoefficient, "line \(i)")
                #expect(cs.emulatedValue(of: line.constant) == native[index].lines[i].constant, "line \(i)")
            }
            // T = [k]Q for the NAF prefix k, by SheafCurve's scalar multiplication.
            var k = Int64(1)
            for digit in digits { k = 2 * k + Int64(digit) }
            #expect(cs.emulatedValue(of: t) == (G2Jacobian(q) * Fr(UInt64(k))).affine)
        }
    }

    @Test("Doubling, addition and the last chord on random points, including the negated point")
    func stepsAgreeWithGroupLaw() {
        let qs = Self.points(4, seed: 42)
        for (a, b) in [(qs[0], qs[1]), (qs[2], qs[3]), (qs[1], -qs[0])] {
            let (cs, r) = circuit { cs in
                let p = cs.allocateEmulated(a), q = cs.allocateEmulated(b)
                return (cs.doubleWithLine(p), cs.addWithLine(p, q), cs.lineThrough(p, q))
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            #expect(cs.emulatedValue(of: r.0.point) == (G2Jacobian(a) + G2Jacobian(a)).affine)
            #expect(cs.emulatedValue(of: r.1.point) == (G2Jacobian(a) + b).affine)
            // The chord's line vanishes at both points: y − λx − c = 0 with λ = −xCoefficient.
            let lambda = -cs.emulatedValue(of: r.2.xCoefficient), c = cs.emulatedValue(of: r.2.constant)
            #expect(a.y == lambda * a.x - c && b.y == lambda * b.x - c)
            #expect(cs.emulatedValue(of: r.2.xCoefficient) == cs.emulatedValue(of: r.1.line.xCoefficient))
            // The tangent's line vanishes at the point with the tangent slope 3x²/2y.
            let tangent = -cs.emulatedValue(of: r.0.line.xCoefficient)
            #expect(tangent * a.y.doubled() == a.x.squared() * Fp2(Fp(3), .zero))
        }
    }

    @Test("The loop's last two steps (ψ(Q), then −ψ²(Q)) give SheafCurve's last two lines")
    func frobeniusSteps() {
        let q = Self.points(1, seed: 46)[0]
        let native = G2Prepared(q)
        // T = [6x + 2]Q after the NAF walk: the value of the digits.
        var loop = Fr.zero
        for digit in BN254.ateLoopNAF {
            loop = loop + loop
            if digit == 1 { loop = loop + .one } else if digit == -1 { loop = loop - .one }
        }
        let t = (G2Jacobian(q) * loop).affine
        let (cs, r) = circuit { cs in
            let point = cs.allocateEmulated(q), tt = cs.allocateEmulated(t)
            let psi = cs.twistFrobenius(point), psi2 = cs.negatedTwistFrobeniusSquared(point)
            let step = cs.addWithLine(tt, psi)
            return (psi, psi2, step.line, cs.lineThrough(step.point, psi2))
        }
        #expect(cs.check().isSatisfied, "\(cs.check())")
        // ψ acts on G2 as multiplication by p, and ψ² as multiplication by p².
        let p = Natural.p.fr
        #expect(cs.emulatedValue(of: r.0) == (G2Jacobian(q) * p).affine)
        #expect(cs.emulatedValue(of: r.1) == (-(G2Jacobian(q) * (p * p))).affine)
        let last = native.lines.count
        #expect(cs.emulatedValue(of: r.2.xCoefficient) == native.lines[last - 2].xCoefficient)
        #expect(cs.emulatedValue(of: r.2.constant) == native.lines[last - 2].constant)
        #expect(cs.emulatedValue(of: r.3.xCoefficient) == native.lines[last - 1].xCoefficient)
        #expect(cs.emulatedValue(of: r.3.constant) == native.lines[last - 1].constant)
    }

    @Test("Lines evaluated at a G1 point match the native normalised values; y_P = 0 is refused")
    func lineEvaluation() {
        var rng = SeededGenerator(seed: 47)
        let q = Self.points(1, seed: 48)[0]
        let p = (G1Jacobian.generator * Fr.random(using: &rng)).affine
        let native = G2Prepared(q).lines[0]
        let (cs, r) = circuit { cs in
            let at = cs.prepareForLines(x: cs.allocateEmulated(p.x), y: cs.allocateEmulated(p.y))
            let line = cs.doubleWithLine(cs.allocateEmulated(q)).line
            return cs.evaluate(line, at: at)
        }
        #expect(cs.check().isSatisfied, "\(cs.check())")
        let yInverse = p.y.inverse()!
        #expect(cs.emulatedValue(of: r.w) == native.xCoefficient * Fp2(p.x * yInverse, .zero))
        #expect(cs.emulatedValue(of: r.w3) == native.constant * Fp2(yInverse, .zero))
        let (zero, _) = circuit { cs in _ = cs.prepareForLines(x: cs.allocateEmulated(p.x), y: cs.allocateEmulated(Fp.zero)) }
        #expect(!zero.check().isSatisfied)
    }

    @Test("A point off the twist is refused by assertOnTwist")
    func offTwist() {
        let q = Self.points(1, seed: 43)[0]
        let (good, _) = circuit { cs in cs.assertOnTwist(cs.allocateEmulated(q)) }
        #expect(good.check().isSatisfied)
        let off = G2Affine(x: q.x, y: q.y + .one)
        #expect(!off.isOnCurve)
        let (bad, _) = circuit { cs in cs.assertOnTwist(cs.allocateEmulated(off)) }
        #expect(bad.check().failure?.constraint.label.hasPrefix("g2.onTwist/check") == true, "\(bad.check())")
    }

    @Test("Every hinted value of a step is checked: one wrong value leaves the system unsatisfied")
    func soundness() {
        let qs = Self.points(2, seed: 44)
        let (cs, _) = circuit { cs in
            let p = cs.allocateEmulated(qs[0]), q = cs.allocateEmulated(qs[1])
            _ = cs.doubleWithLine(p)
            _ = cs.addWithLine(p, q)
            _ = cs.lineThrough(q, p)
            _ = cs.twistFrobenius(q)
            _ = cs.negatedTwistFrobeniusSquared(p)
            cs.assertOnTwist(p)
        }
        #expect(cs.check().isSatisfied)
        let witness = cs.witness()
        var checked = 0
        for hint in cs.hints where hint.name.hasPrefix("g2.") {
            for variable in hint.variables {
                var wrong = witness
                wrong[variable] += .one
                #expect(cs.check(witness: wrong).failure?.hints.contains(hint.name) == true, "\(hint.name)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("A cheating prover's slope is refused, and a vertical chord has no slope")
    func forgedSlope() {
        let qs = Self.points(2, seed: 45)
        // A slope off by one with every later value computed from it consistently.
        let (forged, _) = circuit(adversary: { name, values in
            name == "g2.add/slope" ? [values[0] + .one] + values.dropFirst() : values
        }) { cs in _ = cs.addWithLine(cs.allocateEmulated(qs[0]), cs.allocateEmulated(qs[1])) }
        #expect(forged.check().failure?.constraint.label.hasPrefix("g2.add/slope") == true, "\(forged.check())")
        // T = Q: the chord is vertical and the hint says so by name. The slope
        // check (x_Q − x_T)·λ ≡ y_Q − y_T then holds for any λ, which is why the
        // gadget is specified for the Miller loop over points of G2 only, where
        // T = ±Q cannot occur (EmulatedG2.swift explains).
        let (vertical, _) = circuit { cs in
            let p = cs.allocateEmulated(qs[0])
            _ = cs.addWithLine(p, cs.allocateEmulated(qs[0]))
        }
        #expect(vertical.hintFailures.first?.hint == "g2.add/slope")
    }
}

@Suite("Emulated multi-Miller loop")
struct EmulatedMillerLoopTests {
    @Test("The Miller loop over variable points equals SheafCurve's Miller value, and a pairing equation holds after the final exponentiation")
    func agreesWithNative() {
        var rng = SeededGenerator(seed: 51)
        let p = (G1Jacobian.generator * Fr.random(using: &rng)).affine
        let q = EmulatedG2Tests.points(1, seed: 52)[0]
        let (cs, f) = circuit { cs in
            let pair = EmulatedPairingPair(p: cs.allocateEmulatedG1(x: p.x, y: p.y), q: cs.allocateEmulated(q))
            return cs.millerLoop([pair])
        }
        #expect(cs.check().isSatisfied, "\(cs.check())")
        let native = Pairing.millerLoop([(p, G2Prepared(q))])
        #expect(cs.emulatedValue(of: f) == native)
        #expect(Pairing.finalExponentiation(cs.emulatedValue(of: f)) == Pairing.pairing(p, q))
    }
}

@Suite("Emulated G2 subgroup check")
struct EmulatedG2SubgroupTests {
    /// A random point of the twist, almost surely outside G2 (the twist's
    /// cofactor is about 2^254).
    static func twistPoint(_ rng: inout SeededGenerator) -> G2Affine {
        while true {
            let x = Fp2.random(using: &rng)
            if let y = (x.squared() * x + BN254G2Parameters.b).squareRoot() { return G2Affine(x: x, y: y) }
        }
    }

    @Test("Points of G2 pass; twist points outside G2 and points off the twist do not")
    func membership() {
        var rng = SeededGenerator(seed: 71)
        let inside = EmulatedG2Tests.points(1, seed: 72)[0]
        let (good, _) = circuit { cs in cs.assertInG2(cs.allocateEmulated(inside)) }
        #expect(good.hintFailures.isEmpty)
        #expect(good.check().isSatisfied, "\(good.check())")
        let outside = Self.twistPoint(&rng)
        #expect(outside.isOnCurve && !outside.isInSubgroup)
        let (bad, _) = circuit { cs in cs.assertInG2(cs.allocateEmulated(outside)) }
        #expect(bad.check().failure?.constraint.label.hasPrefix("g2.subgroup") == true, "\(bad.check())")
        // A G2 point plus a point outside: still outside.
        let mixed = (G2Jacobian(inside) + outside).affine
        #expect(!mixed.isInSubgroup)
        let (alsoBad, _) = circuit { cs in cs.assertInG2(cs.allocateEmulated(mixed)) }
        #expect(!alsoBad.check().isSatisfied)
        let off = G2Affine(x: inside.x, y: inside.y + .one)
        let (offTwist, _) = circuit { cs in cs.assertInG2(cs.allocateEmulated(off)) }
        #expect(offTwist.check().failure?.constraint.label.hasPrefix("g2.subgroup/g2.onTwist") == true, "\(offTwist.check())")
    }

    @Test("A cheating slope in the multiplication by x is refused, even for a point outside G2")
    func forgedStep() {
        var rng = SeededGenerator(seed: 73)
        let outside = Self.twistPoint(&rng)
        // Replace the first doubling's slope: every later value follows it.
        let (cs, _) = circuit(adversary: { name, values in
            name == "g2.subgroup/double/g2.double/slope" ? [values[0] + .one] + values.dropFirst() : values
        }) { cs in cs.assertInG2(cs.allocateEmulated(outside)) }
        #expect(!cs.check().isSatisfied)
        let inside = EmulatedG2Tests.points(1, seed: 74)[0]
        let (honest, _) = circuit(adversary: { name, values in
            name == "g2.subgroup/double/g2.double/slope" ? [values[0] + .one] + values.dropFirst() : values
        }) { cs in cs.assertInG2(cs.allocateEmulated(inside)) }
        #expect(honest.check().failure?.constraint.label.hasPrefix("g2.subgroup/double/g2.double/slope") == true,
                "\(honest.check())")
    }
}
