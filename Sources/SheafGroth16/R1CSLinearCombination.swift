import SheafField

/// A sparse linear combination Σ cᵢ·xᵢ of circuit variables, the building block of
/// rank-1 constraints.
///
/// Variable 0 is the constant one, so a constant c is the term c·x₀. Terms are kept
/// sorted by variable with no zero coefficients, which makes the representation
/// canonical: two combinations are equal exactly when they denote the same linear
/// form, and constraint systems built twice compare equal. A value type: operators
/// return new combinations and never share storage visibly.
///
/// Inside a ``CircuitBuilder`` and in a ``ConstraintSystem`` a variable number is a
/// position in the full witness vector (0 = one, then public inputs, then private
/// variables), the snarkjs/circom layout.
public struct LinearCombination: Equatable, Hashable, Sendable {
    /// One term cᵢ·xᵢ.
    public struct Term: Equatable, Hashable, Sendable {
        /// The variable's position in the witness vector.
        public let variable: Int
        /// Its coefficient, never zero inside a ``LinearCombination``.
        public let coefficient: Fr

        /// A term; used by callers that assemble combinations from matrices.
        public init(variable: Int, coefficient: Fr) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// The terms, strictly increasing by variable, none with a zero coefficient.
    public private(set) var terms: [Term]

    /// The empty combination, 0.
    public static let zero = LinearCombination(sortedTerms: [])

    /// The constant 1 (variable 0 with coefficient 1).
    public static let one = LinearCombination(sortedTerms: [Term(variable: 0, coefficient: .one)])

    /// Wraps terms that already satisfy the invariant (sorted, distinct, nonzero).
    @usableFromInline
    init(sortedTerms: [Term]) { terms = sortedTerms }

    /// The single term `coefficient`·x_variable (empty when the coefficient is 0).
    public init(variable: Int, coefficient: Fr = .one) {
        precondition(variable >= 0, "variable numbers are non-negative")
        terms = coefficient.isZero ? [] : [Term(variable: variable, coefficient: coefficient)]
    }

    /// Collects arbitrary terms: sorts them, adds up repeated variables and drops
    /// zero coefficients.
    public init(terms unsorted: [Term]) {
        var sorted = unsorted
        sorted.sort { $0.variable < $1.variable }
        var merged = [Term]()
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            precondition(term.variable >= 0, "variable numbers are non-negative")
            if let last = merged.last, last.variable == term.variable {
                merged[merged.count - 1] = Term(variable: term.variable, coefficient: last.coefficient + term.coefficient)
            } else {
                merged.append(term)
            }
        }
        terms = merged.filter { !$0.coefficient.isZero }
    }

    /// The constant `value`.
    public static func constant(_ value: Fr) -> LinearCombination {
        LinearCombination(variable: 0, coefficient: value)
    }

    /// Whether this is the zero form.
    public var isZero: Bool { terms.isEmpty }

    /// The constant `c` when the combination is c·x₀ (or 0), else `nil`.
    public var constantValue: Fr? {
        if terms.isEmpty { return .zero }
        if terms.count == 1, terms[0].variable == 0 { return terms[0].coefficient }
        return nil
    }

    /// The variable when the combination is exactly 1·xᵢ for some i > 0.
    public var singleVariable: Int? {
        guard terms.count == 1, terms[0].variable != 0, terms[0].coefficient.isOne else { return nil }
        return terms[0].variable
    }

    /// The largest variable number used, or −1 for the zero form.
    public var maxVariable: Int { terms.last?.variable ?? -1 }

    /// Σ cᵢ·wᵢ for a full witness vector `w`; every variable must be a valid index
    /// (checked once, so the loop itself runs unchecked).
    @inlinable
    public func evaluate(_ witness: [Fr]) -> Fr {
        precondition((terms.last?.variable ?? -1) < witness.count, "linear combination uses a variable beyond the witness")
        var sum = Fr.zero
        witness.withUnsafeBufferPointer { w in
            // Most coefficients are 1 (a bare variable): skip that multiplication.
            for term in terms {
                sum += term.coefficient.isOne ? w[term.variable] : term.coefficient * w[term.variable]
            }
        }
        return sum
    }

    /// Σ cᵢ·value(i), for assignments that are not one flat array.
    @inlinable
    public func evaluate(_ value: (Int) -> Fr) -> Fr {
        var sum = Fr.zero
        for term in terms { sum += term.coefficient * value(term.variable) }
        return sum
    }

    /// self + factor·other, merging the two sorted term lists in one pass.
    public func adding(_ other: LinearCombination, scaledBy factor: Fr = .one) -> LinearCombination {
        if factor.isZero || other.terms.isEmpty { return self }
        var result = [Term]()
        result.reserveCapacity(terms.count + other.terms.count)
        var i = 0, j = 0
        while i < terms.count || j < other.terms.count {
            if j == other.terms.count || (i < terms.count && terms[i].variable < other.terms[j].variable) {
                result.append(terms[i]); i += 1
            } else if i == terms.count || other.terms[j].variable < terms[i].variable {
                let t = other.terms[j]
                result.append(Term(variable: t.variable, coefficient: factor * t.coefficient)); j += 1
            } else {
                let sum = terms[i].coefficient + factor * other.terms[j].coefficient
                if !sum.isZero { result.append(Term(variable: terms[i].variable, coefficient: sum)) }
                i += 1; j += 1
            }
        }
        return LinearCombination(sortedTerms: result)
    }

    /// The sum.
    public static func + (a: LinearCombination, b: LinearCombination) -> LinearCombination { a.adding(b) }

    /// The difference.
    public static func - (a: LinearCombination, b: LinearCombination) -> LinearCombination {
        a.adding(b, scaledBy: -Fr.one)
    }

    /// The negation.
    public static prefix func - (a: LinearCombination) -> LinearCombination { a * -Fr.one }

    // Deliberately absent: `Fr * LinearCombination`, mixed `Fr ± LinearCombination`
    // and an integer-literal conformance. Each would make ordinary field code in any
    // module importing SheafGroth16 ambiguous or silently retyped (`x * 2`,
    // `y + .one` with x, y in Fr). Constants are written `.constant(c)`, `.one`.

    /// Scalar multiple; multiplying by 0 gives the zero form.
    public static func * (a: LinearCombination, k: Fr) -> LinearCombination {
        if k.isZero { return .zero }
        return LinearCombination(sortedTerms: a.terms.map { Term(variable: $0.variable, coefficient: $0.coefficient * k) })
    }

    /// In-place sum.
    public static func += (a: inout LinearCombination, b: LinearCombination) { a = a + b }

    /// In-place difference.
    public static func -= (a: inout LinearCombination, b: LinearCombination) { a = a - b }
}

extension LinearCombination: CustomStringConvertible {
    /// Readable form such as `3·x5 + x7 − 1`, for failure messages.
    public var description: String {
        if terms.isEmpty { return "0" }
        let minusOne = -Fr.one
        return terms.map { term -> String in
            let name = term.variable == 0 ? "1" : "x\(term.variable)"
            if term.coefficient.isOne { return name }
            if term.coefficient == minusOne { return "−" + name }
            let c = term.coefficient.decimalString
            let shown = c.count > 12 ? String(c.prefix(6)) + "…" : c
            return term.variable == 0 ? shown : "\(shown)·\(name)"
        }.joined(separator: " + ")
    }
}
