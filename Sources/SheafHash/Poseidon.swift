import SheafField

/// Why a Poseidon hash or a Poseidon Merkle tree operation was refused.
public enum PoseidonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `Poseidon.hash` takes 1 to ``Poseidon/maxInputs`` elements (circomlib widths
    /// t = 2...7); `count` were given.
    case unsupportedInputCount(Int)
    /// A Merkle tree depth outside 1...``PoseidonMerkleTree/maxDepth``.
    case unsupportedDepth(Int)
    /// A leaf index outside 0..<2^depth.
    case leafIndexOutOfRange(index: Int, depth: Int)
    /// A Merkle path whose sibling count differs from the tree depth.
    case wrongPathLength(expected: Int, actual: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .unsupportedInputCount(count):
            return "Poseidon takes 1 to \(Poseidon.maxInputs) inputs, got \(count)"
        case let .unsupportedDepth(depth):
            return "Merkle tree depth must be 1...\(PoseidonMerkleTree.maxDepth), got \(depth)"
        case let .leafIndexOutOfRange(index, depth):
            return "leaf index \(index) is outside a tree of depth \(depth) (0..<2^\(depth))"
        case let .wrongPathLength(expected, actual):
            return "Merkle path has \(actual) siblings, the tree depth is \(expected)"
        }
    }
}

/// The constants of one Poseidon instance: width t, round counts, round constants
/// and the MDS matrix.
///
/// The values are circomlib's, derived with the Poseidon paper's Grain LFSR procedure
/// by `scripts/gen_poseidon_constants.py` (which writes `PoseidonConstants.swift`);
/// the circuit gadget in SheafGroth16 reads them from here so that the native hash
/// and the constrained one cannot drift apart.
public struct PoseidonParameters: Sendable {
    /// The state width t (number of inputs + 1: circomlib has no separate capacity
    /// beyond the single zero word in front).
    public let width: Int
    /// Full rounds R_F (all S-boxes), split evenly before and after the partial rounds.
    public let fullRounds: Int
    /// Partial rounds R_P (S-box on the first state word only).
    public let partialRounds: Int
    /// Round constants, round-major: the constant added to word i in round r is at
    /// index r·t + i.
    public let roundConstants: [Fr]
    /// The MDS matrix, row-major: the mix computes s'ᵢ = Σⱼ M[i][j]·sⱼ with M[i][j]
    /// at index i·t + j.
    public let mds: [Fr]

    /// The total number of rounds R_F + R_P.
    @inlinable
    public var rounds: Int { fullRounds + partialRounds }

    /// Whether round `round` (from 0) applies the S-box to every word: the first
    /// and last R_F/2 rounds do.
    @inlinable
    public func isFullRound(_ round: Int) -> Bool {
        round < fullRounds / 2 || round >= fullRounds / 2 + partialRounds
    }

    /// The parameters for hashing `count` inputs (width count + 1).
    ///
    /// - Throws: ``PoseidonError/unsupportedInputCount(_:)`` unless 1 ≤ count ≤ 6.
    public static func forInputCount(_ count: Int) throws -> PoseidonParameters {
        guard count >= 1, count <= Poseidon.maxInputs else { throw PoseidonError.unsupportedInputCount(count) }
        return all[count - 1]
    }

    /// Every supported instance, indexed by input count − 1; parsed from the
    /// generated hex tables on first use (Swift's global initialisation is lazy and
    /// thread-safe).
    static let all: [PoseidonParameters] = generatedTables.map { table in
        // The tables are generated and fixed: a parse failure is a build defect.
        func parse(_ hex: String) -> Fr {
            guard let value = try? Fr(hex: hex) else { preconditionFailure("bad Poseidon constant \(hex)") }
            return value
        }
        let parameters = PoseidonParameters(
            width: table.t, fullRounds: 8, partialRounds: table.partialRounds,
            roundConstants: table.constants.map(parse), mds: table.mds.map(parse))
        precondition(parameters.roundConstants.count == parameters.rounds * parameters.width
                     && parameters.mds.count == parameters.width * parameters.width,
                     "Poseidon table for t = \(table.t) has the wrong size")
        return parameters
    }
}

/// Poseidon over BN254 Fr, compatible with circomlib's `poseidon` / circomlibjs.
///
/// For k inputs (1 ≤ k ≤ 6) the state is [0, x₁, …, x_k] (width t = k + 1); each of the
/// R_F + R_P rounds adds the round constants, applies x ↦ x⁵ (to every word in full
/// rounds, to word 0 in partial rounds) and multiplies by the MDS matrix; the hash is
/// word 0 of the final state.
public enum Poseidon {
    /// The largest number of inputs one call accepts (t = 7).
    public static let maxInputs = 6

    /// The Poseidon hash of 1 to 6 field elements.
    ///
    /// - Throws: ``PoseidonError/unsupportedInputCount(_:)`` for 0 or more than 6 inputs.
    public static func hash(_ inputs: [Fr]) throws -> Fr {
        let parameters = try PoseidonParameters.forInputCount(inputs.count)
        var state = [Fr.zero] + inputs
        permute(&state, parameters: parameters)
        return state[0]
    }

    /// The hash of two elements, the Merkle node function; cannot fail.
    public static func hash(_ left: Fr, _ right: Fr) -> Fr {
        var state = [Fr.zero, left, right]
        permute(&state, parameters: PoseidonParameters.all[1])
        return state[0]
    }

    /// x⁵, the S-box: two squarings and a multiplication.
    @inlinable @inline(__always)
    static func sbox(_ x: Fr) -> Fr {
        let x2 = x.squared()
        return x2.squared() * x
    }

    /// Applies the Poseidon permutation in place; `state.count` must equal the width.
    public static func permute(_ state: inout [Fr], parameters: PoseidonParameters) {
        let t = parameters.width
        precondition(state.count == t, "Poseidon state has \(state.count) words, width is \(t)")
        // One scratch buffer for the whole permutation: no allocation per round.
        withUnsafeTemporaryAllocation(of: Fr.self, capacity: t) { scratch in
            parameters.roundConstants.withUnsafeBufferPointer { constants in
                parameters.mds.withUnsafeBufferPointer { mds in
                    state.withUnsafeMutableBufferPointer { s in
                        for round in 0..<parameters.rounds {
                            for i in 0..<t { s[i] += constants[round * t + i] }
                            if parameters.isFullRound(round) {
                                for i in 0..<t { s[i] = sbox(s[i]) }
                            } else {
                                s[0] = sbox(s[0])
                            }
                            for i in 0..<t {
                                var sum = Fr.zero
                                for j in 0..<t { sum += mds[i * t + j] * s[j] }
                                scratch[i] = sum
                            }
                            for i in 0..<t { s[i] = scratch[i] }
                        }
                    }
                }
            }
        }
    }
}
