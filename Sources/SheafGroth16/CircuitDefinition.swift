import SheafField

/// A circuit: a statement with parameters, synthesised into a ``CircuitBuilder``.
///
/// `synthesize` must allocate exactly ``publicInputCount`` public inputs and must
/// not branch on witness values, so that ``constraintSystem()`` (shape mode, with
/// ``placeholderWitness()``) and ``assign(_:)`` (witness mode, with a real witness)
/// produce the same ``ConstraintSystem``. `synthesize` rejects witnesses of the
/// wrong *shape* (path lengths, item counts) but accepts any *values*: a witness
/// for a false statement builds and then fails ``ConstraintSystem/isSatisfied(by:)``
/// at the constraint that catches it.
public protocol CircuitDefinition: Sendable {
    /// The circuit-level witness: the values the prover knows, before they are
    /// spread over variables.
    associatedtype Witness

    /// ℓ, the number of public inputs (the lookup challenge, if any, not counted).
    var publicInputCount: Int { get }

    /// Lookup range checks, which make the circuit commit-and-prove; nil (the
    /// default) for bit decomposition and a plain Groth16 circuit.
    var lookups: LookupRangeChecks? { get }

    /// A witness of the right shape whose values do not matter.
    func placeholderWitness() -> Witness

    /// Allocates the variables and enforces the statement.
    ///
    /// - Throws: ``CircuitError/wrongWitnessShape(_:)`` for a witness of the wrong
    ///   shape.
    func synthesize(_ builder: inout CircuitBuilder, witness: Witness) throws
}

extension CircuitDefinition {
    /// No lookups: plain Groth16.
    public var lookups: LookupRangeChecks? { nil }

    /// The circuit's constraint system, built without a witness: what keys are
    /// derived from.
    public func constraintSystem() throws -> ConstraintSystem {
        var builder = CircuitBuilder(publicInputCount: publicInputCount, mode: .shape, lookups: lookups)
        try synthesize(&builder, witness: placeholderWitness())
        builder.finalize()
        return builder.constraintSystem()
    }

    /// The constraint system and the full witness vector for `witness` (with
    /// lookups, under the builder's check-only challenge: to prove, use
    /// ``assign(_:commitmentChallenge:)``).
    ///
    /// - Throws: ``CircuitError/wrongWitnessShape(_:)``.
    public func assign(_ witness: Witness) throws -> (system: ConstraintSystem, witness: [Fr]) {
        var builder = CircuitBuilder(publicInputCount: publicInputCount, mode: .witness, lookups: lookups)
        try synthesize(&builder, witness: witness)
        builder.finalize()
        return (builder.constraintSystem(), builder.witness())
    }
}

/// Why an application circuit or its native model refused its input.
public enum CircuitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Circuit parameters out of their supported range.
    case invalidParameters(String)
    /// A circuit witness of the wrong shape (the reason names the part).
    case wrongWitnessShape(String)
    /// An account index outside the tree.
    case accountOutOfRange(index: Int, capacity: Int)
    /// A rollup batch with the wrong number of transfers.
    case wrongBatchSize(expected: Int, actual: Int)
    /// A transfer whose nonce is not the sender's current nonce.
    case nonceMismatch(account: Int, expected: UInt64, actual: UInt64)
    /// A transfer larger than the sender's balance.
    case insufficientBalance(account: Int, balance: UInt64, amount: UInt64)
    /// A transfer that would push a balance or nonce past 2⁶⁴ − 1.
    case overflow(account: Int)
    /// A note that is not the leaf at the claimed index of the tree.
    case noteNotInTree(leafIndex: Int)
    /// A note whose value is not the pool's denomination.
    case wrongDenomination(expected: UInt64, actual: UInt64)
    /// Fewer guardian approvals than the threshold.
    case notEnoughApprovals(required: Int, actual: Int)
    /// Two approvals from the same guardian.
    case duplicateGuardian(index: Int)
    /// A guardian index outside the guardian set.
    case guardianOutOfRange(index: Int, count: Int)
    /// An approval whose secret does not open the guardian's commitment.
    case wrongGuardianSecret(index: Int)
    /// An approval made for a different new owner or nonce.
    case approvalForDifferentRequest(index: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .invalidParameters(reason): return "invalid circuit parameters: \(reason)"
        case let .wrongWitnessShape(reason): return "circuit witness has the wrong shape: \(reason)"
        case let .accountOutOfRange(index, capacity): return "account \(index) is outside the tree (0..<\(capacity))"
        case let .wrongBatchSize(expected, actual): return "batch has \(actual) transfers, the circuit takes \(expected)"
        case let .nonceMismatch(account, expected, actual):
            return "transfer from account \(account) has nonce \(actual), the account's nonce is \(expected)"
        case let .insufficientBalance(account, balance, amount):
            return "account \(account) holds \(balance), cannot send \(amount)"
        case let .overflow(account): return "account \(account) would exceed 2^64 − 1"
        case let .noteNotInTree(leafIndex): return "the note is not the leaf at index \(leafIndex)"
        case let .wrongDenomination(expected, actual): return "note value \(actual) is not the pool denomination \(expected)"
        case let .notEnoughApprovals(required, actual): return "\(actual) guardian approvals, \(required) required"
        case let .duplicateGuardian(index): return "guardian \(index) approved twice"
        case let .guardianOutOfRange(index, count): return "guardian \(index) is not in the set of \(count)"
        case let .wrongGuardianSecret(index): return "guardian \(index)'s secret does not match its commitment"
        case let .approvalForDifferentRequest(index): return "guardian \(index) approved a different owner or nonce"
        }
    }
}
