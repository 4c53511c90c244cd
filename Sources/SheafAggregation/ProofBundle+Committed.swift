import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

// Commit-and-prove (BSB22) statements in bundles.
//
// A circuit with lookup range checks is proved with Groth16's commit-and-prove
// extension (`Groth16+Commitment.swift`): its proof carries a commitment D and a
// knowledge proof π, and its key two more G2 points and one more IC point (the
// lookup challenge X = keccak(D) mod r, which the verifier computes). Such
// proofs are carried individually (SnarkPack packs plain Groth16 only), sit in
// the manifest after the bundle's plain entries and before its children, and
// their statements name the commit-and-prove key's hash, so the same leaf
// format and inclusion proofs serve both kinds.

/// A commit-and-prove statement inside a bundle, with its proof.
public struct CommittedBundleEntry: Hashable, Sendable {
    /// The application that submitted the proof (1–128 printable ASCII bytes).
    public var applicationID: String
    /// The index of the entry's key in ``ProofBundle/committedKeys``.
    public var keyIndex: Int
    /// The statement's public inputs (the lookup challenge not among them).
    public var publicInputs: [Fr]
    /// The proof: A, B, C, the commitment D and its knowledge proof π.
    public var proof: Groth16CommittedProof
}

extension ProofBundle {
    /// The manifest statements of this bundle's commit-and-prove entries.
    var committedStatements: [BundleStatement] {
        let hashes = committedKeys.map(\.hash)
        return committedEntries.map {
            BundleStatement(applicationID: $0.applicationID, keyHash: hashes[$0.keyIndex], publicInputs: $0.publicInputs)
        }
    }

    /// The manifest indices of the commit-and-prove proofs in this tree that do
    /// not verify; `offset` is this bundle's first manifest index.
    func invalidCommittedProofs(offset: Int) throws(AggregationError) -> [Int] {
        var out = [Int]()
        for (i, entry) in committedEntries.enumerated() {
            let valid: Bool
            do { valid = try Groth16.verify(proof: entry.proof, publicInputs: entry.publicInputs, key: committedKeys[entry.keyIndex]) } catch {
                throw AggregationError.groth16(error)
            }
            if !valid { out.append(offset + entries.count + i) }
        }
        var next = offset + ownCount
        for child in children {
            out += try child.invalidCommittedProofs(offset: next)
            next += child.proofCount
        }
        return out
    }
}

/// The accumulated equations of the commit-and-prove proofs under one key: the
/// Groth16 part as in ``KeyGroup`` with each proof's challenge appended to its
/// inputs and its D added to the input point, and the knowledge checks
/// ∏ [e(Dᵢ, −σg)·e(πᵢ, g)]^ρ'ᵢ = e(Σρ'ᵢDᵢ, −σg)·e(Σρ'ᵢπᵢ, g) with weights
/// independent of the Groth16 ones.
struct CommittedKeyGroup {
    let key: CommittedVerifyingKey
    var groth16: KeyGroup
    var weightedD = G1Jacobian.infinity
    var knowledgeD = G1Jacobian.infinity
    var knowledgePi = G1Jacobian.infinity

    init(key: CommittedVerifyingKey) {
        self.key = key
        groth16 = KeyGroup(key: key.base)
    }

    mutating func add(proof: Groth16CommittedProof, publicInputs: [Fr], weight: Fr, knowledgeWeight: Fr) {
        let challenge = Groth16.commitmentChallenge(proof.commitment)
        groth16.add(proof: proof.proof, publicInputs: publicInputs + [challenge], weight: weight)
        let d = G1Jacobian(proof.commitment)
        weightedD += d * weight
        knowledgeD += d * knowledgeWeight
        knowledgePi += G1Jacobian(proof.knowledgeProof) * knowledgeWeight
    }

    func pairs() -> [(G1Affine, G2Prepared)] {
        groth16.pairs(extraInputPoint: weightedD) + [
            (knowledgeD.affine, G2Prepared(key.gSigmaNeg)),
            (knowledgePi.affine, G2Prepared(key.g)),
        ]
    }
}
