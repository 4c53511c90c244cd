import SheafField
import SheafHash

// Lookups of pairs (spread(j), j) for 16-bit j: the table bit-sliced SHA-256 is
// built on (`SHA256SpreadGadget.swift` in SheafRecursion).
//
// spread(j) puts a zero between j's bits (bit i of j becomes bit 2i), so the sum
// of three spread words holds, in each 2-bit digit, the number of words with that
// bit set: its low bit is their XOR, its high bit their majority. Splitting such a
// sum into two spread words, even and odd, computes XOR, AND and MAJ of 32-bit
// words with a handful of lookups instead of 32 boolean products each.
//
// The table has two columns, so each query (s, d) is folded into one field element
// s + Y·d by a second challenge Y. Y must be as unpredictable as X: it is Poseidon
// of the lookup challenge X (the hash of the Groth16 commitment), computed in the
// circuit. The pair argument is a second LogUp sum of its own,
//
//     Σᵢ 1/(X − sᵢ − Y·dᵢ) = Σⱼ mⱼ/(X − spread(j) − Y·j),
//
// kept apart from the range table's, so no range entry can stand for a pair. Every
// sᵢ and dᵢ is a combination of committed variables, fixed before X and Y exist.
// As rational functions in two variables both sides agree exactly when every
// queried pair is in the table (the entries are distinct lines in (X, Y), and the
// multiplicities are below the characteristic); if they do not, the numerator of
// their difference is a non-zero polynomial of degree at most queries + 2^16 in
// each variable, and by Schwartz–Zippel the random (X, Y) of a commitment the
// prover did not choose makes it vanish with probability at most
// 2·(queries + 2^16)/r, in the random-oracle model for the commitment hash and
// for Poseidon.
//
// In R1CS the fold costs a product: a query is two constraints, Y·d = p and
// inv·(X − s − p) = 1. The table costs 2^16 + 1 constraints (one per entry and the
// sum) and the fold's Poseidon 216 more, once per circuit, only when a gadget made
// a query.

/// The spread-pair table's bookkeeping inside ``LookupState``.
struct SpreadLookupState: Sendable {
    /// The variable holding Y, allocated with the first query.
    var fold: Int?
    /// Per query: the product variable p = Y·d and the inverse variable.
    var products: [Int] = []
    var inverses: [Int] = []
    /// Per query: the index of its first constraint (Y·d = p; the inverse's is next).
    var constraints: [Int] = []
    /// Witness mode: the queried (s, d).
    var queries: [(spread: Fr, dense: Fr)] = []
    /// Witness mode: queries per table entry.
    var counts: [Int] = []
    /// Queries whose pair is not in the table (a dishonest witness).
    var outOfTable = 0
}

extension CircuitBuilder {
    /// The width of the spread table's dense column: entries (spread(j), j) for
    /// 0 ≤ j < 2^16.
    public static let spreadTableBits = 16

    /// The namespace (inside `lookup`) of the spread table's constraints.
    public static let spreadTableNamespace = "spreadTable"

    /// The constraints the spread table adds once, when a circuit makes a spread
    /// query: one per entry, the sum, the fold's Poseidon (216) and its equality.
    public static let spreadTableConstraintCount = (1 << spreadTableBits) + 1 + 216 + 1

    /// spread(x): bit i of x moved to bit 2i.
    public static func spread(_ x: UInt32) -> UInt64 {
        var v = UInt64(x)
        v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF
        v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
        v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F
        v = (v | (v << 2)) & 0x3333_3333_3333_3333
        v = (v | (v << 1)) & 0x5555_5555_5555_5555
        return v
    }

    /// The even bits of a 64-bit value gathered into a word: the inverse of ``spread(_:)``
    /// on spread values.
    public static func unspread(_ v: UInt64) -> UInt32 {
        var x = v & 0x5555_5555_5555_5555
        x = (x | (x >> 1)) & 0x3333_3333_3333_3333
        x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF
        return UInt32(x)
    }

    /// Number of spread-pair queries so far.
    public var spreadQueryCount: Int { lookupState.spread.inverses.count }

    /// Constrains d < 2^width and s = spread(d), for width 1…16: one pair query
    /// (two constraints), and for width < 16 one more query proving the bound,
    /// d·2^(c − width) in the range table when its chunks are at least `width`
    /// bits wide (one constraint), or else the pair (s·4^(16 − width),
    /// d·2^(16 − width)) (two). Both are exact bounds because d < 2^16 is already
    /// proved, so the shifted value is an integer far below r. Every variable of s
    /// and d is committed. Needs a builder with ``lookups``.
    public mutating func spreadLookup(spread s: LinearCombination, dense d: LinearCombination, width: Int = 16,
                                      _ label: String = "spread") {
        precondition(lookups != nil, "spread lookups need a builder with lookups")
        precondition((1...Self.spreadTableBits).contains(width), "spread width \(width) outside 1...16")
        precondition(!lookupState.finalized && !lookupState.finalizing, "spread lookups come before finalize()")
        for lc in [s, d] {
            for term in lc.terms where term.variable > publicInputCount { markCommitted(term.variable) }
        }
        withNamespace(label) { cs in
            cs.spreadQuery(spread: s, dense: d, "pair")
            guard width < Self.spreadTableBits else { return }
            let c = cs.lookups!.chunkBits
            if c >= width {
                cs.lookup(d * Fr.powerOfTwo(c - width), "width")
            } else {
                let shift = Self.spreadTableBits - width
                cs.spreadQuery(spread: s * Fr.powerOfTwo(2 * shift), dense: d * Fr.powerOfTwo(shift), "width")
            }
        }
    }

    /// One folded query: Y·d = p and inv·(X − s − p) = 1, both filled and checked
    /// by ``finalize()`` once X and Y are known.
    private mutating func spreadQuery(spread s: LinearCombination, dense d: LinearCombination, _ label: String) {
        if lookupState.spread.fold == nil {
            _ = allocate(.zero)
            lookupState.spread.fold = variableCount - 1
            if mode == .witness { lookupState.spread.counts = Array(repeating: 0, count: 1 << Self.spreadTableBits) }
        }
        let y = LinearCombination(variable: lookupState.spread.fold!)
        let product = allocate(.zero)
        let inverse = allocate(.zero)
        lookupState.spread.products.append(product.singleVariable!)
        lookupState.spread.inverses.append(inverse.singleVariable!)
        lookupState.spread.constraints.append(constraintCount)
        if mode == .witness {
            let (sv, dv) = (value(of: s), value(of: d))
            lookupState.spread.queries.append((sv, dv))
            let dl = dv.canonicalLimbs, sl = sv.canonicalLimbs
            if dl.1 == 0 && dl.2 == 0 && dl.3 == 0 && dl.0 < UInt(1 << Self.spreadTableBits)
                && sl.1 == 0 && sl.2 == 0 && sl.3 == 0 && UInt64(sl.0) == Self.spread(UInt32(dl.0)) {
                lookupState.spread.counts[Int(dl.0)] += 1
            } else {
                lookupState.spread.outOfTable += 1
                if lookupState.spread.outOfTable <= 4 {
                    hintFailures.append(HintFailure(
                        hint: prefixed(label),
                        reason: "(\(sv), \(dv)) is not a pair (spread(j), j) with j < 2^16, so the spread lookup fails"))
                }
            }
        }
        let challenge = LinearCombination(variable: publicInputCount)
        record(y, d, product, label + "/fold", checked: false)
        record(inverse, challenge - s - product, .one, label, checked: false)
    }

    /// The spread table's multiplicities, allocated and committed before the
    /// challenge is drawn; none when no spread query was made.
    mutating func allocateSpreadMultiplicities() -> [LinearCombination] {
        guard lookupState.spread.fold != nil else { return [] }
        let counts = lookupState.spread.counts, witness = mode == .witness
        var multiplicities = [LinearCombination]()
        multiplicities.reserveCapacity(1 << Self.spreadTableBits)
        for j in 0..<(1 << Self.spreadTableBits) {
            let m = allocate(witness ? Fr(UInt64(counts[j])) : .zero)
            markCommitted(m.singleVariable!)
            multiplicities.append(m)
        }
        return multiplicities
    }

    /// The spread table's half of ``finalize()``: Y = Poseidon(X) (computed and
    /// constrained), every query's product and inverse, the table constraints
    /// tⱼ·(X − spread(j) − Y·j) = mⱼ and the sum Σ invᵢ = Σ tⱼ.
    mutating func finalizeSpreadTable(challenge: LinearCombination, challengeValue x: Fr,
                                      multiplicities: [LinearCombination]) {
        guard let fold = lookupState.spread.fold else { return }
        withNamespace(Self.spreadTableNamespace) { cs in
            let size = 1 << Self.spreadTableBits
            var y = Fr.zero
            if cs.mode == .witness {
                guard let hashed = try? Poseidon.hash([x]) else { preconditionFailure("Poseidon of one input") }
                y = hashed
                cs.values[fold] = y
                cs.fillSpreadQueries(challenge: x, fold: y)
            }
            let yFolded: LinearCombination
            do { yFolded = try cs.poseidon([challenge], "fold") } catch { preconditionFailure("Poseidon of one input") }
            let yVariable = LinearCombination(variable: fold)
            cs.assertEqual(yFolded, yVariable, "fold/equal")
            var tableInverses = [Fr]()
            if cs.mode == .witness {
                tableInverses = (0..<size).map { j in x - Fr(Self.spread(UInt32(j))) - y * Fr(UInt64(j)) }
                Fr.batchInvert(&tableInverses)
            }
            var sumTerms = cs.lookupState.spread.inverses.map { LinearCombination.Term(variable: $0, coefficient: .one) }
            sumTerms.reserveCapacity(sumTerms.count + size)
            let minusOne = -Fr.one
            for j in 0..<size {
                let tValue = cs.mode == .witness ? Fr(UInt64(cs.lookupState.spread.counts[j])) * tableInverses[j] : Fr.zero
                let t = cs.allocate(tValue)
                sumTerms.append(LinearCombination.Term(variable: cs.variableCount - 1, coefficient: minusOne))
                let entry = challenge - yVariable * Fr(UInt64(j)) - .constant(Fr(Self.spread(UInt32(j))))
                cs.enforce(t, entry, multiplicities[j], "table[\(j)]")
            }
            cs.enforce(LinearCombination(terms: sumTerms), .one, .zero, "sum")
        }
        lookupState.spread.queries = []
        lookupState.spread.counts = []
    }

    /// Sets every query's p = y·d and inv = 1/(x − s − p) (one batch inversion),
    /// fills their rows with evaluated storage, and with discarded or evaluated
    /// storage reports a query whose inverse does not exist (x − s − p = 0).
    private mutating func fillSpreadQueries(challenge x: Fr, fold y: Fr) {
        let queries = lookupState.spread.queries
        let products = queries.map { y * $0.dense }
        var inverses = zip(queries, products).map { x - $0.0.spread - $0.1 }
        Fr.batchInvert(&inverses)
        for k in queries.indices {
            values[lookupState.spread.products[k]] = products[k]
            values[lookupState.spread.inverses[k]] = inverses[k]
            let row = lookupState.spread.constraints[k]
            if storage == .evaluate {
                rowA[row] = y; rowB[row] = queries[k].dense; rowC[row] = products[k]
                rowA[row + 1] = inverses[k]; rowB[row + 1] = x - queries[k].spread - products[k]; rowC[row + 1] = .one
            }
            if inverses[k].isZero, storage != .record, firstViolation == nil || row + 1 < firstViolation!.constraint.index {
                let failure = UnsatisfiedConstraint(index: row + 1, label: prefixed("query"), a: .zero, b: .zero, c: .one)
                firstViolation = CircuitCheckFailure(constraint: failure, hints: [], hintFailures: hintFailures)
            }
        }
    }
}
