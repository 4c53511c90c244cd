import Testing
@testable import SheafHash

@Suite("SHA-256")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    @Test("FIPS 180-4 examples")
    func fipsExamples() {
        #expect(Self.hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Self.hex(SHA256.hash(twoBlocks)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Agrees with hashlib across the padding boundaries")
    func hashlibVectors() {
        #expect(SHA256Vectors.digests.count == 135)
        for (n, digest) in SHA256Vectors.digests {
            let message = (0..<n).map { UInt8((7 * $0 + n) % 256) }
            #expect(Self.hex(SHA256.hash(message)) == digest, "length \(n)")
            #expect(SHA256.paddedBlocks(message).count == SHA256.blockCount(messageLength: n))
        }
    }

    @Test("SHA-256 Merkle tree: paths verify, and only in their own kind of tree")
    func merkleTree() {
        let leaves = (0..<5).map { i in [UInt8](repeating: UInt8(i), count: 64) }
        let tree = SHA256MerkleTree(leaves: leaves)
        #expect(tree.root == SHA256.hash([0x01] + tree.levels[2][0] + tree.levels[2][1]))
        #expect(tree.levels[0][4] == SHA256.hash([0x00] + leaves[4]))
        for i in leaves.indices {
            let path = tree.proof(forLeaf: i)
            #expect(path.verifies(data: leaves[i], root: tree.root, in: SHA256MerkleTree.self))
            #expect(!path.verifies(data: leaves[(i + 1) % 5], root: tree.root, in: SHA256MerkleTree.self))
            #expect(!path.verifies(data: leaves[i], root: tree.root))
        }
        #expect(KeccakMerkleTree(leaves: leaves).root != tree.root)
    }
}
