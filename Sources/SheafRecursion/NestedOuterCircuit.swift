import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

// Outer proofs of outer proofs: bundles that nest.
//
// A nested outer circuit verifies m child outer proofs, all under one child
// outer key, and commits to their statement roots with the same SHA-256 tree
// rule, one level up: the node over two child roots is SHA-256(0x01 ‖ left ‖ right),
// an odd one promoted. Children of one key have one size N_c (the key fixes
// its circuit's statement count), so an application's path to the nested root is
// its path in its child's tree, then its child's path among the children, and a
// settlement contract opens it knowing N_c and m alone (`CHILD_LEAVES` and
// `CHILDREN` in `Contracts/SheafOuterSettlement.vy.template`). The nested proof
// has the same public input (its root's low 253 bits) and the same kind of key
// as an outer proof, so one contract template settles either, and a nested
// proof can itself be a child: a tree of outer proofs covers any number of
// applications.
//
// What the circuit checks per child i:
// - its statement root Rᵢ, private 256 bits, whose low 253 bits are the
//   child's public input;
// - its challenge Xᵢ = Keccak-256(Dᵢ) mod r, from the canonical big-endian bytes of
//   Dᵢ's coordinates (the Keccak gadget, about 151k constraints): the challenge a
//   contract would compute, so the child's lookups stay sound;
// - its Groth16 equation with Σᵢ + Dᵢ and its knowledge check e(Dᵢ, −σγ)·e(πᵢ, γ) = 1,
//   in the batch gadget's one pairing product (``CircuitBuilder/assertGroth16BatchVerifies(keys:_:)``).
// The child key is private but pinned: its in-circuit hash must equal the
// constant hash of the key the circuit was made for. Whoever could swap it could
// verify children under a key with a known trapdoor.

/// The circuit of a nested outer proof: `childCount` outer proofs under one
/// child outer key, committed to by the root over their statement roots.
public struct NestedOuterCircuit: Sendable, Equatable {
    /// The most children one nested circuit takes.
    public static let maximumChildren = 16
    /// The public inputs, the challenge not counted: the nested root.
    public static let publicInputCount = 1

    /// The key every child is verified under: an outer key (one statement input)
    /// with Pedersen base γ.
    public let childKey: CommittedVerifyingKey
    /// The number of children.
    public let childCount: Int

    /// A nested circuit over `childCount` children of `childKey`.
    ///
    /// - Throws: ``RecursionError/emptyBatch``, ``RecursionError/tooManyProofs(count:maximum:)``,
    ///   or ``RecursionError/malformedKey(key:reason:)`` when the child key does
    ///   not take one statement input, has a Pedersen base other than γ, or has a
    ///   point at infinity, off the curve or outside its group.
    public init(childKey: CommittedVerifyingKey, childCount: Int) throws(RecursionError) {
        guard childCount >= 1 else { throw .emptyBatch }
        guard childCount <= Self.maximumChildren else { throw .tooManyProofs(count: childCount, maximum: Self.maximumChildren) }
        guard childKey.publicInputCount == OuterCircuit.publicInputCount else {
            throw .malformedKey(key: 0, reason: "a child outer key takes \(OuterCircuit.publicInputCount) statement input, this one \(childKey.publicInputCount)")
        }
        guard childKey.g == childKey.base.gamma else {
            throw .malformedKey(key: 0, reason: "its Pedersen base is not γ (an outer key's is)")
        }
        // The batch circuit's native key checks, on the base key.
        try Groth16BatchCircuit.validateKey(childKey.base, index: 0)
        let q = childKey.gSigmaNeg
        if q.isInfinity || !q.isOnCurve || !q.isInSubgroup { throw .malformedKey(key: 0, reason: "−σγ is not a point of G2") }
        self.childKey = childKey
        self.childCount = childCount
    }

    /// The circuit without a witness, for keys and constraint counts.
    public func shape(storage: CircuitBuilder.ConstraintStorage = .record) -> CircuitBuilder {
        var cs = CircuitBuilder(publicInputCount: Self.publicInputCount, mode: .shape, storage: storage,
                                lookups: Groth16BatchCircuit.defaultLookups)
        build(&cs, children: nil)
        cs.finalize()
        return cs
    }

    /// The circuit with its witness for these children (proof and statement root each).
    ///
    /// - Throws: ``RecursionError/wrongCount(what:expected:actual:)``, or
    ///   ``RecursionError/pointAtInfinity(proof:what:)`` for a child whose A, C, D
    ///   or π is infinity.
    public func build(children: [NestedOuterChild], storage: CircuitBuilder.ConstraintStorage = .record,
                      commitmentChallenge: (@Sendable ([Fr]) -> Fr)? = nil) throws(RecursionError) -> CircuitBuilder {
        try validate(children)
        var cs = CircuitBuilder(publicInputCount: Self.publicInputCount, mode: .witness, storage: storage,
                                lookups: Groth16BatchCircuit.defaultLookups)
        cs.commitmentChallenge = commitmentChallenge
        build(&cs, children: children)
        cs.finalize()
        return cs
    }

    func validate(_ children: [NestedOuterChild]) throws(RecursionError) {
        guard children.count == childCount else { throw .wrongCount(what: "children", expected: childCount, actual: children.count) }
        for (i, child) in children.enumerated() {
            let p = child.proof
            for (name, infinite) in [("A", p.proof.a.isInfinity), ("C", p.proof.c.isInfinity), ("B", p.proof.b.isInfinity),
                                     ("the commitment D", p.commitment.isInfinity), ("the knowledge proof π", p.knowledgeProof.isInfinity)]
                where infinite {
                throw .pointAtInfinity(proof: i, what: name)
            }
        }
    }

    /// The nested root's public input for these child statement roots.
    public static func publicInput(childRoots: [[UInt8]]) -> Fr {
        OuterStatementTree.publicInput(root: SHA256MerkleTree(nodes: childRoots).root)
    }

    func build(_ cs: inout CircuitBuilder, children: [NestedOuterChild]?) {
        let root = cs.publicInput("statementRoot", Self.publicInput(childRoots: children!.map(\.root)))
        let ℓ = childKey.base.publicInputCount
        let key = cs.allocateEmulatedCommittedKey(childKey, publicInputCount: ℓ, "childKey")
        cs.assertEqual(key.hash, .constant(Groth16BatchVerifier.keyHash(childKey)), "childKey/pinned")
        var rootBits = [[LinearCombination]]()
        var statements = [EmulatedGroth16Statement]()
        for i in 0..<childCount {
            cs.withNamespace("child[\(i)]") { cs in
                let bits = cs.allocateBytes(children![i].root, count: 32, "root")
                rootBits.append(bits)
                // Stream bit 255 − j is the root integer's bit j.
                let rootInput = CircuitBuilder.recompose((0..<253).map { bits[255 - $0] })
                let proof = cs.allocateEmulatedProof(children![i].proof.proof, "proof")
                let commitment = cs.allocateEmulatedCommitment(children![i].proof, "commitment")
                let challenge = cs.withNamespace("challenge") { cs in
                    let bytes = cs.canonicalBigEndianBits(of: commitment.d.x, "x") + cs.canonicalBigEndianBits(of: commitment.d.y, "y")
                    let digest = cs.keccak256(bits: bytes)
                    // The digest read big-endian, reduced mod r by the field itself.
                    var sum = LinearCombination.zero, weight = Fr.one
                    for j in 0..<256 {
                        sum = sum.adding(digest[255 - j], scaledBy: weight)
                        weight += weight
                    }
                    return sum
                }
                statements.append(EmulatedGroth16Statement(key: 0, proof: proof, publicInputs: [rootInput, challenge],
                                                           commitment: commitment))
            }
        }
        cs.assertGroth16BatchVerifies(keys: [key], statements)
        // One node of two blocks per pair of children: spread words from three children on.
        let spread = CircuitBuilder.sha256OnSpreadWords(blocks: 2 * (rootBits.count - 1), lookups: cs.lookups)
        cs.withNamespace("childTree") { cs in cs.assertTreeRoot(over: rootBits, lowBits: root, onSpreadWords: spread) }
    }
}

/// One child of a nested outer proof: its proof and its statement root.
public struct NestedOuterChild: Sendable, Equatable {
    /// The child's outer proof (commit-and-prove).
    public let proof: Groth16CommittedProof
    /// The child's 32-byte statement root, whose low 253 bits are its public input.
    public let root: [UInt8]

    /// A child; `root` must be 32 bytes.
    public init(proof: Groth16CommittedProof, root: [UInt8]) {
        precondition(root.count == 32, "a statement root is 32 bytes")
        self.proof = proof
        self.root = root
    }
}

extension CircuitBuilder {
    /// An emulated Fp element's canonical big-endian bytes in stream bit order
    /// (the 32 bytes of its EVM encoding): the canonical form (below p), then
    /// each 64-bit limb's bits. About 300 constraints.
    mutating func canonicalBigEndianBits(of x: EmulatedFp, _ label: String) -> [LinearCombination] {
        withNamespace(label) { cs in
            let canonical = cs.canonical(x)
            return (0..<EmulatedFp.limbCount).reversed().flatMap { m in
                cs.bits(of: canonical.limbs[m], count: 64, "limb[\(m)]").reversed()
            }
        }
    }
}
