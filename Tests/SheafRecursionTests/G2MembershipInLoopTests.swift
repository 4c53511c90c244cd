import SheafCurve
import SheafField
import SheafGroth16
@testable import SheafRecursion
import Testing

/// h₂ = 2p − r, the order of the twist's cofactor part (E′(Fp2) has r·h₂ points).
private let h2Hex = "30644e72e131a029b85045b68181585e06ceecda572a2489345f2299c0f9fa8d"
private let pHex = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"
private let rHex = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001"

private func bytes(_ hex: String) -> [UInt8] {
    stride(from: 0, to: hex.count, by: 2).map { i in
        let start = hex.index(hex.startIndex, offsetBy: i)
        return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
    }
}

/// gcd(m, h₂) for m < 2¹²⁶, with h₂ reduced mod m byte by byte.
private func gcdWithH2(_ m: UInt128) -> UInt128 {
    var remainder: UInt128 = 0
    for byte in bytes(h2Hex) { remainder = (remainder << 8 | UInt128(byte)) % m }
    var (a, b) = (m, remainder)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}

/// A Miller loop over one pair whose Q is proved to lie in G2 by the loop.
private func checkedLoop(_ p: G1Affine, _ q: G2Affine) -> (CircuitBuilder, EmulatedFp12) {
    circuit { cs in
        cs.millerLoop([EmulatedPairingPair(p: cs.allocateEmulatedG1(x: p.x, y: p.y), q: cs.allocateEmulated(q),
                                           checkingMembershipAs: "inG2/q")])
    }
}

@Suite("G2 membership proved by the Miller loop")
struct G2MembershipInLoopTests {
    @Test("h₂ is 2p − r, odd (no point of order 2 on the twist), and coprime to every k ∓ 1 at which the loop adds ±Q")
    func loopAdditionsCannotBeExceptional() {
        // h₂ ≡ −r (mod p) and h₂ ≡ 2p (mod r) pin h₂ = 2p − r (both are below 2²⁵⁶).
        let h2 = bytes(h2Hex), p = bytes(pHex), r = bytes(rHex)
        #expect(Fp(reducingBigEndian: p).isZero && Fr(reducingBigEndian: r).isZero)
        #expect(Fp(reducingBigEndian: h2) == Fp.zero - Fp(reducingBigEndian: r))
        #expect(Fr(reducingBigEndian: h2) == Fr(reducingBigEndian: p) + Fr(reducingBigEndian: p))
        #expect(h2.last! & 1 == 1)
        // T = [k]Q after each doubling; adding d·Q (d = ±1) can meet T = d·Q only
        // if ord(Q) divides k − d.
        var k: UInt128 = 1, additions = 0
        for digit in BN254.ateLoopNAF.dropFirst() {
            k *= 2
            if digit != 0 {
                let m = digit == 1 ? k - 1 : k + 1
                #expect(gcdWithH2(m) == 1, "k = \(k), digit \(digit)")
                k = digit == 1 ? k + 1 : k - 1
                additions += 1
            }
        }
        #expect(k == 6 * UInt128(BN254.x) + 2)
        #expect(additions == 21)
    }

    @Test("Points of G2 pass, and the loop's value is still SheafCurve's Miller value")
    func acceptsG2() {
        var rng = SeededGenerator(seed: 81)
        let p = (G1Jacobian.generator * Fr.random(using: &rng)).affine
        for q in EmulatedG2Tests.points(2, seed: 82) + [G2Affine.generator] {
            let (cs, f) = checkedLoop(p, q)
            #expect(cs.hintFailures.isEmpty)
            #expect(cs.check().isSatisfied, "\(cs.check())")
            #expect(cs.emulatedValue(of: f) == Pairing.millerLoop([(p, G2Prepared(q))]))
        }
    }

    @Test("Twist points outside G2 are refused at the membership equation; unchecked, the same loop is satisfied")
    func refusesTwistPointsOutsideG2() {
        var rng = SeededGenerator(seed: 83)
        let p = (G1Jacobian.generator * Fr.random(using: &rng)).affine
        let inside = EmulatedG2Tests.points(1, seed: 84)[0]
        // Random twist points, a point of order 10069 (a factor of h₂), and a
        // point of G2 plus one outside.
        var outside = (0..<3).map { _ in EmulatedG2SubgroupTests.twistPoint(&rng) }
        let r = G2Jacobian(outside[0]).multiplied(byLimbs: (Fr.zero - .one).canonicalLimbs) + G2Jacobian(outside[0])
        let small = r.multiplied(byLimbs: (try! Fr(decimal: "2173824895405628684302950218021379986974303100027769687325441613140792921")).canonicalLimbs)
        #expect(!small.isInfinity && small.multiplied(byLimbs: Fr(10069).canonicalLimbs).isInfinity)
        outside.append(small.affine)
        outside.append((G2Jacobian(inside) + small).affine)
        for q in outside {
            #expect(q.isOnCurve && !q.isInSubgroup)
            let (cs, _) = checkedLoop(p, q)
            let failure = cs.check().failure
            #expect(failure?.constraint.label.contains("inG2/q/") == true, "\(cs.check())")
            // Without the check the walk is the group law on the twist, and nothing fails:
            // the check is what refuses these points.
            let (unchecked, _) = circuit { cs in
                cs.millerLoop([EmulatedPairingPair(p: cs.allocateEmulatedG1(x: p.x, y: p.y), q: cs.allocateEmulated(q))])
            }
            #expect(unchecked.check().isSatisfied, "\(unchecked.check())")
        }
        // Off the twist: refused by the twist equation first.
        let (off, _) = checkedLoop(p, G2Affine(x: inside.x, y: inside.y + .one))
        #expect(off.check().failure?.constraint.label.contains("inG2/q/g2.onTwist") == true, "\(off.check())")
    }

    @Test("The outer circuit proves every B and every key's β, γ, δ in G2; the part-1 batch only B")
    func outerCircuitChecksKeysAndProofs() throws {
        func tally(_ build: (inout CircuitBuilder) -> Void, lookups: LookupRangeChecks?, publicInputs: Int) -> (b: Int, keys: Int) {
            var cs = CircuitBuilder(publicInputCount: publicInputs, mode: .shape, storage: .discard, lookups: lookups)
            cs.tallies = [CircuitBuilder.Tally(namespace: "bInG2", labelSuffix: ""),
                          CircuitBuilder.Tally(namespace: "keyInG2", labelSuffix: "")]
            build(&cs)
            cs.finalize()
            return (cs.tallies[0].constraints, cs.tallies[1].constraints)
        }
        let batch = try Groth16BatchCircuit(publicInputCounts: [1, 2], keyOfProof: [0, 1, 1])
        let outer = try OuterCircuit(publicInputCounts: [1, 2], keyOfProof: [0, 1, 1])
        let outerCounts = tally({ outer.build(&$0, keys: nil, proofs: nil, statements: nil) },
                                lookups: batch.lookups, publicInputs: OuterCircuit.publicInputCount)
        let batchCounts = tally({ batch.build(&$0, keys: nil, proofs: nil, inputs: nil, keyHashes: nil) },
                                lookups: batch.lookups, publicInputs: batch.publicInputCount)
        // One checked point costs the same wherever it is: three proofs' B, two keys' three points.
        #expect(outerCounts.b > 0 && outerCounts.b % 3 == 0)
        #expect(outerCounts.keys == outerCounts.b / 3 * 6)
        #expect(batchCounts.b == outerCounts.b && batchCounts.keys == 0)
    }
}
