import SheafField

// Ethereum's encodings of BN254 points (EIP-196/197): big-endian 32-byte words,
// G2 with the imaginary part first, and the all-zero encoding for infinity.
extension AffinePoint where C == BN254G1Parameters {
    /// Decodes 64 bytes x‖y. All zeros is infinity; coordinates must be below p
    /// and the point must be on the curve (G1 has cofactor 1).
    public init<D: Collection>(evmBytes bytes: D) throws where D.Element == UInt8 {
        guard bytes.count == 64 else { throw CurveError.wrongLength(what: "G1 point", expected: 64, actual: bytes.count) }
        let a = Array(bytes)
        if a.allSatisfy({ $0 == 0 }) { self = .infinity; return }
        guard let x = try? Fp(bigEndianBytes: a[0..<32]), let y = try? Fp(bigEndianBytes: a[32..<64]) else {
            throw CurveError.coordinateNotInField("G1 point")
        }
        try self.init(validatingX: x, y: y)
    }

    /// The 64-byte encoding x‖y (zeros for infinity).
    public var evmBytes: [UInt8] {
        if isInfinity { return [UInt8](repeating: 0, count: 64) }
        return x.bigEndianBytes + y.bigEndianBytes
    }
}

extension AffinePoint where C == BN254G2Parameters {
    /// Decodes 128 bytes x.c1‖x.c0‖y.c1‖y.c0 (imaginary parts first). All zeros is
    /// infinity; coordinates must be below p; the point must be on the twist and
    /// in the order-r subgroup.
    public init<D: Collection>(evmBytes bytes: D) throws where D.Element == UInt8 {
        guard bytes.count == 128 else { throw CurveError.wrongLength(what: "G2 point", expected: 128, actual: bytes.count) }
        let a = Array(bytes)
        if a.allSatisfy({ $0 == 0 }) { self = .infinity; return }
        guard let x1 = try? Fp(bigEndianBytes: a[0..<32]), let x0 = try? Fp(bigEndianBytes: a[32..<64]),
              let y1 = try? Fp(bigEndianBytes: a[64..<96]), let y0 = try? Fp(bigEndianBytes: a[96..<128])
        else { throw CurveError.coordinateNotInField("G2 point") }
        try self.init(validatingX: Fp2(x0, x1), y: Fp2(y0, y1))
    }

    /// The 128-byte encoding x.c1‖x.c0‖y.c1‖y.c0 (zeros for infinity).
    public var evmBytes: [UInt8] {
        if isInfinity { return [UInt8](repeating: 0, count: 128) }
        return x.c1.bigEndianBytes + x.c0.bigEndianBytes + y.c1.bigEndianBytes + y.c0.bigEndianBytes
    }
}
