import SheafField

// Compressed point encodings for Sheaf's own formats (not the EVM's): the x
// coordinate, with two flag bits in its top byte, which are free because p < 2²⁵⁴.
// Bit 7 marks infinity; bit 6 marks that y is the larger of the two roots
// (compared as canonical integers; for Fp2, c1 first, then c0).
extension AffinePoint where C == BN254G1Parameters {
    /// 32 bytes: x with the infinity and sign flags.
    public var compressedBytes: [UInt8] {
        if isInfinity { var out = [UInt8](repeating: 0, count: 32); out[0] = 0x80; return out }
        var out = x.bigEndianBytes
        if y.isLargerRoot { out[0] |= 0x40 }
        return out
    }

    /// Decodes 32 compressed bytes; the point is recomputed from x and checked.
    public init(compressedBytes bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw CurveError.wrongLength(what: "compressed G1 point", expected: 32, actual: bytes.count) }
        if bytes[0] & 0x80 != 0 {
            guard bytes[0] == 0x80, bytes[1...].allSatisfy({ $0 == 0 }) else { throw CurveError.invalidEncoding("G1 infinity with extra bits") }
            self = .infinity
            return
        }
        var xBytes = bytes
        let larger = xBytes[0] & 0x40 != 0
        xBytes[0] &= 0x3f
        guard let x = try? Fp(bigEndianBytes: xBytes) else { throw CurveError.coordinateNotInField("compressed G1 point") }
        guard var y = (x.squared() * x + BN254G1Parameters.b).squareRoot() else { throw CurveError.notOnCurve("G1") }
        if y.isLargerRoot != larger { y = -y }
        try self.init(validatingX: x, y: y)
    }
}

extension AffinePoint where C == BN254G2Parameters {
    /// 64 bytes: x.c1 ‖ x.c0 with the infinity and sign flags in the first byte.
    public var compressedBytes: [UInt8] {
        if isInfinity { var out = [UInt8](repeating: 0, count: 64); out[0] = 0x80; return out }
        var out = x.c1.bigEndianBytes + x.c0.bigEndianBytes
        if y.isLargerRoot { out[0] |= 0x40 }
        return out
    }

    /// Decodes 64 compressed bytes; the point is recomputed and checked to be on
    /// the twist and in the order-r subgroup.
    public init(compressedBytes bytes: [UInt8]) throws {
        guard bytes.count == 64 else { throw CurveError.wrongLength(what: "compressed G2 point", expected: 64, actual: bytes.count) }
        if bytes[0] & 0x80 != 0 {
            guard bytes[0] == 0x80, bytes[1...].allSatisfy({ $0 == 0 }) else { throw CurveError.invalidEncoding("G2 infinity with extra bits") }
            self = .infinity
            return
        }
        var b = bytes
        let larger = b[0] & 0x40 != 0
        b[0] &= 0x3f
        guard let x1 = try? Fp(bigEndianBytes: b[0..<32]), let x0 = try? Fp(bigEndianBytes: b[32..<64]) else {
            throw CurveError.coordinateNotInField("compressed G2 point")
        }
        let x = Fp2(x0, x1)
        guard var y = (x.squared() * x + BN254G2Parameters.b).squareRoot() else { throw CurveError.notOnCurve("G2") }
        if y.isLargerRoot != larger { y = -y }
        try self.init(validatingX: x, y: y)
    }
}

extension MontgomeryField {
    /// Whether this is the larger of ±self as canonical integers (the sign bit of
    /// compressed encodings).
    public var isLargerRoot: Bool {
        let value = canonicalLimbs, negated = (-self).canonicalLimbs
        return Limbs.greaterOrEqual(value, negated) && !Limbs.equal(value, negated)
    }
}

extension Fp2 {
    /// Whether this is the larger of ±self, comparing c1 first, then c0.
    public var isLargerRoot: Bool {
        c1.isZero ? c0.isLargerRoot : c1.isLargerRoot
    }
}
