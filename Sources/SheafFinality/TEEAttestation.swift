/// The message a TEE enclave signs to approve a transition, and the registry of
/// enclave keys that may sign it.
///
/// The layout follows Taiko's SGX verifier (an ECDSA signature recovered with
/// `ecrecover`, over keccak256 of a domain-separated packed encoding bound to the
/// chain and to the verifier contract), reduced to the fields this rule needs.
public enum TEEAttestation {
    /// The domain tag that starts every signed attestation, so the signature can
    /// never be replayed as any other kind of Ethereum message.
    public static let domainTag = "SHEAF_TEE_ATTESTATION_V1"

    /// The packed message: tag ‖ chainID (uint256) ‖ verifier (20 bytes) ‖ height
    /// (uint256) ‖ parent root ‖ new root.
    public static func message(chainID: UInt64, verifier: EthereumAddress, transition: Transition) -> [UInt8] {
        Packed.transitionClaim(tag: domainTag, chainID: chainID, verifier: verifier, transition: transition)
    }

    /// keccak256 of `message`: what the enclave signs and what the verifier recovers from.
    public static func digest(chainID: UInt64, verifier: EthereumAddress, transition: Transition) -> Bytes32 {
        Bytes32.keccak(message(chainID: chainID, verifier: verifier, transition: transition))
    }

    /// An attestation as the enclave would produce it: 65 bytes r ‖ s ‖ v.
    /// For tests and simulations (a real enclave signs inside the TEE).
    public static func sign(_ key: Secp256k1PrivateKey, chainID: UInt64, verifier: EthereumAddress, transition: Transition) -> [UInt8] {
        key.signRecoverable(digest: digest(chainID: chainID, verifier: verifier, transition: transition)).ethereumBytes
    }
}

/// An enclave key allowed to sign attestations: the Ethereum address of its secp256k1
/// key, the code measurement (MRENCLAVE / PCR0 hash) it was attested with, and the
/// end of its validity.
public struct EnclaveRegistration: Hashable, Codable, Sendable {
    /// The address of the enclave's signing key.
    public var key: EthereumAddress
    /// The measurement of the enclave code that holds the key.
    public var measurement: Bytes32
    /// When the key was registered.
    public var registeredAt: Timestamp
    /// The first instant at which the key no longer signs valid attestations.
    public var expiresAt: Timestamp

    /// A registration record.
    public init(key: EthereumAddress, measurement: Bytes32, registeredAt: Timestamp, expiresAt: Timestamp) {
        self.key = key
        self.measurement = measurement
        self.registeredAt = registeredAt
        self.expiresAt = expiresAt
    }
}

/// An enclave key to register from the start (in `FinalityConfig`).
public struct InitialEnclave: Hashable, Codable, Sendable {
    /// The address of the enclave's signing key.
    public var key: EthereumAddress
    /// Its measurement, which must be in the configuration's allow-list.
    public var measurement: Bytes32

    /// An enclave key with its measurement.
    public init(key: EthereumAddress, measurement: Bytes32) {
        self.key = key
        self.measurement = measurement
    }
}
