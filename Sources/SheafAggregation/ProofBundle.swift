import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import SheafRecursion

/// One statement of a bundle's manifest: who proved what under which circuit.
public struct BundleStatement: Hashable, Sendable {
    /// The application that submitted the proof.
    public var applicationID: String
    /// Keccak-256 of the verifying key's canonical encoding.
    public var keyHash: [UInt8]
    /// The proof's public inputs.
    public var publicInputs: [Fr]

    /// The application's on-chain identity: keccak256 of its id's UTF-8 bytes, so
    /// that a contract handles every application as one 32-byte word.
    public var applicationIDHash: [UInt8] { Keccak256.hash(Array(applicationID.utf8)) }

    /// What was proven, as one word: keccak256(key hash ‖ x₁ ‖ … ‖ x_ℓ), inputs as
    /// 32-byte big-endian words. It binds the verifying key and the public inputs,
    /// so an application can ask a settlement contract about its statement with
    /// two words instead of its whole input list.
    public var statementHash: [UInt8] { Keccak256.hash(keyHash + publicInputs.flatMap(\.bigEndianBytes)) }

    /// The bytes hashed into the manifest Merkle tree:
    /// ``applicationIDHash`` ‖ ``statementHash`` (64 bytes). Both halves are
    /// fixed-width words, so the leaf is the same on chain (`SheafSettlement`
    /// rebuilds it from calldata) and off chain.
    public var leafBytes: [UInt8] { applicationIDHash + statementHash }
}

/// A statement inside a bundle, with the index of its verifying key and, unless a
/// SnarkPack aggregate covers it, its proof.
public struct BundleEntry: Hashable, Sendable {
    /// The application that submitted the proof (1–128 printable ASCII bytes).
    public var applicationID: String
    /// The index of the entry's verifying key in ``ProofBundle/keys``.
    public var keyIndex: Int
    /// The proof's public inputs, as many as the key declares.
    public var publicInputs: [Fr]
    /// The Groth16 proof, or `nil` when the key's ``BundleAggregate`` proves it.
    public var proof: Groth16Proof?
}

/// A SnarkPack aggregate covering every proof-less entry under one key, in order.
public struct BundleAggregate: Hashable, Sendable {
    /// The index in ``ProofBundle/keys`` of the verifying key all the aggregated proofs share.
    public var keyIndex: Int
    /// The aggregate of the key's proof-less entries, in entry order.
    public var proof: SnarkPackProof
}

/// Evidence that an application's statement is in a bundle: the statement, its
/// position in the manifest and the Merkle path to ``ProofBundle/manifestRoot``.
public struct InclusionProof: Sendable, Hashable {
    /// The statement being proven included.
    public let statement: BundleStatement
    /// The statement's leaf position and sibling path in the manifest tree.
    public let merklePath: MerkleInclusionProof

    /// Whether the statement hashes up to `manifestRoot`.
    public func verifies(manifestRoot: [UInt8]) -> Bool {
        merklePath.verifies(data: statement.leafBytes, root: manifestRoot)
    }
}

/// Many proofs from many applications and circuits, verified together; it may
/// contain child bundles (shards sealed elsewhere).
public struct ProofBundle: Sendable, Hashable {
    /// The distinct verifying keys of this bundle's own entries.
    public let keys: [VerifyingKey]
    /// This bundle's own statements (with their proofs unless aggregated).
    public let entries: [BundleEntry]
    /// SnarkPack aggregates, at most one per key.
    public let aggregates: [BundleAggregate]
    /// Keccak of the SnarkPack verifier key the aggregates were made with.
    public let srsHash: [UInt8]?
    /// The distinct commit-and-prove (BSB22) keys of this bundle's ``committedEntries``.
    public let committedKeys: [CommittedVerifyingKey]
    /// This bundle's commit-and-prove statements, each with its proof (no
    /// SnarkPack aggregate covers them).
    public let committedEntries: [CommittedBundleEntry]
    /// Child bundles, verified as part of this one.
    public let children: [ProofBundle]
    /// The outer proof the bundle carries, if any: one proof that every statement
    /// of its own verified (``carrying(outerProof:key:)``), checked with the rest.
    public let outerProof: BundleOuterProof?

    /// Creates a bundle from parts that have been validated by ``Aggregator`` or
    /// the decoder.
    init(keys: [VerifyingKey], entries: [BundleEntry], aggregates: [BundleAggregate] = [],
         srsHash: [UInt8]? = nil, committedKeys: [CommittedVerifyingKey] = [],
         committedEntries: [CommittedBundleEntry] = [], children: [ProofBundle], outerProof: BundleOuterProof? = nil) {
        self.keys = keys; self.entries = entries; self.aggregates = aggregates
        self.srsHash = srsHash; self.committedKeys = committedKeys; self.committedEntries = committedEntries
        self.children = children; self.outerProof = outerProof
    }

    /// Every statement in the tree: this bundle's entries, its commit-and-prove
    /// entries, then each child's manifest in order.
    public var manifest: [BundleStatement] {
        let hashes = keys.map(\.hash)
        var statements = entries.map {
            BundleStatement(applicationID: $0.applicationID, keyHash: hashes[$0.keyIndex], publicInputs: $0.publicInputs)
        }
        statements += committedStatements
        for child in children { statements += child.manifest }
        return statements
    }

    /// The number of statements in the whole tree.
    public var proofCount: Int {
        entries.count + committedEntries.count + children.reduce(0) { $0 + $1.proofCount }
    }

    /// The number of statements this bundle holds itself (its children not counted).
    var ownCount: Int { entries.count + committedEntries.count }

    /// The depth of nesting (1 for a bundle without children).
    public var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }

    /// Whether any bundle in the tree carries a SnarkPack aggregate.
    public var usesSnarkPack: Bool { !aggregates.isEmpty || children.contains { $0.usesSnarkPack } }

    /// The Keccak Merkle root over the manifest.
    public var manifestRoot: [UInt8] { KeccakMerkleTree(leaves: manifest.map(\.leafBytes)).root }

    /// Inclusion proofs for every statement of `applicationID`, in manifest order;
    /// never empty.
    ///
    /// - Throws: ``AggregationError/unknownApplication(_:)`` when no statement in
    ///   the bundle or its children belongs to `applicationID`, so that taking the
    ///   first proof cannot trap.
    public func inclusionProofs(forApplication applicationID: String) throws(AggregationError) -> [InclusionProof] {
        let statements = manifest
        let indices = statements.indices.filter { statements[$0].applicationID == applicationID }
        guard !indices.isEmpty else { throw .unknownApplication(applicationID) }
        let tree = KeccakMerkleTree(leaves: statements.map(\.leafBytes))
        return indices.map { InclusionProof(statement: statements[$0], merklePath: tree.proof(forLeaf: $0)) }
    }

    /// Whether every proof in the bundle and its children is valid.
    ///
    /// All checks are merged, with weights drawn from a Keccak transcript over the
    /// bundle's encoding, into one multi-Miller loop and one final
    /// exponentiation: for the proofs carried individually, per verifying key,
    /// ∏ e(ρᵢAᵢ, Bᵢ) · e(−(Σρᵢ)α, β) · e(−Σρᵢ·Σᵢ, γ) · e(−ΣρᵢCᵢ, δ) = 1 (Σᵢ the
    /// public-input commitment); each SnarkPack aggregate contributes its 20-pair
    /// claim raised to its own weight. An invalid bundle passes with probability
    /// about 2⁻¹²⁸.
    ///
    /// - Parameter srs: the trusted SnarkPack verifier key; required when the tree
    ///   holds aggregates, and it must be the one they were made with.
    /// - Returns: false when the pairing check fails; ``invalidProofs()`` then says
    ///   which carried proofs are bad.
    /// - Throws: ``AggregationError`` when the bundle needs an SRS it was not
    ///   given, names a different one, or an aggregate is malformed.
    public func verify(srs: SnarkPackVerifierKey? = nil) throws(AggregationError) -> Bool {
        try claim(srs: srs).holds()
    }

    /// The single pairing claim that holds exactly when the bundle verifies.
    public func claim(srs: SnarkPackVerifierKey? = nil) throws(AggregationError) -> PairingClaim {
        var transcript = Transcript(domain: "sheaf.bundle.verify")
        transcript.append("bundle", bytes: BundleCodec.encode(self))
        var groups: [[UInt8]: KeyGroup] = [:]
        var order: [[UInt8]] = []
        var pairs: [(G1Affine, G2Prepared)] = []
        var target = Fp12.one
        var committedGroups: [[UInt8]: CommittedKeyGroup] = [:]
        var committedOrder: [[UInt8]] = []
        try collect(into: &groups, order: &order, committed: &committedGroups, committedOrder: &committedOrder,
                    pairs: &pairs, target: &target, srs: srs, transcript: &transcript)
        for hash in order { pairs += groups[hash]!.pairs() }
        for hash in committedOrder { pairs += committedGroups[hash]!.pairs() }
        return PairingClaim(pairs: pairs, target: target)
    }

    /// Adds this bundle's checks (then its children's).
    func collect(into groups: inout [[UInt8]: KeyGroup], order: inout [[UInt8]],
                 committed committedGroups: inout [[UInt8]: CommittedKeyGroup], committedOrder: inout [[UInt8]],
                 pairs: inout [(G1Affine, G2Prepared)], target: inout Fp12,
                 srs: SnarkPackVerifierKey?, transcript: inout Transcript) throws(AggregationError) {
        let hashes = keys.map(\.hash)
        for entry in entries {
            guard let proof = entry.proof else { continue }
            let hash = hashes[entry.keyIndex]
            if groups[hash] == nil {
                groups[hash] = KeyGroup(key: keys[entry.keyIndex])
                order.append(hash)
            }
            groups[hash]!.add(proof: proof, publicInputs: entry.publicInputs, weight: ProofBundle.weight(&transcript))
        }
        if !aggregates.isEmpty {
            guard let srs else { throw AggregationError.missingSRS }
            guard srs.hash == srsHash else { throw AggregationError.srsMismatch }
            for aggregate in aggregates {
                let statements = entries.filter { $0.keyIndex == aggregate.keyIndex && $0.proof == nil }.map(\.publicInputs)
                let claim: PairingClaim
                do {
                    claim = try SnarkPack.claim(proof: aggregate.proof, publicInputs: statements,
                                                key: keys[aggregate.keyIndex], verifierKey: srs)
                } catch {
                    throw AggregationError.snarkPack(error)
                }
                let weight = ProofBundle.weight(&transcript)
                for (p, q) in claim.pairs { pairs.append(((G1Jacobian(p) * weight).affine, q)) }
                target *= claim.target.isZero ? .zero : claim.target.cyclotomicPower(weight.canonicalLimbs)
            }
        }
        let committedHashes = committedKeys.map(\.hash)
        for entry in committedEntries {
            let hash = committedHashes[entry.keyIndex]
            if committedGroups[hash] == nil {
                committedGroups[hash] = CommittedKeyGroup(key: committedKeys[entry.keyIndex])
                committedOrder.append(hash)
            }
            // Two independent weights: one for the Groth16 equation, one for the
            // knowledge check, so neither can cancel the other.
            committedGroups[hash]!.add(proof: entry.proof, publicInputs: entry.publicInputs,
                                       weight: ProofBundle.weight(&transcript), knowledgeWeight: ProofBundle.weight(&transcript))
        }
        if let outerProof {
            // The outer proof is a commit-and-prove proof with one statement
            // input, the root of this bundle's statement tree; its key joins the
            // commit-and-prove groups like any other.
            let hash = outerProof.key.hash
            if committedGroups[hash] == nil {
                committedGroups[hash] = CommittedKeyGroup(key: outerProof.key)
                committedOrder.append(hash)
            }
            committedGroups[hash]!.add(proof: outerProof.proof, publicInputs: [OuterStatementTree(outerStatements).publicInput],
                                       weight: ProofBundle.weight(&transcript), knowledgeWeight: ProofBundle.weight(&transcript))
        }
        for child in children {
            try child.collect(into: &groups, order: &order, committed: &committedGroups, committedOrder: &committedOrder,
                              pairs: &pairs, target: &target, srs: srs, transcript: &transcript)
        }
    }

    /// A 128-bit weight from the transcript: enough for a 2⁻¹²⁸ soundness error,
    /// at half the cost of full-width scalars.
    static func weight(_ transcript: inout Transcript) -> Fr {
        let full = transcript.challengeScalar("weight").canonicalLimbs
        return Fr(canonicalLimbs: (full.0, full.1, 0, 0))
    }

    /// The indices (into ``manifest``) of the invalid individually carried proofs,
    /// found by bisection. Aggregated statements are not listed: an aggregate
    /// stands or falls as a whole.
    public func invalidProofs() throws(AggregationError) -> [Int] {
        var indexed: [(Int, BundleEntry, VerifyingKey)] = []
        collectCarried(&indexed, offset: 0)
        let prepared = Dictionary(indexed.map { ($0.2.hash, $0.2) }, uniquingKeysWith: { a, _ in a })
            .mapValues { PreparedVerifyingKey($0) }
        let batch = indexed.map { BatchEntry(proof: $0.1.proof!, publicInputs: $0.1.publicInputs, key: prepared[$0.2.hash]!) }
        var invalid: [Int]
        do { invalid = try Groth16.invalidProofIndices(in: batch).map { indexed[$0].0 } } catch { throw AggregationError.groth16(error) }
        // Commit-and-prove proofs are checked one by one (two pairing checks each).
        invalid += try invalidCommittedProofs(offset: 0)
        return invalid.sorted()
    }

    /// The SnarkPack aggregates, in this bundle and its children, that fail on
    /// their own: for each, the indices (into ``manifest``) of the statements it
    /// covers. An aggregate stands or falls as a whole, so these statements cannot
    /// be told apart; ``invalidProofs()`` covers the individually carried proofs.
    ///
    /// - Parameter srs: the SnarkPack verifier key the aggregates were made with.
    /// - Throws: ``AggregationError`` when an aggregate names another SRS or is
    ///   malformed.
    public func failingAggregates(srs: SnarkPackVerifierKey) throws(AggregationError) -> [[Int]] {
        var out: [[Int]] = []
        try collectFailingAggregates(&out, offset: 0, srs: srs)
        return out
    }

    func collectFailingAggregates(_ out: inout [[Int]], offset: Int, srs: SnarkPackVerifierKey) throws(AggregationError) {
        if !aggregates.isEmpty {
            guard srs.hash == srsHash else { throw AggregationError.srsMismatch }
            for aggregate in aggregates {
                let covered = entries.indices.filter { entries[$0].keyIndex == aggregate.keyIndex && entries[$0].proof == nil }
                let claim: PairingClaim
                do {
                    claim = try SnarkPack.claim(proof: aggregate.proof, publicInputs: covered.map { entries[$0].publicInputs },
                                                key: keys[aggregate.keyIndex], verifierKey: srs)
                } catch {
                    throw AggregationError.snarkPack(error)
                }
                if !claim.holds() { out.append(covered.map { offset + $0 }) }
            }
        }
        var next = offset + ownCount
        for child in children {
            try child.collectFailingAggregates(&out, offset: next, srs: srs)
            next += child.proofCount
        }
    }

    func collectCarried(_ out: inout [(Int, BundleEntry, VerifyingKey)], offset: Int) {
        for (i, entry) in entries.enumerated() where entry.proof != nil { out.append((offset + i, entry, keys[entry.keyIndex])) }
        var next = offset + ownCount
        for child in children {
            child.collectCarried(&out, offset: next)
            next += child.proofCount
        }
    }
}

/// The accumulated equation of the individually carried proofs under one key.
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

    mutating func add(proof: Groth16Proof, publicInputs: [Fr], weight: Fr) {
        weightedA.append(((G1Jacobian(proof.a) * weight).affine, proof.b))
        weightSum += weight
        inputWeights[0] += weight
        for (i, x) in publicInputs.enumerated() { inputWeights[i + 1] += weight * x }
        weightedC += G1Jacobian(proof.c) * weight
    }

    /// The group's pairs; `extraInputPoint` (Σρᵢ·Dᵢ for commit-and-prove
    /// proofs) is added to the weighted input point.
    func pairs(extraInputPoint: G1Jacobian = .infinity) -> [(G1Affine, G2Prepared)] {
        let sigma = MultiScalarMultiplication.compute(points: key.ic, scalars: inputWeights) + extraInputPoint
        let g1: [G1Affine] = weightedA.map(\.0) + [
            (-(G1Jacobian(key.alpha) * weightSum)).affine, (-sigma).affine, (-weightedC).affine]
        let g2 = G2Prepared.parallelPrepareAll(weightedA.map(\.1) + [key.beta, key.gamma, key.delta])
        return Array(zip(g1, g2))
    }
}

/// A manifest statement with its verifying key and, when the bundle carries it,
/// its raw proof: what a settlement contract needs, since no EVM checks a
/// SnarkPack aggregate at a usable price.
public struct ManifestItem: Sendable, Hashable {
    /// The statement, as in ``ProofBundle/manifest``.
    public let statement: BundleStatement
    /// The statement's verifying key (for a commit-and-prove statement, the
    /// Groth16 part of ``committed``'s key).
    public let key: VerifyingKey
    /// The raw proof, or `nil` when a SnarkPack aggregate covers the statement
    /// or the statement is commit-and-prove.
    public let proof: Groth16Proof?
    /// For a commit-and-prove statement, its key and proof.
    public let committed: (key: CommittedVerifyingKey, proof: Groth16CommittedProof)?

    public static func == (lhs: ManifestItem, rhs: ManifestItem) -> Bool {
        lhs.statement == rhs.statement && lhs.key == rhs.key && lhs.proof == rhs.proof
            && lhs.committed?.key == rhs.committed?.key && lhs.committed?.proof == rhs.committed?.proof
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(statement); hasher.combine(key); hasher.combine(proof)
        hasher.combine(committed?.key); hasher.combine(committed?.proof)
    }
}

extension ProofBundle {
    /// Every statement of the tree in manifest order, with its key and its raw
    /// proof where the bundle carries one.
    public var manifestItems: [ManifestItem] {
        let hashes = keys.map(\.hash)
        var items = entries.map {
            ManifestItem(statement: BundleStatement(applicationID: $0.applicationID, keyHash: hashes[$0.keyIndex],
                                                    publicInputs: $0.publicInputs),
                         key: keys[$0.keyIndex], proof: $0.proof, committed: nil)
        }
        for (statement, entry) in zip(committedStatements, committedEntries) {
            let key = committedKeys[entry.keyIndex]
            items.append(ManifestItem(statement: statement, key: key.base, proof: nil, committed: (key, entry.proof)))
        }
        for child in children { items += child.manifestItems }
        return items
    }
}
