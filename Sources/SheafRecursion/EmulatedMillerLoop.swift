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
                for i in pairs.indices {
                    let doubled = cs.doubleWithLine(t[i])
                    t[i] = doubled.point
                    f = cs.accumulate(f, doubled.line, at: at[i])
                }
                if digit != 0 {
                    for i in pairs.indices {
                        let added = cs.addWithLine(t[i], digit == 1 ? pairs[i].q : negatedQ[i])
                        t[i] = added.point
                        f = cs.accumulate(f, added.line, at: at[i])
                    }
                    if let residue { f = cs.multiply(f!, digit == 1 ? residue.inverse : residue.c) }
                }
            }
            for i in pairs.indices {
                let added = cs.addWithLine(t[i], cs.twistFrobenius(pairs[i].q))
                f = cs.accumulate(f, added.line, at: at[i])
                let last = cs.lineThrough(added.point, cs.negatedTwistFrobeniusSquared(pairs[i].q))
                f = cs.accumulate(f, last, at: at[i])
            }
            return f!
        }
    }

    /// f·ℓ(P), or ℓ(P) itself while f is still 1 (the first line costs nothing
    /// to multiply in: 1 + b·w + c·w³ is written down).
    private mutating func accumulate(_ f: EmulatedFp12?, _ line: EmulatedLine, at point: EmulatedLinePoint) -> EmulatedFp12 {
        let (b, c) = evaluate(line, at: point)
        guard let f else {
            let zero = emulatedConstant(Fp2.zero)
            return EmulatedFp12(coefficients: [emulatedConstant(Fp2.one), b, zero, c, zero, zero])
        }
        return multiplyByNormalizedLine(f, b, c)
    }
}
