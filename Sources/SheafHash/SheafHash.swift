/// SheafHash: Keccak-256 (Ethereum's), Poseidon over BN254 Fr (circomlib-compatible),
/// Merkle trees and the Fiat-Shamir transcript.
public enum SheafHashModule {}
