import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

@Suite("Keccak-256 gadget")
struct KeccakGadgetTests {
    @Test("Digests equal the native Keccak-256 across the padding boundaries (135, 136, 137 bytes), and the circuit is satisfied")
    func matchesNative() {
        for length in [0, 1, 64, 135, 136, 137] {
            let message = (0..<length).map { UInt8((29 * $0 + 11) % 256) }
            let (cs, digest) = circuit { cs in cs.keccak256(bits: cs.allocateBytes(message, count: length)) }
            #expect(cs.check() == .satisfied, "length \(length)")
            #expect(SHA256GadgetTests.bytes(cs, digest) == Keccak256.hash(message), "length \(length)")
        }
    }

    @Test("ρ offsets are the Keccak reference's table")
    func rhoOffsets() {
        // Keccak reference, rows y = 0…4, columns x = 0…4.
        let table = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14]
        #expect(CircuitBuilder.keccakRhoOffsets == table)
    }

    @Test("About 154k constraints for a 64-byte message (one block), and a flipped input bit is caught")
    func constraintCountAndTampering() throws {
        var shape = CircuitBuilder(publicInputCount: 0, mode: .shape)
        let bits = shape.allocateBytes([], count: 64)
        let before = shape.constraintCount
        _ = shape.keccak256(bits: bits)
        let count = shape.constraintCount - before
        #expect(count > 120_000 && count < 160_000, "\(count) constraints")
        print("keccak256 gadget: 64 bytes \(count) constraints")

        let message = [UInt8](repeating: 0x3c, count: 64)
        let (cs, _) = circuit { cs in cs.keccak256(bits: cs.allocateBytes(message, count: 64)) }
        var witness = cs.witness()
        witness[3] = witness[3].isZero ? .one : .zero
        guard case .unsatisfied = try cs.constraintSystem().isSatisfied(by: witness) else {
            Issue.record("flipping a message bit went unnoticed")
            return
        }
    }
}
