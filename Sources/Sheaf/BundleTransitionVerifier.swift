/// The ZK leg of the finality rule backed by a Sheaf bundle, as `sheaf demo`
/// uses it: a "proof" is an encoded bundle, and it establishes a ``ZKStatement``
/// when the bundle verifies and its manifest holds a statement under the rollup
/// circuit's verifying key whose first two public inputs are the transition's
/// parent and root.
///
/// The rollup circuit's public inputs (old root, new root, batch commitment) do
/// not contain the chain id, the verifier contract or the block height, so the
/// proof alone cannot bind them. This verifier binds them instead: it is built
/// for one chain, one deployment of the ZK logic and one block height, and
/// refuses every statement about anything else. Without that, the same bundle
/// would prove the same roots on any chain, under any verifier logic (including
/// logic the council has replaced) and at any height.
public struct BundleTransitionVerifier: ZKProofVerifier {
    /// The chain this verifier serves.
    public let chainID: UInt64
    /// The address of the ZK verifier logic this check is deployed as.
    public let verifier: EthereumAddress
    /// The one block height the bundle's rollup statement is for.
    public let height: UInt64
    /// The trusted SnarkPack verifier key (nil when bundles carry every proof).
    public let srs: SnarkPackVerifierKey?
    /// `VerifyingKey.hash` of the rollup circuit's key.
    public let rollupKeyHash: [UInt8]

    /// A verifier for block `height` of chain `chainID`, deployed at `verifier`.
    public init(chainID: UInt64, verifier: EthereumAddress, height: UInt64, srs: SnarkPackVerifierKey?, rollupKeyHash: [UInt8]) {
        self.chainID = chainID
        self.verifier = verifier
        self.height = height
        self.srs = srs
        self.rollupKeyHash = rollupKeyHash
    }

    /// Whether `proof` (an encoded bundle) establishes `statement`: the statement
    /// is for this chain, this verifier logic and this height, the bundle decodes
    /// and verifies, and a rollup statement in its manifest starts with the
    /// transition's parent and root.
    public func verify(proof: [UInt8], for statement: ZKStatement) -> Bool {
        guard statement.chainID == chainID, statement.verifier == verifier, statement.transition.height == height else {
            return false
        }
        guard let parent = try? Fr(bigEndianBytes: statement.transition.parent.bytes),
              let root = try? Fr(bigEndianBytes: statement.transition.root.bytes),
              let bundle = try? BundleCodec.decode(proof), (try? bundle.verify(srs: srs)) == true else { return false }
        return bundle.manifest.contains {
            $0.keyHash == rollupKeyHash && $0.publicInputs.count == 3
                && $0.publicInputs[0] == parent && $0.publicInputs[1] == root
        }
    }
}
