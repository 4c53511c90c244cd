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
// infinity. y_P ≠ 0 is enforced (P is prepared by proving 1/y_P exists).

/// One pair (P, Q) of a Miller loop inside a circuit.
public struct EmulatedPairingPair: Sendable, Equatable {
    /// P in G1.
    public let p: EmulatedG1Affine
    /// Q in G2 (on the twist).
    public let q: EmulatedG2Affine

    /// The pair (P, Q).
    public init(p: EmulatedG1Affine, q: EmulatedG2Affine) {
        self.p = p
        self.q = q
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
                let added = cs.addWithLine(t[i], cs.twistFrobenius(pairs[i].q))
                lines.append(cs.evaluatedLine(added.line, at: at[i]))
                let last = cs.lineThrough(added.point, cs.negatedTwistFrobeniusSquared(pairs[i].q))
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
