import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// The outer circuit: n inner Groth16 proofs verified in one batch, their
/// statements committed to by one public input, the root of an
/// ``OuterStatementTree``.
///
/// Public inputs: the statement root's low 253 bits, then (with lookups) the
/// commitment challenge, which the verifier computes. Key hashes and inner
/// inputs are private; the tree binds them. A settlement contract therefore checks
/// one Groth16 proof with two inputs however many applications it covers.
///
/// Keys are chosen by the prover here (no registry vouches for them), so each
/// key's β, γ and δ are proved to lie in G2, by the batch's Miller loop from its
/// own walk (under a thousand constraints each; `EmulatedG2Membership.swift`): a twist
/// point outside G2 would make its pairing meaningless, and its pair could
/// cancel another proof's failure. α and the IC points are on-curve checked,
/// which for G1 is membership.
public struct OuterCircuit: Sendable, Equatable {
    /// The batch it verifies: each proof's key and each key's input count.
    public let batch: Groth16BatchCircuit

    /// The outer public inputs, the challenge not counted: the statement root.
    public static let publicInputCount = 1

    /// An outer circuit for a batch of this shape.
    ///
    /// - Throws: as ``Groth16BatchCircuit/init(publicInputCounts:keyOfProof:)``.
    public init(publicInputCounts: [Int], keyOfProof: [Int]) throws(RecursionError) {
        batch = try Groth16BatchCircuit(publicInputCounts: publicInputCounts, keyOfProof: keyOfProof)
    }

    /// SHA-256 compressions in the statement tree: per proof its statement hash
    /// (32 + 32ℓ bytes) and its leaf (65 bytes), per node 65 bytes.
    public var sha256BlockCount: Int {
        let proofs = batch.keyOfProof.reduce(0) { sum, k in
            sum + SHA256.blockCount(messageLength: 32 + 32 * batch.publicInputCounts[k]) + SHA256.blockCount(messageLength: 65)
        }
        return proofs + (batch.keyOfProof.count - 1) * SHA256.blockCount(messageLength: 65)
    }

    /// The circuit without a witness, for keys and constraint counts.
    public func shape(storage: CircuitBuilder.ConstraintStorage = .record) -> CircuitBuilder {
        var cs = CircuitBuilder(publicInputCount: Self.publicInputCount, mode: .shape, storage: storage, lookups: batch.lookups)
        build(&cs, keys: nil, proofs: nil, statements: nil)
        cs.finalize()
        return cs
    }

    /// The circuit with its witness. Each statement's key hash must be its
    /// proof's key's and its inputs the proof's.
    ///
    /// - Throws: ``RecursionError`` as ``Groth16BatchCircuit/build(keys:proofs:publicInputs:keyHashes:storage:commitmentChallenge:)``,
    ///   and ``RecursionError/statementMismatch(proof:reason:)`` for a statement
    ///   that names another key or has a malformed application id.
    public func build(keys: [VerifyingKey], proofs: [Groth16Proof], statements: [OuterStatement],
                      storage: CircuitBuilder.ConstraintStorage = .record,
                      commitmentChallenge: (@Sendable ([Fr]) -> Fr)? = nil) throws(RecursionError) -> CircuitBuilder {
        try batch.validate(keys: keys, proofs: proofs, publicInputs: statements.map(\.publicInputs))
        let hashes = keys.map(Groth16BatchVerifier.keyHash)
        for (i, statement) in statements.enumerated() where statement.keyHash != hashes[batch.keyOfProof[i]] {
            throw .statementMismatch(proof: i, reason: "its key hash is not that of key \(batch.keyOfProof[i])")
        }
        var cs = CircuitBuilder(publicInputCount: Self.publicInputCount, mode: .witness, storage: storage, lookups: batch.lookups)
        cs.commitmentChallenge = commitmentChallenge
        build(&cs, keys: keys, proofs: proofs, statements: statements)
        cs.finalize()
        return cs
    }

    /// The public inputs of the outer proof for these statements (the challenge not included).
    public static func publicInputs(statements: [OuterStatement]) -> [Fr] {
        [OuterStatementTree(statements).publicInput]
    }

    func build(_ cs: inout CircuitBuilder, keys: [VerifyingKey]?, proofs: [Groth16Proof]?, statements: [OuterStatement]?) {
        let root = cs.publicInput("statementRoot", OuterStatementTree(statements!).publicInput)
        let counts = batch.publicInputCounts
        let inputs = batch.keyOfProof.enumerated().map { i, k in
            (0..<counts[k]).map { j in cs.allocate(statements![i].publicInputs[j]) }
        }
        // Nothing vouches for the keys here (the prover picks them): the batch's
        // Miller loop proves their β, γ, δ in G2, as it does every proof's B.
        let emulatedKeys = batch.assertVerifies(&cs, keys: keys, proofs: proofs, inputs: inputs, checkingKeysInG2: true)
        let spread = CircuitBuilder.sha256OnSpreadWords(blocks: sha256BlockCount, lookups: cs.lookups)
        cs.withNamespace("statementTree") { cs in
            let keyBytes = emulatedKeys.enumerated().map { k, key in cs.canonicalBigEndianBits(of: key.hash, "key[\(k)]/hash") }
            let level = batch.keyOfProof.enumerated().map { i, k in
                let inputBytes = inputs[i].enumerated().flatMap { j, x in cs.canonicalBigEndianBits(of: x, "proof[\(i)]/input[\(j)]") }
                let statementHash = cs.sha256(bits: keyBytes[k] + inputBytes, "proof[\(i)]/statementHash", onSpreadWords: spread)
                let applicationId = cs.allocateBytes(statements![i].applicationId, count: OuterStatement.applicationIdLength,
                                                     "proof[\(i)]/applicationId")
                return cs.sha256(bits: CircuitBuilder.constantBits(0x00) + applicationId + statementHash, "proof[\(i)]/leaf",
                                 onSpreadWords: spread)
            }
            cs.assertTreeRoot(over: level, lowBits: root, onSpreadWords: spread)
        }
    }
}

extension CircuitBuilder {
    /// Constrains the SHA-256 tree over `nodes` (each 256 stream-order bits,
    /// already hashed: leaves, or child roots one level up) by the statement
    /// tree's rule (node = SHA-256(0x01 ‖ left ‖ right), an odd node promoted)
    /// to have a root whose low 253 bits, read as an integer, are `root`.
    /// The hashes run on spread words when `onSpreadWords`.
    mutating func assertTreeRoot(over nodes: [[LinearCombination]], lowBits root: LinearCombination, onSpreadWords: Bool) {
        var level = nodes
        var depth = 0
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { i in
                i + 1 < level.count
                    ? sha256(bits: CircuitBuilder.constantBits(0x01) + level[i] + level[i + 1], "node[\(depth)][\(i / 2)]",
                             onSpreadWords: onSpreadWords)
                    : level[i]
            }
            depth += 1
        }
        // Stream bit 255 − i is the integer's bit i.
        let rootBits = level[0]
        assertEqual(CircuitBuilder.recompose((0..<253).map { rootBits[255 - $0] }), root, "root")
    }
}
