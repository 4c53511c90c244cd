import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

@Suite("Proving-key files (.shpk)")
struct ProvingKeyFileTests {
    /// Every field of two keys, compared.
    func expectSame(_ a: ProvingKey, _ b: ProvingKey) {
        #expect(a.verifyingKey == b.verifyingKey)
        #expect(a.betaG1 == b.betaG1 && a.deltaG1 == b.deltaG1 && a.domainSize == b.domainSize)
        #expect(a.aQuery == b.aQuery && a.bG1Query == b.bG1Query && a.bG2Query == b.bG2Query)
        #expect(a.lQuery == b.lQuery && a.hQuery == b.hQuery)
        #expect(a.commitment?.layout == b.commitment?.layout && a.commitment?.basis == b.commitment?.basis)
        #expect(a.commitment?.basisSigma == b.commitment?.basisSigma)
        #expect(a.commitment?.g == b.commitment?.g && a.commitment?.gSigmaNeg == b.commitment?.gSigmaNeg)
    }

    @Test("A plain key round-trips, and the loaded key proves what the original verifies")
    func plainRoundTrip() throws {
        let key = try ExampleApplication.rollup.insecureProvingKey(seed: 101)
        let bytes = ProvingKeyFile.encode(key)
        let loaded = try ProvingKeyFile.decode(bytes)
        expectSame(key, loaded)
        #expect(ProvingKeyFile.encode(loaded) == bytes)
        var rng = SeededGenerator(seed: 5)
        let (proof, inputs) = try ExampleApplication.rollup.proveExample(key: loaded, using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: key.verifyingKey))
    }

    /// The key's large sections are decoded by both cores in chunks: the
    /// points come back in order, and the first bad point in file order is the
    /// one named, whichever chunk finishes first.
    @Test("Many points decode in parallel as in order, and the first bad point is the one reported")
    func parallelPointDecoding() throws {
        let count = ProvingKeyFile.parallelPointThreshold + 3_001
        let multiples = JacobianPoint.batchAffine((1...257).map { G1Jacobian.generator * Fr(UInt64($0)) })
        var points = (0..<count).map { multiples[$0 % multiples.count] }
        points[700] = .infinity
        let bytes = points.flatMap(ProvingKeyFile.g1)
        func decode(_ bytes: [UInt8], parallel: Bool) throws(SnarkJSFileError) -> [G1Affine] {
            var reader = SnarkJSBinaryReader(bytes: bytes, range: 0..<bytes.count, context: "A query")
            let out = parallel
                ? try ProvingKeyFile.points(&reader, count: count, bytesPerPoint: 64, placeholder: .infinity) { r, i throws(SnarkJSFileError) in
                    try r.g1("point \(i)")
                }
                : try ProvingKeyFile.points(&reader, count: count) { r, i throws(SnarkJSFileError) in try r.g1("point \(i)") }
            #expect(reader.remaining == 0)
            return out
        }
        #expect(try decode(bytes, parallel: true) == points)
        #expect(try decode(bytes, parallel: true) == (try decode(bytes, parallel: false)))
        // Two bad points in different chunks: a coordinate ≥ p late, a point off
        // the curve early; the early one is reported.
        var hostile = bytes
        for k in 0..<32 { hostile[(count - 5) * 64 + k] = 0xff }
        hostile[1_234 * 64 + 40] ^= 1
        #expect(throws: SnarkJSFileError.invalidPoint("A query: point 1234", .notOnCurve("G1"))) {
            _ = try decode(hostile, parallel: true)
        }
        #expect(throws: SnarkJSFileError.coordinateNotInField("A query: point \(count - 5).x")) {
            _ = try decode(Array(bytes[..<((count - 5) * 64)]) + Array(hostile[((count - 5) * 64)...]), parallel: true)
        }
        // Fewer bytes than the points need: a typed error before decoding.
        #expect(throws: SnarkJSFileError.truncated("A query: \(count) points")) {
            _ = try decode(Array(bytes.dropLast(64)), parallel: true)
        }
    }

    @Test("A commit-and-prove key round-trips and proves")
    func committedRoundTrip() throws {
        let circuit = ThresholdCircuit()
        let key = try Groth16.insecureSetup(circuit: circuit, seed: 104)
        let loaded = try ProvingKeyFile.decode(ProvingKeyFile.encode(key))
        expectSame(key, loaded)
        let witness = ThresholdCircuit.Witness(value: 77, salt: Fr(5), threshold: 70)
        let (system, values) = try circuit.assign(witness, commitmentChallenge: Groth16.commitmentChallenge(key: loaded))
        var rng = SeededGenerator(seed: 6)
        let proof = try Groth16.proveCommitted(key: loaded, constraintSystem: system, witness: values, using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [witness.commitment, Fr(70)], key: try #require(key.committedVerifyingKey)))
    }

    @Test("Read from disk section by section, a key equals the decoded bytes; hostile files get the same typed errors")
    func sectionedRead() throws {
        let key = try Groth16.insecureSetup(circuit: ThresholdCircuit(), seed: 104)
        let bytes = ProvingKeyFile.encode(key)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-shpk-\(getpid()).shpk").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Written section by section: the same bytes as encode.
        try ProvingKeyFile.write(key, toPath: path)
        #expect(try FileBytes.read(atPath: path, limit: 1 << 30) == bytes)
        expectSame(try ProvingKeyFile.read(atPath: path), key)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 41)) {
            try FileBytes.write(Array(bytes[0..<length]), toPath: path)
            #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.read(atPath: path) }
        }
        try FileBytes.write(bytes + [0], toPath: path)
        #expect(throws: SnarkJSFileError.trailingBytes(what: ".shpk file", count: 1)) { try ProvingKeyFile.read(atPath: path) }
        try FileBytes.write(Array("zkey".utf8) + bytes.dropFirst(4), toPath: path)
        #expect(throws: SnarkJSFileError.notThisFormat(expected: "shpk")) { try ProvingKeyFile.read(atPath: path) }
        // A flipped coordinate bit inside the A query: refused as decode refuses it.
        var flipped = bytes
        flipped[bytes.count / 3] ^= 0x40
        try FileBytes.write(flipped, toPath: path)
        let fromDisk = Result { try ProvingKeyFile.read(atPath: path) }.map { _ in true }
        let fromBytes = Result { try ProvingKeyFile.decode(flipped) }.map { _ in true }
        #expect((try? fromDisk.get()) == (try? fromBytes.get()))
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.read(atPath: "/nonexistent-dir/k.shpk") }
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.read(atPath: FileManager.default.temporaryDirectory.path) }
    }

    @Test("Hostile files: truncations, bit flips, wrong counts and points get typed errors, never a crash")
    func hostileFiles() throws {
        let key = try Groth16.insecureSetup(circuit: ThresholdCircuit(), seed: 104)
        let bytes = ProvingKeyFile.encode(key)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(bytes + [0]) }
        #expect(throws: SnarkJSFileError.notThisFormat(expected: "shpk")) { try ProvingKeyFile.decode(Array("zkey".utf8) + bytes.dropFirst(4)) }
        // Flipped bits: rejected, or (inside a point's bytes, rarely) still a
        // valid file; never a crash. Header and coordinate flips must be caught.
        var rng = SeededGenerator(seed: 7)
        var rejected = 0
        for _ in 0..<400 {
            var flipped = bytes
            let bit = Int.random(in: 0..<(bytes.count * 8), using: &rng)
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            if (try? ProvingKeyFile.decode(flipped)) == nil { rejected += 1 }
        }
        #expect(rejected > 350)
        // The header's section: 4 magic, 4 version, 4 count, then type 1 (4), size (8), n, m, ℓ, flags.
        func withHeaderWord(_ index: Int, _ value: UInt32) -> [UInt8] {
            var out = bytes
            let at = 12 + 12 + 4 * index
            for k in 0..<4 { out[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
            return out
        }
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(withHeaderWord(0, 3)) }          // n not a power of two
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(withHeaderWord(1, UInt32.max)) } // m far beyond the file
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(withHeaderWord(2, 10_000)) }     // ℓ ≥ m
        #expect(throws: SnarkJSFileError.invalidHeader("unknown flags 2")) { try ProvingKeyFile.decode(withHeaderWord(3, 2)) }
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(withHeaderWord(3, 0)) }          // plain header, commitment section present
        // α off the curve: section 2 starts after section 1 (12 + 16 bytes of header section).
        var offCurve = bytes
        let alphaY = 12 + (12 + 16) + 12 + 32
        offCurve[alphaY] ^= 1
        #expect {
            try ProvingKeyFile.decode(offCurve)
        } throws: { error in
            guard case .invalidPoint = error as? SnarkJSFileError else { return false }
            return true
        }
    }
}

@Suite("Writing files of any size")
struct FileBytesTests {
    @Test("Bytes written in small chunks come back whole; an unwritable path is a typed error")
    func chunkedWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-filebytes-\(getpid()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SeededGenerator(seed: 3)
        let bytes = (0..<1_000_003).map { _ in UInt8.random(in: 0...255, using: &rng) }
        // 4,099-byte calls: the loop and its last, short chunk, as for a file past 2 GiB.
        try FileBytes.write(bytes, toPath: path, chunk: 4_099)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        try FileBytes.write([1, 2, 3], toPath: path)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [1, 2, 3], "an existing file is truncated")
        #expect(throws: FileBytes.WriteError.self) { try FileBytes.write(bytes, toPath: "/nonexistent-dir/x.bin") }
    }

    @Test("Bytes read back in small chunks into one buffer are the file's; a directory, a missing file and one over the limit are typed errors")
    func chunkedRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-filebytes-read-\(getpid()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SeededGenerator(seed: 4)
        let bytes = (0..<500_009).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try FileBytes.write(bytes, toPath: path)
        #expect(try FileBytes.read(atPath: path, limit: bytes.count, chunk: 4_099) == bytes)
        #expect(try FileBytes.read(atPath: path, limit: 1 << 30) == bytes)
        let over = #expect(throws: FileBytes.WriteError.self) { try FileBytes.read(atPath: path, limit: bytes.count - 1) }
        #expect(over?.reading == true && over?.description.contains("larger than the limit") == true)
        #expect(throws: FileBytes.WriteError.self) { try FileBytes.read(atPath: FileManager.default.temporaryDirectory.path, limit: 10) }
        #expect(throws: FileBytes.WriteError.self) { try FileBytes.read(atPath: "/nonexistent-dir/x.bin", limit: 10) }
        try FileBytes.write([], toPath: path)
        #expect(try FileBytes.read(atPath: path, limit: 10) == [])
    }
}
