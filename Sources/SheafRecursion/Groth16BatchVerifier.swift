import SheafCurve
import SheafField
import SheafGroth16

// n Groth16 proofs verified inside a circuit with one pairing-product check.
//
// Proof i under key k(i) is valid when
//
//     e(Aᵢ, Bᵢ) = e(α, β)·e(Σᵢ, γ)·e(Cᵢ, δ),   Σᵢ = IC₀ + Σⱼ xᵢⱼ·ICⱼ.
//
// With weights r₀ = 1 and rᵢ (i ≥ 1) of 128 bits drawn from a Poseidon hash of
// everything the prover supplies (key hashes, public inputs, and the proofs'
// points: weights fixed before the proofs would let a prover make two wrong
// proofs cancel), the batch checks the one product
//
//     ∏ᵢ e(rᵢ·Aᵢ, Bᵢ) · ∏ₖ e(−sₖ·αₖ, βₖ)·e(−Σ⁽ᵏ⁾, γₖ)·e(−C⁽ᵏ⁾, δₖ) = 1,
//
// where, over the proofs under key k, sₖ = Σ rᵢ, C⁽ᵏ⁾ = Σ rᵢ·Cᵢ and
// Σ⁽ᵏ⁾ = sₖ·IC₀ + Σⱼ (Σᵢ rᵢ·xᵢⱼ)·ICⱼ: the input scalars are combined natively
// (one constraint per product) so each key pays one multi-scalar
// multiplication, not one per proof. Proofs that share a key share its three
// pairs: n proofs under m keys cost n + 3m Miller pairs. If any proof is
// invalid the product is 1 only with probability about 2⁻¹²⁸ over the weights
// (Schwartz–Zippel in the exponent; r₀ = 1 does not change that), so no
// witness exists and the residue hint fails by name.
//
// What is checked where:
// - Bᵢ is untrusted: the Miller loop proves it lies in G2 from its own walk
//   (`EmulatedG2Membership.swift`, under a thousand constraints). Aᵢ, Cᵢ are on the
//   curve, which for G1 (cofactor 1) is membership.
// - Key points are bound by their Poseidon hash (``Groth16BatchVerifier/keyHash(_:)``),
//   which the caller compares with the hash of a key that was validated natively
//   when it was registered; they are on-curve checked, not subgroup checked.
//   A caller whose keys nothing vouches for (the outer circuit) asks the loop to
//   prove their G2 points' membership too (`checkingKeysInG2`).
// - Points at infinity have no affine form here. An honest batch meets one only
//   if a proof's A, C or Σᵢ is infinity, which ``Groth16BatchCircuit`` refuses
//   with a typed error before building; in a weighted sum it happens with
//   negligible probability, and then the circuit is unsatisfiable, never wrong.

/// A Groth16 verifying key inside a circuit.
public struct EmulatedVerifyingKey: Sendable, Equatable {
    /// α in G1.
    public let alpha: EmulatedG1Affine
    /// β, γ, δ in G2.
    public let beta: EmulatedG2Affine, gamma: EmulatedG2Affine, delta: EmulatedG2Affine
    /// IC₀…IC_ℓ in G1.
    public let ic: [EmulatedG1Affine]
    /// Its hash, computed from its limbs in the circuit (``Groth16BatchVerifier/keyHash(_:)``).
    public internal(set) var hash: LinearCombination
    /// For a commit-and-prove key whose Pedersen base g is γ: −σ·γ, the G2 point
    /// of the commitments' knowledge check; nil for a plain key.
    public var gSigmaNeg: EmulatedG2Affine? = nil

    /// The number ℓ of public inputs the key takes.
    public var publicInputCount: Int { ic.count - 1 }
}

/// A Groth16 proof inside a circuit.
public struct EmulatedGroth16Proof: Sendable, Equatable {
    /// A in G1.
    public let a: EmulatedG1Affine
    /// B on the twist and in G2, proved where it enters the Miller loop of
    /// ``CircuitBuilder/assertGroth16BatchVerifies(keys:_:checkingKeysInG2:)``, not
    /// when allocated: a caller that uses B anywhere else must call
    /// ``CircuitBuilder/assertInG2(_:)`` itself.
    public let b: EmulatedG2Affine
    /// C in G1.
    public let c: EmulatedG1Affine
}

/// One inner statement of a batch: a proof, the key it is checked against (an
/// index into the batch's keys) and its public inputs.
public struct EmulatedGroth16Statement: Sendable, Equatable {
    /// Index of the key in the batch's key list.
    public let key: Int
    /// The proof.
    public let proof: EmulatedGroth16Proof
    /// The public inputs, native Fr values; for a commit-and-prove proof the
    /// challenge Keccak-256(D) is the last, computed by the caller.
    public let publicInputs: [LinearCombination]
    /// A commit-and-prove proof's commitment D and knowledge proof π; nil for a
    /// plain proof.
    public let commitment: EmulatedPedersenCommitment?

    /// Proof `proof` of `publicInputs` under key number `key`, with the
    /// commitment of a commit-and-prove proof.
    public init(key: Int, proof: EmulatedGroth16Proof, publicInputs: [LinearCombination],
                commitment: EmulatedPedersenCommitment? = nil) {
        self.key = key
        self.proof = proof
        self.publicInputs = publicInputs
        self.commitment = commitment
    }
}

/// The commitment part of a commit-and-prove proof inside a circuit.
public struct EmulatedPedersenCommitment: Sendable, Equatable {
    /// D = Σ wᵢ·Kᵢ, on the curve.
    public let d: EmulatedG1Affine
    /// π = Σ wᵢ·σKᵢ, on the curve.
    public let knowledgeProof: EmulatedG1Affine
}

/// Native counterparts of the batch gadget: key hashes and the transcript.
public enum Groth16BatchVerifier {
    /// Bits of every weight but the first (which is 1).
    public static let weightBits = 128

    /// The Poseidon hash that binds a key inside the circuit: the transcript of
    /// ℓ, then α, β, γ, δ and IC₀…IC_ℓ, each coordinate as two 128-bit halves
    /// (Fp2 coordinates c0 first). Points must be finite.
    public static func keyHash(_ key: VerifyingKey) -> Fr {
        PoseidonTranscript.hash(keyElements(key))
    }

    /// The hash of a commit-and-prove key whose Pedersen base is γ (as
    /// ``OuterProof``'s keys are): the transcript of the plain key's hash, then
    /// −σ·γ's coordinates as for β.
    public static func keyHash(_ key: CommittedVerifyingKey) -> Fr {
        PoseidonTranscript.hash([keyHash(key.base)] + [key.gSigmaNeg.x.c0, key.gSigmaNeg.x.c1, key.gSigmaNeg.y.c0,
                                                         key.gSigmaNeg.y.c1].flatMap(PoseidonTranscript.packed))
    }

    static func keyElements(_ key: VerifyingKey) -> [Fr] {
        func g1(_ p: G1Affine) -> [Fr] { PoseidonTranscript.packed(p.x) + PoseidonTranscript.packed(p.y) }
        func g2(_ q: G2Affine) -> [Fr] {
            [q.x.c0, q.x.c1, q.y.c0, q.y.c1].flatMap(PoseidonTranscript.packed)
        }
        return [Fr(UInt64(key.publicInputCount))] + g1(key.alpha) + g2(key.beta) + g2(key.gamma) + g2(key.delta)
            + key.ic.flatMap(g1)
    }

    /// The bit width of the largest possible Σ rᵢ over the proofs `proofs` of
    /// one key: r₀ = 1, the others below 2¹²⁸.
    static func weightSumBits(proofs: [Int]) -> Int {
        let others = proofs.filter { $0 != 0 }.count
        let first = proofs.contains(0) ? 1 : 0
        if others == 0 { return 1 }
        // The maximum is others·(2¹²⁸ − 1) + first.
        if others == 1 && first == 1 { return weightBits + 1 }  // exactly 2¹²⁸
        // Otherwise (others − 1)·2¹²⁸ plus a low part in (0, 2¹²⁸).
        let high = others - 1
        return weightBits + (high == 0 ? 0 : Int.bitWidth - high.leadingZeroBitCount)
    }
}

extension CircuitBuilder {
    /// A verifying key with ℓ = `publicInputCount` inputs as private points,
    /// on-curve checked in G1, and its hash computed in the circuit.
    public mutating func allocateEmulatedKey(_ key: @autoclosure () -> VerifyingKey, publicInputCount: Int,
                                             _ name: String = "key") -> EmulatedVerifyingKey {
        precondition(publicInputCount >= 0, "a key takes a non-negative number of inputs")
        return withNamespace(name) { cs in
            let alpha = cs.allocateEmulatedG1(x: key().alpha.x, y: key().alpha.y, "alpha")
            let beta = cs.allocateEmulated(key().beta, "beta")
            let gamma = cs.allocateEmulated(key().gamma, "gamma")
            let delta = cs.allocateEmulated(key().delta, "delta")
            let ic = (0...publicInputCount).map { j in
                cs.allocateEmulatedG1(x: key().ic[j].x, y: key().ic[j].y, "ic[\(j)]")
            }
            func g1(_ p: EmulatedG1Affine) -> [LinearCombination] { cs.packed(p.x) + cs.packed(p.y) }
            func g2(_ q: EmulatedG2Affine) -> [LinearCombination] {
                [q.x.c0, q.x.c1, q.y.c0, q.y.c1].flatMap { cs.packed($0) }
            }
            let elements = [LinearCombination.constant(Fr(UInt64(publicInputCount)))] + g1(alpha) + g2(beta)
                + g2(gamma) + g2(delta) + ic.flatMap(g1)
            let hash = cs.poseidonTranscript(elements, "keyHash")
            return EmulatedVerifyingKey(alpha: alpha, beta: beta, gamma: gamma, delta: delta, ic: ic, hash: hash)
        }
    }

    /// A commit-and-prove verifying key whose Pedersen base g is γ, as private
    /// points, its hash (``Groth16BatchVerifier/keyHash(_:)-(CommittedVerifyingKey)``)
    /// computed in the circuit. `publicInputCount` counts the challenge.
    public mutating func allocateEmulatedCommittedKey(_ key: @autoclosure () -> CommittedVerifyingKey, publicInputCount: Int,
                                                      _ name: String = "key") -> EmulatedVerifyingKey {
        let base = allocateEmulatedKey(key().base, publicInputCount: publicInputCount, name)
        return withNamespace(name) { cs in
            let gSigmaNeg = cs.allocateEmulated(key().gSigmaNeg, "gSigmaNeg")
            let elements = [base.hash] + [gSigmaNeg.x.c0, gSigmaNeg.x.c1, gSigmaNeg.y.c0, gSigmaNeg.y.c1].flatMap { cs.packed($0) }
            var key = base
            key.gSigmaNeg = gSigmaNeg
            key.hash = cs.poseidonTranscript(elements, "committedKeyHash")
            return key
        }
    }

    /// A commit-and-prove proof's commitment and knowledge proof as private
    /// points, each on the curve. Neither may be infinity (which affine
    /// arithmetic cannot carry; callers refuse it natively first).
    public mutating func allocateEmulatedCommitment(_ proof: @autoclosure () -> Groth16CommittedProof,
                                                    _ name: String = "commitment") -> EmulatedPedersenCommitment {
        withNamespace(name) { cs in
            EmulatedPedersenCommitment(d: cs.allocateEmulatedG1(x: proof().commitment.x, y: proof().commitment.y, "d"),
                                       knowledgeProof: cs.allocateEmulatedG1(x: proof().knowledgeProof.x,
                                                                             y: proof().knowledgeProof.y, "pi"))
        }
    }

    /// A proof as private points: A and C on the curve, B allocated but not yet
    /// checked: ``assertGroth16BatchVerifies(keys:_:checkingKeysInG2:)`` proves
    /// it lies in G2 inside its Miller loop (B is untrusted).
    public mutating func allocateEmulatedProof(_ proof: @autoclosure () -> Groth16Proof,
                                               _ name: String = "proof") -> EmulatedGroth16Proof {
        withNamespace(name) { cs in
            let a = cs.allocateEmulatedG1(x: proof().a.x, y: proof().a.y, "a")
            let b = cs.allocateEmulated(proof().b, "b")
            let c = cs.allocateEmulatedG1(x: proof().c.x, y: proof().c.y, "c")
            return EmulatedGroth16Proof(a: a, b: b, c: c)
        }
    }

    /// Constrains every statement to verify under its key, with one combined
    /// pairing check (see the top of `Groth16BatchVerifier.swift`). Key hashes
    /// are not compared with anything here: the caller binds `keys[k].hash`.
    /// Every proof's B is proved to lie in G2 by the Miller loop; with
    /// `checkingKeysInG2` so is every key's β, γ, δ (and −σγ), for keys that no
    /// hash binds to a validated key.
    ///
    /// - Precondition: at least one statement; every statement's key index is in
    ///   range and its input count is the key's ℓ; every key has a statement.
    public mutating func assertGroth16BatchVerifies(keys: [EmulatedVerifyingKey], _ statements: [EmulatedGroth16Statement],
                                                    checkingKeysInG2: Bool = false) {
        precondition(!statements.isEmpty, "a batch needs a statement")
        for s in statements {
            precondition(keys.indices.contains(s.key), "statement refers to key \(s.key) of \(keys.count)")
            precondition(s.publicInputs.count == keys[s.key].publicInputCount, "wrong number of public inputs")
        }
        let groups = keys.indices.map { k in statements.indices.filter { statements[$0].key == k } }
        precondition(groups.allSatisfy { !$0.isEmpty }, "every key needs a statement")
        for s in statements {
            precondition((s.commitment != nil) == (keys[s.key].gSigmaNeg != nil),
                         "a commit-and-prove key verifies commit-and-prove proofs only, and a plain key plain proofs")
        }
        withNamespace("groth16Batch") { cs in
            let (weights, knowledgeWeights) = cs.batchWeights(keys: keys, statements)
            var pairs = [EmulatedPairingPair]()
            // e(rᵢ·Aᵢ, Bᵢ) per proof.
            for (i, s) in statements.enumerated() {
                let a = i == 0 ? s.proof.a : cs.withNamespace("proof[\(i)]/weightedA") { cs in
                    cs.multiScalarMultiply([EmulatedMSMTerm(point: s.proof.a, scalar: weights[i], bits: Groth16BatchVerifier.weightBits)])
                }
                pairs.append(EmulatedPairingPair(p: a, q: s.proof.b, checkingMembershipAs: "bInG2/proof[\(i)]"))
            }
            // e(−sₖ·αₖ, βₖ)·e(−Σ⁽ᵏ⁾, γₖ)·e(−C⁽ᵏ⁾, δₖ) per key.
            for (k, key) in keys.enumerated() {
                let members = groups[k]
                cs.withNamespace("key[\(k)]") { cs in
                    let onlyFirst = members == [0]
                    let weightSum = members.reduce(LinearCombination.zero) { $0 + weights[$1] }
                    let sumBits = Groth16BatchVerifier.weightSumBits(proofs: members)
                    let alpha = onlyFirst ? key.alpha : cs.withNamespace("alpha") { cs in
                        cs.multiScalarMultiply([EmulatedMSMTerm(point: key.alpha, scalar: weightSum, bits: sumBits)])
                    }
                    let inputPoint = cs.withNamespace("inputs") { cs in
                        // tⱼ = Σᵢ rᵢ·xᵢⱼ; r₀ = 1 needs no product.
                        var terms = [EmulatedMSMTerm]()
                        for j in 0..<key.publicInputCount {
                            var scalar = LinearCombination.zero
                            for i in members {
                                let x = statements[i].publicInputs[j]
                                scalar = scalar + (i == 0 ? x : cs.product(weights[i], x, "t[\(j)]/proof[\(i)]"))
                            }
                            terms.append(EmulatedMSMTerm(point: key.ic[j + 1], scalar: scalar, bits: 254))
                        }
                        // Commit-and-prove: Σᵢ + Dᵢ stands in for Σᵢ, so Σ⁽ᵏ⁾ gains Σ rᵢ·Dᵢ.
                        for i in members {
                            if let commitment = statements[i].commitment {
                                terms.append(i == 0 ? EmulatedMSMTerm(point: commitment.d, scalar: .one, bits: 1)
                                             : EmulatedMSMTerm(point: commitment.d, scalar: weights[i], bits: Groth16BatchVerifier.weightBits))
                            }
                        }
                        // With proof 0 alone, s = 1 and Σ⁽ᵏ⁾ = Σ₀, which is finite (checked
                        // natively before building) even when every input is 0.
                        if onlyFirst && terms.isEmpty { return key.ic[0] }
                        return cs.multiScalarMultiply([EmulatedMSMTerm(point: key.ic[0], scalar: weightSum, bits: sumBits)] + terms)
                    }
                    let c = onlyFirst ? statements[0].proof.c : cs.withNamespace("c") { cs in
                        let weighted = members.filter { $0 != 0 }.map { i in
                            EmulatedMSMTerm(point: statements[i].proof.c, scalar: weights[i], bits: Groth16BatchVerifier.weightBits)
                        }
                        let sum = cs.multiScalarMultiply(weighted)
                        return members.contains(0) ? cs.addDistinct(sum, statements[0].proof.c) : sum
                    }
                    func keyPoint(_ name: String) -> String? { checkingKeysInG2 ? "keyInG2/key[\(k)]/\(name)" : nil }
                    pairs.append(EmulatedPairingPair(p: cs.negate(alpha), q: key.beta, checkingMembershipAs: keyPoint("beta")))
                    if let gSigmaNeg = key.gSigmaNeg {
                        // Each knowledge check e(Dᵢ, −σγ)·e(πᵢ, γ) = 1, weighted by its
                        // own ρᵢ: the πᵢ join the γ pair, the Dᵢ make one more pair.
                        let knowledge = cs.withNamespace("knowledge") { cs in
                            (pi: cs.multiScalarMultiply(members.map { i in
                                EmulatedMSMTerm(point: statements[i].commitment!.knowledgeProof, scalar: knowledgeWeights[i],
                                                bits: Groth16BatchVerifier.weightBits)
                            }),
                             d: cs.multiScalarMultiply(members.map { i in
                                 EmulatedMSMTerm(point: statements[i].commitment!.d, scalar: knowledgeWeights[i],
                                                 bits: Groth16BatchVerifier.weightBits)
                             }))
                        }
                        pairs.append(EmulatedPairingPair(p: cs.addDistinct(cs.negate(inputPoint), knowledge.pi), q: key.gamma,
                                                         checkingMembershipAs: keyPoint("gamma")))
                        pairs.append(EmulatedPairingPair(p: knowledge.d, q: gSigmaNeg, checkingMembershipAs: keyPoint("gSigmaNeg")))
                    } else {
                        pairs.append(EmulatedPairingPair(p: cs.negate(inputPoint), q: key.gamma, checkingMembershipAs: keyPoint("gamma")))
                    }
                    pairs.append(EmulatedPairingPair(p: cs.negate(c), q: key.delta, checkingMembershipAs: keyPoint("delta")))
                }
            }
            cs.assertPairingProductIsOne(pairs)
        }
    }

    /// r₀ = 1 and, for i ≥ 1, rᵢ = the low 128 bits of Poseidon(t, i), where t is
    /// the transcript of the batch size, every key hash, and per statement its
    /// key index, public inputs, proof points and (commit-and-prove) D and π.
    /// A commit-and-prove statement also gets ρᵢ = the low 128 bits of
    /// Poseidon(t, n + i) for its knowledge check (ρ₀ too: a weight of 1 on both of
    /// proof 0's equations would let one cancel the other). The split of each hash
    /// into halves is checked canonical (below r), so every weight is unique.
    mutating func batchWeights(keys: [EmulatedVerifyingKey], _ statements: [EmulatedGroth16Statement])
        -> (weights: [LinearCombination], knowledgeWeights: [LinearCombination]) {
        withNamespace("weights") { cs in
            var elements = [LinearCombination.constant(Fr(UInt64(statements.count)))] + keys.map(\.hash)
            for s in statements {
                elements.append(.constant(Fr(UInt64(s.key))))
                elements += s.publicInputs
                let p = s.proof
                elements += [p.a.x, p.a.y, p.b.x.c0, p.b.x.c1, p.b.y.c0, p.b.y.c1, p.c.x, p.c.y].flatMap { cs.packed($0) }
                if let commitment = s.commitment {
                    elements += [commitment.d.x, commitment.d.y, commitment.knowledgeProof.x, commitment.knowledgeProof.y]
                        .flatMap { cs.packed($0) }
                }
            }
            let transcript = cs.poseidonTranscript(elements)
            func weight(_ index: Int, _ name: String, _ cs: inout CircuitBuilder) -> LinearCombination {
                cs.withNamespace(name) { cs in
                    let h: LinearCombination
                    do { h = try cs.poseidon([transcript, .constant(Fr(UInt64(index)))], "hash") } catch {
                        preconditionFailure("Poseidon refused two inputs: \(error)")
                    }
                    return cs.lowHalf(of: h)
                }
            }
            var weights = [LinearCombination.one]
            for i in 1..<statements.count { weights.append(weight(i, "r[\(i)]", &cs)) }
            let knowledgeWeights = statements.indices.map { i in
                statements[i].commitment == nil ? LinearCombination.zero : weight(statements.count + i, "rho[\(i)]", &cs)
            }
            return (weights, knowledgeWeights)
        }
    }

    /// The low 128 bits of x: x = lo + 2¹²⁸·hi with lo < 2¹²⁸, hi < 2¹²⁶ and
    /// (hi, lo) below r's halves, so the split is the canonical one. About 520
    /// constraints.
    mutating func lowHalf(of x: LinearCombination) -> LinearCombination {
        let r = Natural(Fr.zero - .one) + Natural(1)  // r as an integer
        let rLow = Fr(UInt64(r.word(0))) + PoseidonTranscript.twoTo64 * Fr(UInt64(r.word(1)))
        let rHigh = Fr(UInt64(r.word(2))) + PoseidonTranscript.twoTo64 * Fr(UInt64(r.word(3)))
        let twoTo128 = PoseidonTranscript.twoTo64 * PoseidonTranscript.twoTo64
        let halves = hint("split", inputs: [x], count: 2) { v throws(HintError) in
            let n = Natural(v[0])
            return [Fr(UInt64(n.word(0))) + PoseidonTranscript.twoTo64 * Fr(UInt64(n.word(1))),
                    Fr(UInt64(n.word(2))) + PoseidonTranscript.twoTo64 * Fr(UInt64(n.word(3)))]
        }
        let (low, high) = (halves[0], halves[1])
        assertRange(low, bits: 128, "low")
        assertRange(high, bits: 126, "high")
        enforce(low.adding(high, scaledBy: twoTo128), .one, x, "recompose")
        // hi ≤ r_hi, and when hi = r_hi, lo ≤ r_lo − 1.
        assertRange(LinearCombination.constant(rHigh) - high, bits: 126, "highBound")
        let tight = isEqual(high, .constant(rHigh), "highIsTop")
        let slack = product(tight, LinearCombination.constant(rLow - .one) - low, "lowSlack")
        assertRange(slack, bits: 128, "lowBound")
        return low
    }
}
