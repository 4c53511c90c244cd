import Foundation
import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

@Suite("Swift API: typed errors, URL overloads, hex")
struct SwiftAPITests {
    @Test("inclusionProofs(forApplication:) throws for an unknown id instead of returning nothing")
    func unknownApplicationThrows() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 1, seed: 40)
        #expect(try bundle.inclusionProofs(forApplication: "app-0-0").count == 1)
        #expect(throws: AggregationError.unknownApplication("nobody")) {
            try bundle.inclusionProofs(forApplication: "nobody")
        }
        #expect(AggregationError.unknownApplication("nobody").localizedDescription
                == "the bundle holds no statement of application 'nobody'")
    }

    @Test("Aggregator.add, seal, ProofBundle.verify and BundleCodec.decode throw AggregationError (typed)")
    func typedThrows() throws {
        // Each catch below binds `error` as an AggregationError: these lines
        // compile only because the functions declare `throws(AggregationError)`.
        var aggregator = Aggregator()
        var rng = SeededGenerator(seed: 44)
        let key = InsecureTrapdoorKey(publicInputs: 1, seed: 41)
        do {
            try aggregator.add(proof: key.prove([.one], using: &rng), publicInputs: [.one, .one],
                               key: key.key, applicationID: "a")
            Issue.record("two inputs for a one-input key were accepted")
        } catch {
            #expect(error == .wrongPublicInputCount(application: "a", expected: 1, got: 2))
        }
        do {
            _ = try Aggregator().seal()
            Issue.record("an empty bundle was sealed")
        } catch {
            #expect(error == .emptyBundle)
        }
        do {
            _ = try BundleCodec.decode(Array("NOTABUNDLE".utf8))
            Issue.record("garbage decoded")
        } catch {
            #expect(error == .badMagic)
        }
        do {
            _ = try BundleJSON.decode(Data("{}".utf8))
            Issue.record("an empty JSON object decoded")
        } catch {
            #expect(error.description.contains("sheaf-bundle"))
        }
        let srs = SnarkPackSRS.insecure(maxProofs: 2, seedA: 42, seedB: 43)
        try aggregator.add(proof: key.prove([.one], using: &rng), publicInputs: [.one], key: key.key, applicationID: "a")
        try aggregator.add(proof: key.prove([.one], using: &rng), publicInputs: [.one], key: key.key, applicationID: "b")
        let packed = try aggregator.seal(snarkPack: srs, policy: .threshold(2))
        do {
            _ = try packed.verify()
            Issue.record("a bundle with an aggregate verified without its SRS")
        } catch {
            #expect(error == .missingSRS)
        }
        #expect(try packed.verify(srs: srs.verifierKey))
    }

    @Test("URL overloads read the same bytes as the String paths and refuse non-file URLs")
    func urlOverloads() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 1, seed: 45)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-url-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundleURL = directory.appendingPathComponent("b.sheaf")
        try Data(BundleCodec.encode(bundle)).write(to: bundleURL)
        #expect(try BundleCodec.readFile(at: bundleURL) == BundleCodec.readFile(atPath: bundleURL.path))
        #expect(try BundleCodec.decode(BundleCodec.readFile(at: bundleURL)) == bundle)

        let srs = SnarkPackSRS.insecure(maxProofs: 2, seedA: 46, seedB: 47)
        let srsURL = directory.appendingPathComponent("srs.bin")
        try Data(SRSCodec.encode(srs)).write(to: srsURL)
        #expect(try SRSCodec.decode(SRSCodec.readFile(at: srsURL)).verifierKey.hash == srs.verifierKey.hash)

        let web = try #require(URL(string: "https://example.com/b.sheaf"))
        do {
            _ = try BundleCodec.readFile(at: web)
            Issue.record("an https URL was read")
        } catch {
            guard case let .unreadableFile(path, reason) = error else { Issue.record("\(error)"); return }
            #expect(path == "https://example.com/b.sheaf")
            #expect(reason.contains("not a file URL"))
        }
        #expect(throws: AggregationError.self) { try SRSCodec.readFile(at: web) }
        #expect(throws: AggregationError.unreadableFile(path: directory.appendingPathComponent("missing").path,
                                                        reason: "the file does not exist")) {
            try BundleCodec.readFile(at: directory.appendingPathComponent("missing"))
        }
    }

    @Test("Hex: manifest roots and key hashes round-trip; bad input is a typed HexError")
    func hexRoundTrip() throws {
        let (bundle, _) = try sampleBundle(proofsPerKey: 1, seed: 48)
        let text = Hex.encode(bundle.manifestRoot)
        #expect(text.hasPrefix("0x") && text.count == 66)
        #expect(try Hex.decode(text, what: "manifest root", length: 32) == bundle.manifestRoot)
        #expect(try Hex.decode(text.uppercased().replacingOccurrences(of: "0X", with: "0x")) == bundle.manifestRoot)
        #expect(try Hex.decode(String(text.dropFirst(2))) == bundle.manifestRoot)
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "0x00abff")
        #expect(try Hex.decode("") == [])
        #expect(throws: HexError(what: "manifest root", reason: "odd number of hex digits")) {
            try Hex.decode("0xabc", what: "manifest root")
        }
        #expect(throws: HexError(what: "key hash", reason: "character g is not a hex digit")) {
            try Hex.decode("0xag", what: "key hash")
        }
        #expect(throws: HexError(what: "manifest root", reason: "2 bytes, expected 32")) {
            try Hex.decode("0xabcd", what: "manifest root", length: 32)
        }
        do {
            _ = try Hex.decode("zz")
        } catch {
            #expect(error.localizedDescription == "invalid hex for hex string: character z is not a hex digit")
        }
    }
}
