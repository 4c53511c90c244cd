import SheafField
import SheafGroth16

// The one place emulated arithmetic range-checks a value. Every hinted limb,
// quotient limb and carry goes through here, so replacing bit decomposition by
// log-derivative lookups (which needs a Groth16 commitment, BSB22) is a change to
// this file alone. docs/recursion.md explains the choice and the cost.

extension CircuitBuilder {
    /// The namespace of every range-check constraint, which ``RecursionStats``
    /// tallies to split a gadget's cost into range checks and the rest.
    static let rangeCheckLabel = "range"

    /// Constrains 0 ≤ x < 2^bits by bit decomposition: bits + 1 constraints.
    /// A width of 0 constrains x = 0 (one constraint).
    mutating func rangeCheck(_ x: LinearCombination, bits: Int, _ label: String) {
        precondition(bits >= 0 && bits <= CircuitBuilder.maxBits, "range-check width \(bits) out of 0...\(CircuitBuilder.maxBits)")
        withNamespace(label) { cs in
            cs.withNamespace(Self.rangeCheckLabel) { cs in
                if bits == 0 {
                    cs.assertEqual(x, .zero, "zero")
                } else {
                    cs.assertRange(x, bits: bits, "bits")
                }
            }
        }
    }
}
