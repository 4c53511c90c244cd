/// The contracts' own work (everything but intrinsic gas, calldata and
/// precompiles), as measured in a real EVM and fitted by
/// `scripts/evm/calibrate.py`, which writes ``current`` into
/// `ContractCalibration+Measured.swift` from `Contracts/gas-calibration.json`.
/// Nothing here is estimated by hand: change a contract, re-run the script.
public struct ContractCalibration: Sendable, Equatable {
    /// Which EVM, compiler and contracts the figures come from.
    public let source: String
    /// `SheafSettlement.settle`.
    public let settle: Settle
    /// `SheafSettlement.settleTree`, which records a bundle settled in parts.
    public let settleTree: Tree
    /// `SheafSettlement.registerKey` of a new key.
    public let register: Register
    /// The exported verifier's `verifyProof`.
    public let verifier: Verifier
    /// The outer settlement contract (`Contracts/SheafOuterSettlement.vy.template`).
    public let outer: Outer

    /// `settleOuter` and `isSettled` of an outer settlement contract.
    ///
    /// settleOuter's work does not depend on the bundle: one 5-pair ECPAIRING,
    /// four ECMULs (the root, the challenge, ρ·D, −ρ·π), four ECADDs, two
    /// Keccak-256 and the root's new storage slot (22,100 of its execution).
    /// isSettled hashes the leaf and one node per level with the SHA-256
    /// precompile.
    public struct Outer: Sendable, Equatable {
        /// settleOuter's execution gas, beyond intrinsic, calldata and precompiles.
        public let settleExecution: Int
        /// isSettled's execution gas: isSettledBase + isSettledPerLevel·levels
        /// (levels: the siblings on the path), beyond the SHA-256 precompile's.
        public let isSettledBase: Int, isSettledPerLevel: Int
        /// The outer notifier's `settleAndNotify` (`Contracts/SheafOuterNotifier.vy.template`):
        /// execution gas notifyBase + notifyPerStatement·n + notifyPerReceiver·r
        /// for n statements of which r have a receiver, beyond intrinsic,
        /// calldata and precompiles (settleOuter's and 2n − 1 SHA-256 hashes).
        /// It includes settleOuter's own execution, the calls to the settlement
        /// contract and to each receiver (a cold account each), and each
        /// receiver's execution as measured for a receiver that checks its
        /// caller and application id and does nothing else.
        public let notifyBase: Int, notifyPerStatement: Int, notifyPerReceiver: Int

        /// settleOuter's precompile gas: 45,000 + 5·34,000 (ECPAIRING), 4·6,000
        /// (ECMUL), 4·150 (ECADD).
        public static let settlePrecompileGas = 45_000 + 5 * 34_000 + 4 * 6_000 + 4 * 150

        /// The SHA-256 precompile's price for one 65-byte leaf or node: 60 + 12·3.
        public static let sha256PerHash = 60 + 12 * 3

        /// settleAndNotify's execution and precompile gas for `statements`
        /// statements, `receivers` of them with a receiver.
        public func notifyGas(statements n: Int, receivers r: Int) -> Int {
            notifyBase + notifyPerStatement * n + notifyPerReceiver * r + Self.settlePrecompileGas + (2 * n - 1) * Self.sha256PerHash
        }

        /// isSettled's execution and precompile gas for a path with `levels` siblings.
        public func isSettledGas(levels: Int) -> Int {
            isSettledBase + isSettledPerLevel * levels + (levels + 1) * Self.sha256PerHash
        }
    }

    /// `settle`: its precompile calls and its own work, linear in the shape.
    ///
    /// The contract multiplies ρ·A and ρ·C and adds ρ·C into its key's sum for
    /// every claim; folds each run of consecutive claims under one key into the
    /// key's input combination with one ECMUL and one ECADD per input; and per
    /// key computes −(Σρ)·α and (Σρ)·ic[0] (two ECMULs, one ECADD). Its memory
    /// high-water mark is fixed by its bounds, so memory is part of `base`.
    /// A commit-and-prove claim also multiplies ρ·D, ρ'·D and ρ'·π and adds
    /// each into a sum (its challenge joins its run's inputs), and its key
    /// adds two pairs. A key whose α and β are the first key's adds its Σρ to
    /// that key's (no ECMUL, no pair); one whose γ is the first key's adds its
    /// input point to that key's (one ECADD, no pair): e(P₁, Q)·e(P₂, Q) =
    /// e(P₁ + P₂, Q). Every snarkjs key has γ = the G2 generator, and keys made
    /// from one powers-of-tau file share α and β.
    public struct Settle: Sendable, Equatable {
        /// Execution gas (beyond intrinsic, calldata and precompile gas):
        /// base + perClaim·n + perKey·k + perRun·runs + perClaimInput·Σℓ(claims)
        /// + perRunInput·Σℓ(runs) + perCommittedClaim·nc + perCommittedKey·kc
        /// + perSharedAlphaBeta·sab + perSharedGamma·sg.
        public let base: Int, perClaim: Int, perKey: Int, perRun: Int, perClaimInput: Int, perRunInput: Int
        /// The extra execution gas of a commit-and-prove claim and key.
        public let perCommittedClaim: Int, perCommittedKey: Int
        /// The execution gas a key sharing the first key's α and β, or its γ,
        /// adds (or saves) beyond a key that shares nothing.
        public let perSharedAlphaBeta: Int, perSharedGamma: Int
        /// The contract's bounds: n + 3k + 2kc − sab − sg ≤ maximumPairs, k ≤ maximumKeys,
        /// ℓ ≤ maximumInputsPerKey, kc ≤ maximumCommittedKeys.
        public let maximumPairs: Int, maximumKeys: Int, maximumInputsPerKey: Int, maximumCommittedKeys: Int

        /// The execution gas of one call.
        public func execution(claims n: Int, keys k: Int, runs: Int, claimInputs: Int, runInputs: Int,
                              committedClaims nc: Int = 0, committedKeys kc: Int = 0,
                              sharedAlphaBeta sab: Int = 0, sharedGamma sg: Int = 0) -> Int {
            base + perClaim * n + perKey * k + perRun * runs + perClaimInput * claimInputs + perRunInput * runInputs
                + perCommittedClaim * nc + perCommittedKey * kc + perSharedAlphaBeta * sab + perSharedGamma * sg
        }

        /// ECMUL calls: 2 per claim, 2 per key, 1 per input of each run, 3 per
        /// commit-and-prove claim, one fewer per key sharing the first key's α and β.
        public func ecMuls(claims n: Int, keys k: Int, runInputs: Int, committedClaims nc: Int = 0, sharedAlphaBeta sab: Int = 0) -> Int {
            2 * n + 2 * k + runInputs + 3 * nc - sab
        }
        /// ECADD calls: 1 per claim, 1 per key, 1 per input of each run, 3 per
        /// commit-and-prove claim, one more per key sharing the first key's γ.
        public func ecAdds(claims n: Int, keys k: Int, runInputs: Int, committedClaims nc: Int = 0, sharedGamma sg: Int = 0) -> Int {
            n + k + runInputs + 3 * nc + sg
        }
    }

    /// `settleTree`: execution gas base + perPart·parts (the tree over the
    /// parts' roots, their recorded widths, the new root and its log).
    public struct Tree: Sendable, Equatable {
        public let base: Int, perPart: Int

        /// The execution gas for `parts` parts.
        public func execution(parts: Int) -> Int { base + perPart * parts }
    }

    /// `registerKey` of a new key: ECADD on α and every IC point (on the
    /// curve), one 3-pair ECPAIRING for β, γ, δ (on the twist, in G2), and the
    /// key written as a data contract's code; a commit-and-prove key also has
    /// g and −σg checked by a 2-pair ECPAIRING and stored.
    public struct Register: Sendable, Equatable {
        /// Execution gas: base + perInput·(IC points − 1) (the key's bytes grow
        /// with them), plus `committed` for a commit-and-prove key.
        public let base: Int, perInput: Int, committed: Int

        /// The execution gas for a key with ℓ inputs.
        public func execution(inputs: Int, isCommitted: Bool = false) -> Int {
            isCommitted ? base + perInput * (inputs + 1) + committed : base + perInput * inputs
        }
    }

    /// The exported verifier: execution gas base + perInput·ℓ for ℓ ≥ 1, and
    /// `withoutInputs` for ℓ = 0 (a different code path, `__default__`).
    public struct Verifier: Sendable, Equatable {
        public let base: Int, perInput: Int, withoutInputs: Int

        /// The execution gas for ℓ inputs.
        public func execution(inputs: Int) -> Int { inputs == 0 ? withoutInputs : base + perInput * inputs }
    }
}
