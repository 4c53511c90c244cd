import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

/// The spread SHA-256 (the gadget builders with lookups use): digests, costs, and
/// witnesses that keep every linear constraint but break a lookup.
@Suite("SHA-256 on spread words")
struct SHA256SpreadTests {
    static let lookups16 = LookupRangeChecks(chunkBits: 16)

    @Test("Digests equal the native SHA-256 across the padding boundaries, with 16- and 8-bit range tables")
    func matchesNative() {
        for lookups in [Self.lookups16, testLookups] {
            for length in [0, 1, 32, 55, 56, 64, 65, 97, 128] {
                let message = (0..<length).map { UInt8((31 * $0 + 5 + lookups.chunkBits) % 256) }
                let (cs, digest) = circuit(lookups: lookups) { cs in cs.sha256(bits: cs.allocateBytes(message, count: length)) }
                #expect(cs.check() == .satisfied, "length \(length), c = \(lookups.chunkBits)")
                #expect(SHA256GadgetTests.bytes(cs, digest) == SHA256.hash(message), "length \(length)")
            }
        }
    }

    @Test("Random messages of random lengths hash as natively")
    func randomMessages() {
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<6 {
            let length = Int(rng.next() % 200)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let (cs, digest) = circuit(lookups: Self.lookups16) { cs in cs.sha256(bits: cs.allocateBytes(message, count: length)) }
            #expect(cs.check() == .satisfied, "length \(length)")
            #expect(SHA256GadgetTests.bytes(cs, digest) == SHA256.hash(message), "length \(length)")
        }
    }

    /// Constraints of the hash alone (the message bits and the spread table excluded).
    static func hashCost(_ length: Int, lookups: LookupRangeChecks?) -> Int {
        var cs = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: lookups)
        let bits = cs.allocateBytes([], count: length)
        let before = cs.constraintCount
        _ = cs.sha256(bits: bits)
        return cs.constraintCount - before
    }

    @Test("A variable block costs under a third of the bit-by-bit gadget's")
    func constraintCounts() {
        let spread = Self.hashCost(32, lookups: Self.lookups16), bits = Self.hashCost(32, lookups: nil)
        let spreadTwo = Self.hashCost(96, lookups: Self.lookups16), bitsTwo = Self.hashCost(96, lookups: nil)
        print("sha256 on spread words: 32 bytes \(spread) (bits \(bits)), 96 bytes \(spreadTwo) (bits \(bitsTwo)) constraints")
        #expect(spread * 3 < bits, "\(spread) against \(bits)")
        #expect(spreadTwo * 3 < bitsTwo, "\(spreadTwo) against \(bitsTwo)")
        // The table is paid once, only by a circuit that makes spread queries.
        var plain = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: Self.lookups16)
        plain.finalize()
        var hashing = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: Self.lookups16)
        _ = hashing.sha256(bits: hashing.allocateBytes([], count: 32))
        let hashed = hashing.constraintCount
        hashing.finalize()
        #expect(hashing.constraintCount - hashed - plain.constraintCount == CircuitBuilder.spreadTableConstraintCount)
        // The threshold: three one-block hashes are cheaper bit by bit, four on spread words.
        for blocks in [3, 4] {
            let onSpread = blocks * spread + CircuitBuilder.spreadTableConstraintCount
            #expect((onSpread < blocks * bits) == CircuitBuilder.sha256OnSpreadWords(blocks: blocks, lookups: Self.lookups16),
                    "\(blocks) blocks: \(onSpread) on spread words, \(blocks * bits) bit by bit")
        }
        #expect(!CircuitBuilder.sha256OnSpreadWords(blocks: 100, lookups: nil))
        // Asked for bits in a builder with lookups, the gadget hashes bit by bit and makes no spread query.
        var asked = CircuitBuilder(publicInputCount: 0, mode: .shape, lookups: Self.lookups16)
        _ = asked.sha256(bits: asked.allocateBytes([], count: 32), onSpreadWords: false)
        #expect(asked.spreadQueryCount == 0 && asked.constraintCount == 256 + bits)
    }

    /// The message the tampering tests hash, and the hint outputs of its honest build.
    static let message = (0..<40).map { UInt8((7 * $0 + 3) % 256) }

    static func hashed(adversary: (@Sendable (String, [Fr]) -> [Fr])? = nil) -> CircuitBuilder {
        circuit(adversary: adversary, lookups: lookups16) { cs in
            _ = cs.sha256(bits: cs.allocateBytes(message, count: message.count))
        }.0
    }

    @Test("Moving 2^11 from one piece of a word into the next keeps every pair in the table and the sum: the width bound refuses it")
    func pieceWidth() throws {
        // a[t]'s pieces (Σ₀'s boundaries 2, 13, 22): bits b0, b1, then (value, spread) of
        // the 11-, 9- and 10-bit pieces, then three carry bits. Adding 2^11 to the
        // 11-bit piece and taking 1 from the 9-bit one leaves Σ pieceₖ·2^offsetₖ as it was.
        let honest = Self.hashed()
        let target = try #require(honest.hints.first { name, variables in
            name.hasSuffix("/a[20]/pieces") && !honest.value(of: LinearCombination(variable: variables.lowerBound + 4)).isZero
        }?.name)
        let tampered = Self.hashed(adversary: { name, values in
            guard name == target else { return values }
            var out = values
            let d1 = UInt32(CircuitBuilder.bitField(values[2].canonicalLimbs, from: 0, width: 32)) + (1 << 11)
            let d2 = UInt32(CircuitBuilder.bitField(values[4].canonicalLimbs, from: 0, width: 32)) - 1
            out[2] = Fr(UInt64(d1)); out[3] = Fr(CircuitBuilder.spread(d1))
            out[4] = Fr(UInt64(d2)); out[5] = Fr(CircuitBuilder.spread(d2))
            return out
        })
        let result = tampered.check()
        #expect(!result.isSatisfied)
        // Both pairs are in the table; only the 11-bit piece's width query is not.
        let failures = result.failure?.hintFailures.map(\.hint) ?? []
        #expect(failures.contains { $0.hasSuffix("a[20]/piece[1]/width") }, "\(failures)")
        #expect(!failures.contains { $0.contains("/pair") }, "\(failures)")
    }

    @Test("A split whose value and spread disagree, or whose halves move a digit, is refused")
    func splits() throws {
        let honest = Self.hashed()
        let target = try #require(honest.hints.first { $0.name.hasSuffix("/Sigma0[30]/split") }?.name)
        // The even half's low value changed alone: its pair leaves the table.
        let changedValue = Self.hashed(adversary: { name, values in
            guard name == target else { return values }
            var out = values
            out[0] += .one
            return out
        })
        #expect(changedValue.check().failure?.hintFailures.contains { $0.hint.hasSuffix("Sigma0[30]/even/low/pair") } == true)
        // Value and spread changed together (a valid pair), the sum no longer recombines.
        let changedPair = Self.hashed(adversary: { name, values in
            guard name == target else { return values }
            var out = values
            let v = UInt32(CircuitBuilder.bitField(values[0].canonicalLimbs, from: 0, width: 32)) ^ 1
            out[0] = Fr(UInt64(v)); out[1] = Fr(CircuitBuilder.spread(v))
            return out
        })
        #expect(changedPair.check().failure?.constraint.label.hasSuffix("Sigma0[30]/recombine") == true)
    }

    @Test("A forged carry or a piece bit flipped leaves the circuit unsatisfied")
    func carriesAndBits() throws {
        let honest = Self.hashed()
        let target = try #require(honest.hints.first { $0.name.hasSuffix("/e[40]/pieces") }?.name)
        for index in [8, 9] {   // e's pieces: 6-, 5-, 14-, 7-bit (value, spread) pairs, then the carry
            let tampered = Self.hashed(adversary: { name, values in
                guard name == target else { return values }
                var out = values
                out[index] = out[index].isZero ? .one : .zero
                return out
            })
            #expect(!tampered.check().isSatisfied, "output \(index) of \(target)")
        }
        #expect(honest.check() == .satisfied)
    }
}
