import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import SheafRecursion

/// An outer proof carried inside a bundle (docs/recursion.md, "Recursion, part
/// 2"): the outer verifying key and the proof that every statement of the
/// bundle's own verified, committed to by the SHA-256 statement tree.
public struct BundleOuterProof: Sendable, Hashable {
    /// The outer key: one statement input (the root), Pedersen base γ.
    public let key: CommittedVerifyingKey
    /// The outer proof.
    public let proof: Groth16CommittedProof

    /// A carried outer proof; see ``ProofBundle/carrying(outerProof:key:)`` for the checks.
    public init(key: CommittedVerifyingKey, proof: Groth16CommittedProof) {
        self.key = key
        self.proof = proof
    }
}

extension ProofBundle {
    /// The statements an outer proof of this bundle commits to, in entry order:
    /// keccak256 of the application id, the key's Poseidon hash, the inputs.
    public var outerStatements: [OuterStatement] {
        let hashes = keys.map(Groth16BatchVerifier.keyHash)
        return entries.map { entry in
            OuterStatement(applicationId: Keccak256.hash(Array(entry.applicationID.utf8)), keyHash: hashes[entry.keyIndex],
                           publicInputs: entry.publicInputs)
        }
    }

    /// This bundle carrying `outerProof` under `key`, once the proof verifies on
    /// the bundle's statements. Outer proofs cover a bundle's own plain entries,
    /// so the bundle may have no commit-and-prove entries and no children.
    ///
    /// - Throws: ``AggregationError/invalidOuterProof(_:)`` when the bundle
    ///   cannot carry one, the key is not an outer key, or the proof does not
    ///   verify on the bundle's statements.
    public func carrying(outerProof proof: Groth16CommittedProof, key: CommittedVerifyingKey) throws(AggregationError) -> ProofBundle {
        guard committedEntries.isEmpty, children.isEmpty else {
            throw .invalidOuterProof("outer proofs cover bundles of plain Groth16 entries without children")
        }
        try Self.checkOuterKey(key)
        let valid: Bool
        do { valid = try OuterProof(statements: outerStatements, proof: proof).verify(key: key) } catch {
            throw .groth16(error as? Groth16Error ?? .wrongPublicInputCount(expected: 1, got: key.publicInputCount))
        }
        guard valid else { throw .invalidOuterProof("the outer proof does not verify on this bundle's statements") }
        return ProofBundle(keys: keys, entries: entries, aggregates: aggregates, srsHash: srsHash, committedKeys: committedKeys,
                           committedEntries: committedEntries, children: children, outerProof: BundleOuterProof(key: key, proof: proof))
    }

    /// This bundle padded to `slots` entries for a fixed-size outer circuit
    /// (``OuterCircuit/fixedSize(slots:publicInputs:)``): its last entry is
    /// repeated, proof and statement, until there are `slots`. The repeats are
    /// ordinary entries: the manifest and the statement tree list them, the
    /// bundle verifies them like the rest, and each proves again a statement
    /// the bundle already holds.
    ///
    /// - Throws: ``AggregationError/cannotPadForOuter(_:)`` when the bundle has
    ///   commit-and-prove entries, children or an outer proof, more entries than
    ///   `slots`, keys with different input counts, or a last entry whose proof
    ///   is inside a SnarkPack aggregate.
    public func paddedForOuter(slots: Int) throws(AggregationError) -> ProofBundle {
        guard committedEntries.isEmpty, children.isEmpty else {
            throw .cannotPadForOuter("outer proofs cover bundles of plain Groth16 entries without children")
        }
        guard outerProof == nil else { throw .cannotPadForOuter("the bundle already carries an outer proof") }
        guard let last = entries.last else { throw .cannotPadForOuter("the bundle has no entries") }
        guard entries.count <= slots else {
            throw .cannotPadForOuter("\(entries.count) proofs do not fit \(slots) slots")
        }
        let counts = Set(keys.map(\.publicInputCount))
        guard counts.count == 1 else {
            throw .cannotPadForOuter("a fixed size takes keys of one input count; these take \(counts.sorted().map(String.init).joined(separator: ", "))")
        }
        guard last.proof != nil else {
            throw .cannotPadForOuter("\(last.applicationID)'s proof is inside a SnarkPack aggregate")
        }
        return ProofBundle(keys: keys, entries: entries + Array(repeating: last, count: slots - entries.count),
                           aggregates: aggregates, srsHash: srsHash, children: [])
    }

    /// This bundle without its outer proof.
    public var withoutOuterProof: ProofBundle {
        ProofBundle(keys: keys, entries: entries, aggregates: aggregates, srsHash: srsHash, committedKeys: committedKeys,
                    committedEntries: committedEntries, children: children)
    }

    /// Whether the carried outer proof verifies on the bundle's statements
    /// (nil when it carries none). ``verify(srs:)`` checks it too, merged with
    /// everything else; this tells an invalid outer proof apart.
    public func verifyOuterProof() -> Bool? {
        guard let outerProof else { return nil }
        return (try? OuterProof(statements: outerStatements, proof: outerProof.proof).verify(key: outerProof.key)) ?? false
    }

    /// An outer key: one statement input and Pedersen base γ.
    static func checkOuterKey(_ key: CommittedVerifyingKey) throws(AggregationError) {
        guard key.publicInputCount == OuterCircuit.publicInputCount else {
            throw .invalidOuterProof("the outer key takes \(key.publicInputCount) statement inputs, an outer key 1 (the statement root)")
        }
        guard key.g == key.base.gamma else { throw .invalidOuterProof("the outer key's Pedersen base is not γ") }
    }
}
