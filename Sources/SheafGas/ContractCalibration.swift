/// The contracts' own work (everything but intrinsic gas, calldata and
/// precompiles), as measured in a real EVM and fitted by
/// `scripts/evm/calibrate.py`, which writes ``current`` into
/// `ContractCalibration+Measured.swift` from `Contracts/gas-calibration.json`.
/// Nothing here is estimated by hand: change a contract, re-run the script.
public struct ContractCalibration: Sendable, Equatable {
    /// Which EVM, compiler and contracts the figures come from.
    public let source: String
    /// The most claims one `settle` call accepts.
    public let maximumClaims: Int
    /// `SheafSettlement.settle`.
    public let settle: Settle
    /// `SheafSettlement.registerKey` of a new key.
    public let register: Register
    /// The exported verifier's `verifyProof`.
    public let verifier: Verifier

    /// `settle`: its precompile calls (counts per claim, per key and per public
    /// input of a key) and its own work, linear in the shape plus the quadratic
    /// part of memory expansion, which grows with the pairing input (six words
    /// per pair).
    public struct Settle: Sendable, Equatable {
        public let ecMulPerClaim: Int, ecMulPerKey: Int, ecMulPerKeyInput: Int
        public let ecAddPerClaim: Int, ecAddPerKey: Int, ecAddPerKeyInput: Int
        /// Execution gas: base + perClaim·n + perKey·k + perClaimInput·Σℓ(claims)
        /// + perKeyInput·Σℓ(keys) + ⌊(memoryBase + 6·pairs)² / 512⌋ − ⌊memoryBase² / 512⌋.
        public let base: Int, perClaim: Int, perKey: Int, perClaimInput: Int, perKeyInput: Int
        /// Words of memory in use before the pairing input grows.
        public let memoryBase: Int

        /// The execution gas for n claims under k keys.
        public func execution(claims n: Int, keys k: Int, claimInputs: Int, keyInputs: Int) -> Int {
            let words = memoryBase + 6 * (n + 3 * k)
            return base + perClaim * n + perKey * k + perClaimInput * claimInputs + perKeyInput * keyInputs
                + words * words / 512 - memoryBase * memoryBase / 512
        }
    }

    /// `registerKey` of a new key: on-curve checks by ECADD, one ECPAIRING for
    /// the G2 points, and the key written as contract code.
    public struct Register: Sendable, Equatable {
        public let ecAddBase: Int, ecAddPerInput: Int, pairingPairs: Int
        /// Execution gas: base + perInput·ℓ + perByte·(key bytes).
        public let base: Int, perInput: Int, perByte: Int

        /// The execution gas for a key with ℓ inputs and `bytes` canonical bytes.
        public func execution(inputs: Int, bytes: Int) -> Int { base + perInput * inputs + perByte * bytes }
    }

    /// The exported verifier: execution gas base + perInput·ℓ.
    public struct Verifier: Sendable, Equatable {
        public let base: Int, perInput: Int

        /// The execution gas for ℓ inputs.
        public func execution(inputs: Int) -> Int { base + perInput * inputs }
    }
}
