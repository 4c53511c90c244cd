/// Torus-based compression of target-group elements.
///
/// Every pairing value x = c0 + c1·w has norm 1 over Fp6 (c0² − v·c1² = 1), so it
/// is determined by g = (1 + c0)/c1 ∈ Fp6, and x = (g + w)/(g − w). That halves
/// the 384-byte encoding to 192 bytes. The two elements with c1 = 0 are ±1; they
/// are marked in the top bits of the first coefficient, which are always zero
/// because p < 2²⁵⁴.
extension Fp12 {
    /// The 192-byte compressed encoding; `nil` for elements of norm ≠ 1, which
    /// are not target-group elements.
    public var compressedBytes: [UInt8]? {
        guard c0.squared() - c1.squared().mulByV() == .one else { return nil }
        if c1.isZero {
            var out = [UInt8](repeating: 0, count: 192)
            out[0] = c0 == .one ? 0x40 : 0x80
            return out
        }
        let g = (Fp6.one + c0) * c1.inverse()!
        return [g.c0, g.c1, g.c2].flatMap { $0.c0.bigEndianBytes + $0.c1.bigEndianBytes }
    }

    /// Decodes the 192-byte compressed encoding.
    ///
    /// - Throws: ``FieldError`` for a wrong length, a coefficient ≥ p, unknown
    ///   flag bits, or g = 0 (−1 is only accepted in its flagged form, so every
    ///   element has exactly one encoding).
    public init(compressedBytes bytes: [UInt8]) throws {
        guard bytes.count == 192 else { throw FieldError.wrongLength(expected: 192, actual: bytes.count) }
        let flags = bytes[0] >> 6
        if flags != 0 {
            guard flags != 3, bytes[0] & 0x3f == 0, bytes[1...].allSatisfy({ $0 == 0 }) else {
                throw FieldError.notCanonical(field: "compressed G_T element")
            }
            self = flags == 1 ? .one : -Fp12.one
            return
        }
        var c = [Fp2]()
        for i in 0..<3 {
            let base = i * 64
            c.append(Fp2(try Fp(bigEndianBytes: bytes[base..<base + 32]), try Fp(bigEndianBytes: bytes[base + 32..<base + 64])))
        }
        let g = Fp6(c[0], c[1], c[2])
        // g = 0 would decode to −1, which has its own flag: one encoding per element.
        guard !g.isZero else { throw FieldError.notCanonical(field: "compressed G_T element") }
        // (g + w)/(g − w) = (g + w)²/(g² − v) = (g² + v + 2g·w)/(g² − v).
        let v = Fp6(.zero, .one, .zero)
        guard let denominator = (g.squared() - v).inverse() else {
            throw FieldError.notCanonical(field: "compressed G_T element")
        }
        self.init((g.squared() + v) * denominator, g.doubled() * denominator)
    }
}
