import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// An outer proof: one commit-and-prove Groth16 proof, under an
/// ``OuterCircuit``'s key, that every statement of an ``OuterStatementTree``
/// verified under its key. A settlement contract checks it once
/// (`Contracts/SheafOuterSettlement.vy.template`) and records the tree's root;
/// each application then opens its own leaf.
public struct OuterProof: Sendable, Equatable {
    /// The statements, in proof order.
    public let statements: [OuterStatement]
    /// The proof.
    public let proof: Groth16CommittedProof

    /// An outer proof of `statements`.
    public init(statements: [OuterStatement], proof: Groth16CommittedProof) {
        precondition(!statements.isEmpty, "an outer proof covers at least one statement")
        self.statements = statements
        self.proof = proof
    }

    /// The statement tree.
    public var tree: OuterStatementTree { OuterStatementTree(statements) }

    /// The seed-derived proving key for `circuit` (INSECURE: whoever knows the
    /// seed can prove anything; a deployment needs a ceremony). The Pedersen
    /// base is γ, so the settlement contract checks five pairs, not six. The
    /// domain is compact: 3·2ᵏ points where that is smaller than the next power
    /// of two (``EvaluationDomain/init(atLeast:compact:)``).
    public static func insecureSetup(circuit: OuterCircuit, seed: UInt64) throws -> ProvingKey {
        // Streamed: the constraint system (most of a recorded setup's memory) is
        // never held, each constraint going into the QAP at τ as it is built.
        try Groth16.insecureSetup(seed: seed, pedersenBase: .gamma, compactDomain: true) { circuit.shape(storage: $0) }
    }

    /// Proves that every `proofs[i]` verifies under `keys[circuit.batch.keyOfProof[i]]`
    /// on `statements[i]`'s inputs.
    ///
    /// - Throws: ``RecursionError/invalidInnerProof(proof:)`` for the first inner
    ///   proof that does not verify (checked natively first, so the refusal
    ///   names it); the ``OuterCircuit/build(keys:proofs:statements:storage:commitmentChallenge:)``
    ///   errors; `Groth16Error` when `key` is not this circuit's.
    /// - Parameter onPhase: told as each step ends (the witness, then the
    ///   prover's ``Groth16ProverPhase``s), for callers that time them.
    public static func prove<G: RandomNumberGenerator>(
        circuit: OuterCircuit, key: ProvingKey, keys: [VerifyingKey], proofs: [Groth16Proof],
        statements: [OuterStatement], using rng: inout G, onPhase: ((String) -> Void)? = nil
    ) throws -> OuterProof {
        try prove(circuit: circuit, pendingKey: PendingProvingKey(key), keys: keys, proofs: proofs,
                  statements: statements, using: &rng, onPhase: onPhase)
    }

    /// ``prove(circuit:key:keys:proofs:statements:using:onPhase:)`` with a key
    /// still being read: the witness is built meanwhile, and waits for the key
    /// only for its lookup challenge (``PendingProvingKey``).
    ///
    /// - Throws: as ``prove(circuit:key:keys:proofs:statements:using:onPhase:)``,
    ///   and whatever the key's reading threw.
    /// - Parameter onPhase: as there, plus a "proving key" step once the key is
    ///   there, when it was still being read as the witness began (the
    ///   witness step includes any wait for the key at the lookup challenge).
    public static func prove<G: RandomNumberGenerator>(
        circuit: OuterCircuit, pendingKey: PendingProvingKey, keys: [VerifyingKey], proofs: [Groth16Proof],
        statements: [OuterStatement], using rng: inout G, onPhase: ((String) -> Void)? = nil
    ) throws -> OuterProof {
        try circuit.batch.validate(keys: keys, proofs: proofs, publicInputs: statements.map(\.publicInputs))
        for (i, proof) in proofs.enumerated() {
            let valid = (try? Groth16.verify(proof: proof, publicInputs: statements[i].publicInputs,
                                             key: keys[circuit.batch.keyOfProof[i]])) ?? false
            if !valid { throw RecursionError.invalidInnerProof(proof: i) }
        }
        // Evaluated storage: the builder keeps each constraint's three values,
        // not its linear combinations, which is most of a prover's memory.
        let waited = !pendingKey.isResolved
        var cs = try circuit.build(keys: keys, proofs: proofs, statements: statements, storage: .evaluate,
                                   commitmentChallenge: Groth16.commitmentChallenge(pendingKey: pendingKey))
        onPhase?("witness (\(cs.constraintCount) constraints)")
        let key = try pendingKey.wait(reportingTo: waited ? onPhase : nil)
        let proof = try Groth16.proveCommitted(key: key, builder: &cs, using: &rng,
                                               onPhase: onPhase.map { report in { report($0.rawValue) } })
        return OuterProof(statements: statements, proof: proof)
    }

    /// Whether the proof verifies under the outer verifying key: one public
    /// input, the statement root's low 253 bits (the challenge recomputed).
    ///
    /// - Throws: `Groth16Error` when the key does not take one public input.
    public func verify(key: CommittedVerifyingKey) throws -> Bool {
        try Groth16.verify(proof: proof, publicInputs: [tree.publicInput], key: key)
    }
}

extension PendingProvingKey {
    /// ``wait()``, then, for a key that was still being read when the witness
    /// began, the step "proving key, read beside the witness in t s" (what is
    /// left of the read after the witness is what that step times).
    func wait(reportingTo onPhase: ((String) -> Void)?) throws -> ProvingKey {
        let key = try wait()
        if let onPhase, let read = readDuration {
            let seconds = Double(read.components.seconds) + Double(read.components.attoseconds) * 1e-18
            onPhase("proving key, read beside the witness in \((seconds * 10).rounded() / 10) s: the rest of its read")
        }
        return key
    }
}
