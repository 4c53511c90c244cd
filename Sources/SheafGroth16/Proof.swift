import SheafCurve
import SheafField

/// A Groth16 proof on BN254: the three group elements (A, B, C).
///
/// The memberwise initialiser trusts its points: they must already be valid group
/// elements (from a prover, a decoder, or ``init(validatingA:b:c:)``). The verifier
/// does not repeat the G2 subgroup check, which costs a full scalar multiplication
/// and would dominate batch verification; untrusted points are checked once, where
/// they enter.
public struct Groth16Proof: Hashable, Sendable {
    /// A ∈ G1.
    public var a: G1Affine
    /// B ∈ G2.
    public var b: G2Affine
    /// C ∈ G1.
    public var c: G1Affine

    /// A proof from points that are already known to be valid.
    public init(a: G1Affine, b: G2Affine, c: G1Affine) {
        self.a = a; self.b = b; self.c = c
    }

    /// A proof from points of unknown origin: each must be on its curve and in the
    /// order-r subgroup.
    ///
    /// - Throws: ``Groth16Error/invalidPoint(field:reason:)`` naming `a`, `b` or `c`.
    public init(validatingA a: G1Affine, b: G2Affine, c: G1Affine) throws(Groth16Error) {
        try Self.check(a, field: "a")
        try Self.check(b, field: "b")
        try Self.check(c, field: "c")
        self.init(a: a, b: b, c: c)
    }

    private static func check<C: CurveParameters>(_ p: AffinePoint<C>, field: String) throws(Groth16Error) {
        guard p.isOnCurve else { throw .invalidPoint(field: field, reason: .notOnCurve(C.name)) }
        guard p.isInSubgroup else { throw .invalidPoint(field: field, reason: .notInSubgroup(C.name)) }
    }

    /// The 256-byte EVM calldata layout A ‖ B ‖ C with EIP-197 point encodings
    /// (G2 imaginary part first), the order Solidity Groth16 verifiers take.
    public var evmBytes: [UInt8] { a.evmBytes + b.evmBytes + c.evmBytes }

    /// Decodes ``evmBytes``: coordinates must be below p and every point on its
    /// curve and in its subgroup.
    ///
    /// - Throws: ``Groth16Error/wrongLength(what:expected:actual:)``,
    ///   ``Groth16Error/coordinateNotInField(field:)`` or
    ///   ``Groth16Error/invalidPoint(field:reason:)``.
    public init(evmBytes bytes: [UInt8]) throws(Groth16Error) {
        guard bytes.count == 256 else {
            throw .wrongLength(what: "Groth16 proof", expected: 256, actual: bytes.count)
        }
        let a: G1Affine = try decodeEVMPoint(field: "a") { try G1Affine(evmBytes: bytes[0..<64]) }
        let b: G2Affine = try decodeEVMPoint(field: "b") { try G2Affine(evmBytes: bytes[64..<192]) }
        let c: G1Affine = try decodeEVMPoint(field: "c") { try G1Affine(evmBytes: bytes[192..<256]) }
        self.init(a: a, b: b, c: c)
    }
}

/// Runs a SheafCurve EVM decoder and renames its error for the proof field.
func decodeEVMPoint<P>(field: String, _ decode: () throws -> P) throws(Groth16Error) -> P {
    do {
        return try decode()
    } catch CurveError.coordinateNotInField {
        throw .coordinateNotInField(field: field)
    } catch let error as CurveError {
        throw .invalidPoint(field: field, reason: error)
    } catch {
        // The EVM decoders throw only CurveError; anything else is a broken invariant.
        preconditionFailure("unexpected error from a point decoder: \(error)")
    }
}
