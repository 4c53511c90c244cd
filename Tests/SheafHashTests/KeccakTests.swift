import Testing
import SheafField
@testable import SheafHash

/// Lower-case hex of `bytes`.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }.joined()
}

/// The message of length `n` that gen_keccak_vectors.py hashes: byte i is
/// (i·167 + n·13 + 5) mod 256.
func keccakPattern(_ n: Int) -> [UInt8] {
    (0..<n).map { i in UInt8((i * 167 + n * 13 + 5) % 256) }
}

@Suite("Keccak-256")
struct KeccakTests {
    @Test("Ethereum's well-known digests of the empty string and \"abc\"")
    func knownAnswers() {
        #expect(hex(Keccak256.hash([UInt8]())) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(hex(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
    }

    @Test("ASCII messages match pycryptodome")
    func textVectors() {
        #expect(keccakTextVectors.count == 4)
        for vector in keccakTextVectors {
            #expect(hex(Keccak256.hash(Array(vector.message.utf8))) == vector.digest, "\(vector.message)")
            // String.UTF8View is not always contiguous: exercises the byte path too.
            #expect(hex(Keccak256.hash(vector.message.utf8)) == vector.digest, "\(vector.message)")
        }
    }

    @Test("Lengths around the 136-byte rate match pycryptodome", arguments: keccakPatternVectors)
    func rateBoundaries(vector: (length: Int, digest: String)) {
        let message = keccakPattern(vector.length)
        #expect(hex(Keccak256.hash(message)) == vector.digest)
        // A lazy map has no contiguous storage, so this takes the byte-at-a-time path.
        #expect(hex(Keccak256.hash(message.lazy.map { $0 })) == vector.digest)
        // A slice whose indices do not start at zero.
        let padded = [0xAA] + message + [0xBB]
        #expect(hex(Keccak256.hash(padded[1..<(padded.count - 1)])) == vector.digest)
    }

    @Test("The rate-boundary lengths the brief names are all covered")
    func boundaryLengthsPresent() {
        let lengths = Set(keccakPatternVectors.map(\.length))
        for required in [135, 136, 137, 272] { #expect(lengths.contains(required)) }
    }

    @Test("Incremental hashing in random chunk sizes equals one-shot hashing")
    func incrementalRandomChunks() {
        var rng = SeededGenerator(seed: 0x6B65_6363_616B)
        for vector in keccakPatternVectors {
            let message = keccakPattern(vector.length)
            for _ in 0..<20 {
                var hasher = Keccak256Hasher()
                var start = 0
                while start < message.count {
                    // Mostly small chunks, sometimes whole blocks, sometimes empty ones.
                    let limit = Int.random(in: 0...3, using: &rng) == 0 ? 300 : 9
                    let size = min(Int.random(in: 0...limit, using: &rng), message.count - start)
                    let chunk = message[start..<(start + size)]
                    if Bool.random(using: &rng) { hasher.update(chunk) } else { hasher.update(chunk.lazy.map { $0 }) }
                    start += size
                }
                #expect(hex(hasher.finalize()) == vector.digest, "length \(vector.length)")
            }
        }
    }

    @Test("Finalizing a copy leaves the original hasher usable")
    func finalizeCopy() {
        let message = keccakPattern(300)
        var hasher = Keccak256Hasher()
        hasher.update(message[0..<150])
        let snapshot = hasher
        hasher.update(message[150...])
        #expect(hasher.finalize() == Keccak256.hash(message))
        var resumed = snapshot
        resumed.update(message[150...])
        #expect(resumed.finalize() == Keccak256.hash(message))
    }

    @Test("Keccak-256 is not SHA3-256 (different padding)")
    func notSHA3() {
        // SHA3-256("") from FIPS 202, to catch an implementation using the 0x06 suffix.
        #expect(hex(Keccak256.hash([UInt8]())) != "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
    }
}
