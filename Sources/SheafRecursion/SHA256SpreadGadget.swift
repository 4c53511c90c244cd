import SheafField
import SheafGroth16
import SheafHash

// SHA-256's compression function on spread words, for builders with lookups.
//
// Inside a block a word is its value plus, for the words that feed a rotation, its
// pieces: the bit ranges between the rotation amounts that will be applied to it,
// each with its spread form, proved by one spread-pair lookup (and a width bound)
// or, for pieces of up to 3 bits, by booleans. A rotated word's spread form is then
// a free combination of the pieces' spread forms, and
//
//   - Σ₀, Σ₁, σ₀, σ₁ (XOR of three rotations or shifts) are the even bits of the
//     sum of three spread words,
//   - Maj(a, b, c) is the odd bits of spread(a) + spread(b) + spread(c),
//   - Ch(e, f, g) = (e ∧ f) + (¬e ∧ g) is the odd bits of spread(e) + spread(f)
//     plus the odd bits of spread(¬e) + spread(g), spread(¬e) = spread(2³² − 1) − spread(e),
//
// each split costing four pair lookups (the even and odd words in 16-bit halves)
// and one linear constraint. An addition mod 2³² is one linear constraint and a
// few carry booleans, the sum's low word being made of pieces whose lookups bound
// it. Words that arrive as bits (the message, the chaining state) need no pieces:
// every rotation of them is free. A block costs about 6.7k constraints against 25.5k
// bit by bit, plus the spread table once per circuit (CircuitBuilder+SpreadLookup).
//
// Why each step is exact: every piece is proved below 2^width and every half
// below 2^16, so every sum of them is an integer far below r and each linear
// constraint holds over the integers; the split S = spread(E) + 2·spread(O) of a
// sum of three spread words is unique (base-4 digits), and a reduction
// sum = Σ pieceₖ·2^offsetₖ + carry·2³² with bounded pieces and carry is the
// integer division by 2³².

/// A 32-bit word of the spread SHA-256: its value, and the spread forms of its
/// bit ranges.
struct SpreadWord {
    /// The word's value, below 2³².
    var value: LinearCombination
    /// The word's bits, when it is made of bits (message, state, constants).
    var bits: [LinearCombination]?
    /// Otherwise its pieces: bit offset, and spread form (width implied by the next offset).
    var pieces: [(offset: Int, spread: LinearCombination)]

    init(bits: [LinearCombination]) {
        self.bits = bits
        value = CircuitBuilder.recompose(bits)
        pieces = []
    }

    init(value: LinearCombination, pieces: [(offset: Int, spread: LinearCombination)]) {
        self.value = value
        self.bits = nil
        self.pieces = pieces
    }

    /// spread(ROTR^r(word)), free: r must be a piece boundary of a word made of pieces.
    func spreadRotated(_ r: Int) -> LinearCombination {
        if let bits {
            var sum = LinearCombination.zero
            for i in 0..<32 { sum = sum.adding(bits[(i + r) % 32], scaledBy: Fr.powerOfTwoForRecursion(2 * i)) }
            return sum
        }
        precondition(r == 0 || pieces.contains { $0.offset == r }, "rotation by \(r) is not at a piece boundary")
        var sum = LinearCombination.zero
        for piece in pieces {
            sum = sum.adding(piece.spread, scaledBy: Fr.powerOfTwoForRecursion(2 * ((piece.offset - r + 32) % 32)))
        }
        return sum
    }

    /// spread(SHR^r(word)), free, with the same condition.
    func spreadShifted(_ r: Int) -> LinearCombination {
        if let bits {
            var sum = LinearCombination.zero
            for i in 0..<(32 - r) { sum = sum.adding(bits[i + r], scaledBy: Fr.powerOfTwoForRecursion(2 * i)) }
            return sum
        }
        precondition(pieces.contains { $0.offset == r }, "shift by \(r) is not at a piece boundary")
        var sum = LinearCombination.zero
        for piece in pieces where piece.offset >= r {
            sum = sum.adding(piece.spread, scaledBy: Fr.powerOfTwoForRecursion(2 * (piece.offset - r)))
        }
        return sum
    }

    /// spread(word), free.
    var spread: LinearCombination { spreadRotated(0) }
}

extension CircuitBuilder {
    /// The piece boundaries of a word that Σ₀ will rotate (2, 13, 22), Σ₁ (6, 11,
    /// 25), and a message word that σ₀ (7, 18, shift 3) and σ₁ (17, 19, shift 10)
    /// will use, or σ₁ only.
    static let sigma0Boundaries = [2, 13, 22]
    static let sigma1Boundaries = [6, 11, 25]
    static let scheduleBothBoundaries = [3, 7, 10, 17, 18, 19]
    static let scheduleSigma1Boundaries = [10, 17, 19]
    static let rangeOnlyBoundaries = [16]

    /// The compression function on spread words: the message schedule, 64 rounds
    /// and the addition of the input state (as bits, the form the next block and
    /// the digest take).
    mutating func sha256CompressSpread(_ state: [CircuitWord], _ block: [LinearCombination]) -> [CircuitWord] {
        var w = (0..<16).map { j in SpreadWord(bits: Array(block[(32 * j)..<(32 * j + 32)].reversed())) }
        for t in 16..<64 {
            let s0 = spreadSplit(w[t - 15].spreadRotated(7) + w[t - 15].spreadRotated(18) + w[t - 15].spreadShifted(3),
                                 "sigma0[\(t)]").even
            let s1 = spreadSplit(w[t - 2].spreadRotated(17) + w[t - 2].spreadRotated(19) + w[t - 2].spreadShifted(10),
                                 "sigma1[\(t)]").even
            let boundaries = t <= 48 ? Self.scheduleBothBoundaries : t <= 61 ? Self.scheduleSigma1Boundaries : Self.rangeOnlyBoundaries
            w.append(spreadReduce(s1 + w[t - 7].value + s0 + w[t - 16].value, carryBits: 2, boundaries: boundaries, "w[\(t)]"))
        }
        let words = state.map { SpreadWord(bits: $0.bits) }
        var (a, b, c, d, e, f, g, h) = (words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7])
        let allOnes = LinearCombination.constant(Fr(Self.spread(UInt32.max)))
        for t in 0..<64 {
            let bigSigma1 = spreadSplit(e.spreadRotated(6) + e.spreadRotated(11) + e.spreadRotated(25), "Sigma1[\(t)]").even
            let ef = spreadSplit(e.spread + f.spread, "ch[\(t)]/ef").odd
            let notEG = spreadSplit(allOnes - e.spread + g.spread, "ch[\(t)]/notEG").odd
            let t1 = h.value + bigSigma1 + ef + notEG + .constant(Fr(UInt64(SHA256.roundConstants[t]))) + w[t].value
            let bigSigma0 = spreadSplit(a.spreadRotated(2) + a.spreadRotated(13) + a.spreadRotated(22), "Sigma0[\(t)]").even
            let majority = spreadSplit(a.spread + b.spread + c.spread, "maj[\(t)]").odd
            // d + T1 < 6·2³² and T1 + T2 < 7·2³²: three carry bits each.
            (h, g, f, e) = (g, f, e, spreadReduce(d.value + t1, carryBits: 3, boundaries: Self.sigma1Boundaries, "e[\(t)]"))
            (d, c, b, a) = (c, b, a, spreadReduce(t1 + bigSigma0 + majority, carryBits: 3, boundaries: Self.sigma0Boundaries, "a[\(t)]"))
        }
        return zip(state, [a, b, c, d, e, f, g, h]).enumerated().map { i, pair in
            wordSum(pair.0.value + pair.1.value, carryBits: 1, "h[\(i)]")
        }
    }

    /// Splits a sum S of spread words (each base-4 digit at most 3) into
    /// S = spread(even) + 2·spread(odd), returning the two words' values: four
    /// pair lookups and one linear constraint; a constant S is split at build time.
    mutating func spreadSplit(_ s: LinearCombination, _ label: String) -> (even: LinearCombination, odd: LinearCombination) {
        if let constant = s.constantValue {
            let v = UInt64(Self.bitField(constant.canonicalLimbs, from: 0, width: 64))
            return (.constant(Fr(UInt64(Self.unspread(v)))), .constant(Fr(UInt64(Self.unspread(v >> 1)))))
        }
        return withNamespace(label) { cs in
            // even low, even high, odd low, odd high: dense then spread of each.
            let out = cs.hint("split", inputs: [s], count: 8) { (inputs: [Fr]) throws(HintError) -> [Fr] in
                let limbs = inputs[0].canonicalLimbs
                guard limbs.1 == 0, limbs.2 == 0, limbs.3 == 0 else {
                    throw HintError("the sum of spread words is not below 2^64")
                }
                let v = UInt64(limbs.0)
                let even = Self.unspread(v), odd = Self.unspread(v >> 1)
                return [even & 0xFFFF, even >> 16, odd & 0xFFFF, odd >> 16].flatMap { half -> [Fr] in
                    [Fr(UInt64(half)), Fr(Self.spread(half))]
                }
            }
            let names = ["even/low", "even/high", "odd/low", "odd/high"]
            for k in 0..<4 { cs.spreadLookup(spread: out[2 * k + 1], dense: out[2 * k], names[k]) }
            let h16 = Fr.powerOfTwoForRecursion(16), h32 = Fr.powerOfTwoForRecursion(32)
            let recombined = out[1] + out[3] * h32 + (out[5] + out[7] * h32) * Fr(2)
            cs.enforce(recombined, .one, s, "recombine")
            return (out[0] + out[2] * h16, out[4] + out[6] * h16)
        }
    }

    /// sum mod 2³² as a word made of pieces at `boundaries`, for a sum below
    /// 2^(32 + carryBits): pieces of up to 3 bits are booleans, wider ones a
    /// spread-pair lookup with a width bound; the carry is booleans; one linear
    /// constraint ties them to the sum. A constant sum is reduced at build time.
    mutating func spreadReduce(_ sum: LinearCombination, carryBits: Int, boundaries: [Int], _ label: String) -> SpreadWord {
        if let constant = sum.constantValue {
            let v = UInt32(truncatingIfNeeded: Self.bitField(constant.canonicalLimbs, from: 0, width: 32))
            return SpreadWord(bits: (0..<32).map { (v >> UInt32($0)) & 1 == 1 ? .one : .zero })
        }
        let offsets = [0] + boundaries
        let widths = offsets.indices.map { k in (k + 1 < offsets.count ? offsets[k + 1] : 32) - offsets[k] }
        return withNamespace(label) { cs in
            // Per piece: its bits (width ≤ 3) or its value and spread; then the carry bits.
            let count = widths.reduce(0) { $0 + ($1 <= 3 ? $1 : 2) } + carryBits
            let out = cs.hint("pieces", inputs: [sum], count: count) { (inputs: [Fr]) throws(HintError) -> [Fr] in
                let limbs = inputs[0].canonicalLimbs
                guard limbs.1 == 0, limbs.2 == 0, limbs.3 == 0, UInt64(limbs.0) >> UInt64(32 + carryBits) == 0 else {
                    throw HintError("the sum is not below 2^\(32 + carryBits)")
                }
                let v = UInt64(limbs.0)
                var values = [Fr]()
                for (offset, width) in zip(offsets, widths) {
                    let piece = UInt32((v >> UInt64(offset)) & ((1 << UInt64(width)) - 1))
                    if width <= 3 {
                        values += (0..<width).map { Fr(UInt64((piece >> UInt32($0)) & 1)) }
                    } else {
                        values += [Fr(UInt64(piece)), Fr(Self.spread(piece))]
                    }
                }
                return values + (0..<carryBits).map { Fr((v >> UInt64(32 + $0)) & 1) }
            }
            var next = 0
            var value = LinearCombination.zero
            var pieces = [(offset: Int, spread: LinearCombination)]()
            for (k, (offset, width)) in zip(offsets, widths).enumerated() {
                if width <= 3 {
                    var spread = LinearCombination.zero
                    for i in 0..<width {
                        let bit = out[next + i]
                        cs.assertBoolean(bit, "piece[\(k)]/bit[\(i)]")
                        value = value.adding(bit, scaledBy: Fr.powerOfTwoForRecursion(offset + i))
                        spread = spread.adding(bit, scaledBy: Fr.powerOfTwoForRecursion(2 * i))
                    }
                    pieces.append((offset, spread))
                    next += width
                } else {
                    cs.spreadLookup(spread: out[next + 1], dense: out[next], width: width, "piece[\(k)]")
                    value = value.adding(out[next], scaledBy: Fr.powerOfTwoForRecursion(offset))
                    pieces.append((offset, out[next + 1]))
                    next += 2
                }
            }
            var carry = LinearCombination.zero
            for i in 0..<carryBits {
                cs.assertBoolean(out[next + i], "carry[\(i)]")
                carry = carry.adding(out[next + i], scaledBy: Fr.powerOfTwoForRecursion(32 + i))
            }
            cs.enforce(value + carry, .one, sum, "reduce")
            return SpreadWord(value: value, pieces: pieces)
        }
    }
}
