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

    /// The complete call, selector included, for the commit-and-prove verifier's
    /// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],uint256[ℓ])`
    /// (``VyperVerifier/source(for:)-(CommittedVerifyingKey)``): the proof's 384 EVM bytes, then the
    /// statement's inputs (the contract computes the challenge).
    public static func call(proof: Groth16CommittedProof, publicInputs: [Fr]) -> [UInt8] {
        let signature = "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],uint256[\(publicInputs.count)])"
        return Array(Keccak256.hash(Array(signature.utf8)).prefix(4)) + proof.evmBytes
            + publicInputs.flatMap(\.bigEndianBytes)
    }

    /// The ABI fields of a commit-and-prove call: those of
    /// ``fields(proof:publicInputs:)`` plus `commitment` and `knowledgeProof`.
    public static func fields(proof: Groth16CommittedProof, publicInputs: [Fr])
        -> (a: [String], b: [[String]], c: [String], commitment: [String], knowledgeProof: [String], input: [String]) {
        let plain = fields(proof: proof.proof, publicInputs: publicInputs)
        let extra = (proof.commitment.evmBytes + proof.knowledgeProof.evmBytes).chunked(32).map(hexWord)
        return (plain.a, plain.b, plain.c, Array(extra[0..<2]), Array(extra[2..<4]), plain.input)
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
