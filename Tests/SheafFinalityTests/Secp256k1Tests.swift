import Foundation
import Testing
import SheafHash
@testable import SheafFinality

/// n − s for 32-byte big-endian values (test-side arithmetic, to build high-s forms).
func subtractFromOrder(_ s: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    var borrow = 0
    for i in (0..<32).reversed() {
        var d = Int(Secp256k1.groupOrder[i]) - Int(s[i]) - borrow
        borrow = d < 0 ? 1 : 0
        if d < 0 { d += 256 }
        out[i] = UInt8(d)
    }
    return out
}

@Suite("secp256k1 wrapper")
struct Secp256k1Tests {
    @Test("Private key 1 has Ethereum's well-known address")
    func knownAddress() throws {
        let key = try Secp256k1PrivateKey(bytes: [UInt8](repeating: 0, count: 31) + [1])
        #expect(key.address.hex == "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
        // The generator point G, compressed.
        #expect(hexString(key.publicKey.compressed) == "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    }

    @Test("Invalid private keys are rejected")
    func invalidPrivateKeys() {
        #expect(throws: FinalityError.invalidPrivateKey) { try Secp256k1PrivateKey(bytes: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: FinalityError.invalidPrivateKey) { try Secp256k1PrivateKey(bytes: Secp256k1.groupOrder) }
        #expect(throws: FinalityError.invalidPrivateKey) { try Secp256k1PrivateKey(bytes: [UInt8](repeating: 0xFF, count: 32)) }
        #expect(throws: FinalityError.wrongLength(what: "secp256k1 private key", expected: 32, actual: 31)) {
            try Secp256k1PrivateKey(bytes: [UInt8](repeating: 1, count: 31))
        }
    }

    @Test("Sign, recover and verify round-trip for random keys and digests")
    func roundTrip() throws {
        var rng = TestRNG(seed: 77)
        for _ in 0..<50 {
            let key = try Secp256k1PrivateKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let digest = try Bytes32((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let signature = key.signRecoverable(digest: digest)
            #expect(signature.signature.isLowS)
            #expect(try signature.recoverAddress(digest: digest) == key.address)
            #expect(key.publicKey.isValidSignature(signature.signature, digest: digest))
            // Through the 65-byte Ethereum encoding and back.
            let reparsed = try RecoverableSignature(ethereumBytes: signature.ethereumBytes)
            #expect(reparsed == signature)
            // Another digest recovers another key (or none).
            var other = digest.bytes
            other[0] ^= 1
            let otherDigest = try Bytes32(other)
            #expect((try? signature.recoverAddress(digest: otherDigest)) != key.address)
            #expect(!key.publicKey.isValidSignature(signature.signature, digest: otherDigest))
        }
    }

    @Test("Fresh keys from the system generator differ and sign")
    func generated() throws {
        let a = Secp256k1PrivateKey.generate(), b = Secp256k1PrivateKey.generate()
        #expect(a.address != b.address)
        let digest = Bytes32.keccak(label: "fresh")
        #expect(try a.signRecoverable(digest: digest).recoverAddress(digest: digest) == a.address)
        // Deterministic keys are reproducible from their label.
        #expect(Secp256k1PrivateKey.deterministic(label: "x").address == Secp256k1PrivateKey.deterministic(label: "x").address)
        #expect(Secp256k1PrivateKey.deterministic(label: "x").address != Secp256k1PrivateKey.deterministic(label: "y").address)
    }

    @Test("High-s signatures are refused; normalising restores the low-s form")
    func highS() throws {
        let key = Secp256k1PrivateKey.deterministic(label: "high-s")
        let digest = Bytes32.keccak(label: "message")
        let signature = key.signRecoverable(digest: digest)
        let highS = Array(signature.compact[0..<32]) + subtractFromOrder(Array(signature.compact[32..<64]))
        let plainHigh = try ECDSASignature(compact: highS)
        #expect(!plainHigh.isLowS)
        #expect(!key.publicKey.isValidSignature(plainHigh, digest: digest))
        #expect(plainHigh.normalized == signature.signature)
        // v flips with s, as Ethereum's malleability works; still refused.
        #expect(throws: FinalityError.highS) { try RecoverableSignature(ethereumBytes: highS + [28 - signature.recoveryID]) }
    }

    @Test("Recovery ids: 0, 1, 27 and 28 accepted, anything else refused")
    func recoveryIDs() throws {
        let key = Secp256k1PrivateKey.deterministic(label: "v")
        let digest = Bytes32.keccak(label: "v-message")
        let signature = key.signRecoverable(digest: digest)
        for v in [signature.recoveryID, signature.recoveryID + 27] {
            #expect(try RecoverableSignature(ethereumBytes: signature.compact + [v]).recoverAddress(digest: digest) == key.address)
        }
        for v: UInt8 in [2, 3, 26, 29, 35, 36, 255] {
            #expect(throws: FinalityError.invalidRecoveryID(v)) { try RecoverableSignature(ethereumBytes: signature.compact + [v]) }
        }
    }

    @Test("Malformed signatures are typed errors")
    func malformed() throws {
        #expect(throws: FinalityError.wrongLength(what: "recoverable signature (r ‖ s ‖ v)", expected: 65, actual: 64)) {
            try RecoverableSignature(ethereumBytes: [UInt8](repeating: 1, count: 64))
        }
        #expect(throws: FinalityError.invalidSignature(reason: "r and s must be non-zero")) {
            try RecoverableSignature(ethereumBytes: [UInt8](repeating: 0, count: 32) + [UInt8](repeating: 1, count: 32) + [27])
        }
        #expect(throws: FinalityError.invalidSignature(reason: "r or s is not below the group order")) {
            try RecoverableSignature(ethereumBytes: Secp256k1.groupOrder + [UInt8](repeating: 1, count: 32) + [27])
        }
        #expect(throws: FinalityError.invalidSignature(reason: "not a strict DER encoding of (r, s)")) {
            try ECDSASignature(der: [0x30, 0x00, 0x00])
        }
        #expect(throws: FinalityError.self) { try ECDSASignature(compact: [UInt8](repeating: 0xFF, count: 64)) }
    }

    @Test("Public keys: compressed and uncompressed agree; off-curve points are refused")
    func publicKeys() throws {
        let key = Secp256k1PrivateKey.deterministic(label: "pub").publicKey
        #expect(try Secp256k1PublicKey(bytes: key.compressed) == key)
        #expect(try Secp256k1PublicKey(bytes: key.uncompressed) == key)
        var offCurve = key.uncompressed
        offCurve[64] ^= 1
        #expect(throws: FinalityError.invalidPublicKey(reason: "not a point on secp256k1 in SEC1 encoding")) {
            try Secp256k1PublicKey(bytes: offCurve)
        }
        #expect(throws: FinalityError.invalidPublicKey(reason: "expected 33 or 65 bytes, got 64")) {
            try Secp256k1PublicKey(bytes: Array(key.uncompressed.dropFirst()))
        }
        // The address is keccak256(x ‖ y)[12...], computed here with SheafHash directly.
        #expect(key.ethereumAddress.bytes == Array(Keccak256.hash(key.uncompressed.dropFirst()).suffix(20)))
    }

    @Test("go-ethereum's ecrecover precompile vectors",
          .enabled(if: SharedVectors.exists("ethereum-precompiles/ecRecover.json"),
                   "ecRecover.json not found at ../shared/vectors/ethereum-precompiles; skipped"))
    func ecrecoverVectors() throws {
        struct Vector: Decodable { let Input: String; let Expected: String; let Name: String }
        let vectors = try JSONDecoder().decode([Vector].self, from: Data(contentsOf: SharedVectors.url("ethereum-precompiles/ecRecover.json")))
        var checked = 0
        for vector in vectors {
            let input = bytes(fromHex: vector.Input) + [UInt8](repeating: 0, count: 128)
            let digest = try Bytes32(input[0..<32])
            let vWord = Array(input[32..<64]), r = Array(input[64..<96]), s = Array(input[96..<128])
            // The precompile wants v as a whole 32-byte word equal to 27 or 28.
            let vIsValid = vWord.prefix(31).allSatisfy { $0 == 0 } && (vWord[31] == 27 || vWord[31] == 28)
            var recovered: EthereumAddress? = nil
            if vIsValid, let plain = try? ECDSASignature(compact: r + s) {
                // The precompile accepts high s; this wrapper does not, so normalise
                // (n − s flips the parity of v) to compare the recovered address.
                let flip: UInt8 = plain.isLowS ? 0 : 1
                let v = (vWord[31] - 27) ^ flip
                recovered = try? RecoverableSignature(ethereumBytes: plain.normalized.compact + [v]).recoverAddress(digest: digest)
            }
            if vector.Expected.isEmpty {
                #expect(recovered == nil, "\(vector.Name)")
            } else {
                #expect(recovered.map { String($0.hex.dropFirst(2)) } == String(vector.Expected.suffix(40)), "\(vector.Name)")
            }
            checked += 1
        }
        #expect(checked == 5)
    }

    @Test("Hex and fixed-size decoders reject bad input with typed errors")
    func decoders() {
        #expect(throws: FinalityError.invalidHex(what: "32-byte value", reason: "odd number of hex digits")) { try Bytes32(hex: "0xabc") }
        #expect(throws: FinalityError.self) { try Bytes32(hex: "zz") }
        #expect(throws: FinalityError.wrongLength(what: "32-byte value", expected: 32, actual: 2)) { try Bytes32(hex: "abcd") }
        #expect(throws: FinalityError.wrongLength(what: "Ethereum address", expected: 20, actual: 2)) { try EthereumAddress(hex: "abcd") }
        #expect((try? EthereumAddress(hex: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"))?.hex == "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
    }
}
