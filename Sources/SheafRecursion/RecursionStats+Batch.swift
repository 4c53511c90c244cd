import SheafField
import SheafGroth16

extension RecursionStats {
    /// The constraint count of one batch-verification circuit
    /// (``Groth16BatchCircuit``), with where the constraints go.
    public struct BatchRow: Sendable, Equatable {
        /// Number of inner proofs.
        public let proofs: Int
        /// Whether all proofs share one key (else each has its own).
        public let sharedKey: Bool
        /// Public inputs per inner key.
        public let publicInputs: Int
        /// Miller-loop pairs in the combined check: n + 3·(keys).
        public let pairs: Int
        /// All constraints of the circuit.
        public let constraints: Int
        /// How many of them are range checks (recompositions and lookup queries,
        /// or bit decompositions), the lookup table excluded.
        public let rangeCheckConstraints: Int
        /// Constraints by part, in a fixed order: the combined pairing check
        /// (Miller loop and residue check, B's membership aside), B ∈ G2 checks
        /// (proved inside the Miller loop), G1 multi-scalar
        /// multiplications (weights on A, C, α and the key's input point), the
        /// weights' transcript, the key hashes, the lookup table and sum, and the
        /// rest (allocating and on-curve checking points, hash comparisons).
        public let parts: [(name: String, constraints: Int)]

        public static func == (a: BatchRow, b: BatchRow) -> Bool {
            a.proofs == b.proofs && a.sharedKey == b.sharedKey && a.publicInputs == b.publicInputs && a.pairs == b.pairs
                && a.constraints == b.constraints && a.rangeCheckConstraints == b.rangeCheckConstraints
                && a.parts.map(\.name) == b.parts.map(\.name) && a.parts.map(\.constraints) == b.parts.map(\.constraints)
        }
    }

    /// The namespaces counted as parts of a batch, with their display names.
    static let batchParts: [(namespace: String, name: String)] = [
        ("pairingCheck", "pairing check"), ("bInG2", "B in G2"), ("g1.msm", "G1 MSMs"),
        ("weights", "weights"), ("keyHash", "key hashes"), ("lookup", "lookup table"),
    ]

    /// Counts the batch verifier for n proofs with distinct keys and with one
    /// shared key (once for n = 1, where the two coincide), ℓ inputs per key, by building each circuit in count mode (no
    /// witness, constraints not stored). About a second per million constraints.
    ///
    /// - Parameter lookups: the range checks: lookups (the default) or, with nil,
    ///   bit decomposition.
    public static func measureBatches(sizes: [Int] = [1, 2, 4, 8], publicInputs ℓ: Int = 1,
                                      lookups: LookupRangeChecks? = Groth16BatchCircuit.defaultLookups)
        throws(RecursionError) -> [BatchRow] {
        var rows = [BatchRow]()
        for n in sizes {
            for shared in [false, true] where !(shared && n == 1) {
                var circuit = shared ? try Groth16BatchCircuit.sharedKey(proofs: n, publicInputs: ℓ)
                    : try Groth16BatchCircuit.distinctKeys(proofs: n, publicInputs: ℓ)
                circuit.lookups = lookups
                var cs = CircuitBuilder(publicInputCount: circuit.publicInputCount, mode: .shape, storage: .discard,
                                        lookups: lookups)
                cs.tallies = [CircuitBuilder.Tally(namespace: CircuitBuilder.rangeCheckLabel, labelSuffix: cs.rangeCheckedValueSuffix)]
                    + batchParts.map { CircuitBuilder.Tally(namespace: $0.namespace, labelSuffix: "") }
                circuit.build(&cs, keys: nil, proofs: nil, inputs: nil, keyHashes: nil)
                cs.finalize()
                var counted = cs.tallies.dropFirst().map(\.constraints)
                // B's membership is proved inside the pairing check's Miller loop:
                // count it once, as its own part.
                let pairing = batchParts.firstIndex { $0.namespace == "pairingCheck" }!
                let membership = batchParts.firstIndex { $0.namespace == "bInG2" }!
                counted[pairing] -= counted[membership]
                var parts = zip(batchParts.map(\.name), counted).map { (name: $0, constraints: $1) }
                parts.append((name: "other", constraints: cs.constraintCount - counted.reduce(0, +)))
                rows.append(BatchRow(proofs: n, sharedKey: shared, publicInputs: ℓ,
                                     pairs: n + 3 * circuit.publicInputCounts.count, constraints: cs.constraintCount,
                                     rangeCheckConstraints: cs.tallies[0].constraints, parts: parts))
            }
        }
        return rows
    }
}

extension RecursionStats {
    /// Witness-generation time of the batch verifier on real inner proofs (a
    /// tiny seeded application with one input), n = 1, 2, 4, 8 with distinct keys
    /// and with one shared key. The circuit is built with discarded storage and
    /// checked as it goes (`satisfied` is always set). Minutes in all.
    public static func batchWitnessTimings(sizes: [Int] = [1, 2, 4, 8]) throws -> [WitnessTiming] {
        let largest = sizes.max() ?? 0
        let apps = try (0..<largest).map { i in try BatchFixture.application(proofs: largest, seed: 900 + UInt64(i)) }
        var out = [WitnessTiming]()
        for n in sizes {
            for shared in [false, true] where !(shared && n == 1) {
                let circuit = shared ? try Groth16BatchCircuit.sharedKey(proofs: n, publicInputs: 1)
                    : try Groth16BatchCircuit.distinctKeys(proofs: n, publicInputs: 1)
                let keys = shared ? [apps[0].key] : apps[0..<n].map(\.key)
                let proofs = shared ? Array(apps[0].proofs[0..<n]) : apps[0..<n].map { $0.proofs[0] }
                let inputs = shared ? Array(apps[0].inputs[0..<n]) : apps[0..<n].map { $0.inputs[0] }
                let clock = ContinuousClock()
                var cs: CircuitBuilder?
                let elapsed = try clock.measure {
                    cs = try circuit.build(keys: keys, proofs: proofs, publicInputs: inputs, storage: .discard)
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                out.append(WitnessTiming(name: "batch.\(n).\(shared ? "shared" : "distinct")",
                                         detail: "\(n) proof\(n == 1 ? "" : "s"), \(shared ? "one shared key" : "distinct keys"), 1 input each",
                                         constraints: cs!.constraintCount, seconds: seconds,
                                         satisfied: cs!.check().isSatisfied))
            }
        }
        return out
    }
}

/// A tiny inner Groth16 application for stats and tests: public inputs
/// x₁…x_ℓ, a private w with w² = x₁ (w·w = w when ℓ = 0), and every input used
/// once so that each ICⱼ is a real point; keys from the insecure seeded setup.
enum BatchFixture {
    static func application(publicInputs ℓ: Int = 1, proofs count: Int, seed: UInt64) throws
        -> (key: VerifyingKey, proofs: [Groth16Proof], inputs: [[Fr]]) {
        func build(_ w: Fr, extra: [Fr], mode: CircuitBuilder.Mode) -> CircuitBuilder {
            var cs = CircuitBuilder(publicInputCount: ℓ, mode: mode)
            let xs = (0..<ℓ).map { j in cs.publicInput("x[\(j)]", j == 0 ? w * w : extra[j - 1]) }
            let witness = cs.allocate(w)
            cs.enforce(witness, witness, ℓ == 0 ? witness : xs[0], "square")
            for j in xs.indices.dropFirst() { cs.enforce(xs[j], .one, xs[j], "use[\(j)]") }
            return cs
        }
        let system = build(.one, extra: [], mode: .shape).constraintSystem()
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: seed)
        var rng = SeededGenerator(seed: seed + 1)
        var proofs = [Groth16Proof](), inputs = [[Fr]]()
        for _ in 0..<count {
            let w = ℓ == 0 ? Fr.one : Fr.random(using: &rng)
            let extra = (1..<max(ℓ, 1)).map { _ in Fr.random(using: &rng) }
            let cs = build(w, extra: extra, mode: .witness)
            proofs.append(try Groth16.prove(key: key, constraintSystem: system, witness: cs.witness(), using: &rng))
            inputs.append(try system.publicInputs(from: cs.witness()))
        }
        return (key.verifyingKey, proofs, inputs)
    }
}
