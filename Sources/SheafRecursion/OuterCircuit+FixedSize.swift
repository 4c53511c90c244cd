import SheafGroth16

// Fixed sizes: one outer key for many bundles.
//
// An outer circuit's shape is each proof's key slot and each slot's input
// count, and its proving key serves only that shape. A key that serves every
// bundle of up to N proofs whose keys take ℓ inputs needs the shape to forget
// which proofs share a key: N slots, each with its own key of ℓ inputs, filled
// with the proof of each application and its own key (a key that several
// applications share is repeated, which the circuit allows: nothing requires
// slot keys to differ). A bundle of m < N proofs is padded by repeating its
// last proof, key and statement in the N − m free slots. The padding is
// sound and visible: a padded slot proves again a statement the bundle already
// holds, so the statement tree has N leaves of which the last N − m repeat the
// m-th, and a settled padded leaf says nothing that the real one does not.
//
// The price is the shape: every slot verifies its key's β, γ, δ in G2 and its
// pairs separately, so a bundle whose applications share keys costs more
// constraints in a fixed-size circuit than in one of its own shape.

extension OuterCircuit {
    /// The fixed sizes `sheaf aggregate --outer-size auto` chooses from: a
    /// deployment makes one key per size (and input count) and pads every bundle
    /// to the smallest that holds it.
    public static let standardSizes = [4, 8, 16]

    /// The fixed-size circuit: `slots` proofs, each under its own key slot of
    /// `publicInputs` inputs (``Groth16BatchCircuit/distinctKeys(proofs:publicInputs:)``).
    ///
    /// - Throws: as ``Groth16BatchCircuit/init(publicInputCounts:keyOfProof:)``.
    public static func fixedSize(slots: Int, publicInputs ℓ: Int) throws(RecursionError) -> OuterCircuit {
        try OuterCircuit(publicInputCounts: Array(repeating: ℓ, count: max(slots, 0)), keyOfProof: Array(0..<max(slots, 0)))
    }

    /// The smallest of ``standardSizes`` that holds `count` proofs, or nil when
    /// none does.
    public static func standardSize(holding count: Int) -> Int? {
        standardSizes.first { $0 >= count }
    }

    /// Whether this is a fixed-size circuit: every proof under a slot of its
    /// own, all slots with one input count.
    public var isFixedSize: Bool {
        batch.keyOfProof == Array(batch.publicInputCounts.indices)
            && Set(batch.publicInputCounts).count == 1
    }

    /// The witness of a fixed-size circuit for `proofs.count` ≤ slots proofs,
    /// `keys[keyOfProof[i]]` proof i's key: each slot's key, and the proofs and
    /// statements padded by repeating the last one.
    ///
    /// - Throws: ``RecursionError/emptyBatch``, ``RecursionError/tooManyProofs(count:maximum:)``
    ///   when more proofs than slots come, ``RecursionError/wrongCount(what:expected:actual:)``
    ///   for lists of different lengths, ``RecursionError/unknownKey(proof:key:)``,
    ///   ``RecursionError/keyShapeMismatch(key:expected:actual:)`` for a key of
    ///   another input count, and ``RecursionError/notFixedSize``.
    public func padded(keys: [VerifyingKey], keyOfProof: [Int], proofs: [Groth16Proof], statements: [OuterStatement])
        throws(RecursionError) -> (keys: [VerifyingKey], proofs: [Groth16Proof], statements: [OuterStatement])
    {
        let slots = batch.keyOfProof.count
        guard isFixedSize else { throw .notFixedSize }
        guard !proofs.isEmpty else { throw .emptyBatch }
        guard proofs.count <= slots else { throw .tooManyProofs(count: proofs.count, maximum: slots) }
        guard keyOfProof.count == proofs.count else { throw .wrongCount(what: "proof keys", expected: proofs.count, actual: keyOfProof.count) }
        guard statements.count == proofs.count else { throw .wrongCount(what: "statements", expected: proofs.count, actual: statements.count) }
        let ℓ = batch.publicInputCounts[0]
        var slotKeys = [VerifyingKey]()
        for (i, k) in keyOfProof.enumerated() {
            guard keys.indices.contains(k) else { throw .unknownKey(proof: i, key: k) }
            guard keys[k].publicInputCount == ℓ else { throw .keyShapeMismatch(key: k, expected: ℓ, actual: keys[k].publicInputCount) }
            slotKeys.append(keys[k])
        }
        let padding = slots - proofs.count
        return (slotKeys + Array(repeating: slotKeys[slotKeys.count - 1], count: padding),
                proofs + Array(repeating: proofs[proofs.count - 1], count: padding),
                statements + Array(repeating: statements[statements.count - 1], count: padding))
    }
}
