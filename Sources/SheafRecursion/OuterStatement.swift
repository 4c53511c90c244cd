import SheafField
import SheafHash

// What an outer proof says, and how a contract opens it.
//
// The outer proof's one public input commits to every application's statement
// through a SHA-256 Merkle tree, the same shape as the bundle manifest's Keccak
// tree (leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right), an odd node
// promoted):
//
//     statementHash = SHA-256(keyHash ‖ input₁ ‖ … ‖ input_ℓ)   (32 bytes each, big-endian)
//     leaf data     = applicationId ‖ statementHash               (64 bytes)
//
// where keyHash is the Poseidon key hash the circuit computes
// (``Groth16BatchVerifier/keyHash(_:)``) and applicationId is the manifest's
// keccak256(id). SHA-256 because both sides must compute it: the EVM has it as a
// precompile (60 + 12 gas per word, so an inclusion check of a 16-leaf tree costs
// a few thousand gas) and a circuit pays about 26k constraints per 64-byte block;
// Keccak is as cheap on the EVM but about 150k constraints per 136-byte block in a
// circuit, and Poseidon is cheap in a circuit but has no precompile (docs/recursion.md
// has the measured comparison).

/// One application's statement as an outer proof commits to it.
public struct OuterStatement: Sendable, Hashable {
    /// The length of an application id: keccak256 of the bundle entry's id.
    public static let applicationIdLength = 32

    /// keccak256 of the application's id, as in the bundle manifest.
    public let applicationId: [UInt8]
    /// The Poseidon hash of the application's verifying key (``Groth16BatchVerifier/keyHash(_:)``).
    public let keyHash: Fr
    /// The statement's public inputs.
    public let publicInputs: [Fr]

    /// A statement; `applicationId` must be 32 bytes.
    public init(applicationId: [UInt8], keyHash: Fr, publicInputs: [Fr]) {
        precondition(applicationId.count == Self.applicationIdLength, "an application id is 32 bytes")
        self.applicationId = applicationId
        self.keyHash = keyHash
        self.publicInputs = publicInputs
    }

    /// SHA-256(keyHash ‖ inputs), each as 32 big-endian bytes.
    public var statementHash: [UInt8] {
        SHA256.hash(([keyHash] + publicInputs).flatMap(\.bigEndianBytes))
    }

    /// The leaf data: applicationId ‖ statementHash.
    public var leafData: [UInt8] { applicationId + statementHash }
}

/// The SHA-256 Merkle tree over a batch's statements, in proof order.
public struct OuterStatementTree: Sendable {
    /// The statements, in proof order.
    public let statements: [OuterStatement]
    /// The tree over their leaf data.
    public let tree: SHA256MerkleTree

    /// The tree over `statements` (at least one).
    public init(_ statements: [OuterStatement]) {
        precondition(!statements.isEmpty, "a statement tree needs at least one statement")
        self.statements = statements
        self.tree = SHA256MerkleTree(leaves: statements.map(\.leafData))
    }

    /// The 32-byte root a settlement contract records.
    public var root: [UInt8] { tree.root }

    /// The outer proof's public input: ``publicInput(root:)`` of the root.
    public var publicInput: Fr { Self.publicInput(root: root) }

    /// The root's low 253 bits read as a big-endian integer, which is below r.
    /// The contract computes the same from the root it records; the three bits
    /// left out do not weaken the binding, since a recorded root must still be
    /// the SHA-256 root of a tree that opens to the statement.
    public static func publicInput(root: [UInt8]) -> Fr {
        precondition(root.count == 32, "a root is 32 bytes")
        return Fr(reducingBigEndian: [root[0] & 0x1f] + root[1...])
    }

    /// The inclusion proof of statement `index`.
    public func inclusionProof(_ index: Int) -> MerkleInclusionProof { tree.proof(forLeaf: index) }
}
