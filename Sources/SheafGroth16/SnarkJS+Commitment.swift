import Foundation
import SheafCurve
import SheafField

// Commit-and-prove keys and proofs in snarkjs's JSON style (docs/formats.md).
//
// snarkjs has no commit-and-prove Groth16, so these files are Sheaf's own: the
// snarkjs fields, spelled and encoded as snarkjs spells them, plus the
// commitment's. Their `protocol` is "groth16-bsb22", never "groth16", so no
// snarkjs-compatible tool can mistake one for a plain key and verify a proof
// whose prover chose its own lookup challenge.
//
//   key:   protocol, curve, nPublic (the statement's inputs, the challenge not
//          counted), vk_alpha_1, vk_beta_2, vk_gamma_2, vk_delta_2, IC
//          (nPublic + 2 points, the last the challenge's), vk_commitment_g_2,
//          vk_commitment_gsigmaneg_2
//   proof: pi_a, pi_b, pi_c, commitment, knowledge_proof, protocol, curve
//   public.json: unchanged (the statement's inputs only)

extension SnarkJS {
    /// The `protocol` of Sheaf's commit-and-prove files.
    public static let committedProtocol = "groth16-bsb22"

    /// The `protocol` field of a snarkjs-style JSON file (after the size and
    /// nesting bounds), so a caller can tell plain from commit-and-prove files.
    ///
    /// - Throws: ``Groth16Error`` for a file that is not such JSON.
    public static func protocolName(of data: Data) throws(Groth16Error) -> String {
        try checkBounds(data)
        let header: HeaderJSON = try decodeJSON(data)
        return header.protocolName
    }

    /// Decodes a commit-and-prove verification key.
    ///
    /// Requires `protocol` "groth16-bsb22", a BN254 curve, IC with nPublic + 2
    /// points, valid points, and none of α, β, γ, δ, g, −σg at infinity (a
    /// knowledge check against infinity accepts any commitment).
    ///
    /// - Throws: ``Groth16Error``: those of ``decodeVerifyingKey(_:)``, with
    ///   `wrongProtocol` for another protocol and `committedPublicCountMismatch`
    ///   for the IC count.
    public static func decodeCommittedVerifyingKey(_ data: Data) throws(Groth16Error) -> CommittedVerifyingKey {
        try checkBounds(data)
        try checkHeader(data, protocol: committedProtocol)
        let file: CommittedKeyJSON = try decodeJSON(data)
        let base = try verifyingKey(file.base, extraICPoints: 1) { () throws(Groth16Error) in
            throw .committedPublicCountMismatch(nPublic: file.base.nPublic, icCount: file.base.ic.count)
        }
        let g = try g2(file.g, field: "vk_commitment_g_2")
        let gSigmaNeg = try g2(file.gSigmaNeg, field: "vk_commitment_gsigmaneg_2")
        if g.isInfinity { throw .degenerateVerifyingKey(field: "vk_commitment_g_2") }
        if gSigmaNeg.isInfinity { throw .degenerateVerifyingKey(field: "vk_commitment_gsigmaneg_2") }
        return CommittedVerifyingKey(base: base, g: g, gSigmaNeg: gSigmaNeg)
    }

    /// Decodes a commit-and-prove proof. D and π may be infinity (all committed
    /// values zero); every point must be valid.
    ///
    /// - Throws: ``Groth16Error`` as for ``decodeProof(_:)``, with
    ///   `wrongProtocol` for another protocol.
    public static func decodeCommittedProof(_ data: Data) throws(Groth16Error) -> Groth16CommittedProof {
        try checkBounds(data)
        try checkHeader(data, protocol: committedProtocol)
        let file: CommittedProofJSON = try decodeJSON(data)
        return Groth16CommittedProof(
            proof: Groth16Proof(a: try g1(file.base.a, field: "pi_a"), b: try g2(file.base.b, field: "pi_b"),
                                c: try g1(file.base.c, field: "pi_c")),
            commitment: try g1(file.commitment, field: "commitment"),
            knowledgeProof: try g1(file.knowledgeProof, field: "knowledge_proof"))
    }

    /// Encodes a commit-and-prove key (snarkjs's layout and number format,
    /// `vk_alphabeta_12` included).
    public static func encodeCommittedVerifyingKey(_ key: CommittedVerifyingKey) -> Data {
        var fields = verifyingKeyFields(key.base, includeAlphaBeta: true)
        fields[0] = ("protocol", .string(committedProtocol))
        fields[2] = ("nPublic", .integer(key.publicInputCount))
        fields.append(("vk_commitment_g_2", g2JSON(key.g)))
        fields.append(("vk_commitment_gsigmaneg_2", g2JSON(key.gSigmaNeg)))
        return JSONValue.object(fields).rendered()
    }

    /// Encodes a commit-and-prove proof.
    public static func encodeCommittedProof(_ proof: Groth16CommittedProof) -> Data {
        JSONValue.object([
            ("pi_a", g1JSON(proof.proof.a)),
            ("pi_b", g2JSON(proof.proof.b)),
            ("pi_c", g1JSON(proof.proof.c)),
            ("commitment", g1JSON(proof.commitment)),
            ("knowledge_proof", g1JSON(proof.knowledgeProof)),
            ("protocol", .string(committedProtocol)),
            ("curve", .string("bn128")),
        ]).rendered()
    }
}

/// A commit-and-prove key file as parsed JSON.
struct CommittedKeyJSON: Decodable {
    let base: VerificationKeyJSON
    let g: [[String]]
    let gSigmaNeg: [[String]]
    enum CodingKeys: String, CodingKey {
        case g = "vk_commitment_g_2", gSigmaNeg = "vk_commitment_gsigmaneg_2"
    }
    init(from decoder: any Decoder) throws {
        base = try VerificationKeyJSON(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        g = try container.decode([[String]].self, forKey: .g)
        gSigmaNeg = try container.decode([[String]].self, forKey: .gSigmaNeg)
    }
}

/// A commit-and-prove proof file as parsed JSON.
struct CommittedProofJSON: Decodable {
    let base: ProofJSON
    let commitment: [String]
    let knowledgeProof: [String]
    enum CodingKeys: String, CodingKey {
        case commitment, knowledgeProof = "knowledge_proof"
    }
    init(from decoder: any Decoder) throws {
        base = try ProofJSON(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commitment = try container.decode([String].self, forKey: .commitment)
        knowledgeProof = try container.decode([String].self, forKey: .knowledgeProof)
    }
}
