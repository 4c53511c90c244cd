import SheafField
import SheafGroth16

/// Constraint counts of the emulated-field gadgets, measured by building each one
/// in shape mode (no witness) after allocating its inputs, so the inputs' own
/// range checks are not counted. The counts depend only on the circuit shape.
public struct RecursionStats: Sendable, Equatable {
    /// One gadget's cost.
    public struct Gadget: Sendable, Equatable {
        /// A short name such as `fp.mul`.
        public let name: String
        /// What was measured, such as "reduced operands".
        public let detail: String
        /// R1CS constraints.
        public let constraints: Int
        /// How many of them are range checks (lookup queries and recompositions,
        /// or bit decompositions).
        public let rangeCheckConstraints: Int
        /// How many values are range-checked (limbs, quotient limbs, carries).
        public let rangeCheckedValues: Int
        /// New private variables.
        public let variables: Int
    }

    /// The gadgets, in a fixed order.
    public let gadgets: [Gadget]

    /// The gadget named `name`, if measured.
    public subscript(name: String) -> Gadget? { gadgets.first { $0.name == name } }

    /// Measures every gadget. Takes several seconds, most of them for the
    /// millions of constraints of the Miller loops and the 254-bit G1 scalar
    /// multiplication.
    ///
    /// - Parameter lookups: the range checks: 16-bit lookups by default (a
    ///   gadget's queries are counted, the shared table only in the whole
    ///   pairing check), or, with nil, bit decomposition.
    public static func measure(lookups: LookupRangeChecks? = Groth16BatchCircuit.defaultLookups) -> RecursionStats {
        var gadgets = [Gadget]()
        func measure(_ name: String, _ detail: String,
                     inputs: (inout CircuitBuilder) -> [EmulatedFp],
                     _ body: (inout CircuitBuilder, [EmulatedFp]) -> Void) {
            var cs = CircuitBuilder(publicInputCount: 0, mode: .shape, storage: .discard, lookups: lookups)
            let operands = inputs(&cs)
            let constraints = cs.constraintCount, variables = cs.variableCount
            cs.tally = CircuitBuilder.Tally(namespace: CircuitBuilder.rangeCheckLabel, labelSuffix: cs.rangeCheckedValueSuffix)
            body(&cs, operands)
            gadgets.append(Gadget(
                name: name, detail: detail, constraints: cs.constraintCount - constraints,
                rangeCheckConstraints: cs.tally!.constraints, rangeCheckedValues: cs.tally!.suffixed,
                variables: cs.variableCount - variables))
        }
        func reduced(_ count: Int) -> (inout CircuitBuilder) -> [EmulatedFp] {
            { cs in (0..<count).map { _ in cs.allocateEmulated(Fp.zero) } }
        }
        func overflowing(_ bits: Int) -> (inout CircuitBuilder) -> [EmulatedFp] {
            { cs in
                (0..<2).map { _ in
                    var a = cs.allocateEmulated(Fp.zero)
                    for _ in 0..<bits { a = cs.add(a, a) }
                    return a
                }
            }
        }
        measure("fp.allocate", "a private element: four 64-bit limbs", inputs: { _ in [] }) { cs, _ in
            _ = cs.allocateEmulated(Fp.zero)
        }
        measure("fp.add", "unreduced, limbs grow one bit", inputs: reduced(2)) { cs, x in _ = cs.add(x[0], x[1]) }
        measure("fp.sub", "unreduced, padded by a multiple of p", inputs: reduced(2)) { cs, x in _ = cs.subtract(x[0], x[1]) }
        measure("fp.mul", "reduced operands", inputs: reduced(2)) { cs, x in _ = cs.multiply(x[0], x[1]) }
        measure("fp.mul", "operands with 30 bits of overflow", inputs: overflowing(30)) { cs, x in _ = cs.multiply(x[0], x[1]) }
        measure("fp.square", "reduced operand", inputs: reduced(1)) { cs, x in _ = cs.square(x[0]) }
        measure("fp.reduce", "one bit of overflow", inputs: overflowing(1)) { cs, x in _ = cs.reduce(x[0]) }
        measure("fp.inverse", "reduced operand", inputs: reduced(1)) { cs, x in _ = cs.inverse(x[0]) }
        measure("fp.divide", "reduced operands", inputs: reduced(2)) { cs, x in _ = cs.divide(x[0], x[1]) }
        measure("fp.equal", "reduced operands", inputs: reduced(2)) { cs, x in cs.assertEqual(x[0], x[1]) }
        measure("fp.select", "boolean condition given", inputs: reduced(2)) { cs, x in
            _ = cs.select(.one, ifTrue: x[0], ifFalse: x[1])
        }
        measure("fp.canonical", "from one bit of overflow to the value below p", inputs: overflowing(1)) { cs, x in
            _ = cs.canonical(x[0])
        }
        measure("fp2.mul", "reduced operands", inputs: reduced(4)) { cs, x in
            _ = cs.multiply(EmulatedFp2(x[0], x[1]), EmulatedFp2(x[2], x[3]))
        }
        measure("fp2.square", "reduced operand", inputs: reduced(2)) { cs, x in _ = cs.square(EmulatedFp2(x[0], x[1])) }
        measure("fp2.inverse", "reduced operand", inputs: reduced(2)) { cs, x in _ = cs.inverse(EmulatedFp2(x[0], x[1])) }
        // Tower elements from reduced Fp coefficients, in the types' coefficient order.
        func fp2(_ x: [EmulatedFp], _ i: Int) -> EmulatedFp2 { EmulatedFp2(x[2 * i], x[2 * i + 1]) }
        func fp6(_ x: [EmulatedFp], _ i: Int) -> EmulatedFp6 { EmulatedFp6(fp2(x, 3 * i), fp2(x, 3 * i + 1), fp2(x, 3 * i + 2)) }
        func fp12(_ x: [EmulatedFp], _ i: Int) -> EmulatedFp12 { EmulatedFp12(fp6(x, 2 * i), fp6(x, 2 * i + 1)) }
        measure("fp6.mul", "reduced operands", inputs: reduced(12)) { cs, x in _ = cs.multiply(fp6(x, 0), fp6(x, 1)) }
        measure("fp6.square", "reduced operand", inputs: reduced(6)) { cs, x in _ = cs.square(fp6(x, 0)) }
        measure("fp6.inverse", "reduced operand", inputs: reduced(6)) { cs, x in _ = cs.inverse(fp6(x, 0)) }
        measure("fp12.mul", "reduced operands", inputs: reduced(24)) { cs, x in _ = cs.multiply(fp12(x, 0), fp12(x, 1)) }
        measure("fp12.square", "reduced operand", inputs: reduced(12)) { cs, x in _ = cs.square(fp12(x, 0)) }
        measure("fp12.inverse", "reduced operand", inputs: reduced(12)) { cs, x in _ = cs.inverse(fp12(x, 0)) }
        measure("fp12.mulByLine", "by a + (b + c·v)·w, reduced operands", inputs: reduced(18)) { cs, x in
            _ = cs.multiplyByLine(fp12(x, 0), fp2(x, 6), fp2(x, 7), fp2(x, 8))
        }
        measure("fp12.mulByNormalizedLine", "by 1 + (b + c·v)·w (the Miller loop's), reduced", inputs: reduced(16)) { cs, x in
            _ = cs.multiplyByNormalizedLine(fp12(x, 0), fp2(x, 6), fp2(x, 7))
        }
        for (k, detail) in [(1, "x ↦ x^p"), (2, "x ↦ x^(p²)"), (3, "x ↦ x^(p³)")] {
            measure("fp12.frobenius\(k)", detail + ", reduced operand", inputs: reduced(12)) { cs, x in
                _ = cs.frobenius(fp12(x, 0), k)
            }
        }
        func g1(_ x: [EmulatedFp], _ i: Int) -> EmulatedG1Affine { EmulatedG1Affine(x: x[2 * i], y: x[2 * i + 1]) }
        measure("g1.onCurve", "y² = x³ + 3, reduced coordinates", inputs: reduced(2)) { cs, x in cs.assertOnCurve(g1(x, 0)) }
        measure("g1.add", "distinct x (checked), reduced coordinates", inputs: reduced(4)) { cs, x in
            _ = cs.addDistinct(g1(x, 0), g1(x, 1))
        }
        measure("g1.double", "a point on the curve, reduced coordinates", inputs: reduced(2)) { cs, x in _ = cs.double(g1(x, 0)) }
        measure("g1.scalarMul", "254-bit private scalar, variable point", inputs: reduced(2)) { cs, x in
            _ = cs.multiply(g1(x, 0), by: cs.allocate(.zero), bits: 254)
        }
        func g2(_ x: [EmulatedFp], _ i: Int) -> EmulatedG2Affine { EmulatedG2Affine(x: fp2(x, 2 * i), y: fp2(x, 2 * i + 1)) }
        measure("g2.onTwist", "y² = x³ + b′ over Fp2, reduced coordinates", inputs: reduced(4)) { cs, x in
            cs.assertOnTwist(g2(x, 0))
        }
        measure("g2.double", "Miller doubling step: 2T and its line", inputs: reduced(4)) { cs, x in
            _ = cs.doubleWithLine(g2(x, 0))
        }
        measure("g2.add", "Miller addition step: T + Q and its line", inputs: reduced(8)) { cs, x in
            _ = cs.addWithLine(g2(x, 0), g2(x, 1))
        }
        measure("g2.frobenius", "ψ(Q) = (x̄·γ₁₂, ȳ·γ₁₃)", inputs: reduced(4)) { cs, x in _ = cs.twistFrobenius(g2(x, 0)) }
        measure("g2.lineAt", "a line evaluated at a prepared G1 point", inputs: reduced(6)) { cs, x in
            _ = cs.evaluate(EmulatedLine(xCoefficient: fp2(x, 0), constant: fp2(x, 1)),
                            at: EmulatedLinePoint(xOverY: x[4], yInverse: x[5]))
        }
        measure("g2.subgroup", "Q ∈ G2 for an untrusted Q, alone: on the twist, [x]Q and the ψ equation, exception-checked",
                inputs: reduced(4)) { cs, x in cs.assertInG2(g2(x, 0)) }
        for count in [1, 2] {
            measure("miller.loop", "\(count) pair\(count == 1 ? "" : "s"), variable P and Q (inputs not checked)",
                    inputs: reduced(6 * count)) { cs, x in
                _ = cs.millerLoop((0..<count).map { i in
                    EmulatedPairingPair(p: g1(x, 3 * i), q: g2(Array(x[(6 * i + 2)...]), 0))
                })
            }
        }
        measure("miller.loop", "1 pair, Q proved in G2 by the loop's own walk (how B and untrusted keys are checked)",
                inputs: reduced(6)) { cs, x in
            _ = cs.millerLoop([EmulatedPairingPair(p: g1(x, 0), q: g2(Array(x[2...]), 0), checkingMembershipAs: "inG2")])
        }
        measure("pairing.check", "2 pairs: Miller loop with the residue witness folded in, and its check"
                    + (lookups.map { ", with the 2^\($0.chunkBits) lookup table" } ?? ""),
                inputs: reduced(12)) { cs, x in
            cs.assertPairingProductIsOne((0..<2).map { i in
                EmulatedPairingPair(p: g1(x, 3 * i), q: g2(Array(x[(6 * i + 2)...]), 0))
            })
            cs.finalize()
        }
        return RecursionStats(gadgets: gadgets)
    }
}
