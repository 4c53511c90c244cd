/// Four 64-bit limbs, least significant first, stored inline.
///
/// `UInt` is GMP's `mp_limb_t` on every 64-bit platform Sheaf supports, so a pointer
/// to these limbs can be handed to `mpn` functions without conversion.
public typealias Limbs4 = (UInt, UInt, UInt, UInt)

/// Eight limbs: the double-width product before reduction.
@usableFromInline
typealias Limbs8 = (UInt, UInt, UInt, UInt, UInt, UInt, UInt, UInt)

@usableFromInline let limbsZero4: Limbs4 = (0, 0, 0, 0)
@usableFromInline let limbsZero8: Limbs8 = (0, 0, 0, 0, 0, 0, 0, 0)

/// Operations on ``Limbs4`` as a 256-bit unsigned integer.
public enum Limbs {
    /// 1 for true and 0 for false; compiles to a flag move, not a branch.
    @inlinable @inline(__always)
    public static func bitValue(_ b: Bool) -> UInt { b ? 1 : 0 }

    /// Whether `a >= b`.
    @inlinable @inline(__always)
    public static func greaterOrEqual(_ a: Limbs4, _ b: Limbs4) -> Bool {
        if a.3 != b.3 { return a.3 > b.3 }
        if a.2 != b.2 { return a.2 > b.2 }
        if a.1 != b.1 { return a.1 > b.1 }
        return a.0 >= b.0
    }

    /// Whether all limbs are zero.
    @inlinable @inline(__always)
    public static func isZero(_ a: Limbs4) -> Bool {
        (a.0 | a.1 | a.2 | a.3) == 0
    }

    /// Whether the two values are equal.
    @inlinable @inline(__always)
    public static func equal(_ a: Limbs4, _ b: Limbs4) -> Bool {
        a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3
    }

    /// `a + b` and the carry out of the top limb (0 or 1).
    ///
    /// Branch-free: carries are random data, and a mispredicted branch per limb
    /// would cost more than the addition itself.
    @inlinable @inline(__always)
    public static func addWithCarry(_ a: Limbs4, _ b: Limbs4) -> (Limbs4, UInt) {
        let (s0, c0) = a.0.addingReportingOverflow(b.0)
        let (t1, c1a) = a.1.addingReportingOverflow(b.1)
        let (s1, c1b) = t1.addingReportingOverflow(Limbs.bitValue(c0))
        let (t2, c2a) = a.2.addingReportingOverflow(b.2)
        let (s2, c2b) = t2.addingReportingOverflow(Limbs.bitValue(c1a) | Limbs.bitValue(c1b))
        let (t3, c3a) = a.3.addingReportingOverflow(b.3)
        let (s3, c3b) = t3.addingReportingOverflow(Limbs.bitValue(c2a) | Limbs.bitValue(c2b))
        return ((s0, s1, s2, s3), Limbs.bitValue(c3a) | Limbs.bitValue(c3b))
    }

    /// `a − b` and the borrow out of the top limb (0 or 1); branch-free.
    @inlinable @inline(__always)
    public static func subtractWithBorrow(_ a: Limbs4, _ b: Limbs4) -> (Limbs4, UInt) {
        let (d0, b0) = a.0.subtractingReportingOverflow(b.0)
        let (t1, b1a) = a.1.subtractingReportingOverflow(b.1)
        let (d1, b1b) = t1.subtractingReportingOverflow(Limbs.bitValue(b0))
        let (t2, b2a) = a.2.subtractingReportingOverflow(b.2)
        let (d2, b2b) = t2.subtractingReportingOverflow(Limbs.bitValue(b1a) | Limbs.bitValue(b1b))
        let (t3, b3a) = a.3.subtractingReportingOverflow(b.3)
        let (d3, b3b) = t3.subtractingReportingOverflow(Limbs.bitValue(b2a) | Limbs.bitValue(b2b))
        return ((d0, d1, d2, d3), Limbs.bitValue(b3a) | Limbs.bitValue(b3b))
    }

    /// `mask == all ones ? a : b`, limb by limb, without branching.
    @inlinable @inline(__always)
    public static func select(_ mask: UInt, _ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        ((a.0 & mask) | (b.0 & ~mask), (a.1 & mask) | (b.1 & ~mask),
         (a.2 & mask) | (b.2 & ~mask), (a.3 & mask) | (b.3 & ~mask))
    }

    /// Reduces a value below 2·m (with `carry` its bit 256) into [0, m): subtracts
    /// m and keeps the difference unless it borrowed past the carry. Branch-free.
    @inlinable @inline(__always)
    public static func reduceOnce(_ a: Limbs4, carry: UInt, modulus m: Limbs4) -> Limbs4 {
        let (d, borrow) = subtractWithBorrow(a, m)
        // Keep `a` exactly when a < m as a 257-bit number: borrow without carry.
        let keepA = 0 &- (borrow & ~carry & 1)
        return select(keepA, a, d)
    }

    /// `a + b` and whether it carried out of the top limb.
    @inlinable @inline(__always)
    public static func add(_ a: Limbs4, _ b: Limbs4) -> (Limbs4, Bool) {
        let (s, c) = addWithCarry(a, b)
        return (s, c != 0)
    }

    /// `a - b` and whether it borrowed (that is, `a < b`).
    @inlinable @inline(__always)
    public static func subtract(_ a: Limbs4, _ b: Limbs4) -> (Limbs4, Bool) {
        let (d, borrow) = subtractWithBorrow(a, b)
        return (d, borrow != 0)
    }

    /// Bit `i` (0 = least significant) of `a`.
    @inlinable @inline(__always)
    public static func bit(_ a: Limbs4, _ i: Int) -> Bool {
        let limb: UInt
        switch i >> 6 {
        case 0: limb = a.0
        case 1: limb = a.1
        case 2: limb = a.2
        default: limb = a.3
        }
        return (limb >> UInt(i & 63)) & 1 == 1
    }

    /// The number of significant bits of `a` (0 for zero).
    @inlinable
    public static func bitWidth(_ a: Limbs4) -> Int {
        if a.3 != 0 { return 256 - a.3.leadingZeroBitCount }
        if a.2 != 0 { return 192 - a.2.leadingZeroBitCount }
        if a.1 != 0 { return 128 - a.1.leadingZeroBitCount }
        return 64 - a.0.leadingZeroBitCount
    }

    /// `a >> 1`.
    @inlinable
    public static func shiftedRightOne(_ a: Limbs4) -> Limbs4 {
        (a.0 >> 1 | a.1 << 63, a.1 >> 1 | a.2 << 63, a.2 >> 1 | a.3 << 63, a.3 >> 1)
    }

    /// The limbs as an array, least significant first.
    @inlinable
    public static func array(_ a: Limbs4) -> [UInt] { [a.0, a.1, a.2, a.3] }

    /// 32 big-endian bytes.
    @inlinable
    public static func bigEndianBytes(_ a: Limbs4) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let words = [a.3, a.2, a.1, a.0]
        for (w, word) in words.enumerated() {
            for b in 0..<8 { out[w * 8 + b] = UInt8(truncatingIfNeeded: word >> UInt(56 - 8 * b)) }
        }
        return out
    }

    /// Reads 32 big-endian bytes (the caller checks the length).
    @inlinable
    public static func fromBigEndian<C: Collection>(_ bytes: C) -> Limbs4 where C.Element == UInt8 {
        var words: [UInt] = [0, 0, 0, 0]
        for (i, byte) in bytes.enumerated() {
            let w = 3 - i / 8
            words[w] = words[w] << 8 | UInt(byte)
        }
        return (words[0], words[1], words[2], words[3])
    }
}

/// Width-w non-adjacent form of a 256-bit scalar: digits in {0, ±1, ±3, …, ±(2^(w−1) − 1)},
/// least significant first, at most one nonzero in any w consecutive digits.
@inlinable
public func windowedNAF(_ k: Limbs4, width: Int) -> [Int8] {
    var digits = [Int8]()
    digits.reserveCapacity(258)
    var n = k
    let window = 1 << width
    while !Limbs.isZero(n) {
        if n.0 & 1 == 1 {
            var digit = Int(n.0 & UInt(window - 1))
            if digit >= window / 2 { digit -= window }
            digits.append(Int8(digit))
            if digit > 0 {
                n = Limbs.subtract(n, (UInt(digit), 0, 0, 0)).0
            } else {
                // n − digit = n + |digit|; a carry out of 256 bits cannot occur for
                // scalars below 2²⁵⁵.
                n = Limbs.add(n, (UInt(-digit), 0, 0, 0)).0
            }
        } else {
            digits.append(0)
        }
        n = Limbs.shiftedRightOne(n)
    }
    return digits
}

