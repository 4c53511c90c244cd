import SheafField
import SheafHash

/// A shielded note of a privacy pool: commitment Poseidon(secret, nullifierKey,
/// value) is a leaf of the pool's Merkle tree; spending reveals the nullifier
/// Poseidon(nullifierKey, leafIndex) and nothing else about the note.
public struct Note: Equatable, Hashable, Sendable {
    /// Blinding randomness; hides the note in its commitment.
    public var secret: Fr
    /// Derives the nullifier; whoever knows it can link the spend to the note.
    public var nullifierKey: Fr
    /// The amount the note holds.
    public var value: UInt64

    /// A note.
    public init(secret: Fr, nullifierKey: Fr, value: UInt64) {
        self.secret = secret
        self.nullifierKey = nullifierKey
        self.value = value
    }

    /// A note with fresh randomness from `generator`.
    public static func random<G: RandomNumberGenerator>(value: UInt64, using generator: inout G) -> Note {
        Note(secret: .random(using: &generator), nullifierKey: .random(using: &generator), value: value)
    }

    /// Poseidon(secret, nullifierKey, value): the leaf put in the pool's tree.
    public var commitment: Fr { try! Poseidon.hash([secret, nullifierKey, Fr(value)]) }

    /// Poseidon(nullifierKey, leafIndex): published when the note is spent, so a
    /// second spend is recognised. Including the index makes two deposits of the
    /// same note contents spendable once each.
    public func nullifier(leafIndex: Int) -> Fr {
        Poseidon.hash(nullifierKey, Fr(UInt64(leafIndex)))
    }
}

/// Sizes of the note-spend circuit.
public struct NoteSpendParameters: Equatable, Hashable, Sendable {
    /// Depth of the pool's commitment tree.
    public let treeDepth: Int
    /// The only note value this pool pays out: like a fixed-denomination mixer,
    /// the amount is a property of the pool (and of its verifying key), not a
    /// public input, so spends of equal notes look alike.
    public let denomination: UInt64

    /// Parameters; the defaults (depth 20, denomination 10¹⁸) give about 5,400
    /// constraints.
    ///
    /// - Throws: ``CircuitError/invalidParameters(_:)`` unless 1 ≤ depth ≤ 32.
    public init(treeDepth: Int = 20, denomination: UInt64 = 1_000_000_000_000_000_000) throws {
        guard (1...32).contains(treeDepth) else { throw CircuitError.invalidParameters("tree depth \(treeDepth) is not in 1...32") }
        self.treeDepth = treeDepth
        self.denomination = denomination
    }
}

/// The witness and public inputs of one spend.
public struct NoteSpendWitness: Equatable, Sendable {
    /// The pool's tree root the spend refers to (public input 0).
    public var root: Fr
    /// The note's nullifier (public input 1).
    public var nullifier: Fr
    /// Who receives the funds, e.g. an Ethereum address as a field element
    /// (public input 2).
    public var recipient: Fr
    /// The note (private).
    public var note: Note
    /// Its position in the tree (private).
    public var leafIndex: Int
    /// The siblings from the leaf up (private).
    public var siblings: [Fr]

    /// The public inputs in circuit order: root, nullifier, recipient.
    public var publicInputs: [Fr] { [root, nullifier, recipient] }

    /// The witness for spending `note`, which sits at `leafIndex` in `tree`, to
    /// `recipient`.
    ///
    /// - Throws: ``CircuitError/noteNotInTree(leafIndex:)`` when that leaf is not the
    ///   note's commitment (including an index outside the tree),
    ///   ``CircuitError/wrongDenomination(expected:actual:)``, or
    ///   ``CircuitError/invalidParameters(_:)`` when the tree depth differs from the
    ///   parameters'.
    public init(note: Note, leafIndex: Int, tree: PoseidonMerkleTree, recipient: Fr,
                parameters: NoteSpendParameters) throws {
        guard tree.depth == parameters.treeDepth else {
            throw CircuitError.invalidParameters("tree depth \(tree.depth), circuit depth \(parameters.treeDepth)")
        }
        guard note.value == parameters.denomination else {
            throw CircuitError.wrongDenomination(expected: parameters.denomination, actual: note.value)
        }
        guard let leaf = try? tree.leaf(at: leafIndex), leaf == note.commitment else {
            throw CircuitError.noteNotInTree(leafIndex: leafIndex)
        }
        self.init(root: tree.root, nullifier: note.nullifier(leafIndex: leafIndex), recipient: recipient,
                  note: note, leafIndex: leafIndex, siblings: try tree.path(at: leafIndex).siblings)
    }

    /// Assembles a witness from parts without checking them (for placeholders and
    /// for testing that the circuit rejects false ones).
    public init(root: Fr, nullifier: Fr, recipient: Fr, note: Note, leafIndex: Int, siblings: [Fr]) {
        self.root = root
        self.nullifier = nullifier
        self.recipient = recipient
        self.note = note
        self.leafIndex = leafIndex
        self.siblings = siblings
    }
}

/// The private note spend circuit: "I know a note of this pool's denomination whose
/// commitment is a leaf of the tree with root `root`, and `nullifier` is its
/// nullifier; the proof is for `recipient`."
///
/// Public inputs, in order: root, nullifier, recipient. The circuit recomputes the
/// commitment Poseidon(secret, nullifierKey, value) with value = the denomination,
/// proves its membership at the index given by the path bits, and recomputes the
/// nullifier Poseidon(nullifierKey, index) from the same key and index, so a note
/// has exactly one nullifier. The recipient enters a constraint
/// recipient · recipient = recipientSquare, as Tornado Cash does, so that it is
/// explicitly part of the constraint system: a proof made for one recipient does
/// not verify for another, and front-runners cannot redirect the funds.
///
/// Cost, depth d: commitment 264 + index d + 1 + path 244·d + root 1 + nullifier 243
/// + 1 + denomination 1 + recipient 1 = 512 + 245·d; 5,412 at d = 20.
public struct NoteSpendCircuit: CircuitDefinition {
    /// Sizes.
    public let parameters: NoteSpendParameters

    /// The circuit for these sizes.
    public init(parameters: NoteSpendParameters) { self.parameters = parameters }

    /// Root, nullifier, recipient.
    public var publicInputCount: Int { 3 }

    /// All-zero values of the right shape.
    public func placeholderWitness() -> NoteSpendWitness {
        NoteSpendWitness(root: .zero, nullifier: .zero, recipient: .zero,
                         note: Note(secret: .zero, nullifierKey: .zero, value: 0), leafIndex: 0,
                         siblings: Array(repeating: .zero, count: parameters.treeDepth))
    }

    /// Enforces the spend; see the type's documentation.
    ///
    /// - Throws: ``CircuitError/wrongWitnessShape(_:)`` for a path of the wrong length.
    public func synthesize(_ cs: inout CircuitBuilder, witness: NoteSpendWitness) throws {
        guard witness.siblings.count == parameters.treeDepth else {
            throw CircuitError.wrongWitnessShape("path has \(witness.siblings.count) siblings, depth is \(parameters.treeDepth)")
        }
        let root = cs.publicInput("root", witness.root)
        let nullifier = cs.publicInput("nullifier", witness.nullifier)
        let recipient = cs.publicInput("recipient", witness.recipient)

        let secret = cs.allocate(witness.note.secret)
        let nullifierKey = cs.allocate(witness.note.nullifierKey)
        let value = cs.allocate(Fr(witness.note.value))
        let index = cs.allocate(Fr(UInt64(truncatingIfNeeded: witness.leafIndex)))
        let siblings = witness.siblings.map { cs.allocate($0) }

        cs.assertEqual(value, .constant(Fr(parameters.denomination)), "denomination")
        let commitment = try cs.poseidon([secret, nullifierKey, value], "commitment")
        try cs.assertMerkleMembership(leaf: commitment, index: index, siblings: siblings, root: root, "membership")
        let computedNullifier = try cs.poseidon([nullifierKey, index], "nullifierHash")
        cs.assertEqual(computedNullifier, nullifier, "nullifier")
        _ = cs.product(recipient, recipient, "recipientSquare")
    }
}
