import SheafField

/// Records a circuit's constraints and, in ``Mode-swift.enum/witness`` mode, the
/// witness assignment that goes with them, in one pass over the circuit code.
///
/// Circuit code allocates variables (getting back single-variable
/// ``LinearCombination``s), combines them linearly for free and pays one constraint
/// per ``enforce(_:_:_:_:)``. Variable numbers are final from the start: the number
/// of public inputs is declared up front, so public input k is variable 1 + k and
/// private variable j is variable 1 + ℓ + j, whatever order they are allocated in
/// (a public output such as a new Merkle root can be allocated last).
///
/// Determinism: the constraints depend only on the order of calls, never on values,
/// as long as circuit code does not branch on ``value(of:)`` (no gadget here does).
/// Building in ``Mode-swift.enum/shape`` mode skips every value computation (value
/// closures are not called and ``value(of:)`` returns 0) and yields the identical
/// ``ConstraintSystem``; that is how keys are made without a witness.
public struct CircuitBuilder: Sendable {
    /// Whether witness values are computed.
    public enum Mode: Sendable, Equatable {
        /// Constraints and witness values.
        case witness
        /// Constraints only; every value reads as 0.
        case shape
    }

    /// The mode chosen at creation.
    public let mode: Mode
    /// The declared number ℓ of public inputs.
    public let publicInputCount: Int
    /// The full assignment so far: [1, public inputs (0 until allocated), private
    /// variables]. Only the first 1 + ℓ entries exist in shape mode.
    private var values: [Fr]
    private var publicNames: [String]
    private var publicAllocated = 0
    private var privateCount = 0
    private var constraints: [Constraint] = []
    private var namespaceStack: [String] = []
    private var prefix = ""
    /// Every hint so far, in allocation order (see `CircuitBuilder+Hints.swift`).
    var hintRecords: [HintRecord] = []
    /// Hints whose computation failed in witness mode, with the reason; their
    /// outputs were allocated as zeros.
    public internal(set) var hintFailures: [HintFailure] = []

    /// A stand-in for a dishonest prover: when set, every hint's honest outputs pass
    /// through it before they are allocated, so tests can replace any hint value and
    /// let the rest of the witness (bit decompositions, later hints) follow it.
    /// It never changes the constraints, only witness values; it is not called in
    /// shape mode.
    public var adversary: (@Sendable (_ hint: String, _ honest: [Fr]) -> [Fr])?

    /// A builder for a circuit with `publicInputCount` public inputs.
    public init(publicInputCount: Int, mode: Mode = .witness) {
        precondition(publicInputCount >= 0, "negative public input count")
        self.mode = mode
        self.publicInputCount = publicInputCount
        values = [Fr.one] + Array(repeating: Fr.zero, count: publicInputCount)
        publicNames = []
    }

    /// The number of constraints enforced so far.
    public var constraintCount: Int { constraints.count }

    /// The number of variables so far, the constant one included.
    public var variableCount: Int { 1 + publicInputCount + privateCount }

    /// Allocates the next public input (in declaration order) with the given value
    /// (not evaluated in shape mode).
    public mutating func publicInput(_ name: String, _ value: @autoclosure () -> Fr) -> LinearCombination {
        precondition(publicAllocated < publicInputCount, "more public inputs than the \(publicInputCount) declared")
        let variable = 1 + publicAllocated
        if mode == .witness { values[variable] = value() }
        publicNames.append(prefixed(name))
        publicAllocated += 1
        return LinearCombination(variable: variable)
    }

    /// Allocates a private variable with the given value (not evaluated in shape mode).
    public mutating func allocate(_ value: @autoclosure () -> Fr) -> LinearCombination {
        let variable = 1 + publicInputCount + privateCount
        privateCount += 1
        if mode == .witness { values.append(value()) }
        return LinearCombination(variable: variable)
    }

    /// The value of a combination under the assignment so far (0 in shape mode).
    public func value(of lc: LinearCombination) -> Fr {
        guard mode == .witness else { return .zero }
        return lc.evaluate(values)
    }

    /// Records the constraint a · b = c. The label is prefixed with the current
    /// namespaces and reported when a witness violates the constraint.
    public mutating func enforce(_ a: LinearCombination, _ b: LinearCombination, _ c: LinearCombination, _ label: String) {
        precondition(max(a.maxVariable, b.maxVariable, c.maxVariable) < variableCount,
                     "constraint uses a variable from another builder")
        constraints.append(Constraint(a: a, b: b, c: c, label: prefixed(label)))
    }

    /// Runs `body` with `name` appended to the label prefix, so that constraints
    /// report where they come from (`transfer[1]/receiver/path/level[3]/…`).
    public mutating func withNamespace<T>(_ name: String, _ body: (inout CircuitBuilder) throws -> T) rethrows -> T {
        namespaceStack.append(name)
        prefix = namespaceStack.joined(separator: "/")
        defer {
            namespaceStack.removeLast()
            prefix = namespaceStack.joined(separator: "/")
        }
        return try body(&self)
    }

    func prefixed(_ label: String) -> String {
        prefix.isEmpty ? label : prefix + "/" + label
    }

    /// The constraint system built so far; every declared public input must have
    /// been allocated.
    public func constraintSystem() -> ConstraintSystem {
        precondition(publicAllocated == publicInputCount,
                     "\(publicAllocated) of \(publicInputCount) declared public inputs were allocated")
        return ConstraintSystem(unchecked: publicInputCount, privateCount, constraints, publicNames)
    }

    /// The full witness vector [1, public inputs, private variables]; only in
    /// witness mode.
    public func witness() -> [Fr] {
        precondition(mode == .witness, "a shape-only builder has no witness")
        precondition(publicAllocated == publicInputCount,
                     "\(publicAllocated) of \(publicInputCount) declared public inputs were allocated")
        return values
    }
}
