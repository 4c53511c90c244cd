import SheafField

/// One rank-1 constraint ⟨A, w⟩ · ⟨B, w⟩ = ⟨C, w⟩, with a label saying which gadget
/// made it (for failure reports).
public struct Constraint: Equatable, Hashable, Sendable {
    /// The left factor.
    public let a: LinearCombination
    /// The right factor.
    public let b: LinearCombination
    /// The product.
    public let c: LinearCombination
    /// Where the constraint comes from, such as `transfer[1]/sender/range/recompose`.
    /// Labels depend only on the circuit's shape, never on witness values.
    public let label: String

    /// A constraint a · b = c.
    public init(a: LinearCombination, b: LinearCombination, c: LinearCombination, label: String) {
        self.a = a
        self.b = b
        self.c = c
        self.label = label
    }

    /// Whether the constraint holds for a full witness vector.
    @inlinable
    public func isSatisfied(by witness: [Fr]) -> Bool {
        a.evaluate(witness) * b.evaluate(witness) == c.evaluate(witness)
    }
}

/// The first constraint a witness violates, with the values on both sides.
public struct UnsatisfiedConstraint: Equatable, Sendable, CustomStringConvertible {
    /// The constraint's position in ``ConstraintSystem/constraints``.
    public let index: Int
    /// Its label.
    public let label: String
    /// ⟨A, w⟩.
    public let a: Fr
    /// ⟨B, w⟩.
    public let b: Fr
    /// ⟨C, w⟩, which differs from a·b.
    public let c: Fr

    /// A one-line report, such as `constraint 812 (transfer[0]/sender/path/root): a·b ≠ c`.
    public var description: String {
        "constraint \(index) (\(label)) is not satisfied: a·b = \((a * b).decimalString), c = \(c.decimalString)"
    }
}

/// The outcome of checking a witness: satisfied, or the first failure, whose
/// type says how much is known about it (``UnsatisfiedConstraint`` from a
/// constraint system, ``CircuitCheckFailure`` with the hints that fed it from
/// a circuit builder).
public enum ConstraintCheck<Failure: Equatable & Sendable & CustomStringConvertible>: Equatable, Sendable, CustomStringConvertible {
    /// Every constraint holds.
    case satisfied
    /// The first violated constraint.
    case unsatisfied(Failure)

    /// Whether every constraint holds.
    public var isSatisfied: Bool { self == .satisfied }

    /// The failure, if any.
    public var failure: Failure? {
        if case let .unsatisfied(failure) = self { return failure }
        return nil
    }

    /// "satisfied" or the failure's description.
    public var description: String {
        switch self {
        case .satisfied: return "satisfied"
        case let .unsatisfied(failure): return failure.description
        }
    }
}

/// The outcome of checking a witness against a constraint system.
public typealias SatisfactionResult = ConstraintCheck<UnsatisfiedConstraint>

/// A rank-1 constraint system over BN254 Fr in the snarkjs/circom layout.
///
/// The witness vector w has ``variableCount`` entries: w₀ = 1, then the
/// ``publicInputCount`` public inputs w₁…w_ℓ (in the order a snarkjs `public.json`
/// lists them), then the private variables. Groth16's verifier sees exactly
/// w₁…w_ℓ. The system knows nothing about values: it is the circuit's shape, the
/// same however it was built, so keys can be derived from it alone.
public struct ConstraintSystem: Equatable, Sendable {
    /// The number ℓ of public inputs, not counting the constant one.
    public let publicInputCount: Int
    /// The number of private (witness-only) variables.
    public let privateVariableCount: Int
    /// The constraints, in the order they were enforced.
    public let constraints: [Constraint]
    /// A name for each public input, in order (for reports and JSON).
    public let publicInputNames: [String]
    /// The variables a commit-and-prove (BSB22) Groth16 proof commits to before
    /// the challenge they determine; nil for a plain system, which is what every
    /// snarkjs file holds.
    public internal(set) var commitment: CommitmentLayout?

    /// Validates and wraps a system, such as one read from a file.
    ///
    /// - Throws: ``R1CSError/invalidShape(_:)`` for negative counts or a wrong number
    ///   of names, ``R1CSError/variableOutOfRange(constraint:variable:variableCount:)``
    ///   when a constraint mentions a variable that does not exist.
    public init(publicInputCount: Int, privateVariableCount: Int, constraints: [Constraint],
                publicInputNames: [String]? = nil) throws {
        guard publicInputCount >= 0, privateVariableCount >= 0 else {
            throw R1CSError.invalidShape("negative variable count")
        }
        let names = publicInputNames ?? (0..<publicInputCount).map { "public[\($0)]" }
        guard names.count == publicInputCount else {
            throw R1CSError.invalidShape("\(names.count) public input names for \(publicInputCount) public inputs")
        }
        let count = 1 + publicInputCount + privateVariableCount
        for (index, constraint) in constraints.enumerated() {
            for lc in [constraint.a, constraint.b, constraint.c] where lc.maxVariable >= count {
                throw R1CSError.variableOutOfRange(constraint: index, variable: lc.maxVariable, variableCount: count)
            }
        }
        self.init(unchecked: publicInputCount, privateVariableCount, constraints, names)
    }

    /// Wraps a system the builder produced, whose indices are valid by construction.
    init(unchecked publicInputCount: Int, _ privateVariableCount: Int, _ constraints: [Constraint], _ names: [String]) {
        self.publicInputCount = publicInputCount
        self.privateVariableCount = privateVariableCount
        self.constraints = constraints
        self.publicInputNames = names
        self.commitment = nil
    }

    /// 1 + ``publicInputCount`` + ``privateVariableCount``: the witness length.
    public var variableCount: Int { 1 + publicInputCount + privateVariableCount }

    /// The number of constraints.
    public var constraintCount: Int { constraints.count }

    /// The number of nonzero entries of the A, B and C matrices (a cost measure for
    /// setup and proving).
    public var nonZeroEntries: (a: Int, b: Int, c: Int) {
        constraints.reduce((0, 0, 0)) { ($0.0 + $1.a.terms.count, $0.1 + $1.b.terms.count, $0.2 + $1.c.terms.count) }
    }

    /// Checks the shape of an untrusted witness vector.
    ///
    /// - Throws: ``R1CSError/wrongWitnessLength(expected:actual:)`` or
    ///   ``R1CSError/witnessConstantNotOne``.
    public func validate(witness: [Fr]) throws {
        guard witness.count == variableCount else {
            throw R1CSError.wrongWitnessLength(expected: variableCount, actual: witness.count)
        }
        guard witness[0].isOne else { throw R1CSError.witnessConstantNotOne }
    }

    /// Checks every constraint, in order, and reports the first violated one.
    ///
    /// - Throws: when the witness has the wrong length or w₀ ≠ 1 (see
    ///   ``validate(witness:)``); a violated constraint is a result, not an error.
    public func isSatisfied(by witness: [Fr]) throws -> SatisfactionResult {
        try validate(witness: witness)
        for (index, constraint) in constraints.enumerated() {
            let a = constraint.a.evaluate(witness)
            let b = constraint.b.evaluate(witness)
            let c = constraint.c.evaluate(witness)
            if a * b != c {
                return .unsatisfied(UnsatisfiedConstraint(index: index, label: constraint.label, a: a, b: b, c: c))
            }
        }
        return .satisfied
    }

    /// The public inputs w₁…w_ℓ of a witness, in `public.json` order.
    ///
    /// - Throws: as ``validate(witness:)``.
    public func publicInputs(from witness: [Fr]) throws -> [Fr] {
        try validate(witness: witness)
        return Array(witness[1..<(1 + publicInputCount)])
    }
}
