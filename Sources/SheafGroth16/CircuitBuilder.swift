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

    /// What the builder keeps of each constraint.
    public enum ConstraintStorage: Sendable, Equatable {
        /// Every constraint is kept, so ``constraintSystem()`` and
        /// ``check(witness:)`` work. The default.
        case record
        /// Constraints are counted and then dropped; in witness mode each one is
        /// also checked as it is enforced (the first violation is kept for
        /// ``check()``). For circuits of tens of millions of constraints whose
        /// size, or whose satisfiability, is all that is wanted: memory grows with
        /// the witness only.
        case discard
        /// Witness mode only: each constraint is checked as with ``discard`` and
        /// only its three values ⟨A, w⟩, ⟨B, w⟩, ⟨C, w⟩ are kept (96 bytes instead
        /// of its linear combinations and label): all a prover needs
        /// (``takeRowEvaluations()``, ``Groth16/proveCommitted(key:builder:using:onPhase:)``).
        /// The proving key, made from the circuit's shape, carries the rest.
        case evaluate
        /// Shape mode only: each constraint j is added into the QAP at one point
        /// τ (uᵢ(τ) += A[j][i]·Lⱼ(τ), likewise v from B and w from C) and then
        /// dropped: all a seeded setup needs (``takeQAPEvaluation()``,
        /// ``Groth16/insecureSetup(seed:pedersenBase:compactDomain:shape:)``). Memory is the
        /// domain's Lagrange basis plus three values per variable, not the
        /// constraint system, which is what lets a setup of ten million
        /// constraints fit where a recorded one does not.
        case accumulate(QAPPoint)
    }

    /// Where an ``ConstraintStorage/accumulate(_:)`` builder evaluates the QAP:
    /// the point τ and the size n of the domain, which must be one the
    /// circuit's constraint count gives (``EvaluationDomain/init(atLeast:compact:)``
    /// for its rows, compact or not), so a setup counts the constraints in a first pass.
    public struct QAPPoint: Sendable, Equatable {
        /// The point τ.
        public let tau: Fr
        /// The domain size n: 2ᵏ, or 3·2ᵏ for a compact domain.
        public let domainSize: Int

        /// The QAP at `tau` on the domain of size `domainSize`.
        public init(tau: Fr, domainSize: Int) {
            self.tau = tau
            self.domainSize = domainSize
        }
    }

    /// Counts the constraints enforced inside every namespace called `namespace`
    /// (at any depth), and how many of them have a label ending in `labelSuffix`:
    /// how ``CircuitBuilder/ConstraintStorage/discard`` builds still report a
    /// breakdown, such as the share of range checks.
    public struct Tally: Sendable, Equatable {
        /// The namespace component counted.
        public let namespace: String
        /// The label suffix counted among them.
        public let labelSuffix: String
        /// Constraints enforced inside the namespace.
        public internal(set) var constraints = 0
        /// Those whose own label ends in the suffix.
        public internal(set) var suffixed = 0

        /// A tally of `namespace`, with `labelSuffix` counted separately.
        public init(namespace: String, labelSuffix: String) {
            self.namespace = namespace
            self.labelSuffix = labelSuffix
        }
    }

    /// The mode chosen at creation.
    public let mode: Mode
    /// The storage chosen at creation.
    public let storage: ConstraintStorage
    /// The tallies asked for (set them before building).
    public var tallies: [Tally] {
        get { tallyStorage }
        set {
            tallyStorage = newValue
            tallyDepths = newValue.map { t in namespaceStack.filter { $0 == t.namespace }.count }
        }
    }
    private var tallyStorage: [Tally] = []
    /// The first tally, when there is one.
    public var tally: Tally? {
        get { tallies.first }
        set { tallies = newValue.map { [$0] } ?? [] }
    }
    private var tallyDepths: [Int] = []
    /// The number ℓ of public inputs: the declared ones, plus the lookup
    /// challenge (always the last) when ``lookups`` is set.
    public let publicInputCount: Int
    /// Range checks by log-derivative lookup over a Groth16 commitment, when set
    /// (see `CircuitBuilder+Lookup.swift`); bit decomposition otherwise.
    public let lookups: LookupRangeChecks?
    /// The lookup argument's bookkeeping (queries, multiplicities, committed
    /// variables); untouched without ``lookups``.
    var lookupState = LookupState()
    /// How the lookup challenge is drawn from the committed values in witness
    /// mode. A Groth16 proof needs ``Groth16/commitmentChallenge(key:)`` (the hash
    /// of the commitment the prover will publish); when nil the builder draws a
    /// check-only challenge from the values themselves, which is enough for
    /// ``check()`` but not for proving.
    public var commitmentChallenge: (@Sendable ([Fr]) -> Fr)?
    /// Whether gadgets may check sums of polynomial products at the lookup
    /// challenge (``assertProductSumAtChallenge(_:equals:_:)``) instead of at
    /// fixed points; only with ``lookups``, and on by default with them. Set it
    /// before building, the same in every build of a circuit (shape and
    /// witness), since it changes the constraints.
    public var productsAtChallenge: Bool
    /// The bookkeeping of those checks (`CircuitBuilder+ChallengeProducts.swift`).
    var challengeProducts = ChallengeProductState()
    /// The full assignment so far: [1, public inputs (0 until allocated), private
    /// variables]. Only the first 1 + ℓ entries exist in shape mode.
    var values: [Fr]
    private var publicNames: [String]
    var publicAllocated = 0
    private var privateCount = 0
    private var constraints: [Constraint] = []
    /// With discarded storage: constraints enforced so far.
    private var discardedCount = 0
    /// With evaluated storage: ⟨Aⱼ, w⟩, ⟨Bⱼ, w⟩, ⟨Cⱼ, w⟩ per constraint (lookup
    /// queries and constraints reading a late public input filled in later).
    var rowA: [Fr] = [], rowB: [Fr] = [], rowC: [Fr] = []
    /// With accumulated storage: the Lagrange basis Lⱼ(τ) of the domain, and
    /// uᵢ(τ), vᵢ(τ), wᵢ(τ) so far for every variable (the public-input rows are
    /// added by ``takeQAPEvaluation()``).
    private var qapLagrange: [Fr] = [], qapU: [Fr] = [], qapV: [Fr] = [], qapW: [Fr] = []
    private var accumulating = false
    /// With discarded storage in witness mode: the first violated constraint.
    var firstViolation: CircuitCheckFailure?
    /// With discarded storage in witness mode: constraints that read a public
    /// input not yet allocated, checked by ``check()`` once it is.
    private var deferred: [(index: Int, constraint: Constraint)] = []
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
    ///
    /// With `lookups`, range checks ``assertRange(_:bits:_:)`` use a
    /// log-derivative lookup and the circuit gets one more public input, the
    /// lookup challenge, allocated last by ``finalize()``; such a circuit is
    /// proved with ``Groth16/proveCommitted(key:constraintSystem:witness:)``.
    public init(publicInputCount: Int, mode: Mode = .witness, storage: ConstraintStorage = .record,
                lookups: LookupRangeChecks? = nil) {
        precondition(publicInputCount >= 0, "negative public input count")
        self.mode = mode
        self.storage = storage
        self.lookups = lookups
        precondition(storage != .evaluate || mode == .witness, "evaluated storage needs a witness")
        self.publicInputCount = publicInputCount + (lookups == nil ? 0 : 1)
        productsAtChallenge = lookups != nil
        values = [Fr.one] + Array(repeating: Fr.zero, count: self.publicInputCount)
        publicNames = []
        if case .accumulate(let point) = storage {
            precondition(mode == .shape, "accumulated storage builds the shape only")
            guard let domain = try? EvaluationDomain(size: point.domainSize) else {
                preconditionFailure("\(point.domainSize) is not a supported domain size")
            }
            accumulating = true
            qapLagrange = domain.lagrangeCoefficients(at: point.tau)
            qapU = Array(repeating: .zero, count: 1 + self.publicInputCount)
            qapV = qapU; qapW = qapU
        }
        if let lookups, mode == .witness { lookupState.counts = Array(repeating: 0, count: lookups.tableSize) }
    }

    /// The number of constraints enforced so far.
    public var constraintCount: Int { storage == .record ? constraints.count : discardedCount }

    /// The number of variables so far, the constant one included.
    public var variableCount: Int { 1 + publicInputCount + privateCount }

    /// Allocates the next public input (in declaration order) with the given value
    /// (not evaluated in shape mode).
    public mutating func publicInput(_ name: String, _ value: @autoclosure () -> Fr) -> LinearCombination {
        precondition(publicAllocated < publicInputCount - (lookups == nil || lookupState.finalizing ? 0 : 1),
                     "more public inputs than the \(publicInputCount - (lookups == nil ? 0 : 1)) declared")
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
        if accumulating { qapU.append(.zero); qapV.append(.zero); qapW.append(.zero) }
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
        record(a, b, c, label, checked: true)
    }

    /// Records a constraint; with discarded storage in witness mode it is checked
    /// now (or deferred) only when `checked`: lookup queries are checked by
    /// ``finalize()``, which computes their values.
    mutating func record(_ a: LinearCombination, _ b: LinearCombination, _ c: LinearCombination, _ label: String,
                         checked: Bool) {
        precondition(max(a.maxVariable, b.maxVariable, c.maxVariable) < variableCount,
                     "constraint uses a variable from another builder")
        for t in tallyDepths.indices where tallyDepths[t] > 0 {
            tallyStorage[t].constraints += 1
            if label.hasSuffix(tallyStorage[t].labelSuffix) { tallyStorage[t].suffixed += 1 }
        }
        guard storage != .record else {
            constraints.append(Constraint(a: a, b: b, c: c, label: prefixed(label)))
            return
        }
        let index = discardedCount
        discardedCount += 1
        if accumulating {
            // Rows m…m+ℓ of the domain are the public-input rows, so a constraint
            // past the counting pass's domain is a circuit that built differently.
            precondition(index < qapLagrange.count, "more constraints than the QAP domain the counting pass gave")
            let l = qapLagrange[index]
            for term in a.terms { qapU[term.variable] += term.coefficient * l }
            for term in b.terms { qapV[term.variable] += term.coefficient * l }
            for term in c.terms { qapW[term.variable] += term.coefficient * l }
            return
        }
        if storage == .evaluate {
            // A lookup query (unchecked) is filled in by finalize(), a constraint
            // that reads a late public input by takeRowEvaluations().
            rowA.append(.zero); rowB.append(.zero); rowC.append(.zero)
            guard checked else { return }
            if publicAllocated < publicInputCount && (readsPendingPublic(a) || readsPendingPublic(b) || readsPendingPublic(c)) {
                deferred.append((index, Constraint(a: a, b: b, c: c, label: prefixed(label))))
                return
            }
            let (x, y, z) = (a.evaluate(values), b.evaluate(values), c.evaluate(values))
            rowA[index] = x; rowB[index] = y; rowC[index] = z
            if firstViolation == nil, x * y != z {
                firstViolation = violation(of: Constraint(a: a, b: b, c: c, label: prefixed(label)), at: index)
            }
            return
        }
        guard checked, mode == .witness, firstViolation == nil else { return }
        let readsPendingInput = publicAllocated < publicInputCount
            && (readsPendingPublic(a) || readsPendingPublic(b) || readsPendingPublic(c))
        if readsPendingInput {
            deferred.append((index, Constraint(a: a, b: b, c: c, label: prefixed(label))))
        } else if a.evaluate(values) * b.evaluate(values) != c.evaluate(values) {
            // The label is built only for a violation: most constraints hold.
            firstViolation = violation(of: Constraint(a: a, b: b, c: c, label: prefixed(label)), at: index)
        }
    }

    /// Whether a linear combination reads a public input not yet allocated
    /// (terms are sorted by variable, so the scan stops at the first private one).
    func readsPendingPublic(_ lc: LinearCombination) -> Bool {
        for term in lc.terms {
            if term.variable > publicInputCount { return false }
            if term.variable > publicAllocated { return true }
        }
        return false
    }

    /// With evaluated storage, once the circuit is finalized: the rows
    /// ⟨Aⱼ, w⟩, ⟨Bⱼ, w⟩, ⟨Cⱼ, w⟩ of every constraint, moved out of the builder (a
    /// second call returns empty rows). Constraints are not checked here;
    /// ``check()`` (before) or the prover does that.
    public mutating func takeRowEvaluations() -> (a: [Fr], b: [Fr], c: [Fr]) {
        precondition(storage == .evaluate, "only a builder with evaluated storage keeps row evaluations")
        precondition(lookups == nil || lookupState.finalized, "a circuit with lookups must be finalized first")
        precondition(publicAllocated == publicInputCount,
                     "\(publicAllocated) of \(publicInputCount) declared public inputs were allocated")
        for (index, constraint) in deferred {
            rowA[index] = constraint.a.evaluate(values)
            rowB[index] = constraint.b.evaluate(values)
            rowC[index] = constraint.c.evaluate(values)
        }
        deferred = []
        defer { rowA = []; rowB = []; rowC = [] }
        return (rowA, rowB, rowC)
    }

    /// With accumulated storage, once the circuit is finalized: the QAP at τ
    /// (uᵢ, vᵢ, wᵢ for every variable, the public-input rows of ``QAP``
    /// included, and Z(τ)), identical to ``QAP/evaluate(constraintSystem:at:)`` of
    /// the recorded system. Moved out of the builder: a second call traps.
    public mutating func takeQAPEvaluation() -> QAPEvaluation {
        guard case .accumulate(let point) = storage, accumulating else {
            preconditionFailure("only a builder with accumulated storage keeps a QAP evaluation (once)")
        }
        precondition(lookups == nil || lookupState.finalized, "a circuit with lookups must be finalized first")
        precondition(publicAllocated == publicInputCount,
                     "\(publicAllocated) of \(publicInputCount) declared public inputs were allocated")
        let m = discardedCount
        // The counting pass chose the domain (2ᵏ or 3·2ᵏ): the rows must fit it
        // and fill more than half of it, or the two passes built different circuits.
        let rows = m + publicInputCount + 1
        guard let domain = try? EvaluationDomain(size: point.domainSize), rows <= domain.size, 2 * rows > domain.size else {
            preconditionFailure("\(m) constraints do not give the domain of size \(point.domainSize) the counting pass gave")
        }
        for i in 0...publicInputCount { qapU[i] += qapLagrange[m + i] }
        let evaluation = QAPEvaluation(domainSize: domain.size, u: qapU, v: qapV, w: qapW,
                                       vanishing: domain.vanishingPolynomial(at: point.tau))
        accumulating = false
        qapLagrange = []; qapU = []; qapV = []; qapW = []
        return evaluation
    }

    /// The failure report if `constraint` is violated by the values so far.
    func violation(of constraint: Constraint, at index: Int) -> CircuitCheckFailure? {
        let a = constraint.a.evaluate(values), b = constraint.b.evaluate(values), c = constraint.c.evaluate(values)
        guard a * b != c else { return nil }
        return failure(UnsatisfiedConstraint(index: index, label: constraint.label, a: a, b: b, c: c), constraint)
    }

    /// With discarded storage in witness mode: the first violation, the deferred
    /// constraints (those that read a late public input) included.
    func discardedCheck() -> CircuitCheck {
        var first = firstViolation
        for (index, constraint) in deferred where first == nil || index < first!.constraint.index {
            if let failure = violation(of: constraint, at: index) { first = failure; break }
        }
        guard let first else { return .satisfied }
        // Hints that failed after the violation was found belong in the report too.
        return .unsatisfied(CircuitCheckFailure(constraint: first.constraint, hints: first.hints, hintFailures: hintFailures))
    }

    /// Runs `body` with `name` appended to the label prefix, so that constraints
    /// report where they come from (`transfer[1]/receiver/path/level[3]/…`).
    public mutating func withNamespace<T>(_ name: String, _ body: (inout CircuitBuilder) throws -> T) rethrows -> T {
        namespaceStack.append(name)
        let outer = prefix
        prefix = outer.isEmpty ? name : outer + "/" + name
        for t in tallyStorage.indices where tallyStorage[t].namespace == name { tallyDepths[t] += 1 }
        defer {
            for t in tallyStorage.indices where tallyStorage[t].namespace == name { tallyDepths[t] -= 1 }
            namespaceStack.removeLast()
            prefix = outer
        }
        return try body(&self)
    }

    func prefixed(_ label: String) -> String {
        prefix.isEmpty ? label : prefix + "/" + label
    }

    /// The constraint system built so far; every declared public input must have
    /// been allocated.
    public func constraintSystem() -> ConstraintSystem {
        precondition(storage == .record, "a builder that discards its constraints has no constraint system")
        precondition(lookups == nil || lookupState.finalized, "a circuit with lookups must be finalized first")
        precondition(publicAllocated == publicInputCount,
                     "\(publicAllocated) of \(publicInputCount) declared public inputs were allocated")
        var system = ConstraintSystem(unchecked: publicInputCount, privateCount, constraints, publicNames)
        system.commitment = commitmentLayout
        return system
    }

    /// The full witness vector [1, public inputs, private variables]; only in
    /// witness mode.
    public func witness() -> [Fr] {
        precondition(mode == .witness, "a shape-only builder has no witness")
        precondition(lookups == nil || lookupState.finalized, "a circuit with lookups must be finalized first")
        precondition(publicAllocated == publicInputCount,
                     "\(publicAllocated) of \(publicInputCount) declared public inputs were allocated")
        return values
    }
}
