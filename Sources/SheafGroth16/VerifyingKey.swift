import SheafCurve
import SheafField
import SheafHash

/// A Groth16 verifying key on BN254.
///
/// A proof (A, B, C) for public inputs x₁ … xₗ is valid when
/// e(A, B) = e(α, β) · e(Σ, γ) · e(C, δ) with Σ = ic[0] + Σᵢ xᵢ·ic[i].
/// Like ``Groth16Proof``, the initialiser trusts its points; decoders validate.
public struct VerifyingKey: Hashable, Sendable {
    /// α ∈ G1.
    public var alpha: G1Affine
    /// β ∈ G2.
    public var beta: G2Affine
    /// γ ∈ G2.
    public var gamma: G2Affine
    /// δ ∈ G2.
    public var delta: G2Affine
    /// The input commitments: ic[0] for the constant 1, ic[i] for public input i.
    /// Never empty.
    public var ic: [G1Affine]

    /// A key from valid points; `ic` must hold at least one point (ic[0]).
    public init(alpha: G1Affine, beta: G2Affine, gamma: G2Affine, delta: G2Affine, ic: [G1Affine]) {
        precondition(!ic.isEmpty, "a verifying key needs ic[0]")
        self.alpha = alpha; self.beta = beta; self.gamma = gamma; self.delta = delta; self.ic = ic
    }

    /// How many public inputs a proof under this key has.
    public var publicInputCount: Int { ic.count - 1 }

    /// One of the four fixed points of a key, for naming it in errors.
    public enum FixedPoint: String, CaseIterable, Sendable {
        /// α ∈ G1.
        case alpha
        /// β ∈ G2.
        case beta
        /// γ ∈ G2.
        case gamma
        /// δ ∈ G2.
        case delta

        /// The field's name in snarkjs's `verification_key.json`.
        public var snarkjsName: String {
            switch self {
            case .alpha: return "vk_alpha_1"
            case .beta: return "vk_beta_2"
            case .gamma: return "vk_gamma_2"
            case .delta: return "vk_delta_2"
            }
        }
    }

    /// The first of α, β, γ, δ that is the point at infinity, or nil when none is.
    ///
    /// Such a key is degenerate and must never be accepted from outside: with
    /// γ = ∞ the input commitment drops out of the check, so the proof (α, β, ∞)
    /// verifies for every public input; with δ = ∞ the C term drops out, and with
    /// α or β = ∞ the constant factor e(α, β) is 1. A correct setup never produces
    /// one (the trapdoors are nonzero), so every key decoder rejects them.
    public var pointAtInfinity: FixedPoint? {
        if alpha.isInfinity { return .alpha }
        if beta.isInfinity { return .beta }
        if gamma.isInfinity { return .gamma }
        if delta.isInfinity { return .delta }
        return nil
    }

    /// The canonical byte encoding, the input of ``hash``:
    /// α (64) ‖ β (128) ‖ γ (128) ‖ δ (128) ‖ count (32) ‖ ic[0] (64) ‖ … with EIP-197
    /// point encodings (G1 x ‖ y; G2 x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0; 32-byte big-endian
    /// words; infinity as zeros) and the number of IC points as a 32-byte big-endian
    /// word, so the encoding is ABI-friendly and no two keys share one.
    public var canonicalBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(448 + 32 + 64 * ic.count)
        out += alpha.evmBytes
        out += beta.evmBytes
        out += gamma.evmBytes
        out += delta.evmBytes
        out += [UInt8](repeating: 0, count: 24)
        out += withUnsafeBytes(of: UInt64(ic.count).bigEndian) { Array($0) }
        for point in ic { out += point.evmBytes }
        return out
    }

    /// Keccak-256 of ``canonicalBytes``: the key's identity in bundles and
    /// manifests, computable the same way on chain.
    public var hash: [UInt8] { Keccak256.hash(canonicalBytes) }
}

/// A verifying key with the parts every verification reuses computed once:
/// e(α, β) as an element of G_T, and −γ, −δ (and β, for batches) with their Miller
/// loop lines. Build it once per key; it is a value and safe to share.
public struct PreparedVerifyingKey: Sendable {
    /// The key this was prepared from.
    public let key: VerifyingKey
    /// e(α, β), the constant right-hand factor of the verification equation.
    public let alphaBeta: Fp12
    /// −γ with precomputed lines (negated so the check is one product against e(α, β)).
    public let negativeGamma: G2Prepared
    /// −δ with precomputed lines.
    public let negativeDelta: G2Prepared
    /// β with precomputed lines: batches fold e(α, β)^(Σρ) into the Miller loop as
    /// e(−(Σρ)·α, β) instead of exponentiating in G_T.
    public let beta: G2Prepared
    /// Fixed-base tables of ic[1…], so that the input commitment costs at most 64
    /// mixed additions per input instead of a scalar multiplication; empty for
    /// keys with more than ``maximumTabulatedInputs`` inputs (about 61 KB each).
    public let inputTables: [FixedBaseTable<BN254G1Parameters>]

    /// Keys with at most this many public inputs get ``inputTables``; beyond it
    /// the tables' memory grows while multi-scalar multiplication catches up.
    public static let maximumTabulatedInputs = 16

    /// Precomputes one pairing, four sets of G2 lines and the input tables.
    public init(_ key: VerifyingKey) {
        self.key = key
        self.inputTables = key.publicInputCount <= Self.maximumTabulatedInputs
            ? key.ic.dropFirst().map { FixedBaseTable(G1Jacobian($0)) } : []
        self.beta = G2Prepared(key.beta)
        self.alphaBeta = Pairing.multiPairing([(key.alpha, beta)])
        self.negativeGamma = G2Prepared(-key.gamma)
        self.negativeDelta = G2Prepared(-key.delta)
    }
}
