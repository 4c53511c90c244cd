import SheafField

// Hints: values computed outside the circuit and constrained inside it.
//
// A hint is how a circuit uses a value that is cheap to check but expensive (or
// impossible) to compute with constraints: an inverse, a quotient, a carry. The
// builder runs the hint's computation in witness mode and allocates its outputs as
// ordinary private variables; the constraints the caller adds afterwards are all
// that makes them trustworthy. The builder remembers which variables each hint
// produced, under a name, so that a failed satisfaction check can say which hints
// fed the constraint that broke: with hundreds of hinted limbs per emulated
// multiplication, "constraint 81234" alone is not a diagnosis.

/// Why a hint could not compute its outputs (such as an inverse of zero). The
/// builder records the failure, allocates zeros, and the constraints that check the
/// hint then fail; the failure appears in ``CircuitCheckFailure``.
public struct HintError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A one-line reason.
    public let reason: String

    /// A hint failure with its reason.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}

/// The variables one hint produced.
struct HintRecord: Sendable, Equatable {
    /// The hint's name with the namespace it was called in.
    let name: String
    /// Its outputs: consecutive witness positions.
    let variables: Range<Int>
}

/// A hint that failed in witness mode.
public struct HintFailure: Equatable, Sendable, CustomStringConvertible {
    /// The hint's full name.
    public let hint: String
    /// What went wrong.
    public let reason: String

    /// `name: reason`.
    public var description: String { "\(hint): \(reason)" }
}

/// A violated constraint, with the hints whose outputs it reads.
public struct CircuitCheckFailure: Equatable, Sendable, CustomStringConvertible {
    /// The first violated constraint, as ``ConstraintSystem/isSatisfied(by:)`` reports it.
    public let constraint: UnsatisfiedConstraint
    /// The full names of the hints whose outputs appear in the constraint, in
    /// allocation order, without repeats.
    public let hints: [String]
    /// Every hint that failed to compute, anywhere in the circuit.
    public let hintFailures: [HintFailure]

    /// For example `constraint 40 (fp.mul/carries/group[1]) is not satisfied: …; fed by
    /// hints fp.mul/quotient, fp.mul/carries`.
    public var description: String {
        var text = constraint.description
        if !hints.isEmpty { text += "; fed by hint" + (hints.count == 1 ? " " : "s ") + hints.joined(separator: ", ") }
        if !hintFailures.isEmpty { text += "; failed hints: " + hintFailures.map(\.description).joined(separator: "; ") }
        return text
    }
}

/// The outcome of ``CircuitBuilder/check()``: the first violated constraint
/// comes with the hints that fed it.
public typealias CircuitCheck = ConstraintCheck<CircuitCheckFailure>

extension CircuitBuilder {
    /// Runs the hint `name` on the values of `inputs` and allocates its `count`
    /// outputs as private variables, which the caller must then constrain.
    ///
    /// In shape mode `compute` is not called and the outputs read as 0. In witness
    /// mode a thrown ``HintError`` is recorded (see ``hintFailures``) and the outputs
    /// are zeros, so the circuit still builds with the same shape and the checking
    /// constraints report the failure. `compute` must return exactly `count` values.
    /// The name is prefixed with the current namespaces. Free: no constraints.
    public mutating func hint(
        _ name: String, inputs: [LinearCombination], count: Int,
        _ compute: ([Fr]) throws(HintError) -> [Fr]
    ) -> [LinearCombination] {
        precondition(count >= 0, "a hint has a non-negative number of outputs")
        let fullName = prefixed(name)
        let outputs = hintValues(fullName, inputs: inputs, count: count, compute)
        let first = variableCount
        let variables = outputs.map { allocate($0) }
        hintRecords.append(HintRecord(name: fullName, variables: first..<(first + count)))
        return variables
    }

    /// A hint's output values: zeros in shape mode; in witness mode `compute`'s
    /// (zeros, and a recorded failure, if it throws), passed through the
    /// ``adversary`` when one is set.
    mutating func hintValues(_ fullName: String, inputs: [LinearCombination], count: Int,
                             _ compute: ([Fr]) throws(HintError) -> [Fr]) -> [Fr] {
        var outputs = [Fr](repeating: .zero, count: count)
        guard mode == .witness else { return outputs }
        do {
            let computed = try compute(inputs.map { value(of: $0) })
            precondition(computed.count == count, "hint \(fullName) returned \(computed.count) values, not \(count)")
            outputs = computed
        } catch {
            hintFailures.append(HintFailure(hint: fullName, reason: error.reason))
        }
        if let adversary {
            outputs = adversary(fullName, outputs)
            precondition(outputs.count == count, "the adversary changed the number of outputs of \(fullName)")
        }
        return outputs
    }

    /// The hints so far, as (full name, witness positions of their outputs), in
    /// allocation order. Tests use it to tamper with every hinted value in turn.
    public var hints: [(name: String, variables: Range<Int>)] {
        hintRecords.map { ($0.name, $0.variables) }
    }

    /// The name of the hint that produced witness position `variable`, if any.
    public func hintName(of variable: Int) -> String? {
        // Records are sorted by position: binary search for the last one starting
        // at or before `variable`.
        var low = 0, high = hintRecords.count
        while low < high {
            let mid = (low + high) / 2
            if hintRecords[mid].variables.lowerBound <= variable { low = mid + 1 } else { high = mid }
        }
        guard low > 0, hintRecords[low - 1].variables.contains(variable) else { return nil }
        return hintRecords[low - 1].name
    }

    /// Checks the witness built so far against the constraints built so far and
    /// names the hints behind the first violation. Only in witness mode; every
    /// declared public input must have been allocated.
    public func check() -> CircuitCheck {
        precondition(lookups == nil || lookupState.finalized, "a circuit with lookups must be finalized before checking")
        if storage != .record {
            precondition(mode == .witness, "a shape-only builder has no witness to check")
            return discardedCheck()
        }
        return check(witness: witness())
    }

    /// Checks another witness (the builder's own, altered) against this builder's
    /// constraints, naming hints as ``check()`` does.
    public func check(witness: [Fr]) -> CircuitCheck {
        let system = constraintSystem()
        let result: SatisfactionResult
        do {
            result = try system.isSatisfied(by: witness)
        } catch {
            preconditionFailure("a builder's own witness has the wrong shape: \(error)")
        }
        // The constraints decide; a failed hint is reported only beside a violation.
        guard case let .unsatisfied(failure) = result else { return .satisfied }
        return .unsatisfied(self.failure(failure, system.constraints[failure.index]))
    }

    /// The report of a violated constraint: the hints that fed it, and every
    /// failed hint.
    func failure(_ failure: UnsatisfiedConstraint, _ constraint: Constraint) -> CircuitCheckFailure {
        var names = [String]()
        for lc in [constraint.a, constraint.b, constraint.c] {
            for term in lc.terms {
                if let name = hintName(of: term.variable), !names.contains(name) { names.append(name) }
            }
        }
        return CircuitCheckFailure(constraint: failure, hints: names, hintFailures: hintFailures)
    }
}
