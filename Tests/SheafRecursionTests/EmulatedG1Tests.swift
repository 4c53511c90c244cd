import Testing
import SheafField
import SheafCurve
import SheafGroth16
@testable import SheafRecursion

/// Allocates a native G1 point (not infinity) as an emulated one.
func allocate(_ cs: inout CircuitBuilder, _ p: G1Affine, _ name: String = "g1.input") -> EmulatedG1Affine {
    cs.allocateEmulatedG1(x: p.x, y: p.y, name)
}

/// The native point an emulated one stands for under the witness.
func native(_ cs: CircuitBuilder, _ p: EmulatedG1Affine) -> G1Affine {
    let (x, y) = cs.emulatedValue(of: p)
    return G1Affine(x: x, y: y)
}

@Suite("Emulated G1")
struct EmulatedG1Tests {
    @Test("Addition, doubling, negation and selection agree with native G1; the offset point is on the curve")
    func arithmetic() {
        var rng = SeededGenerator(seed: 71)
        let g = G1Affine.generator
        var pairs: [(G1Affine, G1Affine)] = (0..<3).map { _ in (g * Fr.random(using: &rng), g * Fr.random(using: &rng)) }
        pairs += [(g, g * Fr(2)), (g, -(g * Fr(2))), (g * Fr(5), g)]
        for (p, q) in pairs {
            let (cs, results) = circuit { cs -> [(EmulatedG1Affine, G1Affine)] in
                let a = allocate(&cs, p), b = allocate(&cs, q)
                let sum = cs.addDistinct(a, b)
                cs.assertOnCurve(sum)
                return [(sum, p + q), (cs.double(a), p + p), (cs.double(cs.double(b)), q + q + q + q),
                        (cs.negate(a), -p), (cs.addDistinct(cs.double(a), a), p + p + p),
                        (cs.addDistinct(cs.negate(b), a), -q + p),
                        (cs.select(.one, ifTrue: a, ifFalse: b), p), (cs.select(.zero, ifTrue: a, ifFalse: b), q)]
            }
            #expect(cs.check().isSatisfied, "\(cs.check())")
            for (index, (point, expected)) in results.enumerated() {
                #expect(native(cs, point) == expected, "result \(index) on \(p), \(q)")
            }
        }
        let offset = G1Affine(x: NativeG1.offset.x, y: NativeG1.offset.y)
        #expect(offset.isOnCurve)
        // The native helpers that build scalar multiplication's constants.
        let a = NativeG1.offset
        let threeA = NativeG1.add(NativeG1.double(a), a)
        #expect(G1Affine(x: threeA.x, y: threeA.y) == offset * Fr(3))
    }

    @Test("Scalar multiplication agrees with native G1: random, 0 (infinity), 1, q − 1, small widths")
    func scalarMultiplication() {
        var rng = SeededGenerator(seed: 72)
        let g = G1Affine.generator
        let p = g * Fr.random(using: &rng)
        let qMinusOne = -Fr.one
        let cases: [(G1Affine, Fr, Int)] = [
            (p, Fr.random(using: &rng), 254), (g, qMinusOne, 254), (p, .zero, 254),
            (p, .one, 8), (p, Fr(0xB7), 8), (g, Fr(0xFF), 8), (p, .zero, 8), (g * Fr(3), Fr(12_345), 16),
            (p, Fr(0x55), 7), (g, .one, 1), (p, .zero, 1),
        ]
        for (point, scalar, bits) in cases {
            let (cs, result) = circuit { cs in
                let s = cs.allocate(scalar)
                return cs.multiply(allocate(&cs, point), by: s, bits: bits)
            }
            #expect(cs.check().isSatisfied, "\(scalar)·\(point), \(bits) bits: \(cs.check())")
            let expected = point * scalar
            #expect(cs.value(of: result.isInfinity) == (expected.isInfinity ? .one : .zero))
            if !expected.isInfinity {
                #expect(native(cs, result.point) == expected, "\(scalar)·\(point)")
            }
        }
        // A scalar wider than the bits asked for cannot be decomposed.
        let (wide, _) = circuit { cs in cs.multiply(allocate(&cs, p), by: cs.allocate(Fr(256)), bits: 8) }
        #expect(!wide.check().isSatisfied)
    }

    @Test("Every hinted value of an addition, a doubling, an on-curve check and a short scalar multiplication is checked")
    func everyHint() {
        var rng = SeededGenerator(seed: 73)
        let g = G1Affine.generator
        let p = g * Fr.random(using: &rng), q = g * Fr.random(using: &rng)
        let gadgets: [(String, (inout CircuitBuilder) -> Void)] = [
            ("g1.add", { cs in _ = cs.addDistinct(allocate(&cs, p), allocate(&cs, q)) }),
            ("g1.double", { cs in _ = cs.double(allocate(&cs, p)) }),
            ("g1.input", { cs in _ = allocate(&cs, p) }),
            ("g1.scalarMul", { cs in _ = cs.multiply(allocate(&cs, p, "point"), by: cs.allocate(Fr(0x15)), bits: 5) }),
        ]
        for (name, body) in gadgets {
            let (cs, _) = circuit(body)
            #expect(cs.check().isSatisfied, "\(name): \(cs.check())")
            let targets = oneVariablePerHint(cs, seed: 74).filter { $0.name.hasPrefix(name + "/") }
            #expect(targets.count >= 5, "\(name): \(targets.count) hints")
            expectEveryHintChecked(cs, targets, name)
        }
    }

    @Test("Cheating provers are refused: off-curve points, a wrong slope, P + P as a distinct addition, a forged coordinate")
    func adversary() {
        var rng = SeededGenerator(seed: 75)
        let g = G1Affine.generator
        let p = g * Fr.random(using: &rng), q = g * Fr.random(using: &rng)
        // (x, y + 1) is not on the curve.
        let (offCurve, _) = circuit { cs in cs.allocateEmulatedG1(x: p.x, y: p.y + .one) }
        #expect(!offCurve.check().isSatisfied)
        for target in ["g1.double/slope", "g1.double/x/remainder", "g1.double/y/remainder"] {
            let (cs, _) = circuit(adversary: forging(target)) { cs in cs.double(allocate(&cs, p)) }
            #expect(cs.hints.contains { $0.name == target }, "\(target) exists")
            #expect(!cs.check().isSatisfied, "\(target)")
        }
        for target in ["g1.add/fp.divide/fp.inverse/inverse", "g1.add/y/remainder"] {
            let (cs, _) = circuit(adversary: forging(target)) { cs in cs.addDistinct(allocate(&cs, p), allocate(&cs, q)) }
            #expect(cs.hints.contains { $0.name == target }, "\(target) exists")
            #expect(!cs.check().isSatisfied, "\(target)")
        }
        // P + P through the chord formula: x_Q − x_P ≡ 0 has no inverse, whatever is offered.
        let (same, _) = circuit { cs in
            let a = allocate(&cs, p)
            return cs.addDistinct(a, a)
        }
        #expect(same.check().failure?.hintFailures.first?.hint == "g1.add/fp.divide/fp.inverse/inverse")
        let guess = EmulatedFp.limbValues(of: Natural(Fp.random(using: &rng)))
        let (lying, _) = circuit(adversary: { name, values in name == "g1.add/fp.divide/fp.inverse/inverse" ? guess : values }) { cs in
            let a = allocate(&cs, p)
            return cs.addDistinct(a, a)
        }
        #expect(!lying.check().isSatisfied)
        // A scalar multiplication whose last addition's result is forged.
        let (forged, _) = circuit(adversary: forging("g1.scalarMul/unoffset/g1.add/x/remainder")) { cs in
            cs.multiply(allocate(&cs, p), by: cs.allocate(Fr(77)), bits: 8)
        }
        #expect(!forged.check().isSatisfied)
    }
}
