import SheafCurve

/// Reference traces: the steps the reference Solidity verifiers take, written out
/// from their structure, until the Sheaf verifiers record their own.
///
/// - ``individual(publicInputs:)`` is the **reference trace of the snarkjs Solidity
///   verifier** (`verifier_groth16.sol.ejs`): the on-chain contract's steps, not
///   Sheaf's verifier. `verifyProof(uint[2] a, uint[2][2] b, uint[2] c,
///   uint[ℓ] input)` takes fixed-size arrays (no ABI offsets), grows memory to
///   1,024 bytes (free pointer 0x80 plus `pLastMem` = 896), then for each input one
///   ECMUL and one ECADD into vk_x, then one 4-pair ECPAIRING (the verification
///   equation with −A and the constants α, β, γ, δ from its code).
/// - ``batched(_:)`` is the reference trace of a bundle contract doing on chain what
///   `Groth16.verifyBatch` in SheafGroth16 does: per proof a weight ρⱼ from a
///   Fiat–Shamir hash and ρⱼ·Aⱼ; per key (Σρ)·α, the input combination
///   Σ(Σⱼρⱼxⱼᵢ)·ICᵢ and Σρⱼ·Cⱼ; one pairing over n + 3k pairs.
/// - ``snarkPack(_:)`` is the reference trace of a SnarkPack verifier contract
///   (bellperson `verify.rs` as summarised in aggregation-research.md §1), with the
///   G_T arithmetic that has no precompile recorded as field operations.
///
/// Calldata is counted from the ABI layout: selectors, offsets and lengths by
/// their actual zero bytes; field elements (coordinates, public inputs) as 32
/// nonzero bytes. A uniformly random 254-bit element has on average ≈0.14 zero
/// bytes, so this overstates calldata by about 2 gas per word.
public struct ReferenceSettlementTraces: SettlementTraces {
    /// A provider of reference traces.
    public init() {}

    /// Names the traces as reference traces of the Solidity verifiers.
    public var provenance: String {
        "reference traces of the Solidity verifiers (snarkjs verifier_groth16 for a single proof; "
            + "an RLC bundle contract mirroring SheafGroth16's verifyBatch; a SnarkPack verifier "
            + "contract after bellperson), not traces recorded by Sheaf's own verifiers"
    }

    /// Bytes of a verifying key as SheafGroth16's `VerifyingKey.canonicalBytes`
    /// lays it out: α, β, γ, δ, an IC count word, then ℓ + 1 IC points.
    public static func verifyingKeyBytes(publicInputs: Int) -> Int { 64 + 3 * 128 + 32 + 64 * (publicInputs + 1) }

    /// The snarkjs Solidity verifier's steps for one proof.
    public func individual(publicInputs: Int) throws(GasError) -> EVMTrace {
        guard publicInputs >= 0 else {
            throw .invalidParameter(name: "publicInputs", reason: "must not be negative (got \(publicInputs))")
        }
        var calldata = CalldataCount()
        calldata.selector()
        calldata.fieldElements(8)             // a (2), b (4), c (2)
        calldata.fieldElements(publicInputs)  // uint[ℓ] input, fixed size: no offset or length
        var trace = EVMTrace()
        trace.record(calldata.step, label: "calldata: verifyProof(a, b, c, input[\(publicInputs)])")
        trace.record(.memory(words: 32), label: "memory: free pointer 0x80 + pLastMem 896 bytes")
        for i in 0..<publicInputs {
            trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
            trace.record(.ecMul, label: "input \(i + 1) · IC[\(i + 1)]")
            trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
            trace.record(.ecAdd, label: "vk_x += input \(i + 1) · IC[\(i + 1)]")
        }
        trace.record(.staticCall(cold: false), label: "call ECPAIRING (precompile, warm)")
        trace.record(.ecPairing(pairs: 4), label: "e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1")
        return trace
    }

    /// One transaction checking every proof of `shape` with one random linear
    /// combination.
    ///
    /// Layout: `verifyBundle(bytes32[] keys, uint256[] proofs, uint256[] inputs,
    /// uint256[] proofsPerKey)`: four dynamic arrays (four offsets, four lengths),
    /// k key hashes, 8 words per proof, the inputs, k counts. Keys are registered
    /// once beforehand and stored as contract code (SSTORE2): per key one cold
    /// `SLOAD` of its address and one cold `EXTCODECOPY` of its canonical bytes.
    public func batched(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        let n = shape.proofCount, k = shape.circuitCount
        let pairs = n + 3 * k
        var calldata = CalldataCount()
        calldata.selector()
        calldata.smallIntegers([128, 160 + 32 * k, 192 + 32 * k + 256 * n,
                                224 + 32 * k + 256 * n + 32 * shape.publicInputTotal])  // offsets
        calldata.smallIntegers([k])
        calldata.fieldElements(k)             // key hashes (keccak outputs)
        calldata.smallIntegers([8 * n])
        calldata.fieldElements(8 * n)         // proofs
        calldata.smallIntegers([shape.publicInputTotal])
        calldata.fieldElements(shape.publicInputTotal)
        calldata.smallIntegers([k] + shape.circuits.map(\.proofs))

        var trace = EVMTrace()
        trace.record(calldata.step, label: "calldata: verifyBundle(keys[\(k)], proofs[\(8 * n)], "
                     + "inputs[\(shape.publicInputTotal)], proofsPerKey[\(k)])")
        // Working memory: the pairing input (6 words a pair) or the hashed proofs and
        // inputs, whichever is larger, above the 4 scratch words of Solidity.
        let hashedBytes = 256 * n + 32 * shape.publicInputTotal
        trace.record(.memory(words: 4 + max(6 * pairs, hashedBytes / 32 + 1)),
                     label: "memory: pairing input of \(pairs) pairs or the hashed bundle")
        for circuit in shape.circuits {
            trace.record(.sload(cold: true), label: "registry: code address of each key")
            trace.record(.externalCodeCopy(bytes: Self.verifyingKeyBytes(publicInputs: circuit.publicInputs), cold: true),
                         label: "load each verifying key (SSTORE2 code)")
        }
        trace.record(.copy(bytes: hashedBytes), label: "copy proofs and inputs to memory")
        trace.record(.keccak256(bytes: hashedBytes + 32 * k), label: "Fiat–Shamir seed: keccak(keys ‖ proofs ‖ inputs)")
        for circuit in shape.circuits {
            for j in 0..<circuit.proofs {
                trace.record(.keccak256(bytes: 64), label: "weight ρⱼ = keccak(seed ‖ j) mod 2¹²⁸")
                trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                trace.record(.ecMul, label: "ρⱼ·Aⱼ")
                trace.record(.fieldArithmetic(op: .frMul, count: circuit.publicInputs), label: "ρⱼ·xⱼᵢ for each input")
                trace.record(.fieldArithmetic(op: .frAdd, count: circuit.publicInputs + 1), label: "Σρ and Σⱼ ρⱼ·xⱼᵢ")
                trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                trace.record(.ecMul, label: "ρⱼ·Cⱼ")
                if j > 0 {
                    trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
                    trace.record(.ecAdd, label: "Σⱼ ρⱼ·Cⱼ within each key")
                }
            }
            trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
            trace.record(.ecMul, label: "−(Σρ)·α of each key")
            for i in 0...circuit.publicInputs {
                trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                trace.record(.ecMul, label: "input combination: (Σⱼ ρⱼ·xⱼᵢ)·IC[i] of each key")
                if i > 0 {
                    trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
                    trace.record(.ecAdd, label: "input combination: accumulate of each key")
                }
            }
        }
        trace.record(.staticCall(cold: false), label: "call ECPAIRING (precompile, warm)")
        trace.record(.ecPairing(pairs: pairs), label: "one pairing check over n + 3k = \(n) + 3·\(k) pairs")
        return trace
    }

    /// Bytes of a SnarkPack aggregate of 2^rounds proofs on BN254 with EVM
    /// (uncompressed) encodings: (5 + 10L) G_T elements of 384 bytes, (7 + 2L) G1
    /// points of 64, 5 G2 points of 128, and the proof count as one word
    /// (aggregation-research.md §1: 3,012 + 3,968·L bytes with a 4-byte count).
    public static func snarkPackProofWords(rounds: Int) -> (gt: Int, g1: Int, g2: Int) {
        (5 + 10 * rounds, 7 + 2 * rounds, 5)
    }

    /// Cyclotomic squarings and multiplications of one G_T exponentiation by a
    /// `bits`-bit exponent in signed-digit (NAF) form: bits − 1 squarings and about
    /// bits/3 multiplications (NAF density 1/3; inverses in G_T are conjugations).
    public static func gtExponentiation(bits: Int) -> (squarings: Int, multiplications: Int) {
        (bits - 1, bits / 3)
    }

    /// Number of Miller-loop steps of BN254's optimal ate pairing, read off
    /// SheafCurve's `BN254.ateLoopNAF` (6x + 2 in NAF, 66 digits): 64 squarings of
    /// the accumulator, 65 doubling lines, 21 addition lines for the nonzero digits
    /// and 2 for the Frobenius corrections.
    public static let millerLoop = (squarings: 64, doublings: 65, additions: 23)

    /// One transaction verifying a SnarkPack aggregate per verifying key of `shape`.
    ///
    /// Per key with n proofs padded to N = 2^L ≥ 2: calldata of the aggregate and
    /// of all n·ℓ inputs; Fiat–Shamir hashes; Σ rʲ and Σ rʲ·aⱼᵢ in Fr; the input
    /// commitment by precompiles; L GIPA rounds, each folding five G_T commitments
    /// with two exponentiations (x and x⁻¹) and two multiplications, and the MIPP
    /// G1 value with two ECMUL/ECADD; the four KZG openings of the folded keys by
    /// ECPAIRING (pairing-product form with G1 scalings only, since there is no G2
    /// multiplication precompile); finally the seven TIPP/MIPP and three Groth16
    /// pairings whose targets are G_T elements of the proof, so they cannot use
    /// ECPAIRING: they are merged with random 128-bit weights (five G_T
    /// exponentiations, eight ECMUL), computed as one 10-pair Miller loop and one
    /// final exponentiation in contract code, and compared.
    public func snarkPack(_ shape: BundleShape) throws(GasError) -> EVMTrace {
        var trace = EVMTrace()
        var calldata = CalldataCount()
        calldata.selector()
        for (index, circuit) in shape.circuits.enumerated() {
            var rounds = 1
            while (1 << rounds) < circuit.proofs { rounds += 1 }
            let words = Self.snarkPackProofWords(rounds: rounds)
            // Per aggregate: its offset, the padded proof count, the inputs' length.
            calldata.smallIntegers([32 * (index + 1), 1 << rounds, circuit.proofs * circuit.publicInputs])
            calldata.fieldElements(12 * words.gt + 2 * words.g1 + 4 * words.g2)
            calldata.fieldElements(circuit.proofs * circuit.publicInputs)
        }
        trace.record(calldata.step, label: "calldata: SnarkPack aggregates and all public inputs")

        for circuit in shape.circuits {
            var rounds = 1
            while (1 << rounds) < circuit.proofs { rounds += 1 }
            let padded = 1 << rounds
            let words = Self.snarkPackProofWords(rounds: rounds)
            let proofBytes = 32 * (12 * words.gt + 2 * words.g1 + 4 * words.g2 + 1)
            let inputBytes = 32 * circuit.proofs * circuit.publicInputs
            trace.record(.memory(words: 4 + (proofBytes + inputBytes) / 32 + 256),
                         label: "memory: aggregate, inputs and 256 words of G_T working space")
            trace.record(.sload(cold: true), label: "registry: code address of each key")
            trace.record(.externalCodeCopy(bytes: Self.verifyingKeyBytes(publicInputs: circuit.publicInputs), cold: true),
                         label: "load each verifying key (SSTORE2 code)")
            trace.record(.copy(bytes: proofBytes + inputBytes), label: "copy each aggregate and its inputs to memory")

            // Transcript (keccak instead of bellperson's SHA-256).
            trace.record(.keccak256(bytes: inputBytes), label: "transcript: hash of the public inputs")
            trace.record(.keccak256(bytes: 4 * 384), label: "transcript: hcom over com_ab, com_c")
            trace.record(.keccak256(bytes: 64), label: "transcript: challenge r")
            for _ in 0..<rounds {
                trace.record(.keccak256(bytes: 32 + 10 * 384 + 2 * 64), label: "transcript: GIPA round challenge x")
            }
            trace.record(.keccak256(bytes: 32 + 2 * 128 + 2 * 64 + 2 * 64 + 128),
                         label: "transcript: KZG opening point z")

            // Fr work: powers of r, Σ rʲ, Σ rʲ·aⱼᵢ, x⁻¹ per round and the folded-key
            // polynomials at z (two products over L factors).
            trace.record(.fieldArithmetic(op: .frMul, count: padded), label: "powers rʲ")
            trace.record(.fieldArithmetic(op: .frAdd, count: padded), label: "Σ rʲ")
            trace.record(.fieldArithmetic(op: .frMul, count: circuit.proofs * circuit.publicInputs),
                         label: "rʲ·aⱼᵢ over all public inputs")
            trace.record(.fieldArithmetic(op: .frAdd, count: circuit.proofs * circuit.publicInputs),
                         label: "Σⱼ rʲ·aⱼᵢ over all public inputs")
            trace.record(.fieldArithmetic(op: .frInverse, count: rounds), label: "x⁻¹ of each GIPA round (MODEXP)")
            trace.record(.fieldArithmetic(op: .frMul, count: 6 * rounds), label: "folded-key polynomials at z")
            trace.record(.fieldArithmetic(op: .frAdd, count: 2 * rounds), label: "folded-key polynomials at z")

            // Groth16 side by precompiles: Σ(Σⱼ rʲaⱼᵢ)·ICᵢ and (Σ rʲ)·α.
            for i in 0...circuit.publicInputs {
                trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                trace.record(.ecMul, label: "input commitment (Σⱼ rʲaⱼᵢ)·IC[i]")
                if i > 0 {
                    trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
                    trace.record(.ecAdd, label: "input commitment: accumulate")
                }
            }
            trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
            trace.record(.ecMul, label: "(Σ rʲ)·α, folding e(α, β)^(Σ rʲ) into the Miller loop")

            // GIPA: five G_T targets folded per round, T' = L^x · T · R^(x⁻¹).
            let exp254 = Self.gtExponentiation(bits: 254)
            trace.record(.fieldArithmetic(op: .fp12CyclotomicSquare, count: 10 * rounds * exp254.squarings),
                         label: "GIPA: 10 G_T exponentiations per round (254-bit), squarings")
            trace.record(.fieldArithmetic(op: .fp12Mul, count: 10 * rounds * exp254.multiplications),
                         label: "GIPA: 10 G_T exponentiations per round (254-bit), multiplications")
            trace.record(.fieldArithmetic(op: .fp12Mul, count: 10 * rounds),
                         label: "GIPA: L^x · T · R^(x⁻¹) for 5 targets per round")
            for _ in 0..<rounds {
                for _ in 0..<2 {
                    trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                    trace.record(.ecMul, label: "GIPA: fold the MIPP value z_c")
                    trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
                    trace.record(.ecAdd, label: "GIPA: fold the MIPP value z_c")
                }
            }

            // KZG openings of the folded keys, by the pairing precompile.
            for _ in 0..<2 {
                for _ in 0..<2 {
                    trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                    trace.record(.ecMul, label: "KZG opening of v: scale G1 side")
                }
                trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
                trace.record(.ecAdd, label: "KZG opening of v: combine G1 side")
                trace.record(.staticCall(cold: false), label: "call ECPAIRING (precompile, warm)")
                trace.record(.ecPairing(pairs: 3), label: "KZG opening of the G2 key v")
            }
            for _ in 0..<2 {
                for _ in 0..<2 {
                    trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                    trace.record(.ecMul, label: "KZG opening of w: scale G1 side")
                    trace.record(.staticCall(cold: false), label: "call ECADD (precompile, warm)")
                    trace.record(.ecAdd, label: "KZG opening of w: combine G1 side")
                }
                trace.record(.staticCall(cold: false), label: "call ECPAIRING (precompile, warm)")
                trace.record(.ecPairing(pairs: 2), label: "KZG opening of the G1 key w")
            }

            // Final checks with G_T targets: random weights on five of six targets.
            for _ in 0..<8 {
                trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
                trace.record(.ecMul, label: "final checks: weight a G1 argument")
            }
            trace.record(.staticCall(cold: false), label: "call ECMUL (precompile, warm)")
            trace.record(.ecMul, label: "final MIPP check: final_c · final_r")
            let exp128 = Self.gtExponentiation(bits: 128)
            trace.record(.fieldArithmetic(op: .fp12CyclotomicSquare, count: 5 * exp128.squarings),
                         label: "final checks: 5 G_T exponentiations (128-bit weights), squarings")
            trace.record(.fieldArithmetic(op: .fp12Mul, count: 5 * exp128.multiplications + 5),
                         label: "final checks: 5 G_T exponentiations and the product of targets")

            // Ten-pair Miller loop in contract code.
            let loop = Self.millerLoop
            trace.record(.fieldArithmetic(op: .fp12Square, count: loop.squarings),
                         label: "in-EVM Miller loop (10 pairs): accumulator squarings")
            trace.record(.fieldArithmetic(op: .g2LineDoubling, count: 10 * loop.doublings),
                         label: "in-EVM Miller loop (10 pairs): doubling steps")
            trace.record(.fieldArithmetic(op: .g2LineAddition, count: 10 * loop.additions),
                         label: "in-EVM Miller loop (10 pairs): addition steps")
            trace.record(.fieldArithmetic(op: .fp12SparseMul, count: 10 * (loop.doublings + loop.additions)),
                         label: "in-EVM Miller loop (10 pairs): line multiplications")
            trace.record(.fieldArithmetic(op: .fp2Mul, count: 10 * 4),
                         label: "in-EVM Miller loop (10 pairs): Frobenius of Q for the last two lines")

            // Final exponentiation in contract code, as SheafCurve's Pairing does it:
            // easy part (1 inverse, 2 multiplications, 1 Frobenius), hard part (3
            // exponentiations by x, 63 bits with NAF weight 24: 62 squarings and 23
            // multiplications each; 13 multiplications; 4 squarings; 7 Frobenius).
            trace.record(.fieldArithmetic(op: .fp12Inverse, count: 1), label: "in-EVM final exponentiation: easy part inverse")
            trace.record(.fieldArithmetic(op: .fp12Frobenius, count: 8), label: "in-EVM final exponentiation: Frobenius maps")
            trace.record(.fieldArithmetic(op: .fp12CyclotomicSquare, count: 3 * 62 + 4),
                         label: "in-EVM final exponentiation: cyclotomic squarings")
            trace.record(.fieldArithmetic(op: .fp12Mul, count: 3 * 23 + 2 + 13),
                         label: "in-EVM final exponentiation: multiplications")
        }
        return trace
    }
}

/// Counts calldata bytes of an ABI encoding by kind of word.
struct CalldataCount {
    var zero = 0
    var nonZero = 0

    /// A 4-byte function selector (taken as four nonzero bytes).
    mutating func selector() { nonZero += 4 }

    /// Field elements: 32 bytes each, counted as nonzero.
    mutating func fieldElements(_ count: Int) { nonZero += 32 * count }

    /// Words holding small non-negative integers (offsets, lengths, counts),
    /// counted exactly: the nonzero bytes of the big-endian value are nonzero and
    /// the rest of the 32-byte word is zeros.
    mutating func smallIntegers(_ values: [Int]) {
        for value in values {
            var v = value
            var nonZeroBytes = 0
            while v > 0 {
                if v & 0xff != 0 { nonZeroBytes += 1 }
                v >>= 8
            }
            nonZero += nonZeroBytes
            zero += 32 - nonZeroBytes
        }
    }

    var step: EVMStep { .calldata(zeroBytes: zero, nonZeroBytes: nonZero) }
}
