import SheafField
import Testing
@testable import SheafGroth16

/// A circuit that looks up (s, d) with d < 2^width, plus a public z = d + 1 so a
/// proof has a statement: the challenge is appended by `finalize`.
private func pairCircuit(_ pairs: [(s: Fr, d: Fr, width: Int)], chunkBits: Int = 16,
                         mode: CircuitBuilder.Mode = .witness, storage: CircuitBuilder.ConstraintStorage = .record,
                         challenge: (@Sendable ([Fr]) -> Fr)? = nil) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 1, mode: mode, storage: storage,
                            lookups: LookupRangeChecks(chunkBits: chunkBits))
    cs.commitmentChallenge = challenge
    let z = cs.publicInput("z", pairs[0].d + .one)
    for (k, pair) in pairs.enumerated() {
        let s = cs.allocate(pair.s), d = cs.allocate(pair.d)
        cs.spreadLookup(spread: s, dense: d, width: pair.width, "pair[\(k)]")
        if k == 0 { cs.assertEqual(d + .one, z, "z") }
    }
    cs.finalize()
    return cs
}

private func spreadFr(_ j: UInt32) -> Fr { Fr(CircuitBuilder.spread(j)) }

@Suite("Spread-pair lookups (two columns folded by Y = Poseidon(X))")
struct SpreadLookupTests {
    @Test("spread and unspread agree with the bit-by-bit definition")
    func spreadFunction() {
        var rng = SeededGenerator(seed: 3)
        for x in [UInt32(0), 1, 2, 3, 0xFFFF, 0x1_0000, .max] + (0..<200).map({ _ in UInt32(truncatingIfNeeded: rng.next()) }) {
            let expected = (0..<32).reduce(UInt64(0)) { $0 | (UInt64((x >> UInt32($1)) & 1) << UInt64(2 * $1)) }
            #expect(CircuitBuilder.spread(x) == expected)
            #expect(CircuitBuilder.unspread(expected) == x)
            #expect(CircuitBuilder.unspread(expected << 1) == 0)
        }
    }

    @Test("Pairs in the table pass and every kind of pair outside it fails, in three storage modes and two range tables")
    func membership() {
        let cases: [(s: Fr, d: Fr, width: Int, passes: Bool, what: String)] = [
            (.zero, .zero, 16, true, "(0, 0)"),
            (spreadFr(0xFFFF), Fr(0xFFFF), 16, true, "the last entry"),
            (spreadFr(0x5A3), Fr(0x5A3), 11, true, "11 bits"),
            (spreadFr(0x7FF), Fr(0x7FF), 11, true, "2^11 − 1 in 11 bits"),
            (spreadFr(0x800), Fr(0x800), 11, false, "2^11 in 11 bits"),
            (spreadFr(1), Fr(1), 1, true, "1 in 1 bit"),
            (spreadFr(2), Fr(2), 1, false, "2 in 1 bit"),
            (spreadFr(0x1_0000), Fr(0x1_0000), 16, false, "2^16"),
            (spreadFr(0x1234) + .one, Fr(0x1234), 16, false, "a spread off by one"),
            (spreadFr(0x1234), Fr(0x1235), 16, false, "a dense value off by one"),
            (Fr(5), .zero, 16, false, "(5, 0): a range entry, not a pair"),
            (spreadFr(0x1234), .zero, 16, false, "(spread(j), 0)"),
            (-spreadFr(0x1234), -Fr(0x1234), 16, false, "a negated pair"),
        ]
        for chunkBits in [16, 8] {
            for c in cases {
                for storage in [CircuitBuilder.ConstraintStorage.record, .discard, .evaluate] {
                    let filler = (s: spreadFr(7), d: Fr(7), width: 16)
                    let cs = pairCircuit([filler, (c.s, c.d, c.width)], chunkBits: chunkBits, storage: storage)
                    let result = cs.check()
                    #expect(result.isSatisfied == c.passes, "\(c.what), c = \(chunkBits), \(storage): \(result)")
                    if !c.passes {
                        // Reported at a sum, the failed query named among the hint failures.
                        #expect(result.failure?.constraint.label.hasSuffix("sum") == true, "\(c.what): \(result)")
                        #expect(result.failure?.hintFailures.contains { $0.hint.hasPrefix("pair[1]/") } == true,
                                "\(c.what): \(result)")
                    }
                }
            }
        }
    }

    @Test("Query and table costs: two constraints a pair, one more for a width bound, the table once")
    func costs() {
        func count(_ pairs: [(s: Fr, d: Fr, width: Int)], chunkBits: Int) -> Int {
            pairCircuit(pairs, chunkBits: chunkBits, mode: .shape).constraintCount
        }
        let one = (s: Fr.zero, d: Fr.zero, width: 16)
        let base = count([one], chunkBits: 16)
        #expect(count([one, one], chunkBits: 16) - base == 2)
        #expect(count([one, (.zero, .zero, 9)], chunkBits: 16) - base == 3)
        // A width wider than the range table's chunks is bounded by a second pair query.
        #expect(count([one, (.zero, .zero, 9)], chunkBits: 8) - count([one], chunkBits: 8) == 4)
        var plain = CircuitBuilder(publicInputCount: 1, mode: .shape, lookups: LookupRangeChecks(chunkBits: 16))
        _ = plain.publicInput("z", .zero)
        plain.assertEqual(.zero, .zero, "z")
        plain.finalize()
        #expect(base - plain.constraintCount == 2 + CircuitBuilder.spreadTableConstraintCount)
    }

    @Test("Tampering with a fold, an inverse or a multiplicity leaves the system unsatisfied")
    func tamperedWitness() throws {
        let cs = pairCircuit([(spreadFr(0x1234), Fr(0x1234), 16), (spreadFr(0x0F), Fr(0x0F), 5)])
        let system = cs.constraintSystem()
        let honest = cs.witness()
        #expect(try system.isSatisfied(by: honest) == .satisfied)
        // Y is the first private variable allocated by a spread query: the one after s and d.
        let fold = 1 + system.publicInputCount + 2
        for variable in [fold, fold + 1, fold + 2, system.commitment!.committedVariables.last!] {
            var witness = honest
            witness[variable] += .one
            guard case .unsatisfied = try system.isSatisfied(by: witness) else {
                Issue.record("changing variable \(variable) went unnoticed")
                continue
            }
        }
    }

    static let key: ProvingKey = {
        let pairs = [(s: Fr.zero, d: Fr.zero, width: 16), (.zero, .zero, 11)]
        return try! Groth16.insecureSetup(constraintSystem: pairCircuit(pairs, mode: .shape).constraintSystem(), seed: 0x5EED)
    }()

    @Test("A commit-and-prove proof with spread lookups verifies, from recorded and evaluated storage; a bad pair is refused")
    func proves() throws {
        let challenge = Groth16.commitmentChallenge(key: Self.key)
        let vk = try #require(Self.key.committedVerifyingKey)
        let pairs = [(s: spreadFr(0xBEEF), d: Fr(0xBEEF), width: 16), (spreadFr(0x3C1), Fr(0x3C1), 11)]
        let recorded = pairCircuit(pairs, challenge: challenge)
        var rng = SeededGenerator(seed: 9)
        let proof = try Groth16.proveCommitted(key: Self.key, constraintSystem: recorded.constraintSystem(),
                                               witness: recorded.witness(), using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [Fr(0xBEEF + 1)], key: vk))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [Fr(0xBEEF + 2)], key: vk)))
        var evaluated = pairCircuit(pairs, storage: .evaluate, challenge: challenge)
        let fromRows = try Groth16.proveCommitted(key: Self.key, builder: &evaluated, using: &rng)
        #expect(try Groth16.verify(proof: fromRows, publicInputs: [Fr(0xBEEF + 1)], key: vk))
        var bad = pairCircuit([pairs[0], (spreadFr(0x3C1), Fr(0x3C2), 11)], storage: .evaluate, challenge: challenge)
        #expect(throws: R1CSError.self) { try Groth16.proveCommitted(key: Self.key, builder: &bad, using: &rng) }
    }
}
