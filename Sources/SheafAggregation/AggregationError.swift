import SheafCurve
import SheafGroth16

/// Why proofs could not be bundled or a bundle could not be decoded or checked.
public enum AggregationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bundle must hold at least one proof, in itself or its children.
    case emptyBundle
    /// An application id is empty, too long or not printable.
    case invalidApplicationID(String)
    /// The number of public inputs does not match the verifying key.
    case wrongPublicInputCount(application: String, expected: Int, got: Int)
    /// The encoding ended before the named field.
    case truncated(String)
    /// The encoding does not start with the bundle magic bytes.
    case badMagic
    /// The encoding's format version is not one this build reads.
    case unsupportedVersion(UInt16)
    /// A count or size exceeds the codec's limit.
    case limitExceeded(what: String, limit: Int)
    /// Bytes remain after the bundle.
    case trailingBytes(Int)
    /// A point in the encoding is invalid.
    case invalidPoint(what: String, reason: CurveError)
    /// A public input in the encoding is not below r.
    case invalidScalar(String)
    /// An entry refers to a verifying key the bundle does not have.
    case keyIndexOutOfRange(Int)
    /// The encoding is structurally invalid.
    case invalidEncoding(String)
    /// The manifest root stored in the encoding does not match its contents.
    case manifestRootMismatch
    /// The bundle holds SnarkPack aggregates but no trusted SRS key was given.
    case missingSRS
    /// The bundle's aggregates were made with a different SRS than the trusted one.
    case srsMismatch
    /// A SnarkPack-level problem.
    case snarkPack(SnarkPackError)
    /// A Groth16-level problem.
    case groth16(Groth16Error)
    /// A bundle or SRS file could not be read (the reason is attached).
    case unreadableFile(path: String, reason: String)
    /// No statement in the bundle belongs to the application id.
    case unknownApplication(String)
    /// An outer proof the bundle cannot carry (why).
    case invalidOuterProof(String)
    /// A bundle that cannot be padded to a fixed outer size (why).
    case cannotPadForOuter(String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .emptyBundle: return "a bundle needs at least one proof"
        case let .invalidApplicationID(id): return "application id '\(id.prefix(40))' must be 1–128 printable ASCII characters"
        case let .wrongPublicInputCount(app, expected, got):
            return "application '\(app)': the verifying key expects \(expected) public inputs, got \(got)"
        case let .truncated(field): return "bundle encoding ends before \(field)"
        case .badMagic: return "not a Sheaf bundle (bad magic bytes)"
        case let .unsupportedVersion(v): return "bundle format version \(v) is not supported by this build"
        case let .limitExceeded(what, limit): return "\(what) exceeds the limit of \(limit)"
        case let .trailingBytes(n): return "\(n) unexpected bytes after the bundle"
        case let .invalidPoint(what, reason): return "\(what): \(reason)"
        case let .invalidScalar(what): return "\(what) is not below the group order r"
        case let .keyIndexOutOfRange(i): return "entry refers to verifying key \(i), which the bundle does not contain"
        case let .invalidEncoding(why): return "invalid encoding: \(why)"
        case .manifestRootMismatch: return "the bundle's manifest root does not match its statements (corrupted or altered)"
        case .missingSRS: return "the bundle holds SnarkPack aggregates: pass the trusted SRS verifier key to verify it"
        case .srsMismatch: return "the bundle's aggregates were made with a different SRS than the trusted one"
        case let .snarkPack(error): return error.description
        case let .groth16(error): return error.description
        case let .unreadableFile(path, reason): return "cannot read \(path): \(reason)"
        case let .unknownApplication(id): return "the bundle holds no statement of application '\(id.prefix(40))'"
        case let .invalidOuterProof(why): return "outer proof: \(why)"
        case let .cannotPadForOuter(why): return "cannot pad for a fixed-size outer proof: \(why)"
        }
    }
}
