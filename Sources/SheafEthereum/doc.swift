// SheafEthereum: what Sheaf hands to Ethereum.
//
// Sheaf's settlement happens in two contracts that a real EVM runs in the tests
// (`Contracts/` and `Tests/EVM/`): a Groth16 verifier generated per verifying key,
// with snarkjs's ABI, and `SheafSettlement`, one contract per aggregation layer
// that registers keys and settles whole bundles with one pairing check. This
// module writes both contracts' calldata byte for byte and renders the per-key
// verifier's Vyper source. It prices nothing (that is SheafGas) and verifies
// nothing (SheafGroth16, SheafAggregation); it only encodes, so every byte a
// contract receives is produced in one place.
//
// - `ABIWord`: the few ABI encoding rules the contracts need.
// - `SettlementCalldata`: `registerKey`, `settle`, `isSettled` for SheafSettlement.
// - `VerifierCalldata`: snarkjs's `verifyProof` call, as hex or as ABI fields.
// - `VyperVerifier`: the Vyper source of a verifier for one key.
