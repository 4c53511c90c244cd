import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// One statement of a bundle's manifest: who proved what under which circuit.
public struct BundleStatement: Hashable, Sendable {
    /// The application that submitted the proof.
    public var applicationID: String
    /// Keccak-256 of the verifying key's canonical encoding.
    public var keyHash: [UInt8]
    /// The proof's public inputs.
    public var publicInputs: [Fr]

    /// The bytes hashed into the manifest Merkle tree.
    public var leafBytes: [UInt8] {
        let id = Array(applicationID.utf8)
        return [UInt8(id.count)] + id + keyHash + publicInputs.flatMap(\.bigEndianBytes)
    }
}

/// A proof inside a bundle, with the index of its verifying key.
public struct BundleEntry: Hashable, Sendable {
    public var applicationID: String
    public var keyIndex: Int
    public var publicInputs: [Fr]
    public var proof: Groth16Proof
}

/// Evidence that an application's statement is in a bundle: the statement, its
/// position in the manifest and the Merkle path to ``Bundle/manifestRoot``.
public struct InclusionProof: Sendable, Hashable {
    public let statement: BundleStatement
    public let merklePath: MerkleInclusionProof

    /// Whether the statement hashes up to `manifestRoot`.
    public func verifies(manifestRoot: [UInt8]) -> Bool {
        merklePath.verifies(data: statement.leafBytes, root: manifestRoot)
    }
}

/// Many proofs from many applications and circuits, verified together; it may
/// contain child bundles (shards sealed elsewhere).
public struct Bundle: Sendable, Hashable {
    /// The distinct verifying keys of this bundle's own entries.
    public let keys: [VerifyingKey]
    /// This bundle's own proofs.
    public let entries: [BundleEntry]
    /// Child bundles, verified as part of this one.
    public let children: [Bundle]

    /// Creates a bundle from parts that have been validated by ``Aggregator`` or
    /// the decoder.
    init(keys: [VerifyingKey], entries: [BundleEntry], children: [Bundle]) {
        self.keys = keys; self.entries = entries; self.children = children
    }

    /// Every statement in the tree: this bundle's entries, then each child's
    /// manifest in order.
    public var manifest: [BundleStatement] {
        let hashes = keys.map(\.hash)
        var statements = entries.map {
            BundleStatement(applicationID: $0.applicationID, keyHash: hashes[$0.keyIndex], publicInputs: $0.publicInputs)
        }
        for child in children { statements += child.manifest }
        return statements
    }

    /// The number of proofs in the whole tree.
    public var proofCount: Int { entries.count + children.reduce(0) { $0 + $1.proofCount } }

    /// The depth of nesting (1 for a bundle without children).
    public var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }

    /// The Keccak Merkle root over the manifest.
    public var manifestRoot: [UInt8] { KeccakMerkleTree(leaves: manifest.map(\.leafBytes)).root }

    /// Inclusion proofs for every statement of `applicationID`.
    public func inclusionProofs(forApplication applicationID: String) -> [InclusionProof] {
        let statements = manifest
        let tree = KeccakMerkleTree(leaves: statements.map(\.leafBytes))
        return statements.indices.filter { statements[$0].applicationID == applicationID }.map {
            InclusionProof(statement: statements[$0], merklePath: tree.proof(forLeaf: $0))
        }
    }

    /// Whether every proof in the bundle and its children is valid.
    ///
    /// All pairing equations are merged with weights drawn from a Keccak
    /// transcript over the bundle's encoding into one multi-Miller loop and one
    /// final exponentiation: for each verifying key with proofs i,
    /// ∏ e(ρᵢAᵢ, Bᵢ) · e(−(Σρᵢ)α, β) · e(−Σρᵢ·Σᵢ, γ) · e(−ΣρᵢCᵢ, δ) = 1,
    /// where Σᵢ is the public-input commitment. A bundle with an invalid proof
    /// passes with probability at most about 2⁻¹²⁸. Returns false when the
    /// equation fails; ``invalidProofs()`` then says which.
    public func verify() -> Bool {
        Pairing.pairingCheck(pairingEquation())
    }

    /// The Miller-loop pairs whose product is 1 exactly when the bundle verifies.
    public func pairingEquation() -> [(G1Affine, G2Prepared)] {
        var transcript = Transcript(domain: "sheaf.bundle.verify")
        transcript.append("bundle", bytes: BundleCodec.encode(self))
        var groups: [[UInt8]: KeyGroup] = [:]
        var order: [[UInt8]] = []
        collect(into: &groups, order: &order, transcript: &transcript)
        var pairs: [(G1Affine, G2Prepared)] = []
        for hash in order { pairs += groups[hash]!.pairs() }
        return pairs
    }

    /// Adds this bundle's proofs (then its children's) to per-key groups.
    func collect(into groups: inout [[UInt8]: KeyGroup], order: inout [[UInt8]], transcript: inout Transcript) {
        let hashes = keys.map(\.hash)
        for entry in entries {
            let hash = hashes[entry.keyIndex]
            if groups[hash] == nil {
                groups[hash] = KeyGroup(key: keys[entry.keyIndex])
                order.append(hash)
            }
            // 128-bit weights: enough for a 2⁻¹²⁸ soundness error, and half the
            // cost of full-width scalars in the ρᵢ·Aᵢ multiplications.
            let challenge = transcript.challengeScalar("weight").canonicalLimbs
            let weight = Fr(canonicalLimbs: (challenge.0, challenge.1, 0, 0))
            groups[hash]!.add(entry, weight: weight)
        }
        for child in children { child.collect(into: &groups, order: &order, transcript: &transcript) }
    }

    /// The indices (into ``manifest``) of the invalid proofs, found by bisection.
    public func invalidProofs() throws -> [Int] {
        let flat = flattenedEntries()
        let prepared = Dictionary(flat.map { ($0.1.hash, $0.1) }, uniquingKeysWith: { a, _ in a })
            .mapValues { PreparedVerifyingKey($0) }
        let batch = flat.map { BatchEntry(proof: $0.0.proof, publicInputs: $0.0.publicInputs, key: prepared[$0.1.hash]!) }
        do { return try Groth16.invalidProofIndices(in: batch) } catch { throw AggregationError.groth16(error) }
    }

    /// Every entry of the tree in manifest order, with its key.
    func flattenedEntries() -> [(BundleEntry, VerifyingKey)] {
        entries.map { ($0, keys[$0.keyIndex]) } + children.flatMap { $0.flattenedEntries() }
    }
}

/// The accumulated equation of all proofs under one verifying key.
struct KeyGroup {
    let key: VerifyingKey
    var weightedA: [(G1Affine, G2Affine)] = []
    var weightSum = Fr.zero
    var inputWeights: [Fr]
    var weightedC = G1Jacobian.infinity

    init(key: VerifyingKey) {
        self.key = key
        inputWeights = [Fr](repeating: .zero, count: key.ic.count)
    }

    mutating func add(_ entry: BundleEntry, weight: Fr) {
        weightedA.append(((G1Jacobian(entry.proof.a) * weight).affine, entry.proof.b))
        weightSum += weight
        inputWeights[0] += weight
        for (i, x) in entry.publicInputs.enumerated() { inputWeights[i + 1] += weight * x }
        weightedC += G1Jacobian(entry.proof.c) * weight
    }

    func pairs() -> [(G1Affine, G2Prepared)] {
        let sigma = MultiScalarMultiplication.compute(points: key.ic, scalars: inputWeights)
        var pairs = weightedA.map { ($0.0, G2Prepared($0.1)) }
        pairs.append(((-(G1Jacobian(key.alpha) * weightSum)).affine, G2Prepared(key.beta)))
        pairs.append(((-sigma).affine, G2Prepared(key.gamma)))
        pairs.append(((-weightedC).affine, G2Prepared(key.delta)))
        return pairs
    }
}
