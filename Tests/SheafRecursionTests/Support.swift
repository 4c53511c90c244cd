import SheafField
import SheafGroth16
@testable import SheafRecursion

/// Builds a witness-mode circuit with no public inputs and returns the builder
/// and what the body returned; with `lookups`, range checks are lookups and the
/// circuit is finalized after the body.
func circuit<T>(adversary: (@Sendable (String, [Fr]) -> [Fr])? = nil, lookups: LookupRangeChecks? = nil,
                _ body: (inout CircuitBuilder) throws -> T) rethrows -> (CircuitBuilder, T) {
    var cs = CircuitBuilder(publicInputCount: 0, lookups: lookups)
    cs.adversary = adversary
    let out = try body(&cs)
    cs.finalize()
    return (cs, out)
}

/// Small lookups for tests: a 256-entry table.
let testLookups = LookupRangeChecks(chunkBits: 8)

/// The canonical integer of an Fp element.
func integer(_ x: Fp) -> Natural { Natural(x) }

/// A random Fp element.
func randomFp(_ rng: inout SeededGenerator) -> Fp { Fp.random(using: &rng) }

/// Edge values: 0, 1, 2, p − 1, p − 2 and (p − 1)/2.
let edgeValues: [Fp] = {
    let pMinusOne = (Natural.p - Natural(1)).fp
    let half = ((Natural.p - Natural(1)) >> 1).fp
    return [.zero, .one, Fp(2), pMinusOne, pMinusOne - .one, half]
}()

/// Limb vectors of integers that are not reduced: 2^256 − 1, p itself (≡ 0),
/// p + 1 (≡ 1), 2^255 and 2^256 − p (≡ 2^256).
let unreducedLimbVectors: [[UInt64]] = {
    func limbs(_ x: Natural) -> [UInt64] { (0..<4).map { UInt64(x.word($0)) } }
    return [
        [.max, .max, .max, .max],
        limbs(.p), limbs(.p + Natural(1)), limbs(.powerOfTwo(255)),
        limbs(.powerOfTwo(256) - .p),
    ]
}()

/// The constraints `body` adds after `inputs` reduced Fp elements are allocated, in
/// shape mode (the inputs' own range checks excluded, as in `RecursionStats`),
/// with the stats' 16-bit lookups unless told otherwise.
func constraintCount(inputs: Int, lookups: LookupRangeChecks? = Groth16BatchCircuit.defaultLookups,
                     _ body: (inout CircuitBuilder, [EmulatedFp]) -> Void) -> Int {
    var cs = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: lookups)
    let x = (0..<inputs).map { _ in cs.allocateEmulated(Fp.zero) }
    let before = cs.constraintCount
    body(&cs, x)
    return cs.constraintCount - before
}

/// Tower elements from a list of Fp elements, in the types' coefficient order.
func fp2(_ x: [EmulatedFp], _ i: Int) -> EmulatedFp2 { EmulatedFp2(x[2 * i], x[2 * i + 1]) }
func fp6(_ x: [EmulatedFp], _ i: Int) -> EmulatedFp6 { EmulatedFp6(fp2(x, 3 * i), fp2(x, 3 * i + 1), fp2(x, 3 * i + 2)) }
func fp12(_ x: [EmulatedFp], _ i: Int) -> EmulatedFp12 { EmulatedFp12(fp6(x, 2 * i), fp6(x, 2 * i + 1)) }
