import SheafField
import SheafHash

extension CircuitBuilder {
    /// x⁵ as three constraints: x·x = x², x²·x² = x⁴, x⁴·x = x⁵. The input may be any
    /// combination (round constants ride along as its constant term).
    mutating func poseidonSBox(_ x: LinearCombination, _ label: String) -> LinearCombination {
        let v = value(of: x)
        let x2 = allocate(v.squared())
        enforce(x, x, x2, label + "/x2")
        let x4 = allocate(v.squared().squared())
        enforce(x2, x2, x4, label + "/x4")
        let x5 = allocate(v.squared().squared() * v)
        enforce(x4, x, x5, label + "/x5")
        return x5
    }

    /// Poseidon of 1 to 6 inputs, constrained exactly as ``Poseidon/hash(_:)``
    /// computes it (same parameters, read from SheafHash).
    ///
    /// Round-constant additions and MDS mixing are linear and cost nothing; each
    /// S-box costs 3 constraints, so t inputs + 1 = width t costs 3·(8t + R_P):
    /// 216 (1 input), 243 (2), 264 (3), 300 (4), 324 (5), 357 (6). The state words
    /// that skip the S-box in partial rounds stay linear combinations and grow by
    /// one term per round, which keeps the constraint count minimal at the price of
    /// denser rows.
    ///
    /// - Returns: the hash as a linear combination of the last round's S-box outputs.
    /// - Throws: ``PoseidonError/unsupportedInputCount(_:)`` for 0 or more than 6 inputs.
    public mutating func poseidon(_ inputs: [LinearCombination], _ label: String = "poseidon") throws -> LinearCombination {
        let parameters = try PoseidonParameters.forInputCount(inputs.count)
        let t = parameters.width
        return withNamespace(label) { builder in
            var state = [LinearCombination.zero] + inputs
            for round in 0..<parameters.rounds {
                for i in 0..<t {
                    state[i] = state[i] + .constant(parameters.roundConstants[round * t + i])
                }
                if parameters.isFullRound(round) {
                    for i in 0..<t { state[i] = builder.poseidonSBox(state[i], "round[\(round)]/sbox[\(i)]") }
                } else {
                    state[0] = builder.poseidonSBox(state[0], "round[\(round)]/sbox[0]")
                }
                // The last round's mix only matters for word 0, the output.
                let rows = round == parameters.rounds - 1 ? 1 : t
                var mixed = [LinearCombination]()
                mixed.reserveCapacity(rows)
                for i in 0..<rows {
                    var sum = LinearCombination.zero
                    for j in 0..<t { sum = sum.adding(state[j], scaledBy: parameters.mds[i * t + j]) }
                    mixed.append(sum)
                }
                state = mixed
            }
            return state[0]
        }
    }
}
