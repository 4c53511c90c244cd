import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// A nested outer proof: one commit-and-prove Groth16 proof, under a
/// ``NestedOuterCircuit``'s key, that every child outer proof verified under the
/// child key on its statement root. Children may be outer proofs or nested ones
/// (both take one statement input); the nested root is the SHA-256 tree over the
/// children's roots (``NestedOuterCircuit``).
public struct NestedOuterProof: Sendable, Equatable {
    /// The children, in order: proof and statement root each.
    public let children: [NestedOuterChild]
    /// The proof.
    public let proof: Groth16CommittedProof

    /// A nested proof over `children`.
    public init(children: [NestedOuterChild], proof: Groth16CommittedProof) {
        precondition(!children.isEmpty, "a nested proof covers at least one child")
        self.children = children
        self.proof = proof
    }

    /// The tree over the children's statement roots.
    public var tree: SHA256MerkleTree { SHA256MerkleTree(nodes: children.map(\.root)) }

    /// The nested statement root a settlement contract records.
    public var root: [UInt8] { tree.root }

    /// The proof's public input: the root's low 253 bits.
    public var publicInput: Fr { OuterStatementTree.publicInput(root: root) }

    /// The seed-derived proving key for `circuit` (INSECURE, as ``OuterProof/insecureSetup(circuit:seed:)``).
    public static func insecureSetup(circuit: NestedOuterCircuit, seed: UInt64) throws -> ProvingKey {
        try Groth16.insecureSetup(seed: seed, pedersenBase: .gamma, compactDomain: true) { circuit.shape(storage: $0) }
    }

    /// Proves that every child verifies under `circuit.childKey`.
    ///
    /// - Throws: ``RecursionError/invalidInnerProof(proof:)`` naming the first
    ///   child that does not verify natively on its root; the
    ///   ``NestedOuterCircuit/build(children:storage:commitmentChallenge:)`` errors;
    ///   `Groth16Error` when `key` is not this circuit's.
    ///
    /// - Parameter onPhase: as ``OuterProof/prove(circuit:key:keys:proofs:statements:using:onPhase:)``'s.
    public static func prove<G: RandomNumberGenerator>(circuit: NestedOuterCircuit, key: ProvingKey,
                                                       children: [NestedOuterChild], using rng: inout G,
                                                       onPhase: ((String) -> Void)? = nil) throws -> NestedOuterProof {
        try prove(circuit: circuit, pendingKey: PendingProvingKey(key), children: children, using: &rng, onPhase: onPhase)
    }

    /// ``prove(circuit:key:children:using:onPhase:)`` with a key still being
    /// read, as ``OuterProof/prove(circuit:pendingKey:keys:proofs:statements:using:onPhase:)``.
    ///
    /// - Throws: as ``prove(circuit:key:children:using:onPhase:)``, and whatever
    ///   the key's reading threw.
    public static func prove<G: RandomNumberGenerator>(circuit: NestedOuterCircuit, pendingKey: PendingProvingKey,
                                                       children: [NestedOuterChild], using rng: inout G,
                                                       onPhase: ((String) -> Void)? = nil) throws -> NestedOuterProof {
        try checkChildren(circuit: circuit, children: children)
        let waited = !pendingKey.isResolved
        // Evaluated storage, as in OuterProof.prove.
        var cs = try circuit.build(children: children, storage: .evaluate,
                                   commitmentChallenge: Groth16.commitmentChallenge(pendingKey: pendingKey))
        onPhase?("witness (\(cs.constraintCount) constraints)")
        let key = try pendingKey.wait(reportingTo: waited ? onPhase : nil)
        let proof = try Groth16.proveCommitted(key: key, builder: &cs, using: &rng,
                                               onPhase: onPhase.map { report in { report($0.rawValue) } })
        return NestedOuterProof(children: children, proof: proof)
    }

    /// The native checks ``prove(circuit:key:children:using:)`` makes before
    /// building: the right number of finite children, each verifying under the
    /// child key on its root.
    ///
    /// - Throws: ``RecursionError/invalidInnerProof(proof:)`` naming the first
    ///   child that does not verify, or the ``NestedOuterCircuit/build(children:storage:commitmentChallenge:)``
    ///   shape errors.
    public static func checkChildren(circuit: NestedOuterCircuit, children: [NestedOuterChild]) throws(RecursionError) {
        try circuit.validate(children)
        for (i, child) in children.enumerated() {
            let valid = (try? Groth16.verify(proof: child.proof, publicInputs: [OuterStatementTree.publicInput(root: child.root)],
                                             key: circuit.childKey)) ?? false
            if !valid { throw .invalidInnerProof(proof: i) }
        }
    }

    /// Whether the proof verifies under the nested verifying key on the
    /// children's roots (their proofs are not rechecked: the nested proof is the
    /// evidence that they verified).
    ///
    /// - Throws: `Groth16Error` when the key does not take one public input.
    public func verify(key: CommittedVerifyingKey) throws -> Bool {
        try Groth16.verify(proof: proof, publicInputs: [publicInput], key: key)
    }

    /// The siblings, bottom up and without the promoted levels (as `isSettled`
    /// takes them), of leaf `index` of child `child`, whose own path in its
    /// tree is `childSiblings`.
    public func siblings(child: Int, childSiblings: [[UInt8]]) -> [[UInt8]] {
        childSiblings + tree.proof(forLeaf: child).siblings.compactMap { $0 }
    }
}
