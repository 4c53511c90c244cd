import SheafField
import SheafGroth16

// Products in Fp6 and Fp12, both seen as polynomials over Fp2 in one variable t
// with tⁿ = ξ (ξ = 9 + u): Fp6 = Fp2[v]/(v³ − ξ), and Fp12 = Fp6[w]/(w² − v) =
// Fp2[w]/(w⁶ − ξ), since w² = v turns v³ = ξ into w⁶ = ξ.
//
// Every Fp coefficient of a product is a signed sum of limb-level products of the
// inputs' Fp coefficients (schoolbook over Fp2, ξ folded into one factor, which is
// free because 9 + u has small coefficients), and that whole sum is reduced once,
// as one ``ProductSum``. A reduction costs about 52 constraints with lookups (730
// with bits), almost all range checks of the remainder, quotient and carries,
// while each extra product costs one constraint at the lookup challenge (seven
// evaluation constraints with bits); so Karatsuba, which trades products for
// reductions, loses here. The measured comparisons are in `EmulatedFp6.swift` and
// `EmulatedFp12.swift`.

extension CircuitBuilder {
    /// Tower operands are reduced first when their limbs are wider than this, so
    /// that every limb product below (one factor doubled, the other times ξ, about
    /// six bits of growth) stays within ``EmulatedFp/maxProductLimbBits`` and no
    /// factor is reduced again inside the sum, once per product it appears in.
    static let towerOperandLimbBits = 90

    /// The coefficients of x·y + addend in Fp2[t]/(tⁿ − ξ), n = x.count, each Fp
    /// coefficient of the result reduced once.
    ///
    /// - Parameters:
    ///   - x, y: coefficients of t⁰…tⁿ⁻¹; nil stands for a zero coefficient (sparse
    ///     operands such as line values cost only their nonzero products).
    ///   - squaring: compute x² and ignore y: the cross products xᵢxⱼ and xⱼxᵢ are
    ///     merged into 2·xᵢxⱼ, and an Fp2 square costs two limb products, not four.
    ///   - addend: added to the product before reduction, for free (nil is zero).
    ///   - remainders: nil for hinted results; otherwise the product is asserted equal
    ///     to these constants (the inverse checks, with 1, 0, …, 0), and the returned
    ///     elements are those constants.
    mutating func towerProduct(_ x: [EmulatedFp2?], _ y: [EmulatedFp2?], squaring: Bool = false,
                               adding addend: [EmulatedFp2?] = [], remainders: [Fp2]? = nil,
                               _ name: String) -> [EmulatedFp2] {
        let n = x.count
        precondition(squaring || y.count == n, "tower operands have the same number of coefficients")
        precondition(addend.isEmpty || addend.count == n, "the addend has one coefficient per power of t")
        precondition(remainders == nil || remainders!.count == n, "one remainder per coefficient")
        return withNamespace(name) { cs in
            func prepared(_ a: EmulatedFp) -> EmulatedFp {
                a.limbBits > Self.towerOperandLimbBits ? cs.reduce(a) : a
            }
            func prepared(_ a: EmulatedFp2?) -> EmulatedFp2? {
                a.map { EmulatedFp2(prepared($0.c0), prepared($0.c1)) }
            }
            let left = x.map(prepared)
            let right = squaring ? left : y.map(prepared)
            // ξ·yⱼ for the products that wrap past tⁿ, and 2·xᵢ for merged cross
            // products, each built once (free linear combinations).
            var timesXi = [EmulatedFp2?](repeating: nil, count: n)
            var doubled = [EmulatedFp2?](repeating: nil, count: n)

            var output = [EmulatedFp2]()
            for k in 0..<n {
                var real = ProductSum(), imaginary = ProductSum()
                for i in 0..<n {
                    let j = (k - i + n) % n
                    if squaring && j < i { continue }
                    guard var u = left[i], var v = right[j] else { continue }
                    if i + j >= n {
                        if timesXi[j] == nil { timesXi[j] = cs.multiplyByNonResidue(v) }
                        v = timesXi[j]!
                    } else if squaring && i == j {
                        // An Fp2 square: (u0 + u1)(u0 − u1) + 2u0·u1·u.
                        real.products.append((cs.add(u.c0, u.c1), cs.subtract(u.c0, u.c1), false))
                        imaginary.products.append((cs.multiply(u.c0, byConstant: 2), u.c1, false))
                        continue
                    }
                    if squaring && i != j {
                        if doubled[i] == nil {
                            doubled[i] = EmulatedFp2(cs.multiply(u.c0, byConstant: 2), cs.multiply(u.c1, byConstant: 2))
                        }
                        u = doubled[i]!
                    }
                    // (u0 + u1·u)(v0 + v1·u) = (u0v0 − u1v1) + (u0v1 + u1v0)·u.
                    real.products += [(u.c0, v.c0, false), (u.c1, v.c1, true)]
                    imaginary.products += [(u.c0, v.c1, false), (u.c1, v.c0, false)]
                }
                if !addend.isEmpty, let e = addend[k] {
                    real.terms.append((e.c0, false))
                    imaginary.terms.append((e.c1, false))
                }
                precondition((real.products + imaginary.products).allSatisfy {
                    $0.a.limbBits + $0.b.limbBits <= EmulatedFp.maxProductLimbBits
                }, "tower operands were prepared for the product bound")
                let realRemainder = remainders.map { Remainder.fixed(cs.emulatedConstant($0[k].c0)) } ?? .hinted
                let imaginaryRemainder = remainders.map { Remainder.fixed(cs.emulatedConstant($0[k].c1)) } ?? .hinted
                output.append(EmulatedFp2(cs.reduce(real, remainder: realRemainder, "c\(k).c0"),
                                          cs.reduce(imaginary, remainder: imaginaryRemainder, "c\(k).c1")))
            }
            return output
        }
    }

    /// `count` Fp2 elements (as many as `inputs` by default) computed natively by
    /// one hint from the values of `inputs` and range-checked to 64-bit limbs (the
    /// caller constrains them further). The hint reads each input as an Fp2
    /// value, so it is right for unreduced inputs too.
    mutating func hintedTowerElement(_ name: String, _ inputs: [EmulatedFp2], count: Int? = nil,
                                     _ compute: ([Fp2]) throws(HintError) -> [Fp2]) -> [EmulatedFp2] {
        let count = count ?? inputs.count
        let inputLimbs = inputs.flatMap { $0.c0.limbs + $0.c1.limbs }
        let namespaces = (0..<count).flatMap { i in ["c\(i)/c0", "c\(i)/c1"] }
        let elements = hintedElements(name, inputs: inputLimbs, namespaces: namespaces) { values throws(HintError) in
            let elements = (0..<inputs.count).map { i in
                let base = 2 * EmulatedFp.limbCount * i
                return Fp2(EmulatedFp.integer(fromLimbValues: values[base..<(base + 4)]).fp,
                           EmulatedFp.integer(fromLimbValues: values[(base + 4)..<(base + 8)]).fp)
            }
            let results = try compute(elements)
            precondition(results.count == count, "hint \(name) returned \(results.count) Fp2 values, not \(count)")
            return results.flatMap { EmulatedFp.limbValues(of: Natural($0.c0)) + EmulatedFp.limbValues(of: Natural($0.c1)) }
        }
        return (0..<count).map { i in EmulatedFp2(elements[2 * i], elements[2 * i + 1]) }
    }
}
