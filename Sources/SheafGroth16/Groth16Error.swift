import SheafCurve

/// Why a Groth16 proof, verifying key or public-input list could not be used.
///
/// Every rejection of untrusted input in the verifier and the snarkjs codecs is one
/// of these cases, so callers (the CLI, an aggregator) can tell "malformed" from
/// "well formed but false": ``Groth16/verify(proof:publicInputs:key:)`` returns
/// `false` only for the latter. Field names in the cases are JSON paths such as
/// `pi_b[1][0]`, so a message points at the offending value.
public enum Groth16Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The verifier was given `got` public inputs, but the key has `expected`
    /// (one fewer than its IC points).
    case wrongPublicInputCount(expected: Int, got: Int)
    /// Public input number `index` (from 0) is not below the group order r. Only
    /// decoders can see this: an `Fr` value is reduced by construction, and silently
    /// reducing an encoded input would let two different strings verify alike.
    case publicInputNotInField(index: Int)
    /// A coordinate of the named point is not below the base-field modulus p.
    case coordinateNotInField(field: String)
    /// The named point is off its curve or outside the prime-order subgroup.
    case invalidPoint(field: String, reason: CurveError)
    /// The named value is not an unsigned decimal number.
    case malformedNumber(field: String)
    /// The document is not JSON at all (the parser's reason is attached).
    case malformedJSON(String)
    /// An EVM precompile rejected the bytes the EVM-equivalent verifier gave it.
    case precompileRejected(String)
    /// A required field is absent.
    case missingField(String)
    /// A field has the wrong JSON type, nesting or number of elements.
    case wrongShape(field: String, expected: String)
    /// The `protocol` field names something other than `groth16`.
    case unsupportedProtocol(String)
    /// The `curve` field names something other than `bn128` (snarkjs's name for BN254).
    case unsupportedCurve(String)
    /// A verifying key's `nPublic` disagrees with its `IC` list (which must hold
    /// nPublic + 1 points).
    case publicCountMismatch(nPublic: Int, icCount: Int)
    /// A verifying key carries `vk_alphabeta_12`, and it is not snarkjs's e(α, β)
    /// for its α and β: the file was edited or assembled from different keys.
    case alphaBetaMismatch
    /// A verifying key's α, β, γ or δ (named by `field`) is the point at
    /// infinity: such a key accepts forged proofs (see
    /// ``VerifyingKey/pointAtInfinity``).
    case degenerateVerifyingKey(field: String)
    /// An input exceeds a size bound (document bytes, array length, string length or
    /// nesting depth); the bound protects the process from hostile files.
    case inputTooLarge(what: String, limit: Int)
    /// A file could not be opened or read (the system's reason is attached).
    case unreadableFile(path: String, reason: String)
    /// A byte encoding had the wrong length.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// Entry `index` of a batch is unusable for the attached reason.
    indirect case batchEntry(index: Int, Groth16Error)
    /// A JSON document was expected, but the bytes are one of snarkjs's binary
    /// files, named by its magic (`zkey`, `ptau`, `wtns` or `r1cs`): for example a
    /// proving key `.zkey` given where `verification_key.json` belongs.
    case binarySnarkJSFile(format: String)
    /// A circuit with lookups commits to part of its witness: it needs the
    /// commit-and-prove prover and verifier (``Groth16/proveCommitted(key:constraintSystem:witness:)``),
    /// and plain Groth16 must not be used with its keys.
    case commitmentRequired
    /// The commit-and-prove API was given a plain circuit or key, or a key made
    /// for a different commitment layout.
    case commitmentMismatch(String)
    /// The witness's lookup challenge is not the hash of the commitment the
    /// prover computes from the same witness: it was built without
    /// ``Groth16/commitmentChallenge(key:)`` (or with another key).
    case commitmentChallengeMismatch
    /// A commit-and-prove decoder was given a file of another protocol (a plain
    /// snarkjs `groth16` key or proof, say), or the reverse is not possible:
    /// plain decoders report ``unsupportedProtocol(_:)``.
    case wrongProtocol(found: String, expected: String)
    /// A commit-and-prove key's `nPublic` disagrees with its `IC` list, which
    /// holds nPublic + 2 points: the last is the lookup challenge's.
    case committedPublicCountMismatch(nPublic: Int, icCount: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .wrongPublicInputCount(expected, got):
            return "wrong number of public inputs: the verifying key expects \(expected), got \(got)"
        case let .publicInputNotInField(index):
            return "public input \(index) is not below the BN254 group order r"
        case let .coordinateNotInField(field):
            return "\(field): coordinate is not below the BN254 base-field modulus p"
        case let .invalidPoint(field, reason):
            return "\(field): \(reason)"
        case let .malformedNumber(field):
            return "\(field): expected an unsigned decimal number as a string"
        case let .precompileRejected(reason):
            return "an EVM precompile rejected its input: \(reason)"
        case let .malformedJSON(reason):
            return "not valid JSON: \(reason)"
        case let .missingField(field):
            return "missing field \(field)"
        case let .wrongShape(field, expected):
            return "\(field): expected \(expected)"
        case let .unsupportedProtocol(name):
            return "protocol is \"\(name)\", expected \"groth16\""
        case let .unsupportedCurve(name):
            return "curve is \"\(name)\", expected \"bn128\" (BN254)"
        case let .publicCountMismatch(nPublic, icCount):
            return "nPublic is \(nPublic) but IC has \(icCount) points (expected nPublic + 1)"
        case .alphaBetaMismatch:
            return "vk_alphabeta_12 is not e(vk_alpha_1, vk_beta_2)"
        case let .degenerateVerifyingKey(field):
            return "\(field) is the point at infinity: a verifying key with α, β, γ, δ (or a commitment key's g, −σg) at infinity accepts forged proofs"
        case let .inputTooLarge(what, limit):
            return "\(what) exceeds the limit of \(limit)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .wrongLength(what, expected, actual):
            return "\(what): expected \(expected) bytes, got \(actual)"
        case let .batchEntry(index, underlying):
            return "batch entry \(index): \(underlying)"
        case let .binarySnarkJSFile(format):
            return "this looks like a binary snarkjs .\(format) file, not JSON"
        case .commitmentRequired:
            return "the circuit commits to part of its witness (lookups): use the commit-and-prove prover and verifier"
        case let .commitmentMismatch(reason):
            return "commit-and-prove: \(reason)"
        case .commitmentChallengeMismatch:
            return "the witness's lookup challenge is not the hash of its commitment: build it with Groth16.commitmentChallenge(key:)"
        case let .wrongProtocol(found, expected):
            return "protocol is \"\(found)\", expected \"\(expected)\""
        case let .committedPublicCountMismatch(nPublic, icCount):
            return "nPublic is \(nPublic) but IC has \(icCount) points (expected nPublic + 2: the last is the lookup challenge's)"
        }
    }

    /// Hostile strings can be arbitrarily long; messages quote at most this much.
    static func quoted(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}
