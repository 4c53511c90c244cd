import Foundation
import SheafField
import SheafHash

/// The three application circuits at their default parameters, with example
/// statements: what the demo, `sheaf fixtures` and `sheaf prove` run.
///
/// Statements are generated from a random source, so a seeded generator gives
/// reproducible fixtures and the system generator gives fresh statements.
public enum ExampleApplication: String, CaseIterable, Sendable {
    /// The rollup state-transition circuit (`rollup`).
    case rollup = "rollup"
    /// The private note-spend circuit (`note-spend`).
    case noteSpend = "note-spend"
    /// The k-of-n guardian wallet-recovery circuit (`wallet-recovery`).
    case walletRecovery = "wallet-recovery"

    /// The circuit at default parameters.
    public func circuit() throws -> any CircuitDefinition {
        switch self {
        case .rollup: return RollupCircuit(parameters: try RollupParameters())
        case .noteSpend: return NoteSpendCircuit(parameters: try NoteSpendParameters())
        case .walletRecovery: return WalletRecoveryCircuit(parameters: try WalletRecoveryParameters())
        }
    }

    /// An INSECURE seeded proving key for the circuit (tests, fixtures, demos).
    public func insecureProvingKey(seed: UInt64) throws -> ProvingKey {
        try Groth16.insecureSetup(constraintSystem: try circuit().constraintSystem(), seed: seed)
    }

    /// A true example statement, proved: (proof, public inputs).
    ///
    /// The statement is ``exampleAssignment(using:)``'s; the blinding comes from
    /// `rng` after it.
    public func proveExample<G: RandomNumberGenerator>(key: ProvingKey, using rng: inout G) throws -> (proof: Groth16Proof, publicInputs: [Fr]) {
        let (system, witness) = try exampleAssignment(using: &rng)
        let proof = try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng)
        return (proof, try system.publicInputs(from: witness))
    }

    /// A true example statement as a constraint system and its satisfying witness:
    ///
    /// - rollup: two transfers over four fresh accounts (old root, new root, batch commitment);
    /// - note spend: the second of four deposited notes, to a random recipient (root, nullifier, recipient);
    /// - wallet recovery: guardians 0, 2 and 4 of five approve a random new owner (set commitment, new owner, nonce).
    public func exampleAssignment<G: RandomNumberGenerator>(using rng: inout G) throws -> (system: ConstraintSystem, witness: [Fr]) {
        switch self {
        case .rollup:
            let circuit = RollupCircuit(parameters: try RollupParameters())
            let accounts = [1_000, 500, 0, 70].map { RollupAccount(publicKey: .random(using: &rng), balance: UInt64($0)) }
            var state = try RollupState(parameters: circuit.parameters, accounts: accounts)
            let transition = try state.apply([RollupTransfer(from: 0, to: 2, amount: 300, nonce: 0),
                                              RollupTransfer(from: 2, to: 0, amount: 100, nonce: 0)])
            return try circuit.assign(transition)
        case .noteSpend:
            let parameters = try NoteSpendParameters()
            let circuit = NoteSpendCircuit(parameters: parameters)
            let notes = (0..<4).map { _ in Note.random(value: parameters.denomination, using: &rng) }
            var tree = try PoseidonMerkleTree(depth: parameters.treeDepth)
            for (i, note) in notes.enumerated() { try tree.update(index: i, leaf: note.commitment) }
            let witness = try NoteSpendWitness(note: notes[1], leafIndex: 1, tree: tree,
                                               recipient: Fr.random(using: &rng), parameters: parameters)
            return try circuit.assign(witness)
        case .walletRecovery:
            let parameters = try WalletRecoveryParameters()
            let circuit = WalletRecoveryCircuit(parameters: parameters)
            let guardians = (0..<parameters.guardianCount).map { _ in Guardian(secret: .random(using: &rng)) }
            let set = try GuardianSet(commitments: guardians.map(\.commitment), parameters: parameters)
            let newOwner = Fr.random(using: &rng), nonce = Fr.random(using: &rng)
            let approvals = Dictionary(uniqueKeysWithValues: [0, 2, 4].map { ($0, guardians[$0].approve(newOwner: newOwner, nonce: nonce)) })
            let witness = try WalletRecoveryWitness(guardians: set, approvals: approvals, newOwner: newOwner, nonce: nonce,
                                                    parameters: parameters)
            return try circuit.assign(witness)
        }
    }

    /// The fixed setup seed of the fixtures in `Fixtures/`.
    public var fixtureSeed: UInt64 {
        switch self { case .rollup: return 101; case .noteSpend: return 102; case .walletRecovery: return 103 }
    }
}

/// The snarkjs files of one proved example.
public struct FixtureFiles: Sendable, Equatable {
    /// The snarkjs `verification_key.json` bytes.
    public var verificationKey: [UInt8]
    /// The snarkjs `proof.json` bytes.
    public var proof: [UInt8]
    /// The snarkjs `public.json` bytes.
    public var publicInputs: [UInt8]

    /// The fixture of `application`: seeded key, seeded statement and proof
    /// (deterministic: the same bytes on every run and machine).
    public static func make(_ application: ExampleApplication) throws -> FixtureFiles {
        let key = try application.insecureProvingKey(seed: application.fixtureSeed)
        var rng = SeededGenerator(seed: application.fixtureSeed &* 7919)
        let (proof, inputs) = try application.proveExample(key: key, using: &rng)
        return FixtureFiles(verificationKey: [UInt8](SnarkJS.encodeVerifyingKey(key.verifyingKey)),
                            proof: [UInt8](SnarkJS.encodeProof(proof)),
                            publicInputs: [UInt8](SnarkJS.encodePublicInputs(inputs)))
    }
}

extension FixtureFiles {
    /// Where the commit-and-prove fixture lives under `Fixtures/`. It is one
    /// level deeper than the snarkjs fixtures so that tools scanning
    /// `Fixtures/*/` for snarkjs triples never pick up a file snarkjs cannot read.
    public static let committedExamplePath = "commit-and-prove/threshold"

    /// The commit-and-prove fixture: a ``ThresholdCircuit`` proof (value 1,000,000
    /// against threshold 250,000) under a seeded, INSECURE key, in Sheaf's
    /// commit-and-prove JSON (docs/formats.md). Deterministic, like ``make(_:)``.
    public static func makeCommittedExample() throws -> FixtureFiles {
        let circuit = ThresholdCircuit()
        let key = try Groth16.insecureSetup(circuit: circuit, seed: 104)
        guard let verifyingKey = key.committedVerifyingKey else {
            preconditionFailure("a circuit with lookups has a commit-and-prove key")
        }
        var rng = SeededGenerator(seed: 104 &* 7919)
        let witness = ThresholdCircuit.Witness(value: 1_000_000, salt: Fr.random(using: &rng), threshold: 250_000)
        let (system, values) = try circuit.assign(witness, commitmentChallenge: Groth16.commitmentChallenge(key: key))
        let proof = try Groth16.proveCommitted(key: key, constraintSystem: system, witness: values, using: &rng)
        let inputs = [witness.commitment, Fr(witness.threshold)]
        return FixtureFiles(verificationKey: [UInt8](SnarkJS.encodeCommittedVerifyingKey(verifyingKey)),
                            proof: [UInt8](SnarkJS.encodeCommittedProof(proof)),
                            publicInputs: [UInt8](SnarkJS.encodePublicInputs(inputs)))
    }
}
