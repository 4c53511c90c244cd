#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SheafHash

/// A byte string of one fixed length with a name for error messages: what
/// `Bytes32` and `EthereumAddress` share (checked construction, hex, ordering, JSON).
public protocol FixedLengthBytes: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The length every value has.
    static var length: Int { get }
    /// What a value is, for error messages ("Ethereum address").
    static var kind: String { get }
    /// The bytes, most significant first.
    var bytes: [UInt8] { get }
    /// Wraps bytes whose length the caller has established.
    init(trusted bytes: [UInt8])
}

extension FixedLengthBytes {
    /// Wraps exactly `length` bytes; anything else is a `FinalityError.wrongLength`.
    public init(_ bytes: some Collection<UInt8>) throws {
        guard bytes.count == Self.length else { throw FinalityError.wrongLength(what: Self.kind, expected: Self.length, actual: bytes.count) }
        self.init(trusted: Array(bytes))
    }

    /// Parses `2 × length` hex digits, with or without a `0x` prefix (any case; an
    /// EIP-55 checksum is not checked, these values come from files, not people).
    public init(hex: String) throws {
        try self.init(try decodeHex(hex, what: Self.kind))
    }

    /// `0x` followed by lower-case hex digits.
    public var hex: String { Hex.encode(bytes) }

    /// The first four bytes in hex, for timelines meant to be read by people.
    public var short: String { "0x" + Hex.encode(bytes.prefix(4)).dropFirst(2) + "…" }

    /// Same as `hex`.
    public var description: String { hex }

    /// Lexicographic byte order, so sorted collections are deterministic.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Decodes from a hex string (hex keeps journals readable and diffable).
    public init(from decoder: Decoder) throws {
        try self.init(hex: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as a `0x` hex string.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// A 32-byte value: a state root, a Keccak-256 digest, a proof identifier. A type of
/// its own so a root can never be confused with an address or arbitrary bytes.
public struct Bytes32: FixedLengthBytes {
    /// 32.
    public static let length = 32
    /// "32-byte value".
    public static let kind = "32-byte value"
    /// The 32 bytes, most significant first.
    public let bytes: [UInt8]

    /// Wraps bytes the caller guarantees are 32 long.
    public init(trusted bytes: [UInt8]) {
        precondition(bytes.count == 32, "Bytes32 needs exactly 32 bytes")
        self.bytes = bytes
    }

    /// The all-zero value.
    public static let zero = Bytes32(trusted: [UInt8](repeating: 0, count: 32))

    /// The Keccak-256 digest of `data`.
    public static func keccak(_ data: some Collection<UInt8>) -> Bytes32 {
        Bytes32(trusted: Keccak256.hash(data))
    }

    /// The Keccak-256 digest of a label's UTF-8 bytes (for deterministic test and
    /// simulation values: roots, proof identifiers, seeds).
    public static func keccak(label: String) -> Bytes32 { keccak(Array(label.utf8)) }
}

/// A 20-byte Ethereum address: an account, an enclave key, a verifier contract.
public struct EthereumAddress: FixedLengthBytes {
    /// 20.
    public static let length = 20
    /// "Ethereum address".
    public static let kind = "Ethereum address"
    /// The 20 bytes of the address.
    public let bytes: [UInt8]

    /// Wraps bytes the caller guarantees are 20 long.
    public init(trusted bytes: [UInt8]) {
        precondition(bytes.count == 20, "EthereumAddress needs exactly 20 bytes")
        self.bytes = bytes
    }

    /// The address whose bytes are the last 20 of keccak256(label), for readable
    /// verifier identities in configurations and simulations.
    public static func derived(from label: String) -> EthereumAddress {
        EthereumAddress(trusted: Array(Keccak256.hash(Array(label.utf8)).suffix(20)))
    }
}

/// ``Hex/decode(_:what:length:)`` with the failure as a
/// ``FinalityError/invalidHex(what:reason:)``, as every finality decoder reports it.
func decodeHex(_ text: String, what: String) throws(FinalityError) -> [UInt8] {
    do { return try Hex.decode(text, what: what) } catch { throw .invalidHex(what: error.what, reason: error.reason) }
}

/// Big-endian encodings used in signed messages (the layout of Solidity's
/// `abi.encodePacked` for `uint256`/`uint64`).
enum Packed {
    /// `value` as a 32-byte big-endian word.
    static func uint256(_ value: UInt64) -> [UInt8] {
        [UInt8](repeating: 0, count: 24) + uint64(value)
    }

    /// The layout every signed or proven claim about a transition uses: tag ‖
    /// chainID (uint256) ‖ verifier (20 bytes) ‖ height (uint256) ‖ parent ‖ root.
    static func transitionClaim(tag: String, chainID: UInt64, verifier: EthereumAddress, transition: Transition) -> [UInt8] {
        Array(tag.utf8) + uint256(chainID) + verifier.bytes + uint256(transition.height) + transition.parent.bytes + transition.root.bytes
    }

    /// `value` as 8 big-endian bytes.
    static func uint64(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }
}
