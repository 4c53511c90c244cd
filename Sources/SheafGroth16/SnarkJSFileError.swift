import SheafCurve

/// Why a snarkjs binary file (`.zkey` proving key, `.wtns` witness) could not be
/// used, or why proving from one failed.
///
/// Each case names the part of the file at fault, so a message such as
/// "zkey A query: point 17: point is not on the BN254 G1 curve" says where to look.
public enum SnarkJSFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not start with the expected four-letter magic.
    case notThisFormat(expected: String)
    /// The container version is not one this reader understands.
    case unsupportedVersion(format: String, version: Int)
    /// The file or a section ends before the named value.
    case truncated(String)
    /// Bytes follow the last declared section, or a section is longer than its content.
    case trailingBytes(what: String, count: Int)
    /// The header declares more sections than any snarkjs file has.
    case tooManySections(Int, limit: Int)
    /// A section type appears twice.
    case duplicateSection(format: String, type: Int)
    /// A required section is absent.
    case missingSection(type: Int, name: String)
    /// A section's size disagrees with the counts in the header.
    case wrongSectionSize(String, expected: Int, actual: Int)
    /// The file is for another field or curve (element size or prime differ from BN254's).
    case unsupportedField(String)
    /// The zkey is for a proof system other than Groth16 (snarkjs: 1 Groth16, 2 PLONK, 10 FFLONK).
    case unsupportedProtocol(Int)
    /// A header value is out of range (the reason names it).
    case invalidHeader(String)
    /// A stored coordinate is not below p.
    case coordinateNotInField(String)
    /// A stored point is off its curve or outside the prime-order subgroup.
    case invalidPoint(String, CurveError)
    /// A stored scalar (coefficient or witness value) is not below r.
    case scalarNotInField(String)
    /// Coefficient `index` of the constraint matrices is unusable (the reason names the field).
    case invalidCoefficient(index: Int, reason: String)
    /// The witness has `got` values; the proving key has `expected` variables.
    case wrongWitnessLength(expected: Int, got: Int)
    /// The witness's first value (circom's constant signal) is not 1.
    case witnessConstantNotOne
    /// The proof made from the witness does not verify under the key's own
    /// verifying key: the witness does not satisfy the circuit, or the key's
    /// queries are inconsistent with its verifying key.
    case proofDoesNotVerify
    /// A file could not be opened or read (the system's reason is attached).
    case unreadableFile(path: String, reason: String)
    /// The embedded verifying key's α, β, γ or δ (named) is the point at
    /// infinity: such a key accepts forged proofs.
    case degenerateVerifyingKey(String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .notThisFormat(expected):
            // .shpk is Sheaf's own container; the others are snarkjs's.
            return "not a \(expected == "shpk" ? "Sheaf" : "snarkjs") .\(expected) file (the first four bytes are not \"\(expected)\")"
        case let .unsupportedVersion(format, version):
            return ".\(format) container version \(version) is not supported"
        case let .truncated(what):
            return "file ends early: \(what)"
        case let .trailingBytes(what, count):
            return "\(what): \(count) unexpected trailing bytes"
        case let .tooManySections(count, limit):
            return "the file declares \(count) sections, more than the limit of \(limit)"
        case let .duplicateSection(format, type):
            return ".\(format) section \(type) appears twice"
        case let .missingSection(type, name):
            return "section \(type) (\(name)) is missing"
        case let .wrongSectionSize(name, expected, actual):
            return "\(name): expected \(expected) bytes from the header's counts, found \(actual)"
        case let .unsupportedField(why):
            return why
        case let .unsupportedProtocol(id):
            return "the key is for protocol \(id) (\(Self.protocolName(id))), not Groth16"
        case let .invalidHeader(why):
            return "invalid header: \(why)"
        case let .coordinateNotInField(what):
            return "\(what): coordinate is not below the BN254 base-field modulus p"
        case let .invalidPoint(what, reason):
            return "\(what): \(reason)"
        case let .scalarNotInField(what):
            return "\(what): value is not below the BN254 group order r"
        case let .invalidCoefficient(index, reason):
            return "constraint coefficient \(index): \(reason)"
        case let .wrongWitnessLength(expected, got):
            return "the witness has \(got) values but the proving key has \(expected) variables"
        case .witnessConstantNotOne:
            return "the witness's first value (the constant signal) is not 1"
        case .proofDoesNotVerify:
            return "the proof does not verify under the key's verifying key: the witness does not satisfy the circuit (or the key is inconsistent)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .degenerateVerifyingKey(what):
            return "\(what) is the point at infinity: a verifying key with α, β, γ or δ at infinity accepts forged proofs"
        }
    }

    static func protocolName(_ id: Int) -> String {
        switch id {
        case 1: return "Groth16"
        case 2: return "PLONK"
        case 10: return "FFLONK"
        default: return "unknown"
        }
    }
}
