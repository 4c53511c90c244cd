import SheafField

extension JacobianPoint {
    /// [k]P for a 256-bit k below 2²⁵⁵, by width-5 wNAF: about 255 doublings and
    /// 43 mixed additions with a table of 8 odd multiples normalised to affine.
    /// Variable time. The generic method: correct for every point on the curve,
    /// including twist points outside G2 (``multiplied(by:)`` uses endomorphisms
    /// that are valid only on the order-r subgroup).
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
