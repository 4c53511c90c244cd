import CSecp256k1
import SheafHash

/// Thin, typed access to libsecp256k1: keys, recoverable and plain ECDSA signatures,
/// public-key recovery and Ethereum addresses.
///
/// Every operation on a secret key (public-key derivation, signing) is done by
/// libsecp256k1, which is constant-time for secrets; this file only moves bytes.
public enum Secp256k1 {
    /// The group order n, big-endian.
    public static let groupOrder: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ]
}

/// The one libsecp256k1 context the process uses. A context is safe to share across
/// threads for every call except randomisation and destruction, which happen once,
/// here, before it is published.
final class Secp256k1Context: @unchecked Sendable {
    let raw: OpaquePointer

    static let shared = Secp256k1Context()

    private init() {
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            preconditionFailure("libsecp256k1 could not allocate a context")
        }
        // Blinding the signing computations with fresh randomness is libsecp256k1's
        // defence against side channels; it cannot change any result.
        var rng = SystemRandomNumberGenerator()
        var seed = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let ok = secp256k1_context_randomize(context, &seed)
        precondition(ok == 1, "libsecp256k1 context randomisation failed")
        raw = context
    }
}

/// A secp256k1 secret key. Its bytes are only ever handed to libsecp256k1.
public struct Secp256k1PrivateKey: Sendable {
    private let secret: [UInt8]

    /// Accepts 32 bytes that libsecp256k1 considers a valid secret key (non-zero,
    /// below the group order).
    public init(bytes: some Collection<UInt8>) throws {
        guard bytes.count == 32 else { throw FinalityError.wrongLength(what: "secp256k1 private key", expected: 32, actual: bytes.count) }
        let candidate = Array(bytes)
        guard secp256k1_ec_seckey_verify(Secp256k1Context.shared.raw, candidate) == 1 else { throw FinalityError.invalidPrivateKey }
        secret = candidate
    }

    /// A fresh key from the system CSPRNG (for production keys).
    public static func generate() -> Secp256k1PrivateKey {
        var rng = SystemRandomNumberGenerator()
        while true {
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
            if let key = try? Secp256k1PrivateKey(bytes: bytes) { return key }
        }
    }

    /// A key derived from a label: keccak256(label ‖ counter) for the first counter
    /// that gives a valid key. Deterministic, hence only for tests and simulations:
    /// anyone who knows the label knows the key.
    public static func deterministic(label: String) -> Secp256k1PrivateKey {
        var counter: UInt8 = 0
        while true {
            if let key = try? Secp256k1PrivateKey(bytes: Keccak256.hash(Array(label.utf8) + [counter])) { return key }
            counter &+= 1
        }
    }

    /// The matching public key.
    public var publicKey: Secp256k1PublicKey {
        var pubkey = secp256k1_pubkey()
        let ok = secp256k1_ec_pubkey_create(Secp256k1Context.shared.raw, &pubkey, secret)
        precondition(ok == 1, "a verified secret key always has a public key")
        return Secp256k1PublicKey(parsed: pubkey)
    }

    /// The Ethereum address of the matching public key.
    public var address: EthereumAddress { publicKey.ethereumAddress }

    /// A recoverable signature of a 32-byte digest, with RFC 6979 deterministic
    /// nonces; libsecp256k1 always produces the low-s form.
    public func signRecoverable(digest: Bytes32) -> RecoverableSignature {
        var signature = secp256k1_ecdsa_recoverable_signature()
        let ok = secp256k1_ecdsa_sign_recoverable(Secp256k1Context.shared.raw, &signature, digest.bytes, secret, nil, nil)
        precondition(ok == 1, "signing with a verified key and the default nonce function cannot fail")
        var compact = [UInt8](repeating: 0, count: 64)
        var recid: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(Secp256k1Context.shared.raw, &compact, &recid, &signature)
        return RecoverableSignature(trustedCompact: compact, recoveryID: UInt8(recid))
    }
}

/// A secp256k1 public key (a point on the curve, never the point at infinity).
public struct Secp256k1PublicKey: Hashable, Sendable {
    /// The 65-byte uncompressed SEC1 encoding (0x04 ‖ x ‖ y).
    public let uncompressed: [UInt8]

    fileprivate init(parsed key: secp256k1_pubkey) {
        var key = key
        var output = [UInt8](repeating: 0, count: 65)
        var length = 65
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.raw, &output, &length, &key, UInt32(SECP256K1_EC_UNCOMPRESSED))
        uncompressed = output
    }

    /// Parses a 33-byte compressed or 65-byte uncompressed SEC1 point; libsecp256k1
    /// checks that it lies on the curve.
    public init(bytes: some Collection<UInt8>) throws {
        let input = Array(bytes)
        guard input.count == 33 || input.count == 65 else {
            throw FinalityError.invalidPublicKey(reason: "expected 33 or 65 bytes, got \(input.count)")
        }
        var key = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(Secp256k1Context.shared.raw, &key, input, input.count) == 1 else {
            throw FinalityError.invalidPublicKey(reason: "not a point on secp256k1 in SEC1 encoding")
        }
        self.init(parsed: key)
    }

    /// The 33-byte compressed SEC1 encoding.
    public var compressed: [UInt8] {
        var key = libraryKey
        var output = [UInt8](repeating: 0, count: 33)
        var length = 33
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.raw, &output, &length, &key, UInt32(SECP256K1_EC_COMPRESSED))
        return output
    }

    /// The Ethereum address: the last 20 bytes of keccak256(x ‖ y).
    public var ethereumAddress: EthereumAddress {
        EthereumAddress(trusted: Array(Keccak256.hash(uncompressed.dropFirst()).suffix(20)))
    }

    /// Whether `signature` is a valid ECDSA signature of `digest` by this key.
    /// As in libsecp256k1, only low-s signatures verify: normalise first (see
    /// `ECDSASignature.normalized`) if a source may produce high-s ones.
    public func isValidSignature(_ signature: ECDSASignature, digest: Bytes32) -> Bool {
        var key = libraryKey
        var sig = signature.librarySignature
        return secp256k1_ecdsa_verify(Secp256k1Context.shared.raw, &sig, digest.bytes, &key) == 1
    }

    fileprivate var libraryKey: secp256k1_pubkey {
        var key = secp256k1_pubkey()
        let ok = secp256k1_ec_pubkey_parse(Secp256k1Context.shared.raw, &key, uncompressed, 65)
        precondition(ok == 1, "a stored public key always re-parses")
        return key
    }
}

/// A plain ECDSA signature (r, s), each below the group order.
public struct ECDSASignature: Hashable, Sendable {
    /// r ‖ s, 32 bytes each, big-endian.
    public let compact: [UInt8]

    /// Parses 64 bytes r ‖ s; r or s ≥ n is rejected (zero values parse but never
    /// verify, as in libsecp256k1).
    public init(compact bytes: some Collection<UInt8>) throws {
        let input = Array(bytes)
        guard input.count == 64 else { throw FinalityError.wrongLength(what: "compact ECDSA signature", expected: 64, actual: input.count) }
        var sig = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_compact(Secp256k1Context.shared.raw, &sig, input) == 1 else {
            throw FinalityError.invalidSignature(reason: "r or s is not below the group order")
        }
        compact = ECDSASignature.serialize(sig)
    }

    /// Parses a strict DER encoding with libsecp256k1's parser (BER variants, excess
    /// padding, negative integers, trailing bytes are rejected). An r or s that
    /// overflows the group order parses to a signature that never verifies, which is
    /// libsecp256k1's documented behaviour.
    public init(der bytes: some Collection<UInt8>) throws {
        let input = Array(bytes)
        var sig = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_der(Secp256k1Context.shared.raw, &sig, input, input.count) == 1 else {
            throw FinalityError.invalidSignature(reason: "not a strict DER encoding of (r, s)")
        }
        compact = ECDSASignature.serialize(sig)
    }

    /// Whether s is in the lower half of the group order (the only form that verifies).
    public var isLowS: Bool {
        var sig = librarySignature
        return secp256k1_ecdsa_signature_normalize(Secp256k1Context.shared.raw, nil, &sig) == 0
    }

    /// The same signature with s replaced by n − s when s is high. Both forms are
    /// valid ECDSA; normalising accepts signers that do not enforce low s, at the
    /// price of malleability.
    public var normalized: ECDSASignature {
        var input = librarySignature
        var output = secp256k1_ecdsa_signature()
        _ = secp256k1_ecdsa_signature_normalize(Secp256k1Context.shared.raw, &output, &input)
        return ECDSASignature(trustedCompact: ECDSASignature.serialize(output))
    }

    fileprivate init(trustedCompact: [UInt8]) { compact = trustedCompact }

    fileprivate var librarySignature: secp256k1_ecdsa_signature {
        var sig = secp256k1_ecdsa_signature()
        let ok = secp256k1_ecdsa_signature_parse_compact(Secp256k1Context.shared.raw, &sig, compact)
        precondition(ok == 1, "a stored signature always re-parses")
        return sig
    }

    private static func serialize(_ sig: secp256k1_ecdsa_signature) -> [UInt8] {
        var sig = sig
        var out = [UInt8](repeating: 0, count: 64)
        _ = secp256k1_ecdsa_signature_serialize_compact(Secp256k1Context.shared.raw, &out, &sig)
        return out
    }
}

/// A recoverable ECDSA signature: (r, s) plus the recovery id that picks the public
/// key, serialised the Ethereum way as 65 bytes r ‖ s ‖ v.
public struct RecoverableSignature: Hashable, Sendable, Codable {
    /// r ‖ s, 32 bytes each.
    public let compact: [UInt8]
    /// 0 or 1 (2 and 3 would need r ≥ p − n, which Ethereum rejects too).
    public let recoveryID: UInt8

    fileprivate init(trustedCompact: [UInt8], recoveryID: UInt8) {
        compact = trustedCompact
        self.recoveryID = recoveryID
    }

    /// Parses 65 bytes r ‖ s ‖ v with v ∈ {0, 1, 27, 28}. Rejects r or s ≥ n, r or
    /// s = 0, and high s (Ethereum's EIP-2 rule), so each signed message has one
    /// accepted encoding.
    public init(ethereumBytes bytes: some Collection<UInt8>) throws {
        let input = Array(bytes)
        guard input.count == 65 else { throw FinalityError.wrongLength(what: "recoverable signature (r ‖ s ‖ v)", expected: 65, actual: input.count) }
        let v = input[64]
        let recid: UInt8
        switch v {
        case 0, 1: recid = v
        case 27, 28: recid = v - 27
        default: throw FinalityError.invalidRecoveryID(v)
        }
        let rs = Array(input[0..<64])
        guard rs[0..<32].contains(where: { $0 != 0 }), rs[32..<64].contains(where: { $0 != 0 }) else {
            throw FinalityError.invalidSignature(reason: "r and s must be non-zero")
        }
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(Secp256k1Context.shared.raw, &sig, rs, Int32(recid)) == 1 else {
            throw FinalityError.invalidSignature(reason: "r or s is not below the group order")
        }
        let plain = ECDSASignature(trustedCompact: rs)
        guard plain.isLowS else { throw FinalityError.highS }
        compact = rs
        recoveryID = recid
    }

    /// 65 bytes r ‖ s ‖ v with v = 27 + recovery id, as `ecrecover` expects.
    public var ethereumBytes: [UInt8] { compact + [27 + recoveryID] }

    /// The signature without its recovery id.
    public var signature: ECDSASignature { ECDSASignature(trustedCompact: compact) }

    /// The public key that produced this signature over `digest`. libsecp256k1
    /// guarantees a recovered key verifies the signature; the explicit low-s check
    /// keeps the "one valid encoding" rule even for values built in memory.
    public func recoverPublicKey(digest: Bytes32) throws -> Secp256k1PublicKey {
        guard signature.isLowS else { throw FinalityError.highS }
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(Secp256k1Context.shared.raw, &sig, compact, Int32(recoveryID)) == 1 else {
            throw FinalityError.invalidSignature(reason: "r or s is not below the group order")
        }
        var key = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(Secp256k1Context.shared.raw, &key, &sig, digest.bytes) == 1 else {
            throw FinalityError.recoveryFailed
        }
        return Secp256k1PublicKey(parsed: key)
    }

    /// The Ethereum address that signed `digest` (what Solidity's `ecrecover` returns).
    public func recoverAddress(digest: Bytes32) throws -> EthereumAddress {
        try recoverPublicKey(digest: digest).ethereumAddress
    }

    /// Encoded as a 65-byte `0x` hex string (r ‖ s ‖ v).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Hex.encode(ethereumBytes))
    }

    /// Decoded from hex through `init(ethereumBytes:)`, so a journal or file can
    /// never smuggle in a malformed or high-s signature.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(ethereumBytes: try decodeHex(text, what: "recoverable signature"))
    }
}
