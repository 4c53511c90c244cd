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
    /// The Groth16 proof.
    public var proof: Groth16Proof

    /// A claim; its parts are checked by whoever builds it (the settle planner
    /// verifies every proof before any calldata is written).
    public init(applicationID: String, key: VerifyingKey, publicInputs: [Fr], proof: Groth16Proof) {
        self.applicationID = applicationID; self.key = key; self.publicInputs = publicInputs; self.proof = proof
    }

    /// keccak256 of the id's UTF-8 bytes: the application's word on chain.
    public var applicationIDHash: [UInt8] { Keccak256.hash(Array(applicationID.utf8)) }

    /// keccak256(key hash ‖ inputs): what `isSettled` is asked about.
    public var statementHash: [UInt8] { Keccak256.hash(key.hash + publicInputs.flatMap(\.bigEndianBytes)) }

    /// The manifest leaf data, `applicationIDHash ‖ statementHash`, the same
    /// bytes as `BundleStatement.leafBytes`.
    public var leafBytes: [UInt8] { applicationIDHash + statementHash }
}

/// Calldata for `Contracts/SheafSettlement.vy`, byte for byte what the contract's
/// ABI decoder expects. The EVM tests execute exactly these bytes.
public enum SettlementCalldata {
    /// `registerKey(bytes)`: the key's canonical bytes, whose keccak256 is the
    /// key hash the contract files it under.
    public static func registerKey(_ key: VerifyingKey) -> [UInt8] {
        ABIWord.call("registerKey(bytes)", [.dynamic(ABIWord.bytes(key.canonicalBytes))])
    }

    /// The signature of `settle`: key hashes, claims (application id word, key
    /// index, proof as 8 words in EIP-197 order) and every claim's inputs, concatenated.
    public static let settleSignature = "settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[])"

    /// The distinct keys of `claims`, in first-appearance order: the order of the
    /// `keyHashes` argument of `settle`.
    public static func distinctKeys(_ claims: [SettlementClaim]) -> [VerifyingKey] {
        var seen = Set<[UInt8]>(), keys = [VerifyingKey]()
        for claim in claims where seen.insert(claim.key.hash).inserted { keys.append(claim.key) }
        return keys
    }

    /// `settle(keyHashes, claims, inputs)` for `claims` in manifest order.
    public static func settle(_ claims: [SettlementClaim]) -> [UInt8] {
        let keys = distinctKeys(claims)
        let hashes = keys.map(\.hash)
        let index = Dictionary(uniqueKeysWithValues: hashes.enumerated().map { ($1, $0) })
        return settle(keyHashes: hashes, claims: claims.map {
            (applicationIDHash: $0.applicationIDHash, keyIndex: index[$0.key.hash]!, proof: $0.proof.evmBytes)
        }, inputs: claims.flatMap { $0.publicInputs.map(\.bigEndianBytes) })
    }

    /// `settle` from its ABI fields: 32-byte key hashes; per claim its
    /// application word, key index and 256 proof bytes (EIP-197 order); and every
    /// input word. ``settle(_:)`` derives these from claims; this form lets the
    /// gas model lay out calls of any shape without building keys.
    public static func settle(keyHashes: [[UInt8]], claims: [(applicationIDHash: [UInt8], keyIndex: Int, proof: [UInt8])],
                              inputs: [[UInt8]]) -> [UInt8] {
        let claimWords = claims.map { $0.applicationIDHash + ABIWord.word($0.keyIndex) + $0.proof }
        return ABIWord.call(settleSignature, [
            .dynamic(ABIWord.array(keyHashes)), .dynamic(ABIWord.array(claimWords)), .dynamic(ABIWord.array(inputs)),
        ])
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
