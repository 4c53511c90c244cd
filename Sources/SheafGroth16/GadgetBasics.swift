import SheafField

// Elementary gadgets: booleans, products, equality, selection, zero tests.
// Each states its constraint cost; none branches on witness values, so shapes are
// deterministic (see ``CircuitBuilder``).

extension CircuitBuilder {
    /// Constrains x ∈ {0, 1} with x · (1 − x) = 0. One constraint.
    public mutating func assertBoolean(_ x: LinearCombination, _ label: String = "boolean") {
        enforce(x, 1 - x, .zero, label)
    }

    /// Allocates a private bit and constrains it to be boolean. One constraint.
    public mutating func allocateBit(_ bit: @autoclosure () -> Bool, _ label: String = "boolean") -> LinearCombination {
        let x = allocate(bit() ? .one : .zero)
        assertBoolean(x, label)
        return x
    }

    /// Constrains a = b with (a − b) · 1 = 0. One constraint.
    public mutating func assertEqual(_ a: LinearCombination, _ b: LinearCombination, _ label: String = "equal") {
        enforce(a - b, .one, .zero, label)
    }

    /// Constrains a ≠ b by exhibiting the inverse of a − b: (a − b) · inv = 1.
    /// One constraint.
    public mutating func assertNotEqual(_ a: LinearCombination, _ b: LinearCombination, _ label: String = "not equal") {
        let difference = a - b
        let inverseValue = value(of: difference).inverse() ?? .zero
        let inverse = allocate(inverseValue)
        enforce(difference, inverse, .one, label)
    }

    /// A new variable equal to a · b. One constraint.
    public mutating func product(_ a: LinearCombination, _ b: LinearCombination, _ label: String = "product") -> LinearCombination {
        let productValue = value(of: a) * value(of: b)
        let out = allocate(productValue)
        enforce(a, b, out, label)
        return out
    }

    /// A single variable equal to `lc`: `lc` itself when it already is one variable
    /// with coefficient 1 (free), else a new variable with lc · 1 = v (one constraint).
    /// Keeps later constraints sparse when a long combination is used many times.
    public mutating func materialize(_ lc: LinearCombination, _ label: String = "materialize") -> LinearCombination {
        if lc.singleVariable != nil { return lc }
        let v = value(of: lc)
        let out = allocate(v)
        enforce(lc, .one, out, label)
        return out
    }

    /// `ifTrue` when `condition` is 1 and `ifFalse` when it is 0, as
    /// out = f + c · (t − f): condition · (t − f) = out − f. One constraint.
    /// `condition` must already be constrained boolean.
    public mutating func select(_ condition: LinearCombination, ifTrue: LinearCombination,
                                ifFalse: LinearCombination, _ label: String = "select") -> LinearCombination {
        let chosen = value(of: condition).isZero ? value(of: ifFalse) : value(of: ifTrue)
        let out = allocate(chosen)
        enforce(condition, ifTrue - ifFalse, out - ifFalse, label)
        return out
    }

    /// The pair (ifFalse, ifTrue) swapped when `condition` is 1: (left, right) =
    /// c ? (b, a) : (a, b). One constraint, since right = a + b − left.
    /// `condition` must already be constrained boolean.
    public mutating func conditionalSwap(_ condition: LinearCombination, _ a: LinearCombination,
                                         _ b: LinearCombination, _ label: String = "swap")
        -> (left: LinearCombination, right: LinearCombination)
    {
        let left = select(condition, ifTrue: b, ifFalse: a, label)
        return (left, a + b - left)
    }

    /// A bit that is 1 exactly when x = 0: with inv a witness, out = 1 − x·inv and
    /// x · out = 0. Two constraints; sound for any value of inv.
    public mutating func isZero(_ x: LinearCombination, _ label: String = "isZero") -> LinearCombination {
        let v = value(of: x)
        let inverse = allocate(v.inverse() ?? .zero)
        let out = allocate(v.isZero ? .one : .zero)
        enforce(x, inverse, 1 - out, label + "/inverse")
        enforce(x, out, .zero, label + "/zero")
        return out
    }

    /// A bit that is 1 exactly when a = b. Two constraints.
    public mutating func isEqual(_ a: LinearCombination, _ b: LinearCombination, _ label: String = "isEqual") -> LinearCombination {
        isZero(a - b, label)
    }

    /// a AND b for boolean a, b. One constraint.
    public mutating func and(_ a: LinearCombination, _ b: LinearCombination, _ label: String = "and") -> LinearCombination {
        product(a, b, label)
    }

    /// a OR b for boolean a, b, as a + b − a·b. One constraint.
    public mutating func or(_ a: LinearCombination, _ b: LinearCombination, _ label: String = "or") -> LinearCombination {
        a + b - product(a, b, label)
    }

    /// NOT a for boolean a: 1 − a. Free.
    public func not(_ a: LinearCombination) -> LinearCombination { 1 - a }
}
