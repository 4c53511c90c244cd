import SheafField
import SheafGroth16
import SheafHash

extension RecursionStats {
    /// The constraint count of one outer circuit (``OuterCircuit``): the batch
    /// verifier plus the keys' G2 membership checks and the SHA-256 statement
    /// tree that makes the root the only public input.
    public struct OuterRow: Sendable, Equatable {
        /// Number of inner proofs.
        public let proofs: Int
        /// Whether all proofs share one key (else each has its own).
        public let sharedKey: Bool
        /// Public inputs per inner key.
        public let publicInputs: Int
        /// All constraints of the circuit.
        public let constraints: Int
        /// The keys' β, γ, δ membership checks, proved in the batch's Miller
        /// loop (under a thousand constraints each).
        public let keyChecks: Int
        /// The statement tree: inputs and key hashes as canonical bytes, the
        /// statement hashes, leaves and nodes (SHA-256), and the root's check.
        public let statementTree: Int
        /// SHA-256 compressions in the tree.
        public let sha256Blocks: Int
        /// The spread-pair table the tree's SHA-256 looks words up in, paid once
        /// (``CircuitBuilder/spreadTableConstraintCount``; 0 without lookups).
        public let spreadTable: Int
    }

    /// Counts the outer circuit for n proofs with distinct keys and with one
    /// shared key, ℓ inputs per key, in count mode.
    public static func measureOuter(sizes: [Int] = [1, 2, 4, 8], publicInputs ℓ: Int = 1) throws(RecursionError) -> [OuterRow] {
        var rows = [OuterRow]()
        for n in sizes {
            for shared in [false, true] where !(shared && n == 1) {
                let batch = shared ? try Groth16BatchCircuit.sharedKey(proofs: n, publicInputs: ℓ)
                    : try Groth16BatchCircuit.distinctKeys(proofs: n, publicInputs: ℓ)
                let circuit = try OuterCircuit(publicInputCounts: batch.publicInputCounts, keyOfProof: batch.keyOfProof)
                var cs = CircuitBuilder(publicInputCount: OuterCircuit.publicInputCount, mode: .shape, storage: .discard,
                                        lookups: batch.lookups)
                cs.tallies = [CircuitBuilder.Tally(namespace: "statementTree", labelSuffix: ""),
                              CircuitBuilder.Tally(namespace: "keyInG2", labelSuffix: ""),
                              CircuitBuilder.Tally(namespace: CircuitBuilder.spreadTableNamespace, labelSuffix: "")]
                circuit.build(&cs, keys: nil, proofs: nil, statements: nil)
                cs.finalize()
                rows.append(OuterRow(proofs: n, sharedKey: shared, publicInputs: ℓ, constraints: cs.constraintCount,
                                     keyChecks: cs.tallies[1].constraints, statementTree: cs.tallies[0].constraints,
                                     sha256Blocks: circuit.sha256BlockCount, spreadTable: cs.tallies[2].constraints))
            }
        }
        return rows
    }
}

