/// Why a constraint system, witness or evaluation domain was refused.
public enum R1CSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A witness vector has `actual` entries; the system has `expected` variables
    /// (1 + public inputs + private variables).
    case wrongWitnessLength(expected: Int, actual: Int)
    /// Entry 0 of a witness vector, the constant one, is something else.
    case witnessConstantNotOne
    /// Constraint `constraint` mentions variable `variable`, which is not below the
    /// system's variable count.
    case variableOutOfRange(constraint: Int, variable: Int, variableCount: Int)
    /// The system was declared with a negative variable or public-input count, or
    /// names a different number of public inputs than it declares.
    case invalidShape(String)
    /// The witness violates constraint `index` (with its label); the QAP quotient
    /// only exists for satisfying witnesses.
    case unsatisfied(index: Int, label: String)
    /// A domain size that is not a power of two.
    case domainSizeNotPowerOfTwo(Int)
    /// A domain larger than BN254 Fr's 2²⁸ roots of unity allow.
    case domainTooLarge(requested: Int, maximum: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .wrongWitnessLength(expected, actual):
            return "witness has \(actual) entries, the constraint system has \(expected) variables"
        case .witnessConstantNotOne:
            return "witness entry 0 must be the constant 1"
        case let .variableOutOfRange(constraint, variable, variableCount):
            return "constraint \(constraint) uses variable \(variable), but there are only \(variableCount) variables"
        case let .invalidShape(reason):
            return "invalid constraint system: \(reason)"
        case let .unsatisfied(index, label):
            return "witness does not satisfy constraint \(index) (\(label))"
        case let .domainSizeNotPowerOfTwo(size):
            return "evaluation domain size \(size) is neither a power of two nor 3·2^k (k ≥ 1)"
        case let .domainTooLarge(requested, maximum):
            return "evaluation domain of size \(requested) exceeds the maximum \(maximum) (2^28 for BN254 Fr)"
        }
    }
}
