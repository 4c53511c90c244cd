import SheafField
import SheafGroth16

// One reduction for a whole sum of products: Σ ±aₜ·bₜ + Σ ±eₛ ≡ r (mod p), proved
// over the integers as  Σ ±aₜ(X)bₜ(X) + Σ ±eₛ(X) + O(X) − r(X) − k(X)·p(X) = 0  at
// X = 2^64, where O = M·p is a constant that keeps the left side non-negative and k
// is the hinted quotient. This is gnark's `Eval` idea (one reduction per output of
// an Fp2 product or a line formula) with this module's integer carry check.
//
// Each product aₜ(X)·bₜ(X) becomes seven hinted coefficients wₘ, tied to the
// operands by evaluating both sides at seven points (0, ∞, ±1, ±2, 3): a degree-6
// identity that holds at seven distinct points holds coefficient by coefficient in
// Fr, and since Σᵢ₊ⱼ₌ₘ aᵢbⱼ < 4·2^(2·limbBits) < q the native wₘ is the image of
// the true integer coefficient. Seven constraints per product instead of sixteen
// limb products.
//
// In a circuit with lookups a sum of many products (an output coefficient of a
// tower product) is checked at the lookup challenge instead: the seven
// coefficients of the whole sum are hinted and committed, and one identity at
// the challenge ties them to all the products (`productSumCoefficients`,
// `CircuitBuilder+ChallengeProducts.swift`; docs/recursion.md, "Limb products
// at the lookup challenge"). About one constraint per product instead of seven.

/// A signed sum of emulated products and elements, to be reduced modulo p once.
struct ProductSum {
    var products: [(a: EmulatedFp, b: EmulatedFp, negated: Bool)] = []
    var terms: [(element: EmulatedFp, negated: Bool)] = []
}

/// What the remainder of a ``ProductSum`` is.
enum Remainder {
    /// A new element, hinted and range-checked to 64-bit limbs.
    case hinted
    /// A given element: the sum is asserted congruent to it (0 for equality, 1 for
    /// an inverse).
    case fixed(EmulatedFp)
}

extension CircuitBuilder {
    /// The evaluation points for product coefficients: nil stands for ∞ (the
    /// leading coefficients multiply to the leading coefficient).
    private static let evaluationPoints: [Int64?] = [0, nil, 1, -1, 2, -2, 3, -3, 4]

    /// Hinted coefficients of a(X)·b(X), constrained by evaluation. One constraint
    /// per coefficient (seven for two four-limb operands). No factor may be
    /// constant: ``reduce(_:remainder:_:)`` takes those products through
    /// ``linearProductCoefficients(_:_:)`` first.
    mutating func productCoefficients(_ a: EmulatedFp, _ b: EmulatedFp, _ name: String) -> [BoundedCoefficient] {
        let count = a.limbs.count + b.limbs.count - 1
        let w = hint(name, inputs: a.limbs + b.limbs, count: count) { values in
            var out = [Fr](repeating: .zero, count: count)
            for i in 0..<a.limbs.count {
                for j in 0..<b.limbs.count { out[i + j] += values[i] * values[a.limbs.count + j] }
            }
            return out
        }
        for (index, point) in Self.evaluationPoints.prefix(count).enumerated() {
            guard let x = point else {
                enforce(a.limbs.last!, b.limbs.last!, w.last!, "\(name)/eval[∞]")
                continue
            }
            let xf = x < 0 ? -Fr(UInt64(-x)) : Fr(UInt64(x))
            func evaluate(_ poly: [LinearCombination]) -> LinearCombination {
                var sum = LinearCombination.zero, power = Fr.one
                for c in poly { sum = sum.adding(c, scaledBy: power); power *= xf }
                return sum
            }
            enforce(evaluate(a.limbs), evaluate(b.limbs), evaluate(w), "\(name)/eval[\(index)]")
        }
        let limbProduct = a.limbMaximum * b.limbMaximum
        return (0..<count).map { m in
            let terms = (0..<a.limbs.count).filter { m - $0 >= 0 && m - $0 < b.limbs.count }.count
            return BoundedCoefficient(lc: w[m], positive: limbProduct * Natural(UInt(terms)), negative: .zero)
        }
    }

    /// A sum of at least this many products is checked at the challenge (when
    /// the builder allows it) even if its own operand evaluations make it dearer
    /// than fixed points: see ``reduce(_:remainder:_:)``.
    static let sharedOperandProducts = 4

    /// Hinted coefficients of the whole sum Σ ±aₜ(X)·bₜ(X), checked at the lookup
    /// challenge (``CircuitBuilder/assertProductSumAtChallenge(_:equals:_:)``,
    /// which commits them first). Each is the image of the integer coefficient
    /// when the check holds, as with ``productCoefficients(_:_:_:)``: the identity
    /// of polynomials over Fr gives each coefficient modulo q, and the integer
    /// lies between −negative and positive, a range narrower than q. No factor
    /// may be constant.
    mutating func productSumCoefficients(_ products: [(a: EmulatedFp, b: EmulatedFp, negated: Bool)]) -> [BoundedCoefficient] {
        let count = products.map { $0.a.limbs.count + $0.b.limbs.count - 1 }.max()!
        let inputs = products.flatMap { $0.a.limbs + $0.b.limbs }
        let shapes = products.map { ($0.a.limbs.count, $0.b.limbs.count, $0.negated) }
        let w = hint("products", inputs: inputs, count: count) { values in
            var out = [Fr](repeating: .zero, count: count)
            var base = 0
            for (aCount, bCount, negated) in shapes {
                for i in 0..<aCount {
                    for j in 0..<bCount {
                        let term = values[base + i] * values[base + aCount + j]
                        if negated { out[i + j] -= term } else { out[i + j] += term }
                    }
                }
                base += aCount + bCount
            }
            return out
        }
        assertProductSumAtChallenge(products.map { (a: $0.a.limbs, b: $0.b.limbs, negated: $0.negated) },
                                    equals: w, "products")
        var positive = [Natural](repeating: .zero, count: count), negative = positive
        for product in products {
            let limbProduct = product.a.limbMaximum * product.b.limbMaximum
            for i in 0..<product.a.limbs.count {
                for j in 0..<product.b.limbs.count {
                    if product.negated { negative[i + j] = negative[i + j] + limbProduct }
                    else { positive[i + j] = positive[i + j] + limbProduct }
                }
            }
        }
        return (0..<count).map { BoundedCoefficient(lc: w[$0], positive: positive[$0], negative: negative[$0]) }
    }

    /// The coefficients of a(X)·b(X) when one operand is a constant (a Frobenius
    /// coefficient, say): then each coefficient Σᵢ₊ⱼ₌ₘ cᵢ·xⱼ is a linear combination
    /// of the other operand's limbs with the constant's limbs as weights, the exact
    /// image of the integer coefficient, so it needs no hint and no constraint.
    /// Nil when neither operand is constant.
    static func linearProductCoefficients(_ a: EmulatedFp, _ b: EmulatedFp) -> [BoundedCoefficient]? {
        let aConstants = a.limbs.compactMap(\.constantValue), bConstants = b.limbs.compactMap(\.constantValue)
        let (constants, other): ([Fr], EmulatedFp)
        if aConstants.count == a.limbs.count {
            (constants, other) = (aConstants, b)
        } else if bConstants.count == b.limbs.count {
            (constants, other) = (bConstants, a)
        } else {
            return nil
        }
        let count = constants.count + other.limbs.count - 1
        return (0..<count).map { m in
            var lc = LinearCombination.zero, bound = Natural.zero
            for i in 0..<constants.count where m - i >= 0 && m - i < other.limbs.count {
                lc = lc.adding(other.limbs[m - i], scaledBy: constants[i])
                bound = bound + Natural(constants[i]) * other.limbMaximum
            }
            return BoundedCoefficient(lc: lc, positive: bound, negative: .zero)
        }
    }

    /// Proves Σ ±aₜbₜ + Σ ±eₛ ≡ r (mod p) and returns r. Cost: seven constraints
    /// per product (none when a factor is constant), the remainder's range checks when hinted (4 × 65), the
    /// quotient's (its width + 1 per limb) and the carries'.
    mutating func reduce(_ sum: ProductSum, remainder: Remainder, _ name: String) -> EmulatedFp {
        withNamespace(name) { cs in
            // The left side's coefficients, with their integer bounds.
            var lhs = [BoundedCoefficient]()
            func accumulate(_ c: BoundedCoefficient, at m: Int, negated: Bool) {
                while lhs.count <= m { lhs.append(BoundedCoefficient(lc: .zero, positive: .zero, negative: .zero)) }
                if negated {
                    lhs[m].lc = lhs[m].lc - c.lc
                    lhs[m].positive = lhs[m].positive + c.negative
                    lhs[m].negative = lhs[m].negative + c.positive
                } else {
                    lhs[m].lc = lhs[m].lc + c.lc
                    lhs[m].positive = lhs[m].positive + c.positive
                    lhs[m].negative = lhs[m].negative + c.negative
                }
            }
            // Products with a constant factor are linear in the other's limbs
            // and need no check; the others are checked at fixed points, or
            // together at the lookup challenge when that costs fewer constraints
            // or when there are at least four: the operands of a tower product's
            // sums are shared by all of them, so their evaluations, which the
            // first sum pays for, are free for the rest.
            var checked = [(index: Int, a: EmulatedFp, b: EmulatedFp, negated: Bool)]()
            for (t, product) in sum.products.enumerated() {
                if let linear = Self.linearProductCoefficients(product.a, product.b) {
                    for (m, c) in linear.enumerated() { accumulate(c, at: m, negated: product.negated) }
                } else {
                    checked.append((t, product.a, product.b, product.negated))
                }
            }
            let polynomials = checked.map { (a: $0.a.limbs, b: $0.b.limbs, negated: $0.negated) }
            let fixedPointCost = checked.reduce(0) { $0 + $1.a.limbs.count + $1.b.limbs.count - 1 }
            if !checked.isEmpty, checked.count <= 64, cs.checksProductsAtChallenge,
               checked.count >= Self.sharedOperandProducts || cs.costAtChallenge(polynomials) < fixedPointCost {
                for (m, c) in cs.productSumCoefficients(checked.map { ($0.a, $0.b, $0.negated) }).enumerated() {
                    accumulate(c, at: m, negated: false)
                }
            } else {
                for product in checked {
                    let w = cs.productCoefficients(product.a, product.b, "product[\(product.index)]")
                    for (m, c) in w.enumerated() { accumulate(c, at: m, negated: product.negated) }
                }
            }
            for term in sum.terms {
                for (m, limb) in term.element.limbs.enumerated() {
                    accumulate(BoundedCoefficient(lc: limb, positive: term.element.limbMaximum, negative: .zero),
                               at: m, negated: term.negated)
                }
            }
            var positiveTotal = Natural.zero, negativeTotal = Natural.zero
            for (m, c) in lhs.enumerated() {
                positiveTotal = positiveTotal + (c.positive << (64 * m))
                negativeTotal = negativeTotal + (c.negative << (64 * m))
            }

            // The remainder and its largest value.
            let fixed: EmulatedFp?
            if case let .fixed(r) = remainder { fixed = r } else { fixed = nil }
            let remainderMaximum = fixed?.maximum ?? Natural.allOnes(256)
            // Offset O = M·p ≥ (most negative left side) + (largest remainder), so
            // that k = (LHS + O − r)/p is never negative; k ≤ (largest LHS + O)/p.
            let (m0, rest) = (negativeTotal + remainderMaximum).quotientAndRemainder(dividingBy: .p)
            let offset = (rest.isZero ? m0 : m0 + Natural(1)) * .p
            let quotientMaximum = (positiveTotal + offset).quotientAndRemainder(dividingBy: .p).quotient
            let quotientLayout = QuotientLayout(maximum: quotientMaximum, granularity: cs.rangeCheckGranularity)

            // Hints: the integer value of the left side, then r and k.
            let lhsLCs = lhs.map(\.lc)
            let bounds = lhs.map(\.positive)
            func leftSide(_ values: ArraySlice<Fr>) -> Natural {
                // Each coefficient read as a signed integer within its bounds; exact for
                // honest witnesses, and some value for any other.
                var plus = offset, minus = Natural.zero
                for (m, v) in values.enumerated() {
                    let n = Natural(v)
                    if n <= bounds[m] { plus = plus + (n << (64 * m)) } else { minus = minus + ((Natural.q - n) << (64 * m)) }
                }
                return plus.saturatingSubtract(minus)
            }
            let r: EmulatedFp
            let k: [LinearCombination]
            let quotientOutputs = (0..<quotientLayout.limbCount).map { i in
                RangeCheckedOutput(label: "quotient[\(i)]", bits: quotientLayout.limbBits(i))
            }
            if let fixed {
                r = fixed
                k = cs.rangeCheckedHint("quotient", inputs: lhsLCs + fixed.limbs, outputs: quotientOutputs) { values in
                    let value = leftSide(values[0..<lhs.count])
                    let rValue = EmulatedFp.integer(fromLimbValues: values[lhs.count...])
                    return quotientLayout.limbValues(value.saturatingSubtract(rValue).quotientAndRemainder(dividingBy: .p).quotient)
                }
            } else {
                r = cs.hintedElement("remainder", inputs: lhsLCs) { values in
                    EmulatedFp.limbValues(of: leftSide(values[...]).quotientAndRemainder(dividingBy: .p).remainder)
                }
                k = cs.rangeCheckedHint("quotient", inputs: lhsLCs, outputs: quotientOutputs) { values in
                    quotientLayout.limbValues(leftSide(values[...]).quotientAndRemainder(dividingBy: .p).quotient)
                }
            }

            // LHS + O − r − k·p, coefficient by coefficient.
            let pDigits = (0..<4).map { Natural(Natural.p.word($0)) }
            let count = max(lhs.count, 4, quotientLayout.limbCount + 3, offset.words.count)
            var coefficients = [BoundedCoefficient]()
            for m in 0..<count {
                var c = m < lhs.count ? lhs[m] : BoundedCoefficient(lc: .zero, positive: .zero, negative: .zero)
                let o = Natural(offset.word(m))
                c.lc = c.lc + .constant(o.fr)
                c.positive = c.positive + o
                if m < 4 {
                    c.lc = c.lc - r.limbs[m]
                    c.negative = c.negative + r.limbMaximum
                }
                for i in 0..<quotientLayout.limbCount where m - i >= 0 && m - i < 4 {
                    c.lc = c.lc.adding(k[i], scaledBy: -pDigits[m - i].fr)
                    c.negative = c.negative + quotientLayout.limbMaximum(i) * pDigits[m - i]
                }
                coefficients.append(c)
            }
            cs.assertIntegerZero(coefficients, "carries")
            return r
        }
    }
}

/// How a quotient k ≤ maximum is split into limbs: 64-bit limbs, the top one up to
/// 16 bits wider, so that a 259-bit quotient takes four limbs rather than five.
/// The top limb's width is rounded up to a multiple of `granularity` (the lookup
/// chunk width): the check then admits a larger k, which the coefficient bounds
/// below account for, since they use ``limbMaximum(_:)``.
struct QuotientLayout: Sendable {
    let bitWidth: Int
    let limbCount: Int
    let topBits: Int

    init(maximum: Natural, granularity: Int = 1) {
        bitWidth = maximum.bitWidth
        limbCount = bitWidth == 0 ? 0 : max(1, (max(bitWidth - 16, 1) + 63) / 64)
        let exact = bitWidth - 64 * max(limbCount - 1, 0)
        let rounded = (exact + granularity - 1) / granularity * granularity
        topBits = rounded <= CircuitBuilder.maxBits ? rounded : exact
    }

    /// The range-check width of limb i.
    func limbBits(_ i: Int) -> Int { i == limbCount - 1 ? topBits : 64 }

    func limbMaximum(_ i: Int) -> Natural { .allOnes(limbBits(i)) }

    /// The limb values of k: 64-bit words, the top limb taking every remaining bit
    /// (so an out-of-range k fails the top limb's range check instead of vanishing).
    func limbValues(_ k: Natural) -> [Fr] {
        (0..<limbCount).map { i in
            i == limbCount - 1 ? (k >> (64 * i)).fr : Fr(UInt64(k.word(i)))
        }
    }
}
