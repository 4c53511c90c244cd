import CGMP
import Testing
@testable import SheafField

/// A GMP integer that frees itself: the oracle for field arithmetic. mpz code
/// (schoolbook multiply + division) shares nothing with the Montgomery path.
final class BigInt {
    let z: UnsafeMutablePointer<__mpz_struct>
    init() { z = .allocate(capacity: 1); sheaf_mpz_init(z) }
    convenience init(_ decimal: String) { self.init(); _ = sheaf_mpz_set_str(z, decimal, 10) }
    deinit { sheaf_mpz_clear(z); z.deallocate() }
    var decimal: String {
        var buffer = [CChar](repeating: 0, count: sheaf_mpz_sizeinbase(z, 10) + 2)
        _ = buffer.withUnsafeMutableBufferPointer { sheaf_mpz_get_str($0.baseAddress, 10, z) }
        return String(cString: buffer)
    }
    static func modular(_ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void,
                        _ a: BigInt, _ b: BigInt, _ m: BigInt) -> BigInt {
        let r = BigInt()
        op(r.z, a.z, b.z)
        sheaf_mpz_mod(r.z, r.z, m.z)
        return r
    }
}

func modulusString<P: MontgomeryParameters>(_: P.Type) -> String {
    var z = __mpz_struct()
    sheaf_mpz_init(&z)
    defer { sheaf_mpz_clear(&z) }
    var m = P.modulus
    withUnsafePointer(to: &m) { mp in mp.withMemoryRebound(to: UInt.self, capacity: 4) { sheaf_mpz_import_limbs(&z, $0, 4) } }
    var buffer = [CChar](repeating: 0, count: 100)
    _ = buffer.withUnsafeMutableBufferPointer { sheaf_mpz_get_str($0.baseAddress, 10, &z) }
    return String(cString: buffer)
}

@Suite("Prime fields against GMP mpz")
struct PrimeFieldOracleTests {
    func checkAgainstGMP<P: TwoAdicParameters>(_: P.Type, seed: UInt64) {
        typealias F = MontgomeryField<P>
        var rng = SeededGenerator(seed: seed)
        let m = BigInt(modulusString(P.self))
        var samples: [F] = [.zero, .one, -F.one, F(2), -F(2)]
        for _ in 0..<400 { samples.append(F.random(using: &rng)) }
        for i in 0..<samples.count {
            let a = samples[i], b = samples[(i * 7 + 3) % samples.count]
            let ba = BigInt(a.decimalString), bb = BigInt(b.decimalString)
            #expect((a * b).decimalString == BigInt.modular(sheaf_mpz_mul, ba, bb, m).decimal)
            #expect((a + b).decimalString == BigInt.modular(sheaf_mpz_add, ba, bb, m).decimal)
            #expect((a - b).decimalString == BigInt.modular(sheaf_mpz_sub, ba, bb, m).decimal)
            #expect(a.squared().decimalString == BigInt.modular(sheaf_mpz_mul, ba, ba, m).decimal)
            if let inv = a.inverse() {
                let r = BigInt()
                #expect(sheaf_mpz_invert(r.z, ba.z, m.z) != 0)
                #expect(inv.decimalString == r.decimal)
            } else {
                #expect(a.isZero)
            }
            #expect(a.halved().doubled() == a)
        }
    }

    @Test func fpMatchesGMP() { checkAgainstGMP(BN254FpParameters.self, seed: 1) }
    @Test func frMatchesGMP() { checkAgainstGMP(BN254FrParameters.self, seed: 2) }

    @Test func montgomeryConstantsAreConsistent() {
        func check<P: MontgomeryParameters>(_: P.Type) {
            #expect(P.modulus.0 &* P.inverseNegModulus == UInt.max, "−p⁻¹ mod 2⁶⁴")
            let m = BigInt(modulusString(P.self))
            let r = BigInt(); sheaf_mpz_ui_pow_ui(r.z, 2, 256)
            let r1 = BigInt.modular(sheaf_mpz_mul, r, BigInt("1"), m)
            let r2 = BigInt.modular(sheaf_mpz_mul, r1, r1, m)
            let r3 = BigInt.modular(sheaf_mpz_mul, r2, r1, m)
            func dec(_ l: Limbs4) -> String { MontgomeryField<P>(montgomeryLimbs: l).canonicalDecimalOfRawLimbs }
            #expect(dec(P.r1) == r1.decimal)
            #expect(dec(P.r2) == r2.decimal)
            #expect(dec(P.r3) == r3.decimal)
            #expect(Limbs.bitWidth(P.modulus) == P.bitWidth)
        }
        check(BN254FpParameters.self)
        check(BN254FrParameters.self)
        #expect(modulusString(BN254FpParameters.self) == "21888242871839275222246405745257275088696311157297823662689037894645226208583")
        #expect(modulusString(BN254FrParameters.self) == "21888242871839275222246405745257275088548364400416034343698204186575808495617")
    }
}

extension MontgomeryField {
    /// The raw limbs read as an integer (no Montgomery conversion), for checking constants.
    var canonicalDecimalOfRawLimbs: String {
        var z = __mpz_struct()
        sheaf_mpz_init(&z)
        defer { sheaf_mpz_clear(&z) }
        var l = montgomeryLimbs
        withUnsafePointer(to: &l) { lp in lp.withMemoryRebound(to: UInt.self, capacity: 4) { sheaf_mpz_import_limbs(&z, $0, 4) } }
        var buffer = [CChar](repeating: 0, count: 100)
        _ = buffer.withUnsafeMutableBufferPointer { sheaf_mpz_get_str($0.baseAddress, 10, &z) }
        return String(cString: buffer)
    }
}

@Suite("Prime field laws and algorithms")
struct PrimeFieldLawTests {
    @Test func fieldAxioms() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let a = Fr.random(using: &rng), b = Fr.random(using: &rng), c = Fr.random(using: &rng)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a + b == b + a && a * b == b * a)
            #expect(a + (-a) == .zero && a - b == a + (-b))
            #expect(a * .one == a && a + .zero == a)
            if !a.isZero { #expect(a * a.inverse()! == .one) }
        }
        #expect(Fr.zero.inverse() == nil)
    }

    /// The fast (extended-GCD) and constant-time inverses agree, including on
    /// raw Montgomery limbs with leading zero limbs and on the largest value.
    @Test func fastAndConstantTimeInversesAgree() {
        func check<P: MontgomeryParameters>(_: P.Type, seed: UInt64) {
            typealias F = MontgomeryField<P>
            var rng = SeededGenerator(seed: seed)
            let m = P.modulus
            var values: [F] = [F.one, -F.one, F(montgomeryLimbs: (1, 0, 0, 0)), F(montgomeryLimbs: (2, 0, 0, 0)),
                               F(montgomeryLimbs: (0, 0, 0, 1)), F(montgomeryLimbs: (UInt.max, 0, 0, 0)),
                               F(montgomeryLimbs: (m.0 - 1, m.1, m.2, m.3))]
            for _ in 0..<200 { values.append(F.random(using: &rng)) }
            for a in values {
                let fast = a.inverse(), slow = a.constantTimeInverse()
                #expect(fast != nil && fast == slow, "\(P.name) inverse of \(a)")
                #expect(a * fast! == .one)
            }
            #expect(F.zero.inverse() == nil && F.zero.constantTimeInverse() == nil)
        }
        check(BN254FpParameters.self, seed: 31)
        check(BN254FrParameters.self, seed: 32)
    }

    @Test func squareRootsAndLegendre() {
        var rng = SeededGenerator(seed: 4)
        func check<P: TwoAdicParameters>(_: P.Type, _ rng: inout SeededGenerator) {
            typealias F = MontgomeryField<P>
            var nonSquares = 0
            for _ in 0..<100 {
                let a = F.random(using: &rng)
                let square = a.squared()
                #expect(square.legendreSymbol == (a.isZero ? 0 : 1))
                let root = square.squareRoot()
                #expect(root != nil && root!.squared() == square)
                let b = F.random(using: &rng)
                if b.legendreSymbol == -1 {
                    nonSquares += 1
                    #expect(b.squareRoot() == nil)
                }
            }
            #expect(nonSquares > 20, "about half of random elements are non-squares")
            #expect(F(P.quadraticNonResidue).legendreSymbol == -1)
        }
        check(BN254FpParameters.self, &rng)
        check(BN254FrParameters.self, &rng)
    }

    @Test func rootOfUnityHasOrderTwoToThe28() {
        var w = Fr.twoAdicRootOfUnity
        for _ in 0..<27 { w = w.squared() }
        #expect(w == -Fr.one, "ω^(2^27) = −1, so the order is exactly 2^28")
        #expect(w.squared() == .one)
    }

    @Test func powerAgreesWithRepeatedMultiplication() {
        var rng = SeededGenerator(seed: 6)
        let a = Fp.random(using: &rng)
        var expected = Fp.one
        for e in 0..<40 {
            #expect(a.power([UInt(e)]) == expected)
            expected *= a
        }
        // Fermat: a^(p−1) = 1.
        #expect(a.power(Limbs.subtract(Fp.modulus, (1, 0, 0, 0)).0) == .one)
    }
}

@Suite("Field codecs reject hostile input")
struct FieldCodecTests {
    @Test func bytesRoundTripAndRangeChecks() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let a = Fp.random(using: &rng)
            #expect(try Fp(bigEndianBytes: a.bigEndianBytes) == a)
            #expect(try Fp(decimal: a.decimalString) == a)
            #expect(try Fp(hex: a.hexString) == a)
        }
        let modulusBytes = Limbs.bigEndianBytes(Fp.modulus)
        #expect(throws: FieldError.notCanonical(field: "BN254 Fp")) { try Fp(bigEndianBytes: modulusBytes) }
        #expect(throws: FieldError.notCanonical(field: "BN254 Fp")) { try Fp(bigEndianBytes: [UInt8](repeating: 0xff, count: 32)) }
        #expect(throws: FieldError.wrongLength(expected: 32, actual: 31)) { try Fp(bigEndianBytes: [UInt8](repeating: 0, count: 31)) }
        #expect(throws: FieldError.wrongLength(expected: 32, actual: 33)) { try Fp(bigEndianBytes: [UInt8](repeating: 0, count: 33)) }
        var pMinusOne = modulusBytes; pMinusOne[31] -= 1
        #expect(try Fp(bigEndianBytes: pMinusOne) == -Fp.one)
    }

    @Test func decimalAndHexParsing() throws {
        #expect(try Fr(decimal: "0") == .zero)
        #expect(try Fr(decimal: "21888242871839275222246405745257275088548364400416034343698204186575808495616") == -Fr.one)
        #expect(throws: FieldError.notCanonical(field: "BN254 Fr")) {
            try Fr(decimal: "21888242871839275222246405745257275088548364400416034343698204186575808495617")
        }
        for bad in ["", " 1", "1 ", "+1", "12a", "0x10", "1e5", String(repeating: "9", count: 81)] {
            #expect(throws: FieldError.self) { try Fr(decimal: bad) }
        }
        #expect(throws: FieldError.negative) { try Fr(decimal: "-1") }
        #expect(try Fr(hex: "0x0A") == Fr(10))
        #expect(try Fr(hex: "ff") == Fr(255))
        for bad in ["", "0x", "0xg1", "-1", String(repeating: "f", count: 65)] {
            #expect(throws: FieldError.self) { try Fr(hex: bad) }
        }
    }

    @Test func mpzConversion() throws {
        let big = BigInt("12345678901234567890123456789")
        let a = try Fr(mpz: big.z)
        #expect(a.decimalString == "12345678901234567890123456789")
        let out = BigInt()
        a.store(into: out.z)
        #expect(out.decimal == big.decimal)
        let negative = BigInt(); sheaf_mpz_sub(negative.z, out.z, big.z); sheaf_mpz_sub(negative.z, negative.z, big.z)
        #expect(throws: FieldError.negative) { try Fr(mpz: negative.z) }
        let huge = BigInt(); sheaf_mpz_ui_pow_ui(huge.z, 2, 300)
        #expect(throws: FieldError.notCanonical(field: "BN254 Fr")) { try Fr(mpz: huge.z) }
    }

    @Test func wideReductionMatchesGMP() {
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<50 {
            let bytes = (0..<64).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            let z = BigInt(); _ = sheaf_mpz_set_str(z.z, hex, 16)
            let m = BigInt(modulusString(BN254FrParameters.self))
            sheaf_mpz_mod(z.z, z.z, m.z)
            #expect(Fr(reducingWide: bytes).decimalString == z.decimal)
        }
    }
}
