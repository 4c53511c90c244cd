import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// One statement settled by `SheafSettlement.settle`: who proved what, under
/// which key, with the proof itself (settlement checks raw Groth16 proofs; no EVM
/// can check a SnarkPack aggregate at a usable price).
public struct SettlementClaim: Sendable, Hashable {
    /// The application's id, as in the bundle (hashed to a word on chain).
    public var applicationID: String
    /// The verifying key the proof claims.
    public var key: VerifyingKey
    /// The public inputs, as many as the key declares.
    public var publicInputs: [Fr]
    /// The Groth16 proof (for a commit-and-prove claim, its A, B, C).
    public var proof: Groth16Proof
    /// For a commit-and-prove (BSB22) claim: its key, commitment D and
    /// knowledge proof π; `key` is then the key's Groth16 part.
    public var committed: Committed?

    /// The commit-and-prove part of a claim.
    public struct Committed: Sendable, Hashable {
        /// The commit-and-prove key.
        public var key: CommittedVerifyingKey
        /// D and π.
        public var commitment: G1Affine, knowledgeProof: G1Affine
    }

    /// A claim; its parts are checked by whoever builds it (the settle planner
    /// verifies every proof before any calldata is written).
    public init(applicationID: String, key: VerifyingKey, publicInputs: [Fr], proof: Groth16Proof) {
        self.applicationID = applicationID; self.key = key; self.publicInputs = publicInputs; self.proof = proof
    }

    /// A commit-and-prove claim.
    public init(applicationID: String, committedKey: CommittedVerifyingKey, publicInputs: [Fr], proof: Groth16CommittedProof) {
        self.init(applicationID: applicationID, key: committedKey.base, publicInputs: publicInputs, proof: proof.proof)
        committed = Committed(key: committedKey, commitment: proof.commitment, knowledgeProof: proof.knowledgeProof)
    }

    /// The key as `SheafSettlement` files it.
    public var settlementKey: SettlementKey {
        committed.map { SettlementKey(canonicalBytes: $0.key.canonicalBytes, publicInputCount: $0.key.publicInputCount, isCommitted: true) }
            ?? SettlementKey(canonicalBytes: key.canonicalBytes, publicInputCount: key.publicInputCount, isCommitted: false)
    }

    /// The hash the contract files the claim's key under: the commit-and-prove
    /// key's for such a claim, else the verifying key's.
    public var keyHash: [UInt8] { committed?.key.hash ?? key.hash }

    /// keccak256 of the id's UTF-8 bytes: the application's word on chain.
    public var applicationIDHash: [UInt8] { Keccak256.hash(Array(applicationID.utf8)) }

    /// keccak256(key hash ‖ inputs): what `isSettled` is asked about.
    public var statementHash: [UInt8] { Keccak256.hash(keyHash + publicInputs.flatMap(\.bigEndianBytes)) }

    /// The manifest leaf data, `applicationIDHash ‖ statementHash`, the same
    /// bytes as `BundleStatement.leafBytes`.
    public var leafBytes: [UInt8] { applicationIDHash + statementHash }
}

/// A verifying key as `SheafSettlement.registerKey` takes it: a plain Groth16
/// key's canonical bytes, or a commit-and-prove key's (256 bytes longer).
public struct SettlementKey: Sendable, Hashable {
    /// The bytes `registerKey` receives; their keccak256 is the key hash.
    public let canonicalBytes: [UInt8]
    /// The statement's public inputs (a commit-and-prove key's challenge not counted).
    public let publicInputCount: Int
    /// Whether it is a commit-and-prove (BSB22) key.
    public let isCommitted: Bool

    /// keccak256 of ``canonicalBytes``.
    public var hash: [UInt8] { Keccak256.hash(canonicalBytes) }

    /// α ‖ β (bytes 0..<192 of ``canonicalBytes``): `settle` merges the α pair
    /// of a key equal here to the first key's into that key's.
    public var alphaBetaBytes: ArraySlice<UInt8> { canonicalBytes[0..<192] }
    /// γ (bytes 192..<320): `settle` merges the γ pair the same way.
    public var gammaBytes: ArraySlice<UInt8> { canonicalBytes[192..<320] }

    /// A key from its canonical bytes (a plain key's or a commit-and-prove key's).
    public init(canonicalBytes: [UInt8], publicInputCount: Int, isCommitted: Bool) {
        self.canonicalBytes = canonicalBytes; self.publicInputCount = publicInputCount; self.isCommitted = isCommitted
    }
}

/// Calldata for `Contracts/SheafSettlement.vy`, byte for byte what the contract's
/// ABI decoder expects. The EVM tests execute exactly these bytes.
public enum SettlementCalldata {
    /// `registerKey(bytes)`: the key's canonical bytes, whose keccak256 is the
    /// key hash the contract files it under.
    public static func registerKey(_ key: VerifyingKey) -> [UInt8] {
        ABIWord.call("registerKey(bytes)", [.dynamic(ABIWord.bytes(key.canonicalBytes))])
    }

    /// `registerKey(bytes)` for a plain or commit-and-prove key.
    public static func registerKey(_ key: SettlementKey) -> [UInt8] {
        ABIWord.call("registerKey(bytes)", [.dynamic(ABIWord.bytes(key.canonicalBytes))])
    }

    /// The signature of `settle`: key hashes, claims (application id word, key
    /// index, proof as 8 words in EIP-197 order) and every claim's inputs, concatenated.
    public static let settleSignature = "settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[])"

    /// The signature of `settle` with commit-and-prove claims: a fourth array
    /// holds (D.x, D.y, π.x, π.y) of each such claim, in claim order.
    public static let settleCommittedSignature = "settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[],uint256[4][])"

    /// The distinct keys of `claims` in the order of `settle`'s `keyHashes`:
    /// first the key that the most others share parts with, then the rest in
    /// first-appearance order. `settle` merges the pairs of every key whose α
    /// and β, or whose γ, are the first key's into that key's, so the first key
    /// is the one that saves the most pairs (the earliest of equals).
    public static func distinctKeys(_ claims: [SettlementClaim]) -> [SettlementKey] {
        var seen = Set<[UInt8]>(), keys = [SettlementKey]()
        for claim in claims where seen.insert(claim.keyHash).inserted { keys.append(claim.settlementKey) }
        guard keys.count > 1 else { return keys }
        func shares(with i: Int) -> Int {
            keys.indices.reduce(0) { count, j in
                j == i ? count : count + (keys[j].alphaBetaBytes == keys[i].alphaBetaBytes ? 1 : 0)
                    + (keys[j].gammaBytes == keys[i].gammaBytes ? 1 : 0)
            }
        }
        var best = 0, bestShares = shares(with: 0)
        for i in keys.indices.dropFirst() {
            let s = shares(with: i)
            if s > bestShares { best = i; bestShares = s }
        }
        guard best != 0 else { return keys }
        return [keys[best]] + keys.indices.filter { $0 != best }.map { keys[$0] }
    }

    /// `settle(keyHashes, claims, inputs)` for `claims` in manifest order, with
    /// the fourth array when any claim is commit-and-prove.
    public static func settle(_ claims: [SettlementClaim]) -> [UInt8] {
        let hashes = distinctKeys(claims).map(\.hash)
        let index = Dictionary(uniqueKeysWithValues: hashes.enumerated().map { ($1, $0) })
        let commitments = claims.compactMap { $0.committed.map { $0.commitment.evmBytes + $0.knowledgeProof.evmBytes } }
        return settle(keyHashes: hashes, claims: claims.map {
            (applicationIDHash: $0.applicationIDHash, keyIndex: index[$0.keyHash]!, proof: $0.proof.evmBytes)
        }, inputs: claims.flatMap { $0.publicInputs.map(\.bigEndianBytes) }, commitments: commitments)
    }

    /// `settle` from its ABI fields: 32-byte key hashes; per claim its
    /// application word, key index and 256 proof bytes (EIP-197 order); and every
    /// input word. ``settle(_:)`` derives these from claims; this form lets the
    /// gas model lay out calls of any shape without building keys.
    public static func settle(keyHashes: [[UInt8]], claims: [(applicationIDHash: [UInt8], keyIndex: Int, proof: [UInt8])],
                              inputs: [[UInt8]], commitments: [[UInt8]] = []) -> [UInt8] {
        let claimWords = claims.map { $0.applicationIDHash + ABIWord.word($0.keyIndex) + $0.proof }
        var arguments: [ABIWord.Argument] = [
            .dynamic(ABIWord.array(keyHashes)), .dynamic(ABIWord.array(claimWords)), .dynamic(ABIWord.array(inputs)),
        ]
        if commitments.isEmpty { return ABIWord.call(settleSignature, arguments) }
        arguments.append(.dynamic(ABIWord.array(commitments)))
        return ABIWord.call(settleCommittedSignature, arguments)
    }

    /// `isSettled(root, applicationId, statementHash, leafIndex, siblings)`: the
    /// siblings are the path's real siblings bottom up; promoted levels (where
    /// Sheaf's path holds `nil`) have none, since the contract knows the leaf
    /// count of every settled root.
    public static func isSettled(root: [UInt8], applicationIDHash: [UInt8], statementHash: [UInt8],
                                 path: MerkleInclusionProof) -> [UInt8] {
        precondition(root.count == 32 && applicationIDHash.count == 32 && statementHash.count == 32, "words are 32 bytes")
        return ABIWord.call("isSettled(bytes32,bytes32,bytes32,uint256,bytes32[])", [
            .static(root), .static(applicationIDHash), .static(statementHash), .static(ABIWord.word(path.leafIndex)),
            .dynamic(ABIWord.array(path.siblings.compactMap { $0 })),
        ])
    }

    /// `settleTree(bytes32[] roots)`: records the root of a bundle settled in
    /// parts, from the parts' roots in manifest order (every part but the last
    /// holding the same power-of-two number of statements, the last at most that).
    public static func settleTree(roots: [[UInt8]]) -> [UInt8] {
        precondition(roots.allSatisfy { $0.count == 32 }, "roots are 32 bytes")
        return ABIWord.call("settleTree(bytes32[])", [.dynamic(ABIWord.array(roots))])
    }

    /// The manifest root the contract records for `claims`: the Keccak Merkle
    /// root over their leaves, in order.
    public static func manifestRoot(_ claims: [SettlementClaim]) -> [UInt8] {
        KeccakMerkleTree(leaves: claims.map(\.leafBytes)).root
    }
}

/// Calldata for an outer settlement contract (`Contracts/SheafOuterSettlement.vy.template`,
/// rendered per outer key by ``VyperVerifier/outerSettlementSource(for:statements:)``).
/// Its `isSettled` has SheafSettlement's signature: use
/// ``SettlementCalldata/isSettled(root:applicationIDHash:statementHash:path:)``.
public enum OuterSettlementCalldata {
    /// The signature of `settleOuter`: the statement root, then the proof's A, B
    /// (EIP-197 order), C, commitment D and knowledge proof π.
    public static let settleSignature = "settleOuter(bytes32,uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2])"

    /// `settleOuter(root, a, b, c, commitment, knowledgeProof)`: 4 + 32 + 384 bytes.
    public static func settle(root: [UInt8], proof: Groth16CommittedProof) -> [UInt8] {
        precondition(root.count == 32, "a root is 32 bytes")
        return ABIWord.call(settleSignature, [.static(root), .static(proof.evmBytes)])
    }

    /// The gas a notifier grants each receiver's `onSettled` (the template's
    /// `RECEIVER_GAS`; a test checks the two agree).
    public static let notifierReceiverGas = 50_000

    /// The signature of a notifier's `settleAndNotify` for N statements
    /// (`Contracts/SheafOuterNotifier.vy.template`): the proof as for
    /// `settleOuter`, then the statements' application ids, statement hashes
    /// and receivers, N of each.
    public static func settleAndNotifySignature(statements n: Int) -> String {
        "settleAndNotify(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],bytes32[\(n)],bytes32[\(n)],address[\(n)])"
    }

    /// `settleAndNotify(a, b, c, commitment, knowledgeProof, applicationIds,
    /// statementHashes, receivers)` for the statements in tree order (each a
    /// 32-byte application id and statement hash) and one 20-byte receiver
    /// address per statement, nil for none (the zero address): 4 + 384 + 96·N
    /// bytes. The notifier builds the root from the statements, so no root is
    /// sent.
    public static func settleAndNotify(proof: Groth16CommittedProof,
                                       statements: [(applicationId: [UInt8], statementHash: [UInt8])],
                                       receivers: [[UInt8]?]) -> [UInt8] {
        precondition(statements.count == receivers.count, "one receiver (or none) per statement")
        precondition(statements.allSatisfy { $0.applicationId.count == 32 && $0.statementHash.count == 32 },
                     "application ids and statement hashes are 32 bytes")
        precondition(receivers.allSatisfy { ($0?.count ?? 20) == 20 }, "a receiver is a 20-byte address")
        let ids = statements.flatMap(\.applicationId), hashes = statements.flatMap(\.statementHash)
        let addresses = receivers.flatMap { [UInt8](repeating: 0, count: 12) + ($0 ?? [UInt8](repeating: 0, count: 20)) }
        return ABIWord.call(settleAndNotifySignature(statements: statements.count),
                            [.static(proof.evmBytes), .static(ids), .static(hashes), .static(addresses)])
    }
}
