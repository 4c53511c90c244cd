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

    /// `settle`: its precompile calls and its own work, linear in the shape.
    ///
    /// The contract multiplies ρ·A and ρ·C and adds ρ·C into its key's sum for
    /// every claim; folds each run of consecutive claims under one key into the
    /// key's input combination with one ECMUL and one ECADD per input; and per
    /// key computes −(Σρ)·α and (Σρ)·ic[0] (two ECMULs, one ECADD). Its memory
    /// high-water mark is fixed by its bounds, so memory is part of `base`.
    public struct Settle: Sendable, Equatable {
        /// Execution gas (beyond intrinsic, calldata and precompile gas):
        /// base + perClaim·n + perKey·k + perRun·runs + perClaimInput·Σℓ(claims)
        /// + perRunInput·Σℓ(runs).
        public let base: Int, perClaim: Int, perKey: Int, perRun: Int, perClaimInput: Int, perRunInput: Int
        /// The contract's bounds: n + 3k ≤ maximumPairs, k ≤ maximumKeys, ℓ ≤ maximumInputsPerKey.
        public let maximumPairs: Int, maximumKeys: Int, maximumInputsPerKey: Int

        /// The execution gas of one call.
        public func execution(claims n: Int, keys k: Int, runs: Int, claimInputs: Int, runInputs: Int) -> Int {
            base + perClaim * n + perKey * k + perRun * runs + perClaimInput * claimInputs + perRunInput * runInputs
        }

        /// ECMUL calls: 2 per claim, 2 per key, 1 per input of each run.
        public func ecMuls(claims n: Int, keys k: Int, runInputs: Int) -> Int { 2 * n + 2 * k + runInputs }
        /// ECADD calls: 1 per claim, 1 per key, 1 per input of each run.
        public func ecAdds(claims n: Int, keys k: Int, runInputs: Int) -> Int { n + k + runInputs }
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
    /// key written as a data contract's code.
    public struct Register: Sendable, Equatable {
        /// Execution gas: base + perInput·ℓ (the key's bytes grow with ℓ).
        public let base: Int, perInput: Int

        /// The execution gas for a key with ℓ inputs.
        public func execution(inputs: Int) -> Int { base + perInput * inputs }
    }

    /// The exported verifier: execution gas base + perInput·ℓ for ℓ ≥ 1, and
    /// `withoutInputs` for ℓ = 0 (a different code path, `__default__`).
    public struct Verifier: Sendable, Equatable {
        public let base: Int, perInput: Int, withoutInputs: Int

        /// The execution gas for ℓ inputs.
        public func execution(inputs: Int) -> Int { inputs == 0 ? withoutInputs : base + perInput * inputs }
    }
}
