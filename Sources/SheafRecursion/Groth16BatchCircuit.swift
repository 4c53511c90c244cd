import SheafCurve
import SheafField
import SheafGroth16

/// A complete batch-verification circuit: n inner Groth16 proofs under m keys,
/// one combined pairing check, and every key bound to a public hash.
///
/// The outer circuit's public inputs are the m key hashes
/// (``Groth16BatchVerifier/keyHash(_:)``) followed by every proof's public
/// inputs, in proof order, and, with lookup range checks (the default), the
/// lookup challenge last, which a commit-and-prove verifier computes itself. Its
/// shape depends only on the key of each proof and each key's input count, so
/// one proving key serves every batch of that shape.
public struct Groth16BatchCircuit: Sendable, Equatable {
    /// The most proofs one circuit takes.
    public static let maximumProofs = 64
    /// The most public inputs one inner key may take.
    public static let maximumPublicInputs = 32

    /// Each key's number ℓ of public inputs.
    public let publicInputCounts: [Int]
    /// Each proof's key, an index into ``publicInputCounts``.
    public let keyOfProof: [Int]
    /// How range checks are made: lookups over a commitment (the default,
    /// ``defaultLookups``) or, with nil, bit decomposition and a plain Groth16
    /// circuit about ten times larger.
    public var lookups: LookupRangeChecks? = Self.defaultLookups

    /// 16-bit chunks: a table of 65,536 entries against millions of checked bits.
    public static let defaultLookups: LookupRangeChecks? = LookupRangeChecks(chunkBits: 16)

    /// A batch of `keyOfProof.count` proofs under keys with the given input counts.
    ///
    /// - Throws: ``RecursionError/emptyBatch``, ``RecursionError/tooManyProofs(count:maximum:)``,
    ///   ``RecursionError/unsupportedPublicInputCount(key:count:maximum:)``,
    ///   ``RecursionError/unknownKey(proof:key:)`` or ``RecursionError/unusedKey(_:)``.
    public init(publicInputCounts: [Int], keyOfProof: [Int]) throws(RecursionError) {
        guard !keyOfProof.isEmpty else { throw .emptyBatch }
        guard keyOfProof.count <= Self.maximumProofs else {
            throw .tooManyProofs(count: keyOfProof.count, maximum: Self.maximumProofs)
        }
        for (k, count) in publicInputCounts.enumerated() where count < 0 || count > Self.maximumPublicInputs {
            throw .unsupportedPublicInputCount(key: k, count: count, maximum: Self.maximumPublicInputs)
        }
        for (i, k) in keyOfProof.enumerated() where !publicInputCounts.indices.contains(k) {
            throw .unknownKey(proof: i, key: k)
        }
        for k in publicInputCounts.indices where !keyOfProof.contains(k) { throw .unusedKey(k) }
        self.publicInputCounts = publicInputCounts
        self.keyOfProof = keyOfProof
    }

    /// n proofs, each under its own key with ℓ inputs.
    public static func distinctKeys(proofs n: Int, publicInputs ℓ: Int) throws(RecursionError) -> Self {
        try Self(publicInputCounts: Array(repeating: ℓ, count: max(n, 0)), keyOfProof: Array(0..<max(n, 0)))
    }

    /// n proofs under one key with ℓ inputs.
    public static func sharedKey(proofs n: Int, publicInputs ℓ: Int) throws(RecursionError) -> Self {
        try Self(publicInputCounts: [ℓ], keyOfProof: Array(repeating: 0, count: max(n, 0)))
    }

    /// The number of outer public inputs: one hash per key, then the proofs'
    /// inputs (the lookup challenge not counted).
    public var publicInputCount: Int {
        publicInputCounts.count + keyOfProof.reduce(0) { $0 + publicInputCounts[$1] }
    }

    /// The outer public inputs for these keys and inner inputs (key hashes first).
    public func publicInputs(keys: [VerifyingKey], publicInputs inputs: [[Fr]]) -> [Fr] {
        keys.map(Groth16BatchVerifier.keyHash) + inputs.flatMap { $0 }
    }

    /// The circuit without a witness (shape mode), for keys and constraint counts.
    public func shape(storage: CircuitBuilder.ConstraintStorage = .record) -> CircuitBuilder {
        var cs = CircuitBuilder(publicInputCount: publicInputCount, mode: .shape, storage: storage, lookups: lookups)
        build(&cs, keys: nil, proofs: nil, inputs: nil, keyHashes: nil)
        cs.finalize()
        return cs
    }

    /// The circuit with its witness for a batch. The proofs are not verified
    /// natively first: an invalid one leaves the circuit unsatisfiable (the
    /// residue hint fails by name), which ``CircuitBuilder/check()`` reports.
    ///
    /// - Parameters:
    ///   - keyHashes: the public key hashes; by default each key's own hash. A
    ///     different value (a key that does not match its claimed hash) leaves the
    ///     circuit unsatisfiable.
    ///   - commitmentChallenge: with lookups, how the challenge is drawn:
    ///     ``Groth16/commitmentChallenge(key:)`` for a witness to prove; by
    ///     default the builder's check-only challenge.
    /// - Throws: ``RecursionError`` when the inputs do not fit the circuit: wrong
    ///   counts, a malformed key (keys are trusted through their hash, so their
    ///   points are validated here), or a point at infinity in a proof or as a
    ///   proof's input point, which affine arithmetic cannot carry.
    public func build(keys: [VerifyingKey], proofs: [Groth16Proof], publicInputs inputs: [[Fr]],
                      keyHashes: [Fr]? = nil,
                      storage: CircuitBuilder.ConstraintStorage = .record,
                      commitmentChallenge: (@Sendable ([Fr]) -> Fr)? = nil) throws(RecursionError) -> CircuitBuilder {
        try validate(keys: keys, proofs: proofs, publicInputs: inputs)
        if let keyHashes, keyHashes.count != keys.count {
            throw .wrongCount(what: "key hashes", expected: keys.count, actual: keyHashes.count)
        }
        var cs = CircuitBuilder(publicInputCount: publicInputCount, mode: .witness, storage: storage, lookups: lookups)
        cs.commitmentChallenge = commitmentChallenge
        build(&cs, keys: keys, proofs: proofs, inputs: inputs, keyHashes: keyHashes ?? keys.map(Groth16BatchVerifier.keyHash))
        cs.finalize()
        return cs
    }

    func validate(keys: [VerifyingKey], proofs: [Groth16Proof], publicInputs inputs: [[Fr]]) throws(RecursionError) {
        guard keys.count == publicInputCounts.count else {
            throw .wrongCount(what: "keys", expected: publicInputCounts.count, actual: keys.count)
        }
        guard proofs.count == keyOfProof.count else {
            throw .wrongCount(what: "proofs", expected: keyOfProof.count, actual: proofs.count)
        }
        guard inputs.count == keyOfProof.count else {
            throw .wrongCount(what: "public-input lists", expected: keyOfProof.count, actual: inputs.count)
        }
        for (k, key) in keys.enumerated() {
            guard key.publicInputCount == publicInputCounts[k] else {
                throw .keyShapeMismatch(key: k, expected: publicInputCounts[k], actual: key.publicInputCount)
            }
            try Self.validateKey(key, index: k)
        }
        for (i, proof) in proofs.enumerated() {
            let key = keys[keyOfProof[i]]
            guard inputs[i].count == key.publicInputCount else {
                throw .wrongPublicInputCount(proof: i, expected: key.publicInputCount, actual: inputs[i].count)
            }
            for (name, infinite) in [("A", proof.a.isInfinity), ("B", proof.b.isInfinity), ("C", proof.c.isInfinity)] where infinite {
                throw .pointAtInfinity(proof: i, what: name)
            }
            var sigma = G1Jacobian(key.ic[0])
            for (j, x) in inputs[i].enumerated() { sigma += G1Jacobian(key.ic[j + 1]) * x }
            if sigma.isInfinity { throw .pointAtInfinity(proof: i, what: "the input point IC₀ + Σ xⱼ·ICⱼ") }
        }
    }

    /// The native checks a key's points get before they enter a circuit: G1
    /// points finite and on the curve, G2 points finite and in G2.
    static func validateKey(_ key: VerifyingKey, index k: Int) throws(RecursionError) {
        let g1 = [("alpha", key.alpha)] + key.ic.enumerated().map { ("ic[\($0)]", $1) }
        for (name, p) in g1 where p.isInfinity || !p.isOnCurve {
            throw .malformedKey(key: k, reason: "\(name) is \(p.isInfinity ? "the point at infinity" : "not on the curve")")
        }
        for (name, q) in [("beta", key.beta), ("gamma", key.gamma), ("delta", key.delta)] {
            if q.isInfinity { throw .malformedKey(key: k, reason: "\(name) is the point at infinity") }
            if !q.isOnCurve { throw .malformedKey(key: k, reason: "\(name) is not on the twist") }
            if !q.isInSubgroup { throw .malformedKey(key: k, reason: "\(name) is not in G2") }
        }
    }

    /// The circuit itself; `nil` arguments in shape mode.
    func build(_ cs: inout CircuitBuilder, keys: [VerifyingKey]?, proofs: [Groth16Proof]?, inputs: [[Fr]]?, keyHashes: [Fr]?) {
        // Public inputs first, in their declared order.
        let hashes = publicInputCounts.indices.map { k in cs.publicInput("keyHash[\(k)]", keyHashes![k]) }
        let publicInputs = keyOfProof.enumerated().map { i, k in
            (0..<publicInputCounts[k]).map { j in cs.publicInput("proof[\(i)]/input[\(j)]", inputs![i][j]) }
        }
        let emulatedKeys = assertVerifies(&cs, keys: keys, proofs: proofs, inputs: publicInputs)
        for (k, key) in emulatedKeys.enumerated() { cs.assertEqual(key.hash, hashes[k], "key[\(k)]/hashMatches") }
    }

    /// Allocates the keys and proofs and constrains every proof to verify on
    /// `inputs` (already variables of the circuit) under its key, returning the
    /// keys, whose hashes the caller binds. With `checkingKeysInG2` the keys'
    /// G2 points are proved to lie in G2 (for keys no hash vouches for).
    func assertVerifies(_ cs: inout CircuitBuilder, keys: [VerifyingKey]?, proofs: [Groth16Proof]?,
                        inputs: [[LinearCombination]], checkingKeysInG2: Bool = false) -> [EmulatedVerifyingKey] {
        let emulatedKeys = publicInputCounts.enumerated().map { k, count in
            cs.allocateEmulatedKey(keys![k], publicInputCount: count, "key[\(k)]")
        }
        let statements = keyOfProof.enumerated().map { i, k in
            EmulatedGroth16Statement(key: k, proof: cs.allocateEmulatedProof(proofs![i], "proof[\(i)]"),
                                     publicInputs: inputs[i])
        }
        cs.assertGroth16BatchVerifies(keys: emulatedKeys, statements, checkingKeysInG2: checkingKeysInG2)
        return emulatedKeys
    }
}
