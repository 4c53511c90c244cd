import Testing
@testable import SheafCurve
import SheafField

func fp(_ s: String) -> Fp { try! Fp(decimal: s) }
func fr(_ s: String) -> Fr { try! Fr(decimal: s) }

@Suite("G1 and G2 group law")
struct GroupTests {
    @Test func generatorsAreValid() {
        #expect(G1Affine.generator.isOnCurve)
        #expect(G2Affine.generator.isOnCurve)
        #expect(G2Affine.generator.isInSubgroup)
        #expect(G1Jacobian.generator.multiplied(byLimbs: Fr.modulus).isInfinity)
        #expect(G2Jacobian.generator.multiplied(byLimbs: Fr.modulus).isInfinity)
    }

    @Test func scalarMultiplesMatchPyEcc() {
        for (k, x, y) in PyEccVectors.g1Multiples {
            let p = G1Affine.generator * fr(k)
            #expect(p == G1Affine(x: fp(x), y: fp(y)), "\(k)·G1")
        }
        for (k, x0, x1, y0, y1) in PyEccVectors.g2Multiples {
            let q = G2Affine.generator * fr(k)
            #expect(q == G2Affine(x: Fp2(fp(x0), fp(x1)), y: Fp2(fp(y0), fp(y1))), "\(k)·G2")
        }
    }

    func groupLaws<C: CurveParameters>(_: C.Type, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let g = JacobianPoint<C>.generator
        for _ in 0..<20 {
            let a = Fr.random(using: &rng), b = Fr.random(using: &rng), c = Fr.random(using: &rng)
            let pa = g * a, pb = g * b, pc = g * c
            #expect((pa + pb) + pc == pa + (pb + pc))
            #expect(pa + pb == pb + pa)
            #expect(pa + JacobianPoint<C>.infinity == pa && JacobianPoint<C>.infinity + pa == pa)
            #expect((pa - pa).isInfinity)
            #expect(pa + pa == pa.doubled())
            #expect(pa + pb.affine == pa + pb, "mixed addition agrees with general addition")
            #expect(pa + pa.affine == pa.doubled(), "mixed addition doubles when the points coincide")
            #expect((pa + (-pa).affine).isInfinity)
            #expect(g * (a + b) == pa + pb, "scalar multiplication is a homomorphism")
            #expect(g * (a * b) == pa * b)
            #expect(pa.affine.isOnCurve && pa.affine.isInSubgroup)
            let points = [pa, .infinity, pb, pc]
            #expect(JacobianPoint<C>.batchAffine(points) == points.map(\.affine))
        }
        #expect((g * Fr.zero).isInfinity)
        #expect(g * (-Fr.one) == -g)
    }

    @Test func g1GroupLaws() { groupLaws(BN254G1Parameters.self, seed: 21) }
    @Test func g2GroupLaws() { groupLaws(BN254G2Parameters.self, seed: 22) }

    @Test func offCurveAndOffSubgroupPointsAreRejected() {
        #expect(throws: CurveError.notOnCurve("G1")) { try G1Affine(validatingX: Fp(1), y: Fp(3)) }
        let g2 = G2Affine.generator
        #expect(throws: CurveError.notOnCurve("G2")) { try G2Affine(validatingX: g2.x, y: g2.y + .one) }
        // Points on the twist with a random x: the twist's cofactor is about 2²⁵⁴,
        // so such a point is essentially never in the order-r subgroup.
        var rng = SeededGenerator(seed: 23)
        var found = 0
        while found < 3 {
            let x = Fp2.random(using: &rng)
            guard let y = (x.squared() * x + BN254G2Parameters.b).squareRoot() else { continue }
            let q = G2Affine(x: x, y: y)
            #expect(q.isOnCurve)
            #expect(!q.isInSubgroup)
            #expect(throws: CurveError.notInSubgroup("G2")) { try G2Affine(validatingX: x, y: y) }
            found += 1
        }
    }
}

@Suite("Compressed encodings")
struct CompressedEncodingTests {
    @Test func pointsRoundTripAndRejectJunk() throws {
        var rng = SeededGenerator(seed: 61)
        for _ in 0..<20 {
            let p = G1Affine.generator * Fr.random(using: &rng), q = G2Affine.generator * Fr.random(using: &rng)
            #expect(try G1Affine(compressedBytes: p.compressedBytes) == p)
            #expect(try G1Affine(compressedBytes: (-p).compressedBytes) == -p)
            #expect(try G2Affine(compressedBytes: q.compressedBytes) == q)
            #expect(try G2Affine(compressedBytes: (-q).compressedBytes) == -q)
        }
        #expect(try G1Affine(compressedBytes: G1Affine.infinity.compressedBytes) == .infinity)
        #expect(try G2Affine(compressedBytes: G2Affine.infinity.compressedBytes) == .infinity)
        var bad = G1Affine.infinity.compressedBytes; bad[31] = 1
        #expect(throws: CurveError.invalidEncoding("G1 infinity with extra bits")) { try G1Affine(compressedBytes: bad) }
        #expect(throws: CurveError.self) { try G1Affine(compressedBytes: [UInt8](repeating: 0x3f, count: 32)) }
        // An x on the twist whose point lies outside the subgroup is rejected.
        var found = false
        while !found {
            let x = Fp2.random(using: &rng)
            guard (x.squared() * x + BN254G2Parameters.b).squareRoot() != nil else { continue }
            let bytes = x.c1.bigEndianBytes + x.c0.bigEndianBytes
            #expect(throws: CurveError.notInSubgroup("G2")) { try G2Affine(compressedBytes: bytes) }
            found = true
        }
    }

    @Test func targetGroupTorusCompressionRoundTrips() throws {
        var rng = SeededGenerator(seed: 62)
        for _ in 0..<5 {
            let e = Pairing.pairing(G1Affine.generator * Fr.random(using: &rng), G2Affine.generator)
            let bytes = try #require(e.compressedBytes)
            #expect(bytes.count == 192)
            #expect(try Fp12(compressedBytes: bytes) == e)
        }
        #expect(try Fp12(compressedBytes: Fp12.one.compressedBytes!) == .one)
        #expect(try Fp12(compressedBytes: (-Fp12.one).compressedBytes!) == -Fp12.one)
        #expect(Fp12.random(using: &rng).compressedBytes == nil, "a random element has norm ≠ 1")
        #expect(throws: FieldError.self) { try Fp12(compressedBytes: [UInt8](repeating: 0xff, count: 192)) }
        // g = 0 would be a second encoding of −1 (whose encoding is the flag 0x80).
        #expect(throws: FieldError.notCanonical(field: "compressed G_T element")) {
            try Fp12(compressedBytes: [UInt8](repeating: 0, count: 192))
        }
        // Every accepted encoding re-encodes to itself.
        for _ in 0..<5 {
            let e = Pairing.pairing(G1Affine.generator * Fr.random(using: &rng), G2Affine.generator * Fr.random(using: &rng))
            let bytes = try #require(e.compressedBytes)
            #expect(try Fp12(compressedBytes: bytes).compressedBytes == bytes)
        }
    }
}
