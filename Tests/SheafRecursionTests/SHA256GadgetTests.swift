import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

@Suite("SHA-256 gadget")
struct SHA256GadgetTests {
    /// Stream-order bits of a circuit digest, read back as bytes.
    static func bytes(_ cs: CircuitBuilder, _ bits: [LinearCombination]) -> [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { $0 << 1 | (cs.value(of: bits[start + $1]).isZero ? 0 : 1) }
        }
    }

    @Test("Digests equal the native SHA-256 across the padding boundaries, and the circuit is satisfied")
    func matchesNative() {
        for length in [0, 1, 32, 55, 56, 64, 65, 97, 128] {
            let message = (0..<length).map { UInt8((31 * $0 + 5) % 256) }
            let (cs, digest) = circuit { cs in cs.sha256(bits: cs.allocateBytes(message, count: length)) }
            #expect(cs.check() == .satisfied, "length \(length)")
            #expect(Self.bytes(cs, digest) == SHA256.hash(message), "length \(length)")
        }
    }

    @Test("About 26k constraints per variable block; a constant block costs only its rounds")
    func constraintCounts() {
        func count(_ length: Int) -> Int {
            var cs = CircuitBuilder(publicInputCount: 0, mode: .shape)
            let bits = cs.allocateBytes([], count: length)
            let before = cs.constraintCount
            _ = cs.sha256(bits: bits)
            return cs.constraintCount - before
        }
        let one = count(32), two = count(64)
        #expect(one > 20_000 && one < 30_000, "\(one) constraints for one block")
        // 64 bytes take two blocks, the second all padding: its message schedule is constant.
        #expect(two - one > 15_000 && two - one < one, "\(two - one) for the padding block")
        // A second block half message, half padding: a partly constant schedule.
        let three = count(96)
        #expect(three - two > 1_000 && three - one < 2 * one, "\(three) for 96 bytes")
        print("sha256 gadget: 32 bytes \(one), 64 bytes \(two), 96 bytes \(three) constraints")
    }

    @Test("A flipped message bit or a forged sum bit leaves the circuit unsatisfied")
    func tampering() throws {
        let message = [UInt8](repeating: 0xa5, count: 40)
        let (cs, _) = circuit { cs in cs.sha256(bits: cs.allocateBytes(message, count: 40)) }
        let system = cs.constraintSystem()
        // Variable 1 is the first message bit, 321 on the first word sum's bits.
        for variable in [1, 1 + 320 + 5] {
            var witness = cs.witness()
            witness[variable] = witness[variable].isZero ? .one : .zero
            guard case .unsatisfied = try system.isSatisfied(by: witness) else {
                Issue.record("flipping variable \(variable) went unnoticed")
                continue
            }
        }
    }

    @Test("Field elements become their canonical big-endian bytes; the bound r is enforced")
    func canonicalBytes() {
        var rng = SeededGenerator(seed: 7)
        let values: [Fr] = [.zero, .one, Fr.zero - .one, Fr.zero - Fr(2), Fr.random(using: &rng), Fr.random(using: &rng)]
        for x in values {
            let (cs, bits) = circuit { cs in cs.canonicalBigEndianBits(of: cs.allocate(x)) }
            #expect(cs.check() == .satisfied)
            #expect(Self.bytes(cs, bits) == x.bigEndianBytes)
        }
    }
}
