import SheafField

/// A Fiat–Shamir transcript on Keccak-256.
///
/// Every message is absorbed with its label and length, so two different
/// sequences of messages can never produce the same state; every challenge is
/// derived from the whole history and then absorbed itself. Challenges are 512
/// bits reduced into Fr, so their bias is negligible.
public struct Transcript: Sendable {
    private var state: [UInt8]

    /// A transcript for one protocol, separated from all others by `domain`.
    public init(domain: String) {
        state = Keccak256.hash(Array("sheaf.transcript.v1".utf8) + Transcript.framed(Array(domain.utf8)))
    }

    private static func framed(_ bytes: [UInt8]) -> [UInt8] {
        var length = [UInt8](repeating: 0, count: 8)
        for i in 0..<8 { length[i] = UInt8(truncatingIfNeeded: UInt64(bytes.count) >> UInt64(56 - 8 * i)) }
        return length + bytes
    }

    /// Absorbs `bytes` under `label`.
    public mutating func append(_ label: String, bytes: [UInt8]) {
        state = Keccak256.hash(state + [0x01] + Transcript.framed(Array(label.utf8)) + Transcript.framed(bytes))
    }

    /// Absorbs a scalar (32 big-endian bytes).
    public mutating func append(_ label: String, scalar: Fr) {
        append(label, bytes: scalar.bigEndianBytes)
    }

    /// Absorbs a list of scalars with its length.
    public mutating func append(_ label: String, scalars: [Fr]) {
        append(label, bytes: scalars.flatMap(\.bigEndianBytes))
    }

    /// A challenge in Fr bound to everything absorbed so far; the challenge is
    /// then absorbed, so consecutive challenges differ.
    public mutating func challengeScalar(_ label: String) -> Fr {
        let seed = state + [0x02] + Transcript.framed(Array(label.utf8))
        let wide = Keccak256.hash(seed + [0]) + Keccak256.hash(seed + [1])
        let challenge = Fr(reducingWide: wide)
        append(label, scalar: challenge)
        return challenge
    }

    /// The current 32-byte state, for binding a transcript into another.
    public var digest: [UInt8] { state }
}
