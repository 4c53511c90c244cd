import Testing
import SheafField
@testable import SheafRecursion

@Suite("Natural")
struct NaturalTests {
    @Test("Products, quotients and remainders agree with Fp and with each other")
    func arithmetic() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<50 {
            let a = Fp.random(using: &rng), b = Fp.random(using: &rng)
            let product = Natural(a) * Natural(b)
            let (k, r) = product.quotientAndRemainder(dividingBy: .p)
            #expect(r < .p)
            #expect(k * .p + r == product)
            #expect(r.fp == a * b)
            #expect(product.fp == a * b)
            #expect((product - r).quotientAndRemainder(dividingBy: .p).remainder.isZero)
            let shift = Int(rng.next() % 200)
            #expect((product << shift) >> shift == product)
            #expect(product.bits(from: 64, count: 64) == Natural(product.word(1)))
        }
    }

    @Test("Edges: zero, powers of two, bit widths, decimal strings")
    func edges() {
        #expect(Natural.zero.bitWidth == 0)
        #expect(Natural.powerOfTwo(256).bitWidth == 257)
        #expect(Natural.allOnes(64) == Natural(UInt.max))
        #expect(Natural.allOnes(130).bitWidth == 130)
        #expect(Natural(5).quotientAndRemainder(dividingBy: Natural(7)) == (Natural.zero, Natural(5)))
        #expect(Natural.powerOfTwo(70).description == "1180591620717411303424")
        #expect(Natural.zero.description == "0")
        #expect(Natural.p.description == "21888242871839275222246405745257275088696311157297823662689037894645226208583")
        #expect(Natural.q.fr == .zero)
        #expect(Natural(3).saturatingSubtract(Natural(5)) == .zero)
    }
}
