import Testing
import SheafField
import SheafHash
@testable import SheafGroth16

/// Builds a circuit with no public inputs and returns its system and witness.
func build(_ body: (inout CircuitBuilder) throws -> Void) rethrows -> (ConstraintSystem, [Fr]) {
    var cs = CircuitBuilder(publicInputCount: 0)
    try body(&cs)
    return (cs.constraintSystem(), cs.witness())
}

@Suite("Gadgets")
struct GadgetTests {
    @Test("Boolean: 0 and 1 pass, 2 fails")
    func boolean() throws {
        for value: Fr in [0, 1, 2] {
            let (system, witness) = build { cs in cs.assertBoolean(cs.allocate(value), "b") }
            #expect(try system.isSatisfied(by: witness).isSatisfied == (value != 2))
        }
    }

    @Test("Equality and inequality")
    func equality() throws {
        for (a, b): (Fr, Fr) in [(3, 3), (3, 4)] {
            let (eq, eqWitness) = build { cs in cs.assertEqual(cs.allocate(a), cs.allocate(b)) }
            #expect(try eq.isSatisfied(by: eqWitness).isSatisfied == (a == b))
            let (ne, neWitness) = build { cs in cs.assertNotEqual(cs.allocate(a), cs.allocate(b)) }
            #expect(try ne.isSatisfied(by: neWitness).isSatisfied == (a != b))
            // isEqual's output bit, and a lie about it is caught.
            var outIndex = 0
            let (ie, ieWitness) = build { cs in
                let bit = cs.isEqual(cs.allocate(a), cs.allocate(b))
                outIndex = bit.singleVariable!
            }
            #expect(try ie.isSatisfied(by: ieWitness).isSatisfied)
            #expect(ieWitness[outIndex] == (a == b ? Fr.one : Fr.zero))
            let lie = tampered(ieWitness, outIndex, a == b ? 0 : 1)
            #expect(try failure(ie, lie) != nil)
        }
    }

    @Test("isZero cannot be fooled by any inverse witness")
    func isZeroSoundness() throws {
        var rng = SeededGenerator(seed: 3)
        for x: Fr in [0, 5] {
            var inverseIndex = 0, outIndex = 0
            let (system, witness) = build { cs in
                let out = cs.isZero(cs.allocate(x))
                outIndex = out.singleVariable!
                inverseIndex = outIndex - 1
            }
            #expect(try system.isSatisfied(by: witness).isSatisfied)
            // Claim the opposite answer with any inverse: never satisfiable.
            for _ in 0..<5 {
                var lie = tampered(witness, outIndex, x.isZero ? 0 : 1)
                lie[inverseIndex] = Fr.random(using: &rng)
                #expect(try failure(system, lie) != nil)
            }
        }
    }

    @Test("Select, swap, and, or")
    func selection() throws {
        for c: Fr in [0, 1] {
            var outs = [Int]()
            let (system, witness) = build { cs in
                let cond = cs.allocateBit(c.isOne)
                let a = cs.allocate(10), b = cs.allocate(20)
                outs.append(cs.materialize(cs.select(cond, ifTrue: a, ifFalse: b)).singleVariable!)
                let (l, r) = cs.conditionalSwap(cond, a, b)
                outs.append(cs.materialize(l).singleVariable!)
                outs.append(cs.materialize(r).singleVariable!)
                outs.append(cs.and(cond, cs.allocateBit(true)).singleVariable!)
                outs.append(cs.materialize(cs.or(cond, cs.allocateBit(false))).singleVariable!)
                outs.append(cs.materialize(cs.not(cond)).singleVariable!)
            }
            #expect(try system.isSatisfied(by: witness).isSatisfied)
            let expected: [Fr] = c.isOne ? [10, 20, 10, 1, 1, 0] : [20, 10, 20, 0, 0, 1]
            #expect(outs.map { witness[$0] } == expected)
            // A select output that is neither input fails.
            #expect(try failure(system, tampered(witness, outs[0], 15))?.label == "select")
        }
    }

    @Test("Bit decomposition: correct bits; values ≥ 2ⁿ fail the recomposition")
    func bits() throws {
        var bitIndices = [Int]()
        let (system, witness) = build { cs in
            bitIndices = cs.bits(of: cs.allocate(0b1011_0110), count: 8, "v").map { $0.singleVariable! }
        }
        #expect(system.constraintCount == 9)
        #expect(try system.isSatisfied(by: witness).isSatisfied)
        #expect(bitIndices.map { witness[$0] } == [0, 1, 1, 0, 1, 1, 0, 1])
        let (tooBig, tooBigWitness) = build { cs in cs.assertRange(cs.allocate(256), bits: 8, "v") }
        #expect(try failure(tooBig, tooBigWitness)?.label == "v/recompose")
        // The largest 253-bit value decomposes; −1 (= r − 1) does not fit 253 bits.
        let max253: Fr = Fr.powerOfTwo(252) * Fr(2) - Fr.one
        let (wide, wideWitness) = build { cs in cs.assertRange(cs.allocate(max253), bits: 253) }
        #expect(try wide.isSatisfied(by: wideWitness).isSatisfied)
        let (neg, negWitness) = build { cs in cs.assertRange(cs.allocate(-Fr.one), bits: 253) }
        #expect(try failure(neg, negWitness) != nil)
        // A flipped bit is either non-boolean or breaks the sum.
        #expect(try failure(system, tampered(witness, bitIndices[0], 1))?.label == "v/recompose")
        #expect(try failure(system, tampered(witness, bitIndices[0], 2))?.label == "v/bit[0]")
    }

    @Test("Comparisons agree with integers on all 4-bit pairs")
    func comparisons() throws {
        for a in UInt64(0)..<16 {
            for b in UInt64(0)..<16 {
                var out = 0
                let (lt, ltWitness) = build { cs in
                    out = cs.materialize(cs.lessThan(cs.allocate(Fr(a)), cs.allocate(Fr(b)), bits: 4)).singleVariable!
                }
                #expect(try lt.isSatisfied(by: ltWitness).isSatisfied)
                #expect(ltWitness[out] == (a < b ? Fr.one : Fr.zero))
                let (le, leWitness) = build { cs in cs.assertLessOrEqual(cs.allocate(Fr(a)), cs.allocate(Fr(b)), bits: 4) }
                #expect(try le.isSatisfied(by: leWitness).isSatisfied == (a <= b))
                let (slt, sltWitness) = build { cs in cs.assertLessThan(cs.allocate(Fr(a)), cs.allocate(Fr(b)), bits: 4) }
                #expect(try slt.isSatisfied(by: sltWitness).isSatisfied == (a < b))
            }
        }
    }

    @Test("Poseidon gadget equals the native hash for 1…6 inputs, at 3·(8t + R_P) constraints")
    func poseidonGadget() throws {
        var rng = SeededGenerator(seed: 21)
        let expectedCounts = [216, 243, 264, 300, 324, 357]
        for count in 1...6 {
            let inputs = (0..<count).map { _ in Fr.random(using: &rng) }
            var outIndex = 0
            let (system, witness) = try build { cs in
                let lcs = inputs.map { cs.allocate($0) }
                let out = try cs.poseidon(lcs)
                outIndex = cs.materialize(out).singleVariable!
            }
            #expect(system.constraintCount == expectedCounts[count - 1] + 1)
            #expect(try system.isSatisfied(by: witness).isSatisfied)
            #expect(witness[outIndex] == (try Poseidon.hash(inputs)))
            // Changing an input (or any S-box output) breaks a constraint.
            #expect(try failure(system, tampered(witness, 1, inputs[0] + 1)) != nil)
            #expect(try failure(system, tampered(witness, outIndex - 1, witness[outIndex - 1] + 1)) != nil)
        }
        var cs = CircuitBuilder(publicInputCount: 0)
        #expect(throws: PoseidonError.unsupportedInputCount(7)) { try cs.poseidon(Array(repeating: .one, count: 7)) }
        #expect(throws: PoseidonError.unsupportedInputCount(0)) { try cs.poseidon([]) }
    }

    @Test("The circomlib known answer inside a circuit: poseidon([1, 2, 3])")
    func poseidonKnownAnswer() throws {
        var out = 0
        let (system, witness) = try build { cs in
            out = cs.materialize(try cs.poseidon([1, 2, 3])).singleVariable!
        }
        #expect(try system.isSatisfied(by: witness).isSatisfied)
        #expect(witness[out].decimalString == "6542985608222806190361240322586112750744169038454362455181422643027100751666")
    }

    /// A membership circuit for the given (possibly wrong) values, witness computed
    /// honestly from them.
    func membership(leaf: Fr, index: Fr, siblings: [Fr], root: Fr) throws -> (ConstraintSystem, [Fr]) {
        try build { cs in
            let leaf = cs.allocate(leaf)
            let index = cs.allocate(index)
            let siblings = siblings.map { cs.allocate($0) }
            try cs.assertMerkleMembership(leaf: leaf, index: index, siblings: siblings, root: cs.allocate(root))
        }
    }

    @Test("Merkle membership against the native tree; wrong sibling, leaf, index or root fail")
    func merkle() throws {
        var rng = SeededGenerator(seed: 33)
        // All eight leaves distinct: with equal neighbours (say two empty leaves) a
        // swapped index would rightly verify.
        let leaves = (0..<8).map { _ in Fr.random(using: &rng) }
        let tree = try PoseidonMerkleTree(depth: 3, leaves: leaves)
        for index in [0, 5, 6] {
            let path = try tree.path(at: index)
            let leaf = try tree.leaf(at: index)
            let i = Fr(UInt64(index))
            let (system, witness) = try membership(leaf: leaf, index: i, siblings: path.siblings, root: tree.root)
            #expect(system.constraintCount == 4 + 3 * 244 + 1)
            #expect(try system.isSatisfied(by: witness).isSatisfied)
            var wrongSiblings = path.siblings
            wrongSiblings[2] += 1
            let cases: [(ConstraintSystem, [Fr])] = [
                try membership(leaf: leaf + 1, index: i, siblings: path.siblings, root: tree.root),
                try membership(leaf: leaf, index: i, siblings: wrongSiblings, root: tree.root),
                try membership(leaf: leaf, index: Fr(UInt64(index ^ 1)), siblings: path.siblings, root: tree.root),
                try membership(leaf: leaf, index: i, siblings: path.siblings, root: tree.root + 1),
            ]
            for (badSystem, badWitness) in cases {
                #expect(badSystem == system)
                #expect(try failure(badSystem, badWitness)?.label == "merkle/root")
            }
            // An index of 8 does not fit the 3 index bits.
            let (_, wide) = try membership(leaf: leaf, index: 8, siblings: path.siblings, root: tree.root)
            #expect(try failure(system, wide)?.label == "merkle/index/recompose")
            // Editing a value in a finished witness breaks some constraint.
            #expect(try failure(system, tampered(witness, 1, leaf + 1)) != nil)
        }
    }

    @Test("A proof for one position does not verify at another, even with consistent bits")
    func merklePositionBinding() throws {
        var rng = SeededGenerator(seed: 34)
        let leaves = (0..<8).map { _ in Fr.random(using: &rng) }
        let tree = try PoseidonMerkleTree(depth: 3, leaves: leaves)
        let path = try tree.path(at: 2)
        // Build an honest-looking witness that claims leaf 2 sits at index 3.
        let (system, witness) = try build { cs in
            let siblings = path.siblings.map { cs.allocate($0) }
            try cs.assertMerkleMembership(leaf: cs.allocate(leaves[2]), index: cs.allocate(3),
                                          siblings: siblings, root: cs.allocate(tree.root))
        }
        #expect(try failure(system, witness)?.label == "merkle/root")
    }
}
