import SheafField

/// Multiplication of one fixed base by many scalars with a shared table of
/// 2^(4j)·k·P, so each product costs about 64 mixed additions and no doublings.
public enum FixedBase {
    /// [scalars[i]]·base for every i.
    public static func multiply<C: CurveParameters>(_ base: JacobianPoint<C>, _ scalars: [Fr]) -> [JacobianPoint<C>] {
        let windows = 64
        // table[j][k] = k·16^j·base for k in 1..<16.
        var rows = [[JacobianPoint<C>]]()
        var windowBase = base
        for _ in 0..<windows {
            var row = [windowBase]
            for k in 1..<15 { row.append(row[k - 1] + windowBase) }
            rows.append(row)
            for _ in 0..<4 { windowBase = windowBase.doubled() }
        }
        let table = JacobianPoint<C>.batchAffine(rows.flatMap { $0 })
        return scalars.map { s in
            let limbs = s.canonicalLimbs
            var acc = JacobianPoint<C>.infinity
            for j in 0..<windows {
                let digit = MultiScalarMultiplication.extractBits(limbs, from: 4 * j, count: 4)
                if digit != 0 { acc += table[j * 15 + digit - 1] }
            }
            return acc
        }
    }
}
