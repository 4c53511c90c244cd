import SheafField
import SheafGroth16

// Every hinted limb, quotient limb and carry of the emulated arithmetic is
// range-checked through SheafGroth16's `rangeCheck` and `rangeCheckedHint`, which
// use bit decomposition or, in a builder with lookups (the batch circuit's
// default), log-derivative lookups over a Groth16 commitment. docs/recursion.md
// explains the choice and the cost.

extension CircuitBuilder {
    /// The namespace of every range-check constraint, which ``RecursionStats``
    /// tallies to split a gadget's cost into range checks and the rest.
    static let rangeCheckLabel = CircuitBuilder.rangeCheckNamespace

    /// A hint whose outputs are the limbs of `namespaces.count` emulated elements,
    /// each limb range-checked to 64 bits under `namespace/limb[i]` (the bare
    /// `limb[i]` for an empty namespace).
    mutating func hintedElements(_ name: String, inputs: [LinearCombination], namespaces: [String],
                                 _ compute: ([Fr]) throws(HintError) -> [Fr]) -> [EmulatedFp] {
        let outputs = namespaces.flatMap { namespace in
            (0..<EmulatedFp.limbCount).map { i in
                RangeCheckedOutput(label: (namespace.isEmpty ? "" : namespace + "/") + "limb[\(i)]",
                                   bits: EmulatedFp.limbWidth)
            }
        }
        let limbs = rangeCheckedHint(name, inputs: inputs, outputs: outputs, compute)
        return namespaces.indices.map { e in
            EmulatedFp(limbs: Array(limbs[(EmulatedFp.limbCount * e)..<(EmulatedFp.limbCount * (e + 1))]),
                       limbBits: EmulatedFp.limbWidth)
        }
    }

    /// The chunk width range checks are made of: 1 for bit decomposition.
    var rangeCheckGranularity: Int { lookups?.chunkBits ?? 1 }

    /// The width to check for a value that needs `bits` (0 stays 0): rounded up
    /// to whole lookup chunks, since a narrower top chunk costs a second query
    /// while a wider range costs nothing. Only for checks whose callers bound
    /// their soundness argument by the width checked (the admitted range), not
    /// the one needed: carries and quotient limbs.
    func checkedWidth(_ bits: Int) -> Int {
        guard bits > 0 else { return 0 }
        let g = rangeCheckGranularity
        let rounded = (bits + g - 1) / g * g
        return rounded <= CircuitBuilder.maxBits ? rounded : bits
    }

    /// One hinted element: ``hintedElements(_:inputs:namespaces:_:)`` for one.
    mutating func hintedElement(_ name: String, inputs: [LinearCombination],
                                _ compute: ([Fr]) throws(HintError) -> [Fr]) -> EmulatedFp {
        hintedElements(name, inputs: inputs, namespaces: [""], compute)[0]
    }
}
