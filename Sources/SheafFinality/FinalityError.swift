/// Errors from decoding untrusted bytes, from configuration and from misuse of the
/// finality state machine. Each description says what is wrong and, where it helps,
/// what to do.
///
/// A proof, attestation or challenge the rules turn down is not an error: `apply`
/// returns it as `EventOutcome.rejected` with an `EventRejection`, because rejecting
/// bad input is the state machine doing its job.
public enum FinalityError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Text that should be hex is not.
    case invalidHex(what: String, reason: String)
    /// A byte string has the wrong length.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// 32 bytes that are not a valid secp256k1 secret key (zero, or ≥ the group order).
    case invalidPrivateKey
    /// Bytes that do not encode a point on secp256k1.
    case invalidPublicKey(reason: String)
    /// A signature that cannot be parsed (bad DER, r or s out of range, …).
    case invalidSignature(reason: String)
    /// An Ethereum `v` / recovery id outside {0, 1, 27, 28}.
    case invalidRecoveryID(UInt8)
    /// A signature with s in the upper half of the group order (malleable form).
    case highS
    /// No public key can be recovered from the signature and digest.
    case recoveryFailed
    /// A configuration that cannot work (threshold of zero, duplicate members, …).
    case invalidConfiguration(String)
    /// A council configuration below the Stage 2 bar (≥ 8 members, ≥ 75 % threshold).
    case belowStage2([String])
    /// An event whose timestamp is earlier than the state machine's clock.
    case eventOutOfOrder(event: Timestamp, now: Timestamp)
    /// Bytes (JSON, a journal payload) that do not decode to the expected value.
    case malformed(what: String, reason: String)
    /// A simulation scenario name that is not built in.
    case unknownScenario(name: String, known: [String])

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .invalidHex(what, reason): return "invalid hex for \(what): \(reason)"
        case let .wrongLength(what, expected, actual): return "\(what) must be \(expected) bytes, got \(actual)"
        case .invalidPrivateKey: return "invalid secp256k1 private key: it must be non-zero and below the group order"
        case let .invalidPublicKey(reason): return "invalid secp256k1 public key: \(reason)"
        case let .invalidSignature(reason): return "invalid ECDSA signature: \(reason)"
        case let .invalidRecoveryID(v): return "invalid signature recovery id v=\(v): expected 0, 1, 27 or 28"
        case .highS: return "signature has a high s value (malleable form); only low-s signatures are accepted"
        case .recoveryFailed: return "no public key can be recovered from this signature and message"
        case let .invalidConfiguration(why): return "invalid finality configuration: \(why)"
        case let .belowStage2(reasons): return "security council is below Stage 2: " + reasons.joined(separator: "; ")
        case let .eventOutOfOrder(event, now):
            return "event at \(event) is earlier than the state's clock \(now): events must be applied in time order"
        case let .malformed(what, reason): return "malformed \(what): \(reason)"
        case let .unknownScenario(name, known):
            return "unknown scenario '\(name)'; known scenarios: \(known.joined(separator: ", ")) (see --list)"
        }
    }
}

/// Errors reading or writing an event journal.
public enum JournalError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32, message: String)
    /// The file has no valid header record, so it is not a Sheaf finality journal.
    case missingHeader(path: String)
    /// A record that is not the last one fails its checks. Unlike a torn last line
    /// (which a crash can leave and which is dropped), this means the file was
    /// damaged or edited, so nothing after it can be trusted.
    case corruptRecord(path: String, line: Int, reason: String)
    /// The header names a journal format this code does not read.
    case unsupportedVersion(path: String, version: Int)
    /// A journal key is unusable (too short).
    case invalidKey(String)
    /// An authenticated journal does not match its checkpoint: records were cut
    /// off or replaced, the checkpoint is missing, or it was not made with the key.
    case checkpointMismatch(path: String, reason: String)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .io(operation, path, errno, message):
            return "\(operation) failed for \(path): \(message) (errno \(errno))"
        case let .missingHeader(path):
            return "\(path) is not a Sheaf finality journal: its first line is not a valid header record"
        case let .corruptRecord(path, line, reason):
            return "\(path) line \(line) is corrupt (\(reason)); later lines cannot be trusted: restore the journal from a backup"
        case let .unsupportedVersion(path, version):
            return "\(path) uses journal format version \(version), which this build does not read"
        case let .invalidKey(reason):
            return "unusable journal key: \(reason)"
        case let .checkpointMismatch(path, reason):
            return "\(path) does not match its authenticated checkpoint (\(reason)): the journal was cut, altered or replaced"
        }
    }
}
