import SheafField

/// Width-w non-adjacent form of a 256-bit scalar: digits in {0, ±1, ±3, …, ±(2^(w−1) − 1)},
/// least significant first, at most one nonzero in any w consecutive digits.
@inlinable
func windowedNAF(_ k: Limbs4, width: Int) -> [Int8] {
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

extension JacobianPoint {
    /// [k]P for a 256-bit k below 2²⁵⁵, by width-5 wNAF: about 255 doublings and
    /// 43 mixed additions with a table of 8 odd multiples normalised to affine.
    /// Variable time.
    @inlinable
    public func multiplied(byLimbs k: Limbs4) -> Self {
        if isInfinity || Limbs.isZero(k) { return .infinity }
        let width = 5
        let digits = windowedNAF(k, width: width)
        // Table of P, 3P, 5P, …, 15P.
        var table = [Self]()
        table.reserveCapacity(8)
        table.append(self)
        let twice = doubled()
        for i in 1..<8 { table.append(table[i - 1] + twice) }
        let affineTable = Self.batchAffine(table)
        var acc = Self.infinity
        for digit in digits.reversed() {
            acc = acc.doubled()
            if digit > 0 {
                acc += affineTable[Int(digit) >> 1]
            } else if digit < 0 {
                acc += -affineTable[Int(-digit) >> 1]
            }
        }
        return acc
    }
}
