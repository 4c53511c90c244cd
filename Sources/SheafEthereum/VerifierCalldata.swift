import Foundation
import SheafField
import SheafGroth16
import SheafHash

/// The call a snarkjs-style verifier receives, as `snarkjs generatecall` gives it.
public enum VerifierCalldata {
    /// The complete call, selector included, for the exported verifier's
    /// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[ℓ])`.
    public static func call(proof: Groth16Proof, publicInputs: [Fr]) -> [UInt8] {
        EVMGroth16Verifier.calldata(proof: proof, publicInputs: publicInputs)
    }

    /// The ABI fields as `snarkjs generatecall` prints them: `a`, `b` (each Fp2
    /// coordinate imaginary part first), `c` and `input`, as 0x-hex words.
    public static func fields(proof: Groth16Proof, publicInputs: [Fr]) -> (a: [String], b: [[String]], c: [String], input: [String]) {
        let words = proof.evmBytes.chunked(32).map(hexWord)
        return (Array(words[0..<2]), [Array(words[2..<4]), Array(words[4..<6])], Array(words[6..<8]),
                publicInputs.map { hexWord($0.bigEndianBytes) })
    }

    static func hexWord(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }
}

extension Array where Element == UInt8 {
    /// Consecutive slices of `size` bytes (the last may be shorter).
    func chunked(_ size: Int) -> [[UInt8]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
