import CGMP
import SheafField

/// A non-negative integer of any size, for the two places emulated arithmetic needs
/// exact integers: hints (a·b = r + k·p, split into limbs) and bounds (the largest
/// value a limb, a product coefficient or a carry can take). Little-endian 64-bit
/// words with no trailing zero word, so equal values have equal words.
///
/// Not for inner loops of the prover: each operation allocates an array. It runs a
/// few times per emulated operation, next to constraint bookkeeping that costs more.
struct Natural: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The words, least significant first, without trailing zeros.
    private(set) var words: [UInt]

    static let zero = Natural(words: [])

    /// The integer with the given little-endian words.
    init(words: [UInt]) {
        var trimmed = words
        while trimmed.last == 0 { trimmed.removeLast() }
        self.words = trimmed
    }

    /// A small value.
    init(_ value: UInt) { self.init(words: [value]) }

    /// The canonical integer of a prime-field element.
    init<P>(_ element: MontgomeryField<P>) {
        let l = element.canonicalLimbs
        self.init(words: [l.0, l.1, l.2, l.3])
    }

    /// 2^k.
    static func powerOfTwo(_ k: Int) -> Natural {
        precondition(k >= 0, "negative exponent")
        var words = [UInt](repeating: 0, count: k / 64 + 1)
        words[k / 64] = 1 << UInt(k % 64)
        return Natural(words: words)
    }

    /// 2^k − 1: the largest integer of k bits.
    static func allOnes(_ k: Int) -> Natural { powerOfTwo(k) - Natural(1) }

    var isZero: Bool { words.isEmpty }

    /// The number of bits (0 for zero).
    var bitWidth: Int {
        guard let top = words.last else { return 0 }
        return 64 * (words.count - 1) + (64 - top.leadingZeroBitCount)
    }

    /// Word `i`, 0 beyond the top.
    func word(_ i: Int) -> UInt { i < words.count ? words[i] : 0 }

    /// Bits [from, from + count) as an integer.
    func bits(from: Int, count: Int) -> Natural {
        (self >> from) & count
    }

    /// The low `count` bits.
    static func & (a: Natural, count: Int) -> Natural {
        var words = Array(a.words.prefix((count + 63) / 64))
        if count % 64 != 0, words.count == (count + 63) / 64, let last = words.last {
            words[words.count - 1] = last & ((1 << UInt(count % 64)) - 1)
        }
        return Natural(words: words)
    }

    static func >> (a: Natural, shift: Int) -> Natural {
        let wordShift = shift / 64, bitShift = UInt(shift % 64)
        guard wordShift < a.words.count else { return .zero }
        var out = [UInt](repeating: 0, count: a.words.count - wordShift)
        for i in 0..<out.count {
            let low = a.words[i + wordShift] >> bitShift
            let high = bitShift == 0 || i + wordShift + 1 >= a.words.count ? 0 : a.words[i + wordShift + 1] << (64 - bitShift)
            out[i] = low | high
        }
        return Natural(words: out)
    }

    static func << (a: Natural, shift: Int) -> Natural {
        guard !a.isZero else { return a }
        let wordShift = shift / 64, bitShift = UInt(shift % 64)
        var out = [UInt](repeating: 0, count: a.words.count + wordShift + 1)
        for (i, w) in a.words.enumerated() {
            out[i + wordShift] |= w << bitShift
            if bitShift != 0 { out[i + wordShift + 1] |= w >> (64 - bitShift) }
        }
        return Natural(words: out)
    }

    static func + (a: Natural, b: Natural) -> Natural {
        let n = max(a.words.count, b.words.count)
        var out = [UInt](repeating: 0, count: n + 1)
        var carry: UInt = 0
        for i in 0..<n {
            let (s1, o1) = a.word(i).addingReportingOverflow(b.word(i))
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        out[n] = carry
        return Natural(words: out)
    }

    /// a − b, which must not be negative (checked).
    static func - (a: Natural, b: Natural) -> Natural {
        precondition(a >= b, "natural subtraction went negative")
        var out = a.words
        var borrow: UInt = 0
        for i in 0..<out.count {
            let (d1, o1) = out[i].subtractingReportingOverflow(b.word(i))
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return Natural(words: out)
    }

    /// a − b, or 0 when b > a: for hints, which must produce some output even for
    /// witnesses that break the gadget's assumptions.
    func saturatingSubtract(_ b: Natural) -> Natural { self >= b ? self - b : .zero }

    static func * (a: Natural, b: Natural) -> Natural {
        guard !a.isZero, !b.isZero else { return .zero }
        var out = [UInt](repeating: 0, count: a.words.count + b.words.count)
        for (i, x) in a.words.enumerated() {
            var carry: UInt = 0
            for (j, y) in b.words.enumerated() {
                let (high, low) = x.multipliedFullWidth(by: y)
                let (s1, o1) = out[i + j].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)  // high ≤ 2^64 − 2: no wrap
            }
            out[i + b.words.count] = carry
        }
        return Natural(words: out)
    }

    /// (⌊a / d⌋, a mod d) by GMP's schoolbook division; d must not be zero.
    func quotientAndRemainder(dividingBy d: Natural) -> (quotient: Natural, remainder: Natural) {
        precondition(!d.isZero, "division by zero")
        guard self >= d else { return (.zero, self) }
        let n = words, dn = d.words
        var q = [UInt](repeating: 0, count: n.count - dn.count + 1)
        var r = [UInt](repeating: 0, count: dn.count)
        n.withUnsafeBufferPointer { np in
            dn.withUnsafeBufferPointer { dp in
                q.withUnsafeMutableBufferPointer { qp in
                    r.withUnsafeMutableBufferPointer { rp in
                        sheaf_mpn_tdiv_qr(qp.baseAddress, rp.baseAddress, 0, np.baseAddress, n.count, dp.baseAddress, dn.count)
                    }
                }
            }
        }
        return (Natural(words: q), Natural(words: r))
    }

    static func < (a: Natural, b: Natural) -> Bool {
        if a.words.count != b.words.count { return a.words.count < b.words.count }
        for i in stride(from: a.words.count - 1, through: 0, by: -1) where a.words[i] != b.words[i] {
            return a.words[i] < b.words[i]
        }
        return false
    }

    /// The element `self mod p` of a prime field.
    func element<P>(_: MontgomeryField<P>.Type = MontgomeryField<P>.self) -> MontgomeryField<P> {
        let m = MontgomeryField<P>.modulus
        let reduced = quotientAndRemainder(dividingBy: Natural(words: [m.0, m.1, m.2, m.3])).remainder
        return MontgomeryField<P>(canonicalLimbs: (reduced.word(0), reduced.word(1), reduced.word(2), reduced.word(3)))
    }

    /// The value mod the native modulus r.
    var fr: Fr { element(Fr.self) }

    /// The value mod the emulated modulus p.
    var fp: Fp { element(Fp.self) }

    /// Decimal digits, for messages.
    var description: String {
        if isZero { return "0" }
        var digits = [Character]()
        var rest = self
        let ten19 = Natural(10_000_000_000_000_000_000)
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: ten19)
            var chunk = String(r.word(0))
            if !q.isZero { chunk = String(repeating: "0", count: 19 - chunk.count) + chunk }
            digits.insert(contentsOf: chunk, at: 0)
            rest = q
        }
        return String(digits)
    }
}

extension Natural {
    /// The BN254 base-field modulus p, the field being emulated.
    static let p: Natural = { let m = Fp.modulus; return Natural(words: [m.0, m.1, m.2, m.3]) }()
    /// The BN254 scalar-field modulus q, the circuit's native field.
    static let q: Natural = { let m = Fr.modulus; return Natural(words: [m.0, m.1, m.2, m.3]) }()
}
