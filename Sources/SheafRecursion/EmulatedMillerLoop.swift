import SheafCurve
import SheafField
import SheafGroth16

// The multi-Miller loop of BN254's optimal ate pairing inside a circuit, over
// variable G2 points (verifying keys are witnesses, so one outer circuit serves
// every key).
//
// It mirrors SheafCurve's `Pairing.millerLoop` step for step: the same NAF of
// 6x + 2 read from its second digit, one squaring of the accumulator per digit
// shared by all pairs (none before the first), the lines normalised by 1/y_P,
// then the two Frobenius lines. Its output therefore equals the native Miller
// value exactly, not only up to the final exponentiation, and the tests compare
// the two directly.
//
// Preconditions, as for the steps in EmulatedG2.swift: every Q is a point of G2
// (the slope checks assume T ≠ ±Q and y_T ≠ 0, true on G2), and no point is at
// infinity. y_P ≠ 0 is enforced (P is prepared by proving 1/y_P exists). A Q
// that nothing vouches for (a proof's B, a key a prover picks) is instead
// marked for a membership check, which the loop proves almost for free
// (`EmulatedG2Membership.swift`).

/// One pair (P, Q) of a Miller loop inside a circuit.
public struct EmulatedPairingPair: Sendable, Equatable {
    /// P in G1.
    public let p: EmulatedG1Affine
    /// Q in G2 (on the twist).
    public let q: EmulatedG2Affine
    /// nil when Q is known to lie in G2 (a constant, or a key point bound by
    /// its hash to a key validated natively); otherwise the namespace path
    /// (components separated by "/", such as `bInG2/proof[3]`) under which the
    /// Miller loop proves Q ∈ G2 from its own walk (under a thousand constraints,
    /// against 62k for ``CircuitBuilder/assertInG2(_:)``).
    public let membershipCheck: String?

    /// The pair (P, Q), Q trusted to lie in G2.
    public init(p: EmulatedG1Affine, q: EmulatedG2Affine) {
        self.init(p: p, q: q, checkingMembershipAs: nil)
    }

    /// The pair (P, Q), with Q proved to lie in G2 by the Miller loop when
    /// `name` is given (see ``membershipCheck``).
    public init(p: EmulatedG1Affine, q: EmulatedG2Affine, checkingMembershipAs name: String?) {
        precondition(name.map { !$0.isEmpty } ?? true, "a membership check needs a name")
        self.p = p
        self.q = q
        self.membershipCheck = name
    }
}

extension CircuitBuilder {
    /// ∏ᵢ f_{6x+2,Qᵢ}(Pᵢ)·ℓ_{[6x+2]Qᵢ,ψ(Qᵢ)}(Pᵢ)·ℓ_{…,−ψ²(Qᵢ)}(Pᵢ), with lines
    /// normalised as SheafCurve's (equal to native `Pairing.millerLoop`).
    public mutating func millerLoop(_ pairs: [EmulatedPairingPair]) -> EmulatedFp12 {
        millerLoop(pairs, residue: nil)
    }

    /// The Miller loop, times c^−(6x+2) when a residue witness c (with its
    /// inverse) is given: the accumulator starts at c⁻¹ for the NAF's leading 1
    /// and is multiplied by c^−d after each digit d ≠ 0, so the squarings that
    /// build f also raise c⁻¹ to 6x + 2, for one Fp12 product per nonzero digit
    /// (see `FinalExponentiationCheck.swift`).
    mutating func millerLoop(_ pairs: [EmulatedPairingPair],
                             residue: (c: EmulatedFp12, inverse: EmulatedFp12)?) -> EmulatedFp12 {
        precondition(!pairs.isEmpty, "a Miller loop needs at least one pair")
        return withNamespace("miller") { cs in
            let at = pairs.map { cs.prepareForLines(x: $0.p.x, y: $0.p.y) }
            // An untrusted Q must lie on the twist before its walk means anything.
            for pair in pairs {
                if let name = pair.membershipCheck { cs.withNamespacePath(name) { cs in cs.assertOnTwist(pair.q) } }
            }
            let negatedQ = pairs.map { cs.negate($0.q) }
            var t = pairs.map(\.q)
            // nil stands for 1 (no squaring or product needed yet).
            var f: EmulatedFp12? = residue?.inverse
            for digit in BN254.ateLoopNAF.dropFirst() {
                if let value = f { f = cs.square(value) }
                var lines = [(b: EmulatedFp2, c: EmulatedFp2)]()
                for i in pairs.indices {
                    let doubled = cs.doubleWithLine(t[i])
                    t[i] = doubled.point
                    lines.append(cs.evaluatedLine(doubled.line, at: at[i]))
                }
                if digit != 0 {
                    for i in pairs.indices {
                        let added = cs.addWithLine(t[i], digit == 1 ? pairs[i].q : negatedQ[i])
                        t[i] = added.point
                        lines.append(cs.evaluatedLine(added.line, at: at[i]))
                    }
                }
                f = cs.accumulate(f, lines)
                if digit != 0, let residue { f = cs.multiply(f!, digit == 1 ? residue.inverse : residue.c) }
            }
            var lines = [(b: EmulatedFp2, c: EmulatedFp2)]()
            for i in pairs.indices {
                // T = [6x + 2]Q, then T + ψ(Q), then the line through it and −ψ²(Q).
                let psiQ = cs.twistFrobenius(pairs[i].q)
                let membership = pairs[i].membershipCheck
                if let name = membership {
                    cs.withNamespacePath(name) { cs in cs.assertDistinctX(t[i], psiQ) }
                }
                let added = cs.addWithLine(t[i], psiQ)
                lines.append(cs.evaluatedLine(added.line, at: at[i]))
                let minusPsi2Q = cs.negatedTwistFrobeniusSquared(pairs[i].q)
                let last: EmulatedLine
                if let name = membership {
                    // [6x + 2]Q + ψ(Q) − ψ²(Q) = −ψ³(Q) = ψ(−ψ²(Q)): Q ∈ G2.
                    let target = cs.withNamespacePath(name) { cs in cs.twistFrobenius(minusPsi2Q) }
                    last = cs.lineThrough(added.point, minusPsi2Q, provingSumIs: target, membershipPath: name)
                } else {
                    last = cs.lineThrough(added.point, minusPsi2Q)
                }
                lines.append(cs.evaluatedLine(last, at: at[i]))
            }
            f = cs.accumulate(f, lines)
            return f!
        }
    }

    /// f·∏ ℓ for lines already evaluated (1 + b·w + c·w³ each), or the product of
    /// the lines alone while f is still 1 (nil). Lines are taken two at a time:
    /// the product of two lines has five nonzero coefficients for three Fp2
    /// reductions (about 4.4k constraints), and f times it costs one Fp12 product
    /// (12 reductions), where multiplying f by each line would cost two (the
    /// cost of a tower product is its reductions, not its limb products). An odd
    /// line left over is multiplied in alone.
    private mutating func accumulate(_ f: EmulatedFp12?, _ lines: [(b: EmulatedFp2, c: EmulatedFp2)]) -> EmulatedFp12? {
        var f = f
        var index = 0
        while index < lines.count {
            if index + 1 < lines.count {
                let product = lineProduct(lines[index], lines[index + 1])
                if let current = f {
                    f = EmulatedFp12(coefficients: towerProduct(current.coefficients, product, "fp12.mulByLineProduct"))
                } else {
                    let zero = emulatedConstant(Fp2.zero)
                    f = EmulatedFp12(coefficients: product.map { $0 ?? zero })
                }
                index += 2
            } else {
                let (b, c) = lines[index]
                if let current = f {
                    f = multiplyByNormalizedLine(current, b, c)
                } else {
                    let zero = emulatedConstant(Fp2.zero)
                    f = EmulatedFp12(coefficients: [emulatedConstant(Fp2.one), b, zero, c, zero, zero])
                }
                index += 1
            }
        }
        return f
    }

    /// The line's value 1 + b·w + c·w³ at a prepared point, as (b, c).
    private mutating func evaluatedLine(_ line: EmulatedLine, at point: EmulatedLinePoint) -> (b: EmulatedFp2, c: EmulatedFp2) {
        let (b, c) = evaluate(line, at: point)
        return (b, c)
    }

    /// (1 + b₁w + c₁w³)(1 + b₂w + c₂w³) = (1 + ξc₁c₂) + (b₁ + b₂)w + b₁b₂w²
    /// + (c₁ + c₂)w³ + (b₁c₂ + c₁b₂)w⁴, as w⁶ = ξ; the w and w³ coefficients are
    /// sums, left unreduced, and w⁵'s is zero (nil).
    mutating func lineProduct(_ first: (b: EmulatedFp2, c: EmulatedFp2),
                              _ second: (b: EmulatedFp2, c: EmulatedFp2)) -> [EmulatedFp2?] {
        withNamespace("fp12.lineProduct") { cs in
            let constant = cs.reduceFp2(products: [(first.c, cs.multiplyByNonResidue(second.c), false)],
                                        terms: [(cs.emulatedConstant(Fp2.one), false)], remainder: .hinted, "w0")
            let square = cs.reduceFp2(products: [(first.b, second.b, false)], terms: [], remainder: .hinted, "w2")
            let fourth = cs.reduceFp2(products: [(first.b, second.c, false), (first.c, second.b, false)], terms: [],
                                      remainder: .hinted, "w4")
            return [constant, cs.add(first.b, second.b), square, cs.add(first.c, second.c), fourth, nil]
        }
    }
}
