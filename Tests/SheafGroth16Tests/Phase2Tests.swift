import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// x³ + x + 5 = out with x and out public: 3 constraints, 2 inputs, a domain of 8.
private func cubic(_ x: Fr, mode: CircuitBuilder.Mode = .witness) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 2, mode: mode)
    let xv = cs.publicInput("x", x)
    let square = cs.allocate(x * x)
    cs.enforce(xv, xv, square, "square")
    let cube = cs.allocate(x * x * x)
    cs.enforce(square, xv, cube, "cube")
    let out = cs.publicInput("out", x * x * x + x + Fr(5))
    cs.enforce(cube + xv + LinearCombination.one * Fr(5), .one, out, "out")
    return cs
}

/// z = x·y with x and y range-checked by lookups (a commit-and-prove circuit).
private func committedProduct(_ x: Fr, _ y: Fr, mode: CircuitBuilder.Mode = .witness,
                              challenge: (@Sendable ([Fr]) -> Fr)? = nil) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 1, mode: mode, lookups: LookupRangeChecks(chunkBits: 4))
    cs.commitmentChallenge = challenge
    let z = cs.publicInput("z", x * y)
    let xv = cs.allocate(x), yv = cs.allocate(y)
    cs.assertRange(xv, bits: 8, "x")
    cs.assertRange(yv, bits: 8, "y")
    cs.enforce(xv, yv, z, "product")
    cs.finalize()
    return cs
}

/// Powers for known τ, α, β made by Sheaf itself (for domains the py_ecc file
/// is too small for).
private func knownPowers(tau: Fr, alpha: Fr, beta: Fr, size n: Int) throws -> Phase1Powers {
    var taus = [Fr.one]
    for _ in 1..<(2 * n - 1) { taus.append(taus[taus.count - 1] * tau) }
    func g1(_ s: [Fr]) -> [G1Affine] { G1Jacobian.batchAffine(FixedBase.multiply(.generator, s)) }
    return try Phase1Powers(tauG1: g1(taus), tauG2: G2Jacobian.batchAffine(FixedBase.multiply(.generator, Array(taus[..<n]))),
                            alphaTauG1: g1(taus[..<n].map { $0 * alpha }), betaTauG1: g1(taus[..<n].map { $0 * beta }),
                            betaG2: (G2Jacobian.generator * beta).affine)
}

/// The key the seeded setup's core makes for these trapdoors (γ = 1, Pedersen base γ).
private func keyFor(_ system: ConstraintSystem, tau: Fr, alpha: Fr, beta: Fr, delta: Fr = .one, sigma: Fr = .one) throws -> ProvingKey {
    Groth16.setup(publicInputs: system.publicInputCount,
                  trapdoors: SetupTrapdoors(tau: tau, alpha: alpha, beta: beta, gamma: .one, delta: delta, sigma: sigma, pedersen: .one),
                  committed: system.commitment, qap: try QAP.evaluate(constraintSystem: system, at: tau))
}

private var vectorBytes: [UInt8] { bytes(hex: Phase2Vectors.ptauHex) }
private var preparedBytes: [UInt8] { bytes(hex: Phase2Vectors.preparedHex) }

/// The offset of section `type`'s data in a binfile.
private func sectionOffset(_ bytes: [UInt8], _ type: Int) -> Int {
    func u(_ at: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
    var offset = 12
    while u(offset, 4) != type { offset += 12 + u(offset + 4, 8) }
    return offset + 12
}

private func bytes(hex text: String) -> [UInt8] {
    let hex = Array(text.utf8)
    func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
    return stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
}

@Suite("Groth16 phase 2 from powers of tau")
struct Phase2Tests {
    @Test("A py_ecc .ptau is read and checked; the initial key is the seeded setup's key for its τ, α, β with γ = δ = 1")
    func initialKeyFromPtau() throws {
        let powers = try Phase1Powers.decode(ptau: vectorBytes, domainSize: 8)
        #expect(powers.domainSize == 8 && powers.tauG1.count == 15)
        let system = cubic(.zero, mode: .shape).constraintSystem()
        let initial = try Phase2.initialKey(constraintSystem: system, powers: powers)
        let expected = try keyFor(system, tau: Fr(Phase2Vectors.tau), alpha: Fr(Phase2Vectors.alpha), beta: Fr(Phase2Vectors.beta))
        #expect(sameKey(initial, expected))
        #expect(!sameKey(initial, try keyFor(system, tau: Fr(Phase2Vectors.tau) + .one, alpha: Fr(Phase2Vectors.alpha),
                                              beta: Fr(Phase2Vectors.beta))))
        // A smaller domain reads a prefix; a larger one than the ceremony is refused.
        #expect(try Phase1Powers.decode(ptau: vectorBytes, domainSize: 4).tauG1.count == 7)
        #expect(throws: Phase2Error.powersTooShort(needed: 16, available: 8)) {
            try Phase1Powers.decode(ptau: vectorBytes, domainSize: 16)
        }
    }

    @Test("A prepared .ptau's Lagrange sections are read for the circuit's domain, checked against the powers, and give the same key")
    func preparedPtau() throws {
        let prepared = try Phase1Powers.decode(ptau: preparedBytes, domainSize: 8)
        #expect(prepared.lagrange != nil)
        #expect(try Phase1Powers.decode(ptau: vectorBytes, domainSize: 8).lagrange == nil)
        let system = cubic(.zero, mode: .shape).constraintSystem()
        let expected = try keyFor(system, tau: Fr(Phase2Vectors.tau), alpha: Fr(Phase2Vectors.alpha), beta: Fr(Phase2Vectors.beta))
        #expect(sameKey(try Phase2.initialKey(constraintSystem: system, powers: prepared), expected))
        // A domain of 4 reads that domain's bases (after the 1 + 2 + … before it).
        let four = try Phase1Powers.decode(ptau: preparedBytes, domainSize: 4)
        #expect(four.lagrange?.tauG1 == Phase1Powers.lagrange(four.tauG1[...], size: 4))
        // Two basis points swapped (each still on the curve): refused by the check.
        var swapped = preparedBytes
        let start = sectionOffset(swapped, 12) + 64 * 7   // the domain of 8 starts at point 7
        for k in 0..<64 { swapped.swapAt(start + k, start + 64 + k) }
        #expect(throws: Phase2Error.inconsistentPowers("the Lagrange basis [Lⱼ(τ)]₁ is not that of the powers (domain 8)")) {
            try Phase1Powers.decode(ptau: swapped, domainSize: 8)
        }
    }

    @Test("Contributions: the key verifies and proves after each, also read back from its file; σ moves too for a commit-and-prove key")
    func contributions() throws {
        let powers = try Phase1Powers.decode(ptau: vectorBytes, domainSize: 8)
        let system = cubic(.zero, mode: .shape).constraintSystem()
        let initial = try Phase2.initialKey(constraintSystem: system, powers: powers)
        var rng = SeededGenerator(seed: 0x9A2)
        let once = Phase2.contribute(to: initial, using: &rng)
        let twice = Phase2.contribute(to: once, using: &rng)
        try Phase2.verify(key: initial, initial: initial)
        try Phase2.verify(key: once, initial: initial)
        try Phase2.verify(key: twice, initial: initial)
        #expect(twice.contributions.count == 2 && twice.contributions[0] == once.contributions[0])
        #expect(twice.verifyingKey.delta != initial.verifyingKey.delta && twice.deltaG1 != once.deltaG1)
        // The contributed key proves: an honest statement verifies, another does not.
        let witness = cubic(Fr(3))
        let proof = try Groth16.prove(key: twice, constraintSystem: witness.constraintSystem(), witness: witness.witness(), using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [Fr(3), Fr(35)], key: twice.verifyingKey))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [Fr(3), Fr(36)], key: twice.verifyingKey)))
        // The same contribution chain from the file.
        let decoded = try ProvingKeyFile.decode(ProvingKeyFile.encode(twice))
        #expect(sameKey(decoded, twice))
        try Phase2.verify(key: decoded, initial: initial)

        // Commit-and-prove: known trapdoors at n = 64, σ and δ both contributed.
        let committed = committedProduct(.zero, .zero, mode: .shape).constraintSystem()
        let (tau, alpha, beta) = (Fr(77), Fr(88), Fr(99))
        let bigger = try knownPowers(tau: tau, alpha: alpha, beta: beta, size: 64)
        try bigger.validate()
        let committedInitial = try Phase2.initialKey(constraintSystem: committed, powers: bigger)
        #expect(sameKey(committedInitial, try keyFor(committed, tau: tau, alpha: alpha, beta: beta)))
        let contributed = Phase2.contribute(to: committedInitial, using: &rng)
        try Phase2.verify(key: contributed, initial: committedInitial)
        #expect(contributed.commitment?.gSigmaNeg != committedInitial.commitment?.gSigmaNeg)
        let cs = committedProduct(Fr(12), Fr(200), challenge: Groth16.commitmentChallenge(key: contributed))
        let committedProof = try Groth16.proveCommitted(key: contributed, constraintSystem: cs.constraintSystem(),
                                                        witness: cs.witness(), using: &rng)
        let vk = try #require(contributed.committedVerifyingKey)
        #expect(try Groth16.verify(proof: committedProof, publicInputs: [Fr(2400)], key: vk))
        try Phase2.verify(key: ProvingKeyFile.decode(ProvingKeyFile.encode(contributed)), initial: committedInitial)
    }

    @Test("Tampered keys and contributions are refused, naming what is wrong")
    func tampering() throws {
        let powers = try Phase1Powers.decode(ptau: vectorBytes, domainSize: 8)
        let system = cubic(.zero, mode: .shape).constraintSystem()
        let initial = try Phase2.initialKey(constraintSystem: system, powers: powers)
        var rng = SeededGenerator(seed: 0x7A3)
        let key = Phase2.contribute(to: Phase2.contribute(to: initial, using: &rng), using: &rng)

        // A bad proof of knowledge.
        var badProof = key
        let c = key.contributions[0]
        badProof.contributions[0] = Phase2Contribution(
            deltaG1: c.deltaG1, deltaG2: c.deltaG2,
            deltaProof: SchnorrProof(commitment: c.deltaProof.commitment, response: c.deltaProof.response + .one),
            sigmaNeg: nil, sigmaProof: nil)
        #expect(throws: Phase2Error.invalidContribution(index: 0, reason: "its proof of knowledge of d does not verify")) {
            try Phase2.verify(key: badProof, initial: initial)
        }
        // A contribution list that does not end at the key's δ (the last one dropped).
        var dropped = key
        dropped.contributions.removeLast()
        #expect(throws: Phase2Error.keyMismatch("its δ is not the last contribution's")) {
            try Phase2.verify(key: dropped, initial: initial)
        }
        // Contributions taken from another key's chain: their proofs are bound to it.
        let other = Phase2.contribute(to: initial, using: &rng)
        var replayed = key
        replayed.contributions[1] = other.contributions[0]
        #expect(throws: Phase2Error.invalidContribution(index: 1, reason: "its proof of knowledge of d does not verify")) {
            try Phase2.verify(key: replayed, initial: initial)
        }
        // δ updated without dividing L and H (a contributor who kept δ's old factor).
        var stale = Phase2.contribute(to: initial, using: &rng)
        stale = ProvingKey(verifyingKey: stale.verifyingKey, betaG1: stale.betaG1, deltaG1: stale.deltaG1, aQuery: stale.aQuery,
                           bG1Query: stale.bG1Query, bG2Query: stale.bG2Query, lQuery: initial.lQuery, hQuery: stale.hQuery,
                           domainSize: stale.domainSize, commitment: nil, contributions: stale.contributions)
        #expect(throws: Phase2Error.keyMismatch("its L query is not the initial one scaled by the contributions")) {
            try Phase2.verify(key: stale, initial: initial)
        }
        // Another circuit's A query, and a key for other powers.
        var moved = key
        moved = ProvingKey(verifyingKey: moved.verifyingKey, betaG1: moved.betaG1, deltaG1: moved.deltaG1,
                           aQuery: moved.aQuery.reversed(), bG1Query: moved.bG1Query, bG2Query: moved.bG2Query,
                           lQuery: moved.lQuery, hQuery: moved.hQuery, domainSize: moved.domainSize, commitment: nil,
                           contributions: moved.contributions)
        #expect(throws: Phase2Error.keyMismatch("its A query is not the initial key's")) { try Phase2.verify(key: moved, initial: initial) }
        let otherPowers = try knownPowers(tau: Fr(5), alpha: Fr(6), beta: Fr(7), size: 8)
        #expect(throws: Phase2Error.self) {
            try Phase2.verify(key: key, initial: Phase2.initialKey(constraintSystem: system, powers: otherPowers))
        }
        // A seeded key is no phase-2 key of these powers.
        #expect(throws: Phase2Error.self) {
            try Phase2.verify(key: Groth16.insecureSetup(constraintSystem: system, seed: 1), initial: initial)
        }
    }

    @Test("Malformed or inconsistent powers of tau get typed errors")
    func hostilePtau() throws {
        let bytes = vectorBytes
        // Truncated, wrong magic.
        #expect(throws: (any Error).self) { try Phase1Powers.decode(ptau: Array(bytes.dropLast(7)), domainSize: 8) }
        var magic = bytes
        magic[0] = 0x71
        #expect(throws: SnarkJSFileError.notThisFormat(expected: "ptau")) { try Phase1Powers.decode(ptau: magic, domainSize: 8) }
        // Two [τⁱ]₁ swapped: on the curve, but not successive powers.
        let g1Start = 12 + 12 + 44 + 12   // magic, version, count; header section; section 2's header
        var swapped = bytes
        for k in 0..<64 { swapped.swapAt(g1Start + 64 * 2 + k, g1Start + 64 * 3 + k) }
        #expect(throws: Phase2Error.inconsistentPowers("the [τⁱ]₁ powers are not successive powers of the G2 τ")) {
            try Phase1Powers.decode(ptau: swapped, domainSize: 8)
        }
        // A coordinate ≥ p.
        var big = bytes
        for k in 0..<32 { big[g1Start + 64 + k] = 0xFF }
        #expect(throws: SnarkJSFileError.self) { try Phase1Powers.decode(ptau: big, domainSize: 8) }
        // Powers whose β differs between G1 and G2.
        let good = try Phase1Powers.decode(ptau: bytes, domainSize: 8)
        let mixed = try Phase1Powers(tauG1: good.tauG1, tauG2: good.tauG2, alphaTauG1: good.alphaTauG1,
                                     betaTauG1: good.betaTauG1, betaG2: (G2Jacobian(good.betaG2) * Fr(2)).affine)
        #expect(throws: Phase2Error.inconsistentPowers("[β]₁ and [β]₂ hold different β")) { try mixed.validate() }
        #expect(throws: Phase2Error.self) {
            try Phase1Powers(tauG1: Array(good.tauG1.dropLast()), tauG2: good.tauG2, alphaTauG1: good.alphaTauG1,
                             betaTauG1: good.betaTauG1, betaG2: good.betaG2)
        }
    }
}
