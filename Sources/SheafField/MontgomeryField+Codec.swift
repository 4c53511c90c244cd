import CGMP

// Codecs for untrusted input. Every decoder checks length and range and throws a
// ``FieldError``; none reduces silently except the explicitly named
// `init(reducing…)` used for hashing into the field.
extension MontgomeryField {
    /// Decodes exactly 32 big-endian bytes holding a value below p.
    ///
    /// - Throws: ``FieldError/wrongLength(expected:actual:)`` or
    ///   ``FieldError/notCanonical(field:)`` when the value is ≥ p.
    @inlinable
    public init<C: Collection>(bigEndianBytes bytes: C) throws where C.Element == UInt8 {
        guard bytes.count == 32 else { throw FieldError.wrongLength(expected: 32, actual: bytes.count) }
        let limbs = Limbs.fromBigEndian(bytes)
        guard !Limbs.greaterOrEqual(limbs, P.modulus) else { throw FieldError.notCanonical(field: P.name) }
        self.init(canonicalLimbs: limbs)
    }

    /// The element congruent to a 256-bit big-endian integer, reduced modulo p.
    ///
    /// Meant for deriving challenges from hash outputs; the distribution is close
    /// to uniform only when p is close to 2²⁵⁶, so callers that need uniformity
    /// hash to 64 bytes and use ``init(reducingWide:)``.
    @inlinable
    public init<C: Collection>(reducingBigEndian bytes: C) where C.Element == UInt8 {
        precondition(bytes.count == 32, "reducingBigEndian takes 32 bytes")
        // x·R² ·R⁻¹ = x·R mod p for any x < 2²⁵⁶, since x·R² < p·R.
        self.init(montgomeryLimbs: Self.montgomeryMultiply(Limbs.fromBigEndian(bytes), P.r2))
    }

    /// The element congruent to a 512-bit big-endian integer (64 bytes): the bias of
    /// the reduction is below 2⁻²⁵⁰.
    @inlinable
    public init<C: Collection>(reducingWide bytes: C) where C.Element == UInt8 {
        precondition(bytes.count == 64, "reducingWide takes 64 bytes")
        let array = Array(bytes)
        let high = Self(reducingBigEndian: array[0..<32])
        let low = Self(reducingBigEndian: array[32..<64])
        // high·2²⁵⁶ + low, and 2²⁵⁶ mod p is R, whose Montgomery form is R².
        self = high * Self(montgomeryLimbs: P.r2) + low
    }

    /// The canonical value as 32 big-endian bytes.
    @inlinable
    public var bigEndianBytes: [UInt8] { Limbs.bigEndianBytes(canonicalLimbs) }

    /// Parses an unsigned decimal string below p ("0", "123", no sign, no spaces).
    public init(decimal text: String) throws {
        guard !text.isEmpty, text.utf8.count <= 80, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            if text.hasPrefix("-") { throw FieldError.negative }
            throw FieldError.malformedNumber(text)
        }
        try self.init(mpzString: text, base: 10)
    }

    /// Parses a hexadecimal string below p, with or without a `0x` prefix.
    public init(hex text: String) throws {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        let isHex: (UInt8) -> Bool = { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
        guard !digits.isEmpty, digits.utf8.count <= 64, digits.utf8.allSatisfy(isHex) else {
            throw FieldError.malformedNumber(text)
        }
        try self.init(mpzString: String(digits), base: 16)
    }

    /// Parses a string already checked to hold only digits of `base`, via GMP.
    private init(mpzString text: String, base: Int32) throws {
        var z = __mpz_struct()
        sheaf_mpz_init(&z)
        defer { sheaf_mpz_clear(&z) }
        guard sheaf_mpz_set_str(&z, text, base) == 0 else { throw FieldError.malformedNumber(text) }
        try self.init(mpz: &z)
    }

    /// Converts from a GMP integer, which must lie in [0, p).
    ///
    /// - Throws: ``FieldError/negative`` or ``FieldError/notCanonical(field:)``.
    public init(mpz z: UnsafePointer<__mpz_struct>) throws {
        guard sheaf_mpz_sgn(z) >= 0 else { throw FieldError.negative }
        var limbs = limbsZero4
        let count = withUnsafeMutablePointer(to: &limbs) { lp in
            lp.withMemoryRebound(to: UInt.self, capacity: 4) { sheaf_mpz_export_limbs($0, 4, z) }
        }
        guard count != Int.max, count != -1, count <= 4, !Limbs.greaterOrEqual(limbs, P.modulus) else {
            throw FieldError.notCanonical(field: P.name)
        }
        self.init(canonicalLimbs: limbs)
    }

    /// Writes the canonical value into an initialised GMP integer.
    public func store(into z: UnsafeMutablePointer<__mpz_struct>) {
        var limbs = canonicalLimbs
        withUnsafePointer(to: &limbs) { lp in
            lp.withMemoryRebound(to: UInt.self, capacity: 4) { sheaf_mpz_import_limbs(z, $0, 4) }
        }
    }

    /// The canonical value in decimal.
    public var decimalString: String { string(base: 10) }

    /// The canonical value in lower-case hexadecimal with a `0x` prefix.
    public var hexString: String { "0x" + string(base: 16) }

    private func string(base: Int32) -> String {
        var z = __mpz_struct()
        sheaf_mpz_init(&z)
        defer { sheaf_mpz_clear(&z) }
        store(into: &z)
        let capacity = sheaf_mpz_sizeinbase(&z, base) + 2
        var buffer = [CChar](repeating: 0, count: capacity)
        _ = buffer.withUnsafeMutableBufferPointer { sheaf_mpz_get_str($0.baseAddress, base, &z) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension MontgomeryField: ExpressibleByIntegerLiteral {
    /// A small constant such as `3` or `9`.
    @inlinable
    public init(integerLiteral value: UInt64) { self.init(value) }
}
