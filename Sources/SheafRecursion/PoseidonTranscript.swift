import SheafField
import SheafGroth16
import SheafHash

// The one hash of SheafRecursion's circuits: Poseidon (circomlib's parameters,
// from SheafHash), chained over any number of Fr elements. It is what binds a
// verifying key to its hash and what derives a batch's weights, so the native
// function and the gadget must agree to the bit; the tests compare them.
//
// The chain: h = Poseidon(count, e₀, …, e₄), then h = Poseidon(h, next five)
// until the elements run out (the last call takes what is left). The count in
// front keeps inputs of different lengths apart even where chunk widths agree.

/// Poseidon chained over a sequence of field elements, natively.
public enum PoseidonTranscript {
    /// Elements absorbed per call after the first (a call takes six inputs).
    static let rate = Poseidon.maxInputs - 1

    /// The chained hash of `elements` (at least one).
    public static func hash(_ elements: [Fr]) -> Fr {
        precondition(!elements.isEmpty, "a transcript needs at least one element")
        var state = Fr(UInt64(elements.count))
        var index = 0
        while index < elements.count {
            let chunk = Array(elements[index..<min(index + rate, elements.count)])
            state = poseidon([state] + chunk)
            index += chunk.count
        }
        return state
    }

    /// Poseidon of 2…6 inputs, which cannot fail.
    static func poseidon(_ inputs: [Fr]) -> Fr {
        do { return try Poseidon.hash(inputs) } catch {
            preconditionFailure("Poseidon refused \(inputs.count) inputs: \(error)")
        }
    }

    /// 2^64 in Fr.
    static let twoTo64 = Fr(UInt64.max) + .one

    /// The two 128-bit halves of an element of Fp given as four 64-bit limbs (as
    /// allocated), low half first: how points enter a transcript.
    static func packed(_ x: Fp) -> [Fr] {
        let limbs = EmulatedFp.limbValues(of: Natural(x))
        return [limbs[0] + twoTo64 * limbs[1], limbs[2] + twoTo64 * limbs[3]]
    }
}

extension CircuitBuilder {
    /// ``PoseidonTranscript/hash(_:)`` as constraints: 357 per five elements
    /// (one six-input Poseidon), fewer for the last chunk.
    public mutating func poseidonTranscript(_ elements: [LinearCombination], _ label: String = "transcript") -> LinearCombination {
        precondition(!elements.isEmpty, "a transcript needs at least one element")
        return withNamespace(label) { cs in
            var state = LinearCombination.constant(Fr(UInt64(elements.count)))
            var index = 0, call = 0
            while index < elements.count {
                let chunk = Array(elements[index..<min(index + PoseidonTranscript.rate, elements.count)])
                do {
                    state = try cs.poseidon([state] + chunk, "call[\(call)]")
                } catch {
                    preconditionFailure("Poseidon refused \(chunk.count + 1) inputs: \(error)")
                }
                index += chunk.count
                call += 1
            }
            return state
        }
    }

    /// An emulated element's two 128-bit halves, as linear combinations of its
    /// limbs (free). Exact for reduced elements, whose limbs are below 2^64.
    func packed(_ x: EmulatedFp) -> [LinearCombination] {
        precondition(x.limbBits == EmulatedFp.limbWidth, "only reduced elements are packed")
        let shift = PoseidonTranscript.twoTo64
        return [x.limbs[0].adding(x.limbs[1], scaledBy: shift), x.limbs[2].adding(x.limbs[3], scaledBy: shift)]
    }
}
