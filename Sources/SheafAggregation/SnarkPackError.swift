/// Why a SnarkPack aggregate could not be made or checked.
public enum SnarkPackError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Specialisation needs a power of two.
    case notPowerOfTwo(Int)
    /// The SRS supports fewer proofs than asked for.
    case srsTooSmall(needed: Int, available: Int)
    /// Aggregation needs at least one proof.
    case noProofs
    /// Proof and public-input lists differ in length.
    case mismatchedInputs(proofs: Int, inputs: Int)
    /// A statement has the wrong number of public inputs for the key.
    case wrongPublicInputCount(index: Int, expected: Int, got: Int)
    /// The aggregate's shape does not fit the claimed number of proofs.
    case malformedProof(String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .notPowerOfTwo(n): return "\(n) is not a power of two ≥ 2"
        case let .srsTooSmall(needed, available): return "the SRS supports \(available) proofs, \(needed) needed"
        case .noProofs: return "nothing to aggregate"
        case let .mismatchedInputs(proofs, inputs): return "\(proofs) proofs but \(inputs) public-input lists"
        case let .wrongPublicInputCount(index, expected, got): return "statement \(index): expected \(expected) public inputs, got \(got)"
        case let .malformedProof(why): return "malformed aggregate proof: \(why)"
        }
    }
}
