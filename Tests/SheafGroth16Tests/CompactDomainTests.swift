import Foundation
import Testing
import SheafCurve
import SheafField
@testable import SheafGroth16

/// The O(n²) DFT over the powers of `root`, each power by repeated
/// multiplication (no twiddle table, no recursion): the definition the
/// mixed-radix transform is held to.
private func directDFT(_ coefficients: [Fr], root: Fr, shift: Fr = .one) -> [Fr] {
    var point = shift
    var result = [Fr]()
    for _ in coefficients.indices {
        result.append(Polynomial.evaluate(coefficients, at: point))
        point *= root
    }
    return result
}

/// A plain circuit of `steps` chained constraints and two public inputs, the
/// second allocated last (the shape of LookupCommitmentTests' streamed setup).
private func chain(steps: Int, x: Fr, mode: CircuitBuilder.Mode = .witness,
                   storage: CircuitBuilder.ConstraintStorage = .record) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 2, mode: mode, storage: storage)
    let input = cs.publicInput("x", x)
    var acc = input
    var value = x
    for k in 0..<steps {
        let next = (value + Fr(UInt64(k))) * (value + Fr(3))
        let y = cs.allocate(next)
        cs.enforce(acc + LinearCombination.one * Fr(UInt64(k)), acc + LinearCombination.one * Fr(3), y, "step \(k)")
        acc = y
        value = next
    }
    let out = cs.publicInput("out", value)
    cs.enforce(acc, .one, out, "out")
    return cs
}

/// A commit-and-prove circuit (16-bit lookups) with `padding` extra squarings,
/// proved from evaluated storage as the outer prover does.
private func rangeChecked(_ x: Fr, padding: Int, mode: CircuitBuilder.Mode = .witness,
                          storage: CircuitBuilder.ConstraintStorage = .record,
                          challenge: (@Sendable ([Fr]) -> Fr)? = nil) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 1, mode: mode, storage: storage, lookups: LookupRangeChecks(chunkBits: 4))
    cs.commitmentChallenge = challenge
    let xv = cs.allocate(x)
    cs.assertRange(xv, bits: 24, "x")
    var acc = xv, value = x
    for k in 0..<padding {
        value = value * value
        let y = cs.allocate(value)
        cs.enforce(acc, acc, y, "square \(k)")
        acc = y
    }
    let out = cs.publicInput("out", value)
    cs.enforce(acc, .one, out, "out")
    cs.finalize()
    return cs
}

@Suite("Compact evaluation domains (3·2ᵏ points, a radix-3 stage)")
struct CompactDomainTests {
    @Test("ζ is a primitive cube root of unity")
    func cubeRoot() {
        let z = EvaluationDomain.primitiveCubeRoot
        #expect(z != .one)
        #expect(z * z * z == .one)
        #expect(z * z + z + .one == .zero)
    }

    @Test("Generators have exact order n = 3·2ᵏ, and their cubes are the 2ᵏ domain's",
          arguments: [6, 12, 24, 3 << 10, 3 << 16, 3 << 22])
    func generatorOrder(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        #expect(domain.hasRadix3Stage && domain.size == size && domain.logSize == (size / 3).trailingZeroBitCount)
        let omega = domain.generator
        #expect(omega.power((UInt(size), 0, 0, 0)) == .one)
        // Exact order: not 1 at n/2 (it is −1) nor at n/3.
        #expect(omega.power((UInt(size / 2), 0, 0, 0)) == -Fr.one)
        #expect(omega.power((UInt(size / 3), 0, 0, 0)) != .one)
        #expect(omega * omega * omega == (try EvaluationDomain(size: size / 3)).generator)
        #expect(omega * domain.generatorInverse == .one)
        #expect(domain.sizeInverse * Fr(UInt64(size)) == .one)
        #expect(domain.element(size) == .one && domain.element(-1) == domain.generatorInverse)
        #expect(domain.element(size / 3 + 5) == omega.power((UInt(size / 3 + 5), 0, 0, 0)))
        // gⁿ ≠ 1: the coset is disjoint from H.
        #expect(domain.cosetShiftToSize != .one)
    }

    @Test("FFT and coset FFT equal the direct DFT", arguments: [6, 12, 24, 48, 96, 192])
    func fftMatchesDFT(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        let coefficients = randomElements(size, seed: UInt64(size) + 1000)
        var values = coefficients
        domain.fft(&values)
        #expect(values == directDFT(coefficients, root: domain.generator))
        var coset = coefficients
        domain.cosetFFT(&coset)
        #expect(coset == directDFT(coefficients, root: domain.generator, shift: EvaluationDomain.cosetShift))
        #expect(domain.elements == directDFT([0, 1] + Array(repeating: .zero, count: size - 2), root: domain.generator))
        // Serial, and with every cache-block size, the same transform.
        for blockLog in [0, 1, 14] {
            var serial = coefficients
            domain.transform(&serial, parallel: false, cacheBlockLog: blockLog)
            #expect(serial == values, "block 2^\(blockLog)")
        }
    }

    @Test("Inverse transforms undo forward ones", arguments: [6, 3 << 8, 3 << 14])
    func roundTrips(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        let original = randomElements(size, seed: 98)
        var x = original
        domain.fft(&x)
        #expect(x != original)
        domain.ifft(&x)
        #expect(x == original)
        domain.cosetFFT(&x)
        domain.cosetIFFT(&x)
        #expect(x == original)
        domain.ifft(&x)
        domain.fft(&x)
        #expect(x == original)
    }

    @Test("Size choice: the smaller of 2ᵏ and 3·2ᵏ when compact, powers of two otherwise")
    func sizes() throws {
        let cases: [(count: Int, compact: Int, plain: Int)] = [
            (0, 1, 1), (1, 1, 1), (5, 6, 8), (6, 6, 8), (7, 8, 8), (700, 768, 1024), (769, 1024, 1024),
            (1_243_700, 1_572_864, 2_097_152), (4_015_300, 4_194_304, 4_194_304),
            (10_703_493, 12_582_912, 16_777_216), (1 << 28, 1 << 28, 1 << 28),
        ]
        for c in cases {
            #expect(try EvaluationDomain.size(atLeast: c.count, compact: true) == c.compact, "\(c.count)")
            #expect(try EvaluationDomain.size(atLeast: c.count) == c.plain, "\(c.count)")
            if c.count < 1 << 16 { #expect(try EvaluationDomain(atLeast: c.count, compact: true).size == c.compact) }
        }
        for size in [1, 2, 6, 12, 3 << 20, 1 << 28, 3 << 26] { #expect(EvaluationDomain.isSupportedSize(size), "\(size)") }
        for size in [0, -6, 3, 5, 9, 10, 18 * 5, 3 << 27, (1 << 28) + 2] { #expect(!EvaluationDomain.isSupportedSize(size), "\(size)") }
        #expect(throws: R1CSError.domainSizeNotPowerOfTwo(9)) { try EvaluationDomain(size: 9) }
        #expect(throws: R1CSError.domainSizeNotPowerOfTwo(10)) { try EvaluationDomain(size: 10) }
        #expect(throws: R1CSError.domainTooLarge(requested: 3 << 27, maximum: 1 << 28)) { try EvaluationDomain(size: 3 << 27) }
    }

    @Test("A key on a compact domain proves and verifies; the prover follows the key's domain")
    func plainProof() throws {
        // 90 steps and the output constraint, plus 3 input rows: 94 rows, 96 points
        // compact against 128.
        let steps = 90
        let shape: (CircuitBuilder.ConstraintStorage) -> CircuitBuilder = { chain(steps: steps, x: .zero, mode: .shape, storage: $0) }
        let key = try Groth16.insecureSetup(seed: 21, compactDomain: true, shape: shape)
        let wide = try Groth16.insecureSetup(seed: 21, shape: shape)
        #expect(key.domainSize == 96 && key.hQuery.count == 95)
        #expect(wide.domainSize == 128)
        let cs = chain(steps: steps, x: Fr(5))
        let system = cs.constraintSystem(), witness = cs.witness()
        var rng = SeededGenerator(seed: 22)
        for k in [key, wide] {
            let proof = try Groth16.prove(key: k, constraintSystem: system, witness: witness, using: &rng)
            let inputs = try system.publicInputs(from: witness)
            #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: k.verifyingKey))
            var wrong = inputs
            wrong[1] += .one
            #expect(!(try Groth16.verify(proof: proof, publicInputs: wrong, key: k.verifyingKey)))
        }
        // Same τ, other domain: the verifying keys differ (the IC points are
        // Lagrange evaluations over the domain), so a proof does not cross over.
        #expect(key.verifyingKey != wide.verifyingKey)
        let proof = try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng)
        #expect(!(try Groth16.verify(proof: proof, publicInputs: try system.publicInputs(from: witness), key: wide.verifyingKey)))
        // The key file records the domain, and a reader rebuilds the same key.
        let decoded = try ProvingKeyFile.decode(ProvingKeyFile.encode(key))
        #expect(sameKey(decoded, key))
        // A domain smaller than the circuit's rows is refused with its reason.
        #expect(throws: R1CSError.invalidShape("the key's domain of 48 points is smaller than the circuit's 94 rows")) {
            try QAP.computeH(constraintSystem: system, witness: witness, domainSize: 48)
        }
    }

    @Test("A commit-and-prove key on a compact domain proves from evaluated storage and verifies")
    func committedProof() throws {
        let padding = 60
        let key = try Groth16.insecureSetup(seed: 31, compactDomain: true) { storage in
            rangeChecked(.zero, padding: padding, mode: .shape, storage: storage)
        }
        let rows = rangeChecked(.zero, padding: padding, mode: .shape, storage: .discard)
        let rowCount = rows.constraintCount + rows.publicInputCount + 1
        #expect(key.domainSize == (try EvaluationDomain.size(atLeast: rowCount, compact: true)))
        #expect(EvaluationDomain.isSupportedSize(key.domainSize) && key.domainSize & (key.domainSize - 1) != 0,
                "\(rowCount) rows should take a 3·2ᵏ domain; the test's padding needs adjusting")
        var builder = rangeChecked(Fr(0xABCDEF), padding: padding, storage: .evaluate,
                                   challenge: Groth16.commitmentChallenge(key: key))
        let inputs = Array(builder.witness()[1..<builder.publicInputCount])
        var rng = SeededGenerator(seed: 32)
        let proof = try Groth16.proveCommitted(key: key, builder: &builder, using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: try #require(key.committedVerifyingKey)))
        var wrong = inputs
        wrong[0] += .one
        #expect(!(try Groth16.verify(proof: proof, publicInputs: wrong, key: try #require(key.committedVerifyingKey))))
    }
}

/// A reading that fails, with a message the caller can show.
private struct UnreadableKey: Error, Equatable {
    let reason: String
}

@Suite("Proving keys read beside the witness (PendingProvingKey)")
struct PendingProvingKeyTests {
    static let key: ProvingKey = try! Groth16.insecureSetup(seed: 41) { storage in
        rangeChecked(.zero, padding: 10, mode: .shape, storage: storage)
    }

    @Test("A key read on another thread: the challenge waits for it, and the proof verifies")
    func waitsForTheKey() throws {
        let key = Self.key
        let pending = PendingProvingKey {
            Thread.sleep(forTimeInterval: 0.3)
            return key
        }
        #expect(!pending.isResolved && pending.readDuration == nil)
        var builder = rangeChecked(Fr(1234), padding: 10, storage: .evaluate,
                                   challenge: Groth16.commitmentChallenge(pendingKey: pending))
        #expect(pending.isResolved, "the challenge was drawn, so the key was waited for")
        #expect(try #require(pending.readDuration) >= .milliseconds(300))
        let inputs = Array(builder.witness()[1..<builder.publicInputCount])
        var rng = SeededGenerator(seed: 42)
        var phases = [Groth16ProverPhase]()
        let proof = try Groth16.proveCommitted(key: try pending.wait(), builder: &builder, using: &rng) { phases.append($0) }
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: try #require(key.committedVerifyingKey)))
        // Each step reported once, in order, the five MSMs each on its own.
        #expect(phases == [.quotient, .commitment] + Groth16ProverPhase.multiScalarMultiplications)
        #expect(Groth16.msmSteps == ["A", "B in G1", "B in G2", "L", "H"])
        // Given whole, a key is there at once.
        let given = PendingProvingKey(key)
        #expect(given.isResolved && given.readDuration == .zero)
    }

    @Test("A key file read in the background: the container and header are checked at once, the points on the other thread")
    func readInBackground() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-pending-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = ProvingKeyFile.encode(Self.key)
        let good = directory.appendingPathComponent("good.shpk").path
        try Data(bytes).write(to: URL(fileURLWithPath: good))
        #expect(sameKey(try ProvingKeyFile.readInBackground(atPath: good).wait(), Self.key))
        // Not a key, or a header that cannot be: refused before any thread starts.
        let garbage = directory.appendingPathComponent("garbage.shpk").path
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.readInBackground(atPath: garbage) }
        var badHeader = bytes
        let headerStart = 4 + 4 + 4 + 4 + 8   // magic, version, section count, section 1's type and size
        badHeader[headerStart] = 9            // n = 9: neither 2ᵏ nor 3·2ᵏ
        let badHeaderPath = directory.appendingPathComponent("header.shpk").path
        try Data(badHeader).write(to: URL(fileURLWithPath: badHeaderPath))
        #expect(throws: SnarkJSFileError.invalidHeader("domain size 9 is neither a power of two nor 3·2^k up to \(SnarkJSProvingKey.maxDomainSize)")) {
            try ProvingKeyFile.readInBackground(atPath: badHeaderPath)
        }
        // A point spoiled near the end (the H query or the commitment): the
        // header passes, and the wait throws the decoder's error.
        var badPoint = bytes
        for i in (bytes.count - 200)..<(bytes.count - 168) { badPoint[i] = 0xFF }
        let badPointPath = directory.appendingPathComponent("point.shpk").path
        try Data(badPoint).write(to: URL(fileURLWithPath: badPointPath))
        let pending = try ProvingKeyFile.readInBackground(atPath: badPointPath)
        #expect(throws: SnarkJSFileError.self) { try pending.wait() }
        #expect(throws: SnarkJSFileError.self) { try ProvingKeyFile.decode(badPoint) }
    }

    @Test("A failed read is thrown by every wait; its challenge is 0 and nothing is proved")
    func failedRead() throws {
        let pending = PendingProvingKey { throw UnreadableKey(reason: "truncated at byte 40") }
        let challenge = Groth16.commitmentChallenge(pendingKey: pending)
        #expect(challenge([Fr(1), Fr(2)]) == .zero)
        #expect(throws: UnreadableKey(reason: "truncated at byte 40")) { try pending.wait() }
        #expect(throws: UnreadableKey(reason: "truncated at byte 40")) { try pending.wait() }
    }

    @Test("A key of another circuit gives the challenge 0 instead of a crash, and the prover refuses it")
    func keyOfAnotherCircuit() throws {
        // More range checks: more committed variables than the key's bases.
        let other = try Groth16.insecureSetup(seed: 43) { storage in
            var cs = CircuitBuilder(publicInputCount: 1, mode: .shape, storage: storage, lookups: LookupRangeChecks(chunkBits: 4))
            let x = cs.allocate(.zero)
            cs.assertRange(x, bits: 40, "x")
            let out = cs.publicInput("out", .zero)
            cs.enforce(x, .one, out, "out")
            cs.finalize()
            return cs
        }
        var builder = rangeChecked(Fr(99), padding: 10, storage: .evaluate,
                                   challenge: Groth16.commitmentChallenge(key: other))
        #expect(builder.witness()[builder.publicInputCount] == .zero, "the lookup challenge is the last input")
        var rng = SeededGenerator(seed: 44)
        #expect(throws: Groth16Error.commitmentMismatch("the key was made for another commitment layout")) {
            try Groth16.proveCommitted(key: other, builder: &builder, using: &rng)
        }
    }
}
