import SheafField
import SheafGroth16
import SheafHash

// SHA-256 inside a circuit, bit by bit.
//
// A 32-bit word is its 32 bits, least significant first. Each bit is a boolean
// variable, a linear combination of booleans whose value is still 0 or 1 (an XOR
// of bits, say), or a constant; rotations and shifts permute bits and cost
// nothing, and a word's integer value is the free sum Σ 2ⁱ·bitᵢ. Costs per bit:
// XOR of two bits a + b − 2ab, one product; XOR of three, two; Ch(e, f, g) =
// g + e(f − g), one; Maj(a, b, c) = ab + c(a ⊕ b), two. An addition mod 2³² sums
// the words' values and splits the sum into 32 boolean bits and a few carry
// bits: 32 + carries + 1 constraints. A round is about 300 constraints and a
// block about 26k. Constant bits fold away, so the initial state, the round
// constants and a message schedule made only of padding cost nothing.
//
// This is the gadget for builders without lookups, and for circuits that hash
// too few blocks to pay for a spread table (``spreadWordsMinimumBlocks``): a
// range table cannot express an XOR. With lookups, `SHA256SpreadGadget.swift`
// computes the same function on spread words at about a quarter of the cost.

/// A 32-bit word inside a circuit, bits least significant first.
public struct CircuitWord: Sendable, Equatable {
    /// The 32 bits, least significant first; each is 0 or 1 in any satisfying witness.
    public var bits: [LinearCombination]

    /// The word as its bits.
    public init(bits: [LinearCombination]) {
        precondition(bits.count == 32, "a word has 32 bits")
        self.bits = bits
    }

    /// A constant word.
    public static func constant(_ x: UInt32) -> CircuitWord {
        CircuitWord(bits: (0..<32).map { (x >> UInt32($0)) & 1 == 1 ? .one : .zero })
    }

    /// The word's value Σ 2ⁱ·bitᵢ. Free.
    public var value: LinearCombination { CircuitBuilder.recompose(bits) }

    /// ROTR^n. Free.
    func rotatedRight(_ n: Int) -> CircuitWord { CircuitWord(bits: (0..<32).map { bits[($0 + n) % 32] }) }

    /// SHR^n. Free.
    func shiftedRight(_ n: Int) -> CircuitWord { CircuitWord(bits: (0..<32).map { $0 + n < 32 ? bits[$0 + n] : .zero }) }
}

extension CircuitBuilder {
    /// The SHA-256 digest of a message given as bits in stream order (bytes in
    /// order, each most significant bit first; every bit boolean), as 256 bits in
    /// the same order. The length is fixed by the circuit, so the padding is
    /// constant; ``SHA256/blockCount(messageLength:)`` blocks are compressed.
    ///
    /// `onSpreadWords` picks the compression: on spread words
    /// (`SHA256SpreadGadget.swift`, about 6.7k constraints a block, and the
    /// spread table's 65,754 once per circuit) or bit by bit (about 25.5k a
    /// block). It defaults to
    /// spread words in a builder with lookups; a circuit that hashes fewer than
    /// ``spreadWordsMinimumBlocks`` blocks in all should pass false.
    public mutating func sha256(bits message: [LinearCombination], _ label: String = "sha256",
                                onSpreadWords: Bool? = nil) -> [LinearCombination] {
        let spread = onSpreadWords ?? (lookups != nil)
        precondition(!spread || lookups != nil, "SHA-256 on spread words needs a builder with lookups")
        precondition(message.count % 8 == 0, "SHA-256 here takes whole bytes")
        let length = UInt64(message.count)
        var padded = message + [.one]
        while padded.count % 512 != 448 { padded.append(.zero) }
        padded += (0..<64).map { (length >> UInt64(63 - $0)) & 1 == 1 ? LinearCombination.one : .zero }
        var state = SHA256.initialState.map(CircuitWord.constant)
        for start in stride(from: 0, to: padded.count, by: 512) {
            let block = Array(padded[start..<(start + 512)])
            state = withNamespace("\(label)/block[\(start / 512)]") { cs in
                spread ? cs.sha256CompressSpread(state, block) : cs.sha256Compress(state, block)
            }
        }
        return state.flatMap { $0.bits.reversed() }
    }

    /// The fewest SHA-256 blocks for which a circuit with lookups should hash on
    /// spread words: each block saves about 18.7k constraints (6,721 against
    /// 25,468), and the spread table costs 65,754 once, so four blocks pay for
    /// it and three do not.
    public static let spreadWordsMinimumBlocks = 4

    /// Whether a circuit with `lookups` that hashes `blocks` SHA-256 blocks in
    /// all should do so on spread words.
    public static func sha256OnSpreadWords(blocks: Int, lookups: LookupRangeChecks?) -> Bool {
        lookups != nil && blocks >= spreadWordsMinimumBlocks
    }

    /// The compression function: the message schedule, 64 rounds, and the
    /// addition of the input state.
    mutating func sha256Compress(_ state: [CircuitWord], _ block: [LinearCombination]) -> [CircuitWord] {
        var w = (0..<16).map { j in CircuitWord(bits: Array(block[(32 * j)..<(32 * j + 32)].reversed())) }
        for t in 16..<64 {
            let s0 = xor3(w[t - 15].rotatedRight(7), w[t - 15].rotatedRight(18), w[t - 15].shiftedRight(3), "sigma0[\(t)]")
            let s1 = xor3(w[t - 2].rotatedRight(17), w[t - 2].rotatedRight(19), w[t - 2].shiftedRight(10), "sigma1[\(t)]")
            w.append(wordSum(s1.value + w[t - 7].value + s0.value + w[t - 16].value, carryBits: 2, "w[\(t)]"))
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        for t in 0..<64 {
            let bigSigma1 = xor3(e.rotatedRight(6), e.rotatedRight(11), e.rotatedRight(25), "Sigma1[\(t)]")
            let choose = CircuitWord(bits: (0..<32).map { i in g.bits[i] + bitProduct(e.bits[i], f.bits[i] - g.bits[i], "ch[\(t)]") })
            let t1 = h.value + bigSigma1.value + choose.value + .constant(Fr(UInt64(SHA256.roundConstants[t]))) + w[t].value
            let bigSigma0 = xor3(a.rotatedRight(2), a.rotatedRight(13), a.rotatedRight(22), "Sigma0[\(t)]")
            let majority = CircuitWord(bits: (0..<32).map { i in
                let ab = bitProduct(a.bits[i], b.bits[i], "maj[\(t)]")
                return ab + bitProduct(c.bits[i], a.bits[i] + b.bits[i] - ab * Fr(2), "maj[\(t)]")
            })
            // T1 < 5·2³², d + T1 < 6·2³², T1 + T2 < 7·2³²: three carry bits each.
            (h, g, f, e) = (g, f, e, wordSum(d.value + t1, carryBits: 3, "e[\(t)]"))
            (d, c, b, a) = (c, b, a, wordSum(t1 + bigSigma0.value + majority.value, carryBits: 3, "a[\(t)]"))
        }
        return zip(state, [a, b, c, d, e, f, g, h]).enumerated().map { i, pair in
            wordSum(pair.0.value + pair.1.value, carryBits: 1, "h[\(i)]")
        }
    }

    /// a·b for bits, free when either is constant.
    mutating func bitProduct(_ a: LinearCombination, _ b: LinearCombination, _ label: String) -> LinearCombination {
        if let x = a.constantValue { return b * x }
        if let y = b.constantValue { return a * y }
        return product(a, b, label)
    }

    /// x ⊕ y ⊕ z bit by bit: two products per bit, fewer where a bit is constant.
    mutating func xor3(_ x: CircuitWord, _ y: CircuitWord, _ z: CircuitWord, _ label: String) -> CircuitWord {
        CircuitWord(bits: (0..<32).map { i in
            let xy = x.bits[i] + y.bits[i] - bitProduct(x.bits[i], y.bits[i], label) * Fr(2)
            return xy + z.bits[i] - bitProduct(xy, z.bits[i], label) * Fr(2)
        })
    }

    /// sum mod 2³² as a word of boolean bits, for a sum below 2^(32 + carryBits):
    /// 32 + carryBits booleans and one recomposition. A constant sum is reduced
    /// at build time and costs nothing.
    mutating func wordSum(_ sum: LinearCombination, carryBits: Int, _ label: String) -> CircuitWord {
        if let constant = sum.constantValue {
            return CircuitWord(bits: (0..<32).map { Limbs.bit(constant.canonicalLimbs, $0) ? .one : .zero })
        }
        let v = value(of: sum)
        let bits = (0..<(32 + carryBits)).map { i in allocateBit(Limbs.bit(v.canonicalLimbs, i), label + "/bit") }
        enforce(Self.recompose(bits), .one, sum, label + "/sum")
        return CircuitWord(bits: Array(bits[..<32]))
    }

    /// A native field element as the 32 big-endian bytes of its canonical value,
    /// in stream bit order: 254 boolean bits proved to recompose to x and to
    /// be below r, so the bytes are the ones the EVM and `bigEndianBytes` see.
    /// About 517 constraints.
    public mutating func canonicalBigEndianBits(of x: LinearCombination, _ label: String = "bytes") -> [LinearCombination] {
        withNamespace(label) { cs in
            let v = cs.value(of: x)
            let bits = (0..<254).map { i in cs.allocateBit(Limbs.bit(v.canonicalLimbs, i), "bit") }
            cs.enforce(Self.recompose(bits), .one, x, "recompose")
            // Below r: the high 126 bits under r's, or equal to them with the low
            // 128 bits under r's low 128 bits.
            let rHigh = LinearCombination.constant(Self.rBits(128..<254)), rLow = LinearCombination.constant(Self.rBits(0..<128))
            let high = Self.recompose(Array(bits[128...])), low = Self.recompose(Array(bits[..<128]))
            let highBelow = cs.lessThan(high, rHigh, bits: 126, "highBelow")
            let highEqual = cs.isEqual(high, rHigh, "highEqual")
            let lowBelow = cs.lessThan(low, rLow, bits: 128, "lowBelow")
            cs.assertEqual(highBelow + cs.product(highEqual, lowBelow, "lowDecides"), .one, "belowR")
            return [.zero, .zero] + bits.reversed()
        }
    }

    /// The bits `range` of r as a field element (shifted down to bit 0).
    static func rBits(_ range: Range<Int>) -> Fr {
        let minusOne = Fr.zero - .one   // r − 1: the same bits as r except bit 0 (r is odd)
        var sum = Fr.zero
        for i in range.reversed() {
            sum += sum
            if Limbs.bit(minusOne.canonicalLimbs, i) || i == 0 { sum += .one }
        }
        return sum
    }

    /// Private bytes as stream-order boolean bits: 8 constraints per byte.
    public mutating func allocateBytes(_ bytes: @autoclosure () -> [UInt8], count: Int, _ label: String = "bytes") -> [LinearCombination] {
        let values = mode == .shape ? [UInt8](repeating: 0, count: count) : bytes()
        precondition(values.count == count, "expected \(count) bytes")
        return values.flatMap { byte in (0..<8).map { i in allocateBit((byte >> UInt8(7 - i)) & 1 == 1, label) } }
    }

    /// A constant byte as stream-order bits.
    public static func constantBits(_ byte: UInt8) -> [LinearCombination] {
        (0..<8).map { (byte >> UInt8(7 - $0)) & 1 == 1 ? .one : .zero }
    }
}
