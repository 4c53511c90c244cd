import SheafField
import SheafGroth16

// Σ sⱼ·Pⱼ inside a circuit, with one chain of doublings shared by every term.
//
// A Groth16 batch needs weighted sums of variable points: a key's input point
// Σⱼ tⱼ·ICⱼ, the weighted C of the proofs under one key. Doing each product
// with its own scalar multiplication would pay two doublings per 2-bit digit per
// term; here the accumulator is quadrupled once per digit and every term adds
// its table entry, so an extra term costs one addition and a 4-way selection
// per digit (plus its table), about 3.0k constraints against 7.5k with its own
// doublings: 40% of a separate multiplication of the same width.

/// One term s·P of ``CircuitBuilder/multiScalarMultiply(_:)``.
public struct EmulatedMSMTerm: Sendable, Equatable {
    /// P, a point on the curve (every allocated point and every gadget output is).
    public let point: EmulatedG1Affine
    /// s, a native Fr value.
    public let scalar: LinearCombination
    /// The scalar's width: the honest s is below 2^bits (1…254). Narrow scalars,
    /// such as 128-bit batch weights, join only the last ⌈bits/2⌉ digits.
    public let bits: Int

    /// The term s·P with s < 2^bits.
    public init(point: EmulatedG1Affine, scalar: LinearCombination, bits: Int) {
        precondition(bits >= 1 && bits <= 254, "a G1 scalar has 1...254 bits")
        self.point = point
        self.scalar = scalar
        self.bits = bits
    }
}

extension CircuitBuilder {
    /// Σⱼ sⱼ·Pⱼ for native scalars and variable points on the curve.
    ///
    /// How: every scalar is decomposed into bits (recomposed to s modulo q, as in
    /// ``multiply(_:by:bits:)``, which a 254-bit scalar may wrap without changing
    /// the point) and read in 2-bit digits, most significant first. Each term gets
    /// a table Tⱼ[d] = A + d·Pⱼ (d = 0…3, three checked additions) with the same
    /// offset A as the single multiplication. The accumulator starts at A; per
    /// digit it is quadrupled (two doublings) and every term whose scalar reaches
    /// that digit adds Tⱼ[dⱼ]. It ends at K + Σ sⱼ·Pⱼ for a constant K that the
    /// same steps give with all scalars 0, tracked natively and subtracted last.
    ///
    /// Every addition is a checked division and every operand is finite, so an x
    /// collision (possible only for points with a known logarithm relative to A,
    /// or with negligible probability) makes the circuit unsatisfiable, never
    /// wrong. The same holds when the sum is the point at infinity: the last
    /// subtraction K − K has no slope. Callers that can meet that case (all
    /// scalars zero) must rule it out; the batch verifier's weights do.
    ///
    /// - Precondition: at least one term.
    public mutating func multiScalarMultiply(_ terms: [EmulatedMSMTerm]) -> EmulatedG1Affine {
        precondition(!terms.isEmpty, "a multi-scalar multiplication needs a term")
        return withNamespace("g1.msm") { cs in
            let digitCounts = terms.map { ($0.bits + 1) / 2 }
            let digits: [[(low: LinearCombination, high: LinearCombination)]] = terms.indices.map { j in
                cs.withNamespace("term[\(j)]/scalar") { cs in
                    let width = 2 * digitCounts[j]
                    let value = Natural(cs.value(of: terms[j].scalar))
                    let bits = (0..<width).map { i in
                        i < terms[j].bits
                            ? cs.allocateBit(value.word(i / 64) >> UInt(i % 64) & 1 == 1, "bit[\(i)]")
                            : LinearCombination.zero
                    }
                    cs.enforce(CircuitBuilder.recompose(bits), .one, terms[j].scalar, "recompose")
                    return (0..<digitCounts[j]).map { d in (bits[2 * d], bits[2 * d + 1]) }
                }
            }
            let a = NativeG1.offset
            let offset = cs.emulatedG1Constant(x: a.x, y: a.y)
            // A term whose scalar has one bit only needs T[0] and T[1].
            let tables: [[EmulatedG1Affine]] = terms.indices.map { j in
                cs.withNamespace("term[\(j)]/table") { cs in
                    var entries = [offset]
                    let top = terms[j].bits == 1 ? 1 : 3
                    for d in 1...top { entries.append(cs.withNamespace("T[\(d)]") { $0.addDistinct(entries[d - 1], terms[j].point) }) }
                    return entries
                }
            }
            var accumulator = offset
            var constant = a  // the accumulator with every scalar 0, natively
            let digitCount = digitCounts.max()!
            for digit in (0..<digitCount).reversed() {
                cs.withNamespace("digit[\(digit)]") { cs in
                    // Quadrupled at the first digit too: 4A + T[0] = 5A, where A + T[0]
                    // would be A + A, a chord with no slope.
                    accumulator = cs.double(cs.double(accumulator))
                    constant = NativeG1.double(NativeG1.double(constant))
                    for j in terms.indices where digit < digitCounts[j] {
                        let (low, high) = digits[j][digit]
                        let table = tables[j]
                        let entry = table.count == 2
                            ? cs.select(low, ifTrue: table[1], ifFalse: table[0])
                            : cs.select(high, ifTrue: cs.select(low, ifTrue: table[3], ifFalse: table[2]),
                                        ifFalse: cs.select(low, ifTrue: table[1], ifFalse: table[0]))
                        accumulator = cs.withNamespace("term[\(j)]") { $0.addDistinct(accumulator, entry) }
                        constant = NativeG1.add(constant, a)
                    }
                }
            }
            return cs.withNamespace("unoffset") { cs in
                cs.addDistinct(accumulator, cs.emulatedG1Constant(x: constant.x, y: -constant.y))
            }
        }
    }
}
