import SheafField

// Sums of polynomial products checked at the lookup challenge.
//
// Emulated arithmetic proves Σₜ ±aₜ(Y)·bₜ(Y) = w(Y) for polynomials in a formal
// variable Y whose coefficients are circuit values (the limbs of emulated
// elements, and the hinted coefficients w₀…w_d of the sum). Checking such an
// identity at d + 1 fixed points costs d + 1 constraints per product. Checking it
// at one random point X costs about one constraint per product, plus each
// operand's evaluation (its degree, once per operand however many products it
// enters) and w's (d): for a sum of many products with shared operands, the
// Fp12 products of a Miller loop, about a third of the fixed-point cost.
//
// X is the lookup challenge, the hash of the Groth16 commitment D
// (`Groth16+Commitment.swift`). By Schwartz–Zippel a false identity of degree d
// holds at X with probability d/r, provided both sides were fixed before X was
// drawn. So every variable the operands and w read is committed (made part of
// D): hinted w's at once, and any operand variable that is not already (lookup
// chunks are, and so are the limbs built from them; a selected limb, say, is
// not). Public inputs other than X are fixed by the statement.
//
// The values that depend on X (its powers, the evaluations, the products) are
// late variables: allocated and constrained as the circuit is built, computed by
// ``finalize()`` once X is known, like the lookup queries' inverses. Every late
// constraint but the final sum defines its output, so only the sums can fail;
// ``finalize()`` checks them (discarded storage) or fills their rows (evaluated
// storage), and a recorded system checks them with the rest.

/// The bookkeeping of the checks at the challenge.
struct ChallengeProductState: Sendable {
    /// A late variable: its value is computed by ``CircuitBuilder/finalize()``.
    struct Scaled: Sendable {
        /// The value of the challenge-independent factor (witness mode).
        var factor: Fr
        /// The power m of X it multiplies (m ≥ 1).
        var power: Int32
        /// The variable that holds factor·Xᵐ, and its constraint.
        var output: Int32
        var row: Int32
    }

    /// A product of two evaluations.
    struct Product: Sendable {
        var left: Int32, right: Int32
        var output: Int32
        var row: Int32
    }

    /// One identity Σ ±qₜ = w₀ + Σₘ wₘ·Xᵐ, checked as a linear constraint.
    struct Sum: Sendable {
        /// The product variables q are consecutive, as are the wₘ·Xᵐ.
        var firstProduct: Int32, productCount: Int32
        /// Bit t set when product t is subtracted.
        var negated: UInt64
        var firstScaled: Int32, scaledCount: Int32
        /// w₀'s value (witness mode).
        var constantCoefficient: Fr
        var row: Int32
        var label: String
    }

    /// Xᵏ for k = 2, 3, …: powers[k − 2], each with its constraint's row.
    var powers: [(variable: Int, row: Int)] = []
    /// Operand evaluations: each is known + Σ coefficient·late variable, with the
    /// known part's value (witness mode) and its late terms at
    /// termStart[e]..<termStart[e + 1].
    var evaluationKnown: [Fr] = []
    var termStart: [Int32] = [0]
    var termVariables: [Int32] = []
    var termCoefficients: [Fr] = []
    /// The linear combination of each evaluation, for the constraints that use it.
    var evaluationCache: [[LinearCombination]: (id: Int, lc: LinearCombination)] = [:]
    var scaled: [Scaled] = []
    var products: [Product] = []
    var sums: [Sum] = []
    /// Which variables are committed (lookup chunks and multiplicities included).
    var committed = VariableSet()
    /// Whether ``CircuitBuilder/finalize()`` has computed the late values.
    var filled = false

    /// The cache is dropped when it grows past this: operands are shared by the
    /// products of one tower multiplication, rarely across many.
    static let cacheLimit = 4096
}

/// A growable set of variable numbers, one bit each.
struct VariableSet: Sendable {
    private var words: [UInt64] = []

    func contains(_ v: Int) -> Bool {
        let w = v >> 6
        return w < words.count && words[w] & (1 << UInt64(v & 63)) != 0
    }

    mutating func insert(_ v: Int) {
        let w = v >> 6
        if w >= words.count { words += [UInt64](repeating: 0, count: w - words.count + 1 + words.count / 2) }
        words[w] |= 1 << UInt64(v & 63)
    }
}

extension CircuitBuilder {
    /// Whether ``assertProductSumAtChallenge(_:equals:_:)`` is available: the
    /// circuit has lookups (so a challenge) and checks at the challenge are
    /// enabled.
    public var checksProductsAtChallenge: Bool { lookups != nil && productsAtChallenge }

    /// Marks a private variable as committed, once.
    mutating func markCommitted(_ variable: Int) {
        guard !challengeProducts.committed.contains(variable) else { return }
        challengeProducts.committed.insert(variable)
        lookupState.committed.append(variable)
    }

    /// Commits every private variable of `lc` that is not committed yet.
    private mutating func commitVariables(of lc: LinearCombination) {
        for term in lc.terms where term.variable > publicInputCount {
            markCommitted(term.variable)
        }
    }

    /// Xᵏ as a combination (X itself is the challenge, the last public input).
    private mutating func challengePower(_ k: Int) -> LinearCombination {
        precondition(k >= 1)
        let x = LinearCombination(variable: publicInputCount)
        if k == 1 { return x }
        while challengeProducts.powers.count < k - 1 {
            let previous = challengeProducts.powers.count == 0
                ? x : LinearCombination(variable: challengeProducts.powers[challengeProducts.powers.count - 1].variable)
            let next = allocate(.zero)
            let row = constraintCount
            withNamespace("challenge") { cs in
                cs.record(previous, x, next, "power[\(cs.challengeProducts.powers.count + 2)]", checked: false)
            }
            challengeProducts.powers.append((next.singleVariable!, row))
        }
        return LinearCombination(variable: challengeProducts.powers[k - 2].variable)
    }

    /// factor·Xᵐ as a late variable (one constraint), or as a free combination
    /// when the factor is a constant.
    private mutating func scaledPower(_ factor: LinearCombination, _ m: Int, _ label: String) -> LinearCombination {
        let power = challengePower(m)
        if let c = factor.constantValue { return power * c }
        let output = allocate(.zero)
        challengeProducts.scaled.append(.init(factor: value(of: factor), power: Int32(m),
                                              output: Int32(output.singleVariable!), row: Int32(constraintCount)))
        record(factor, power, output, label, checked: false)
        return output
    }

    /// The cost in constraints of ``assertProductSumAtChallenge(_:equals:_:)``
    /// for these products, with the evaluations already made: a constraint per
    /// uncached operand coefficient past the first (constants are free), one
    /// per product, one per coefficient of the sum past the first, and the sum.
    public func costAtChallenge(_ products: [(a: [LinearCombination], b: [LinearCombination], negated: Bool)]) -> Int {
        var seen = Set<[LinearCombination]>()
        var cost = 0, degree = 0
        for p in products {
            degree = max(degree, p.a.count + p.b.count - 2)
            for operand in [p.a, p.b] where challengeProducts.evaluationCache[operand] == nil && seen.insert(operand).inserted {
                cost += operand.dropFirst().filter { $0.constantValue == nil && !$0.isZero }.count
            }
        }
        return cost + products.count + degree + 1
    }

    /// Proves Σₜ ±aₜ(X)·bₜ(X) = Σₘ wₘ·Xᵐ at the lookup challenge X, where each
    /// aₜ, bₜ lists a polynomial's coefficients (lowest first) and w lists the
    /// sum's: by Schwartz–Zippel, the identity of polynomials with probability
    /// 1 − d/r. Commits every private variable the operands and w read (the
    /// check is sound only if they are fixed before X). Needs
    /// ``checksProductsAtChallenge``. Cost: ``costAtChallenge(_:)``.
    public mutating func assertProductSumAtChallenge(
        _ products: [(a: [LinearCombination], b: [LinearCombination], negated: Bool)],
        equals w: [LinearCombination], _ label: String
    ) {
        precondition(checksProductsAtChallenge, "checks at the challenge need lookups and productsAtChallenge")
        precondition(!lookupState.finalized && !lookupState.finalizing, "checks at the challenge come before finalize()")
        precondition(!products.isEmpty && products.count <= 64, "1…64 products per check")
        precondition(!w.isEmpty && products.allSatisfy { $0.a.count + $0.b.count - 1 <= w.count && !$0.a.isEmpty && !$0.b.isEmpty },
                     "the sum has a coefficient for every degree of the products")
        withNamespace(label) { cs in
            for c in w { cs.commitVariables(of: c) }
            func evaluation(_ coefficients: [LinearCombination]) -> (id: Int, lc: LinearCombination) {
                if let cached = cs.challengeProducts.evaluationCache[coefficients] { return cached }
                for c in coefficients { cs.commitVariables(of: c) }
                var lc = coefficients[0]
                for (i, c) in coefficients.enumerated().dropFirst() where !c.isZero {
                    let term = cs.scaledPower(c, i, "eval/power[\(i)]")
                    lc = lc + term
                    for t in term.terms {
                        cs.challengeProducts.termVariables.append(Int32(t.variable))
                        cs.challengeProducts.termCoefficients.append(t.coefficient)
                    }
                }
                let id = cs.challengeProducts.evaluationKnown.count
                cs.challengeProducts.evaluationKnown.append(cs.value(of: coefficients[0]))
                cs.challengeProducts.termStart.append(Int32(cs.challengeProducts.termVariables.count))
                if cs.challengeProducts.evaluationCache.count >= ChallengeProductState.cacheLimit {
                    cs.challengeProducts.evaluationCache.removeAll(keepingCapacity: true)
                }
                cs.challengeProducts.evaluationCache[coefficients] = (id, lc)
                return (id, lc)
            }
            // Evaluations first, so that the products' variables are consecutive.
            let operands = products.map { (evaluation($0.a), evaluation($0.b)) }
            var sum = LinearCombination.zero
            var negated: UInt64 = 0
            let firstProduct = cs.variableCount
            for (t, (a, b)) in operands.enumerated() {
                let q = cs.allocate(.zero)
                cs.challengeProducts.products.append(.init(left: Int32(a.id), right: Int32(b.id),
                                                           output: Int32(q.singleVariable!), row: Int32(cs.constraintCount)))
                cs.record(a.lc, b.lc, q, "product[\(t)]", checked: false)
                if products[t].negated { sum = sum - q; negated |= 1 << UInt64(t) } else { sum = sum + q }
            }
            // Every power first, so that the wₘ·Xᵐ variables are consecutive.
            if w.count > 1 { _ = cs.challengePower(w.count - 1) }
            let firstScaled = cs.variableCount
            var scaledCount = 0
            for m in 1..<w.count where !w[m].isZero {
                precondition(w[m].constantValue == nil, "the sum's coefficients are hinted, not constant")
                let term = cs.scaledPower(w[m], m, "sum/power[\(m)]")
                sum = sum - term
                scaledCount += 1
            }
            sum = sum - w[0]
            cs.challengeProducts.sums.append(.init(
                firstProduct: Int32(firstProduct), productCount: Int32(products.count), negated: negated,
                firstScaled: Int32(firstScaled), scaledCount: Int32(scaledCount),
                constantCoefficient: cs.value(of: w[0]), row: Int32(cs.constraintCount), label: cs.prefixed("sum")))
            cs.record(sum, .one, .zero, "sum", checked: false)
        }
    }

    /// Computes every late value of the checks at challenge x, fills their rows
    /// (evaluated storage) and checks the sums (discarded storage). Called by
    /// ``finalize()`` once X is known, in witness mode.
    mutating func fillChallengeProducts(challenge x: Fr) {
        guard mode == .witness, !challengeProducts.filled else { return }
        challengeProducts.filled = true
        let state = challengeProducts
        var powerValues = [Fr.one, x]
        for (k, power) in state.powers.enumerated() {
            let value = powerValues[k + 1] * x
            powerValues.append(value)
            values[power.variable] = value
            if storage == .evaluate { rowA[power.row] = powerValues[k + 1]; rowB[power.row] = x; rowC[power.row] = value }
        }
        for s in state.scaled {
            let power = powerValues[Int(s.power)]
            let value = s.factor * power
            values[Int(s.output)] = value
            if storage == .evaluate { rowA[Int(s.row)] = s.factor; rowB[Int(s.row)] = power; rowC[Int(s.row)] = value }
        }
        var evaluations = state.evaluationKnown
        for e in evaluations.indices {
            var v = evaluations[e]
            for k in Int(state.termStart[e])..<Int(state.termStart[e + 1]) {
                v += state.termCoefficients[k] * values[Int(state.termVariables[k])]
            }
            evaluations[e] = v
        }
        for p in state.products {
            let (a, b) = (evaluations[Int(p.left)], evaluations[Int(p.right)])
            let value = a * b
            values[Int(p.output)] = value
            if storage == .evaluate { rowA[Int(p.row)] = a; rowB[Int(p.row)] = b; rowC[Int(p.row)] = value }
        }
        for s in state.sums {
            var total = -s.constantCoefficient
            for t in 0..<Int(s.productCount) {
                let q = values[Int(s.firstProduct) + t]
                if s.negated & (1 << UInt64(t)) != 0 { total -= q } else { total += q }
            }
            for m in 0..<Int(s.scaledCount) { total -= values[Int(s.firstScaled) + m] }
            if storage == .evaluate { rowA[Int(s.row)] = total; rowB[Int(s.row)] = .one; rowC[Int(s.row)] = .zero }
            if !total.isZero, storage != .record,
               firstViolation == nil || Int(s.row) < firstViolation!.constraint.index {
                let failure = UnsatisfiedConstraint(index: Int(s.row), label: s.label, a: total, b: .one, c: .zero)
                firstViolation = CircuitCheckFailure(constraint: failure, hints: [], hintFailures: hintFailures)
            }
        }
        // The bookkeeping is no longer needed; the flag stays.
        challengeProducts = ChallengeProductState()
        challengeProducts.filled = true
    }
}
