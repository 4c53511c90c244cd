import Foundation
import Testing
import SheafFinality
import SheafHash

/// The parts of a Wycheproof ECDSA verification file the tests need.
struct WycheproofECDSAFile: Decodable {
    struct Group: Decodable {
        struct Key: Decodable { let uncompressed: String }
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let msg: String
            let sig: String
            let result: String
            let flags: [String]
        }
        let publicKey: Key
        let tests: [Case]
    }
    let numberOfTests: Int
    let testGroups: [Group]

    static func load(_ name: String) throws -> WycheproofECDSAFile {
        try JSONDecoder().decode(WycheproofECDSAFile.self, from: Data(contentsOf: SharedVectors.url("wycheproof/" + name)))
    }
}

/// Tally of one file's run, so the test cannot pass by running nothing.
struct WycheproofTally {
    var valid = 0, invalid = 0, acceptable = 0, mismatches: [String] = []
    var total: Int { valid + invalid + acceptable }
}

/// Runs every case: parse the key and the DER signature with libsecp256k1 through
/// the module's wrapper, hash the message with SHA-256, verify (optionally after
/// normalising s), and compare with the expected result.
///
/// "acceptable" cases (none in the pinned files) would be run and counted but not
/// asserted: Wycheproof uses the label for inputs where either answer is defensible,
/// and libsecp256k1's strict answer is the one we keep.
func runWycheproof(_ file: WycheproofECDSAFile, normalize: Bool) -> WycheproofTally {
    var tally = WycheproofTally()
    for group in file.testGroups {
        let key = try? Secp256k1PublicKey(bytes: bytes(fromHex: group.publicKey.uncompressed))
        for test in group.tests {
            let digest = try! Bytes32(SHA256.hash(bytes(fromHex: test.msg)))
            var verified = false
            if let key, let parsed = try? ECDSASignature(der: bytes(fromHex: test.sig)) {
                verified = key.isValidSignature(normalize ? parsed.normalized : parsed, digest: digest)
            }
            switch test.result {
            case "valid":
                tally.valid += 1
                if !verified { tally.mismatches.append("tcId \(test.tcId) (\(test.comment)): expected valid") }
            case "invalid":
                tally.invalid += 1
                if verified { tally.mismatches.append("tcId \(test.tcId) (\(test.comment)): expected invalid") }
            default:
                tally.acceptable += 1
            }
        }
    }
    return tally
}

private let bitcoinFile = "ecdsa_secp256k1_sha256_bitcoin_test.json"
private let plainFile = "ecdsa_secp256k1_sha256_test.json"

@Suite("Wycheproof secp256k1 ECDSA")
struct WycheproofTests {
    @Test("Bitcoin variant: libsecp256k1's low-s rule gives exactly the expected results",
          .enabled(if: SharedVectors.exists("wycheproof/" + bitcoinFile),
                   "Wycheproof vectors not found at ../shared/vectors/wycheproof next to the repository; skipped"))
    func bitcoinLowS() throws {
        let file = try WycheproofECDSAFile.load(bitcoinFile)
        let tally = runWycheproof(file, normalize: false)
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.prefix(10))")
        #expect(tally.total == file.numberOfTests)
        #expect(tally.total == 463)
        #expect(tally.valid == 162 && tally.invalid == 301 && tally.acceptable == 0)
    }

    @Test("Plain ECDSA: after normalising s every vector gives the expected result",
          .enabled(if: SharedVectors.exists("wycheproof/" + plainFile),
                   "Wycheproof vectors not found at ../shared/vectors/wycheproof next to the repository; skipped"))
    func plainNormalized() throws {
        let file = try WycheproofECDSAFile.load(plainFile)
        let tally = runWycheproof(file, normalize: true)
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.prefix(10))")
        #expect(tally.total == file.numberOfTests)
        #expect(tally.total == 476)
        #expect(tally.valid == 168 && tally.invalid == 308 && tally.acceptable == 0)
    }

    @Test("Plain ECDSA without normalising: exactly the valid high-s signatures fail",
          .enabled(if: SharedVectors.exists("wycheproof/" + plainFile),
                   "Wycheproof vectors not found at ../shared/vectors/wycheproof next to the repository; skipped"))
    func plainWithoutNormalizing() throws {
        // Shows the normalisation step is what the plain file needs: every failure
        // without it is a valid signature whose s is high.
        let file = try WycheproofECDSAFile.load(plainFile)
        var highSValid = 0, otherMismatch = 0
        for group in file.testGroups {
            let key = try Secp256k1PublicKey(bytes: bytes(fromHex: group.publicKey.uncompressed))
            for test in group.tests {
                let digest = try Bytes32(SHA256.hash(bytes(fromHex: test.msg)))
                guard let sig = try? ECDSASignature(der: bytes(fromHex: test.sig)) else {
                    if test.result == "valid" { otherMismatch += 1 }
                    continue
                }
                let verified = key.isValidSignature(sig, digest: digest)
                if verified != (test.result == "valid") {
                    if test.result == "valid" && !sig.isLowS { highSValid += 1 } else { otherMismatch += 1 }
                }
            }
        }
        #expect(otherMismatch == 0)
        #expect(highSValid > 0)
    }
}
