/// Why a trace, a bundle or an estimate could not be priced.
public enum GasError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A step carries a negative or otherwise impossible size (`field` names it).
    case invalidStep(label: String, field: String, value: Int)
    /// The trace calls a precompile the fork does not have (BLS12-381 before
    /// Prague, P256VERIFY before Osaka).
    case precompileUnavailable(precompile: String, fork: String)
    /// A bundle description is impossible (no proofs, more circuits than proofs…).
    case invalidBundle(String)
    /// An application description is impossible.
    case invalidApplication(name: String, reason: String)
    /// An estimator or fee parameter is out of range.
    case invalidParameter(name: String, reason: String)
    /// An integer computation left the 64-bit range (absurd fees or sizes).
    case overflow(String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .invalidStep(label, field, value):
            return "step \"\(label)\": \(field) = \(value) is not allowed"
        case let .precompileUnavailable(precompile, fork):
            return "\(precompile) does not exist in fork \(fork)"
        case let .invalidBundle(reason):
            return "invalid bundle: \(reason)"
        case let .invalidApplication(name, reason):
            return "application \"\(name)\": \(reason)"
        case let .invalidParameter(name, reason):
            return "\(name): \(reason)"
        case let .overflow(what):
            return "arithmetic overflow while computing \(what)"
        }
    }
}

/// Why a fork schedule could not be loaded or is inconsistent.
public enum ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No built-in schedule has this name.
    case unknownFork(name: String, known: [String])
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not JSON of the expected shape (`reason` names the key path).
    case malformed(source: String, reason: String)
    /// The file names a key the schedule does not have (usually a typo).
    case unknownKey(source: String, path: String)
    /// A value is out of range (`field` is its key path).
    case invalidValue(source: String, field: String, reason: String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .unknownFork(name, known):
            return "unknown fork \"\(name)\"; known forks: \(known.joined(separator: ", "))"
        case let .unreadable(path, reason):
            return "cannot read schedule file \(path): \(reason)"
        case let .malformed(source, reason):
            return "\(source): not a valid fork schedule: \(reason)"
        case let .unknownKey(source, path):
            return "\(source): unknown key \"\(path)\" (check the spelling against `sheaf gas --print-schedule`)"
        case let .invalidValue(source, field, reason):
            return "\(source): \(field) \(reason)"
        }
    }
}
