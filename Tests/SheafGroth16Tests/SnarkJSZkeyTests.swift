import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// Proving with a real snarkjs proving key (`circuit.zkey` of snarkjs's own
/// Groth16 test vector in ../shared/vectors/snarkjs) and a circom witness.
@Suite("snarkjs .zkey and .wtns", .enabled(if: SnarkJSVectors.available, SnarkJSVectors.absentMessage))
struct SnarkJSZkeyTests {
    static let vectorDirectory = SnarkJSVectors.directory.appendingPathComponent("snarkjs-test-groth16")

    static func zkeyBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: vectorDirectory.appendingPathComponent("circuit.zkey")))
    }

    static func jsonKey() throws -> VerifyingKey {
        try SnarkJS.decodeVerifyingKey(Data(contentsOf: vectorDirectory.appendingPathComponent("verification_key.json")))
    }

    static func witnessBytes() -> [UInt8] { testSupportBytes(hex: MultiplierVectors.multiplierHex) }

    @Test func zkeyHoldsTheVerifyingKeySnarkjsExported() throws {
        let key = try SnarkJSProvingKey(bytes: Self.zkeyBytes())
        #expect(key.verifyingKey == (try Self.jsonKey()))
        #expect(key.variableCount == 103)
        #expect(key.publicInputCount == 1)
        #expect(key.domainSize == 128)
        #expect(key.coefficients.count == 202)
    }

    @Test func proofFromTheRealZkeyVerifiesUnderSnarkjsKey() throws {
        let key = try SnarkJSProvingKey(bytes: Self.zkeyBytes())
        let witness = try SnarkJS.decodeWitness(Self.witnessBytes())
        #expect(witness.count == 103)
        #expect(witness[2] == (try Fr(decimal: MultiplierVectors.multiplierA)))
        var rng = SeededGenerator(seed: 11)
        let (proof, inputs) = try key.prove(witness: witness, using: &rng)
        #expect(inputs == [try Fr(decimal: MultiplierVectors.multiplierOutput)])
        let jsonKey = try Self.jsonKey()
        #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: jsonKey))
        #expect(try !Groth16.verify(proof: proof, publicInputs: [inputs[0] + .one], key: jsonKey))
    }

    @Test func asyncProvingFromTheZkeyReportsEveryStepAndMatchesTheSynchronousProof() async throws {
        let key = try SnarkJSProvingKey(bytes: Self.zkeyBytes())
        let witness = try SnarkJS.decodeWitness(Self.witnessBytes())
        var steps = [String]()
        var rng = SeededGenerator(seed: 13), same = SeededGenerator(seed: 13)
        let made = try await key.prove(witness: witness, using: &rng) { steps.append($0.step) }
        #expect(steps == ["start", "quotient", "A", "B in G1", "B in G2", "L", "H"])
        let expected = try key.prove(witness: witness, using: &same)
        #expect(made.proof == expected.proof && made.publicInputs == expected.publicInputs)
        let task = Task { () async throws -> Void in
            var generator = SeededGenerator(seed: 14)
            _ = try await key.prove(witness: witness, using: &generator) { report in
                if report.step == "quotient" { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func twoProofsOfOneWitnessDifferAndBothVerify() throws {
        let key = try SnarkJSProvingKey(bytes: Self.zkeyBytes())
        let witness = try SnarkJS.decodeWitness(Self.witnessBytes())
        var rng = SeededGenerator(seed: 12)
        let first = try key.prove(witness: witness, using: &rng)
        let second = try key.prove(witness: witness, using: &rng)
        #expect(first.proof != second.proof, "fresh blinding r, s gives a fresh proof")
        #expect(try Groth16.verify(proof: second.proof, publicInputs: second.publicInputs, key: Self.jsonKey()))
    }

    @Test func witnessesThatDoNotFitAreRejected() throws {
        let key = try SnarkJSProvingKey(bytes: Self.zkeyBytes())
        let witness = try SnarkJS.decodeWitness(Self.witnessBytes())
        var rng = SeededGenerator(seed: 13)
        // One intermediate signal wrong: the circuit is not satisfied.
        var wrong = witness
        wrong[50] += .one
        #expect(throws: SnarkJSFileError.proofDoesNotVerify) { try key.prove(witness: wrong, using: &rng) }
        // A different output claimed for the right chain.
        wrong = witness
        wrong[1] += .one
        #expect(throws: SnarkJSFileError.proofDoesNotVerify) { try key.prove(witness: wrong, using: &rng) }
        #expect(throws: SnarkJSFileError.wrongWitnessLength(expected: 103, got: 102)) {
            try key.prove(witness: Array(witness.dropLast()), using: &rng)
        }
        wrong = witness
        wrong[0] = Fr(2)
        #expect(throws: SnarkJSFileError.witnessConstantNotOne) { try key.prove(witness: wrong, using: &rng) }
    }

    /// Byte offsets of the zkey's sections, from its own container header.
    static func sections(_ bytes: [UInt8]) throws -> [Int: Range<Int>] {
        try SnarkJSBinaryFile(bytes: bytes, magic: "zkey", versions: 1...1).sections
    }

    /// The error `decode` throws for `good` after `edit`, or nil if it decodes.
    static func decodingError(_ good: [UInt8], _ edit: (inout [UInt8]) -> Void,
                              _ decode: ([UInt8]) throws(SnarkJSFileError) -> Void) -> SnarkJSFileError? {
        var bytes = good
        edit(&bytes)
        do { try decode(bytes); return nil } catch { return error }
    }

    static func writeU32(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
    }

    static func writeLimbs(_ limbs: Limbs4, into bytes: inout [UInt8], at offset: Int) {
        let le = Array(Limbs.bigEndianBytes(limbs).reversed())
        bytes.replaceSubrange(offset..<(offset + 32), with: le)
    }

    @Test func hostileZkeysGetTheirOwnErrors() throws {
        let good = try Self.zkeyBytes()
        let sections = try Self.sections(good)
        let header = sections[2]!.lowerBound, coefficients = sections[4]!.lowerBound
        // Where the Groth16 header's fields are: n8q, q, n8r, r, then the counts.
        let nVars = header + 72, nPublic = header + 76, domainSize = header + 80, alpha = header + 84
        let beta2 = header + 84 + 128
        func decoding(_ edit: (inout [UInt8]) -> Void) -> SnarkJSFileError? {
            Self.decodingError(good, edit) { bytes throws(SnarkJSFileError) in _ = try SnarkJSProvingKey(bytes: bytes) }
        }
        #expect(decoding { $0[0] = UInt8(ascii: "p") } == .notThisFormat(expected: "zkey"))
        #expect(decoding { Self.writeU32(2, into: &$0, at: 4) } == .unsupportedVersion(format: "zkey", version: 2))
        #expect(decoding { Self.writeU32(65, into: &$0, at: 8) } == .tooManySections(65, limit: 64))
        #expect(decoding { $0.append(0) } == .trailingBytes(what: ".zkey file", count: 1))
        #expect(decoding { Self.writeU32(2, into: &$0, at: sections[1]!.lowerBound) } == .unsupportedProtocol(2))
        if case .unsupportedField? = decoding({ $0[header + 4] ^= 1 }) {} else { Issue.record("a changed base prime is not rejected as another field") }
        if case .unsupportedField? = decoding({ Self.writeU32(48, into: &$0, at: header) }) {} else {
            Issue.record("48-byte elements (BLS12-381) are not rejected as another field")
        }
        #expect(decoding { Self.writeU32(103, into: &$0, at: nPublic) } == .invalidHeader("nPublic (103) must be below nVars (103)"))
        #expect(decoding { Self.writeU32(100, into: &$0, at: domainSize) } == .invalidHeader("domainSize 100 is not a power of two"))
        if case .invalidHeader? = decoding({ Self.writeU32(1 << 28, into: &$0, at: domainSize) }) {} else {
            Issue.record("a domain beyond BN254's 2-adicity is not rejected")
        }
        // A larger nVars makes the query sections too short for the header's counts.
        #expect(decoding { Self.writeU32(104, into: &$0, at: nVars) } == .wrongSectionSize("zkey A query", expected: 104 * 64, actual: 103 * 64))
        #expect(decoding { Self.writeLimbs(Fp.modulus, into: &$0, at: alpha) } == .coordinateNotInField("zkey Groth16 header: alpha1.x"))
        #expect(decoding { $0[alpha + 32] ^= 1 } == .invalidPoint("zkey Groth16 header: alpha1", .notOnCurve("G1")))
        // β₂ replaced by a twist point outside the order-r subgroup.
        let outside = testSupportTwistPointOutsideSubgroup()
        let coordinates = [outside.x.c0, outside.x.c1, outside.y.c0, outside.y.c1]
        #expect(decoding { bytes in
            for (i, c) in coordinates.enumerated() { Self.writeLimbs(c.montgomeryLimbs, into: &bytes, at: beta2 + 32 * i) }
        } == .invalidPoint("zkey Groth16 header: beta2", .notInSubgroup("G2")))
        // The embedded verifying key's α, β₂, γ₂ or δ₂ at infinity (all-zero bytes).
        let gamma2 = header + 84 + 256, delta2 = header + 84 + 448
        for (offset, size, name) in [(alpha, 64, "alpha1"), (beta2, 128, "beta2"), (gamma2, 128, "gamma2"), (delta2, 128, "delta2")] {
            #expect(decoding { $0.replaceSubrange(offset..<(offset + size), with: [UInt8](repeating: 0, count: size)) }
                    == .degenerateVerifyingKey("zkey Groth16 header \(name)"))
        }
        // The first coefficient: matrix, constraint, signal, value.
        let first = coefficients + 4
        #expect(decoding { Self.writeU32(2, into: &$0, at: first) } == .invalidCoefficient(index: 0, reason: "matrix 2 is neither A (0) nor B (1)"))
        #expect(decoding { Self.writeU32(128, into: &$0, at: first + 4) } == .invalidCoefficient(index: 0, reason: "constraint 128 is not below the domain size 128"))
        #expect(decoding { Self.writeU32(103, into: &$0, at: first + 8) } == .invalidCoefficient(index: 0, reason: "signal 103 is not below nVars 103"))
        #expect(decoding { Self.writeLimbs(Fr.modulus, into: &$0, at: first + 12) } == .invalidCoefficient(index: 0, reason: "value is not below r"))
        // A section that claims more bytes than the file has.
        #expect(decoding { for i in 0..<8 { $0[sections[1]!.lowerBound - 8 + i] = 0xff } }
                == .truncated(".zkey file: size of section 0 (18446744073709551615 bytes declared)"))
        // A second header section.
        #expect(decoding { bytes in
            bytes += [1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
            Self.writeU32(11, into: &bytes, at: 8)
        } == .duplicateSection(format: "zkey", type: 1))
        #expect(decoding { bytes in
            // Renumber the IC section (3) as an unknown one (99).
            Self.writeU32(99, into: &bytes, at: sections[3]!.lowerBound - 12)
        } == .missingSection(type: 3, name: "zkey IC"))
    }

    @Test func truncatedZkeysAreRejectedAtEveryLength() throws {
        let good = try Self.zkeyBytes()
        let boundaries = try Self.sections(good).values.flatMap { [$0.lowerBound, $0.upperBound, $0.lowerBound - 12] }
        let lengths = Set(Array(stride(from: 0, to: good.count, by: 131)) + boundaries.filter { $0 < good.count } + [good.count - 1])
        for length in lengths.sorted() {
            do {
                _ = try SnarkJSProvingKey(bytes: Array(good[..<length]))
                Issue.record("a zkey cut to \(length) of \(good.count) bytes decoded")
            } catch {
                switch error {
                case .truncated, .notThisFormat: break
                default: Issue.record("cut to \(length): unexpected \(error)")
                }
            }
        }
    }

    /// A flipped bit anywhere either makes decoding or proving throw, or leaves a
    /// key whose proofs still verify under snarkjs's verification_key.json (bits
    /// in the unread contribution transcript): never a crash, never a bad proof.
    @Test func flippedBitsNeverYieldAnInvalidProof() throws {
        let good = try Self.zkeyBytes()
        let witness = try SnarkJS.decodeWitness(Self.witnessBytes())
        let jsonKey = try Self.jsonKey()
        var rng = SeededGenerator(seed: 14)
        var rejected = 0, provedValid = 0
        for _ in 0..<300 {
            var bytes = good
            let position = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            do {
                let key = try SnarkJSProvingKey(bytes: bytes)
                let (proof, inputs) = try key.prove(witness: witness, using: &rng)
                #expect(try Groth16.verify(proof: proof, publicInputs: inputs, key: jsonKey), "bit at byte \(position)")
                provedValid += 1
            } catch {
                rejected += 1
            }
        }
        #expect(rejected + provedValid == 300)
        #expect(rejected > 250, "almost every bit is in a checked value; only the transcript's are not read")
    }

    static func r1csBytes() -> [UInt8] { testSupportBytes(hex: MultiplierVectors.multiplierR1CSHex) }

    @Test func constraintSystemBelongsToTheZkeyAndNamesTheFailingConstraint() throws {
        let system = try SnarkJS.decodeConstraintSystem(Self.r1csBytes())
        #expect(system.constraintCount == 100 && system.publicInputCount == 1 && system.variableCount == 103)
        let key = try SnarkJSProvingKey(bytes: Self.zkeyBytes())
        // The real zkey's A and B matrices are the ones this r1cs implies.
        #expect(key.matches(system))
        let witness = try SnarkJS.decodeWitness(Self.witnessBytes())
        #expect(try system.isSatisfied(by: witness) == .satisfied)
        var wrong = witness
        wrong[50] += .one  // int[46], defined by constraint 46 and used by constraint 47
        guard case let .unsatisfied(failure) = try system.isSatisfied(by: wrong) else {
            Issue.record("a changed signal satisfies the system")
            return
        }
        #expect(failure.index == 46 && failure.label == "r1cs constraint 46")
        // A system with one B entry changed, or a different shape, is not this key's.
        var constraints = system.constraints
        constraints[7] = Constraint(a: constraints[7].a, b: constraints[7].b * Fr(2), c: constraints[7].c, label: "changed")
        #expect(!key.matches(try ConstraintSystem(publicInputCount: 1, privateVariableCount: 101, constraints: constraints)))
        #expect(!key.matches(try ConstraintSystem(publicInputCount: 2, privateVariableCount: 100, constraints: system.constraints)))
    }
}
