import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// `.wtns` and `.r1cs` files on their own (no ../shared needed): the Python-written
/// Multiplier(100) files of `scripts/gen_snarkjs_multiplier.py`, hostile edits of
/// them, and paths that are not files.
@Suite("snarkjs .wtns and .r1cs")
struct SnarkJSWitnessAndR1CSTests {
    @Test func witnessEncoderWritesWhatThePythonWriterWrote() throws {
        let bytes = SnarkJSZkeyTests.witnessBytes()
        #expect(SnarkJS.encodeWitness(try SnarkJS.decodeWitness(bytes)) == bytes)
    }

    @Test func hostileWitnessesGetTheirOwnErrors() throws {
        let good = SnarkJSZkeyTests.witnessBytes()
        func decoding(_ edit: (inout [UInt8]) -> Void) -> SnarkJSFileError? {
            SnarkJSZkeyTests.decodingError(good, edit) { bytes throws(SnarkJSFileError) in _ = try SnarkJS.decodeWitness(bytes) }
        }
        // Layout: magic, version, 2 sections; section 1 at 24 (n8, r, count), section 2 at 24 + 40 + 12.
        let values = 24 + 40 + 12
        #expect(decoding { $0[3] = UInt8(ascii: "x") } == .notThisFormat(expected: "wtns"))
        #expect(decoding { SnarkJSZkeyTests.writeU32(1, into: &$0, at: 4) } == .unsupportedVersion(format: "wtns", version: 1))
        if case .unsupportedField? = decoding({ $0[28] ^= 1 }) {} else { Issue.record("a witness for another prime decoded") }
        #expect(decoding { SnarkJSZkeyTests.writeU32(104, into: &$0, at: 24 + 36) } == .wrongSectionSize("wtns values", expected: 104 * 32, actual: 103 * 32))
        #expect(decoding { SnarkJSZkeyTests.writeLimbs(Fr.modulus, into: &$0, at: values + 32 * 5) } == .scalarNotInField("wtns values: value 5"))
        #expect(decoding { $0[values] = 2 } == .witnessConstantNotOne)
        #expect(decoding { $0.removeLast() } == .truncated(".wtns file: section 2 (3296 bytes declared)"))
        #expect(throws: SnarkJSFileError.self) { try SnarkJS.decodeWitness([]) }
    }

    @Test func devicesAndMissingFilesAreUnreadableNotRead() {
        #expect(throws: SnarkJSFileError.unreadableFile(path: "/dev/zero", reason: "not a regular file")) {
            try SnarkJS.readProvingKey(atPath: "/dev/zero")
        }
        #expect(throws: SnarkJSFileError.unreadableFile(path: "/", reason: "it is a directory, not a file")) {
            try SnarkJS.readWitness(atPath: "/")
        }
        do {
            _ = try SnarkJS.readWitness(atPath: "/nonexistent/witness.wtns")
            Issue.record("a missing file was read")
        } catch {
            if case .unreadableFile(let path, let reason) = error {
                #expect(path == "/nonexistent/witness.wtns")
                #expect(reason == "the file does not exist", "a plain reason, not the system's")
            } else {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func sheafsOwnSetupProvesTheDecodedCircuit() throws {
        let system = try SnarkJS.decodeConstraintSystem(SnarkJSZkeyTests.r1csBytes())
        let witness = try SnarkJS.decodeWitness(SnarkJSZkeyTests.witnessBytes())
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: 5)
        var rng = SeededGenerator(seed: 15)
        let proof = try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [witness[1]], key: key.verifyingKey))
    }

    @Test func hostileConstraintSystemsGetTheirOwnErrors() throws {
        let good = SnarkJSZkeyTests.r1csBytes()
        func decoding(_ edit: (inout [UInt8]) -> Void) -> SnarkJSFileError? {
            SnarkJSZkeyTests.decodingError(good, edit) { bytes throws(SnarkJSFileError) in _ = try SnarkJS.decodeConstraintSystem(bytes) }
        }
        // Layout: 12-byte container header; section 1 (12-byte section header, 64
        // bytes); section 2 starts at 12 + 12 + 64 + 12 = 100.
        let header = 24, constraints = 100
        #expect(decoding { $0[0] = UInt8(ascii: "x") } == .notThisFormat(expected: "r1cs"))
        if case .unsupportedField? = decoding({ $0[header + 4] ^= 1 }) {} else { Issue.record("another prime decoded") }
        #expect(decoding { SnarkJSZkeyTests.writeU32(3, into: &$0, at: header + 36) }
                == .invalidHeader("nWires (3) is less than 1 + nPubOut + nPubIn + nPrvIn (4)"))
        // mConstraints far beyond what the section can hold: refused before allocating.
        #expect(decoding { SnarkJSZkeyTests.writeU32(0xffff_ffff, into: &$0, at: header + 60) }
                == .wrongSectionSize("r1cs constraints", expected: 0xffff_ffff * 12, actual: good.count - constraints - 12 - 103 * 8))
        // One constraint fewer leaves the last one's bytes over.
        if case .trailingBytes? = decoding({ SnarkJSZkeyTests.writeU32(99, into: &$0, at: header + 60) }) {} else {
            Issue.record("leftover constraint bytes were accepted")
        }
        // Constraint 0, A: term count, then wire 2 and coefficient 1.
        #expect(decoding { SnarkJSZkeyTests.writeU32(103, into: &$0, at: constraints + 4) }
                == .invalidHeader("constraint 0 A uses wire 103, but nWires is 103"))
        #expect(decoding { SnarkJSZkeyTests.writeLimbs(Fr.modulus, into: &$0, at: constraints + 8) }
                == .scalarNotInField("r1cs constraints: constraint 0 A coefficient"))
        #expect(decoding { SnarkJSZkeyTests.writeU32(0x0fff_ffff, into: &$0, at: constraints) }
                == .truncated("r1cs constraints: constraint 0 A (268435455 terms)"))
        #expect(decoding { bytes in
            bytes += [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            SnarkJSZkeyTests.writeU32(4, into: &bytes, at: 8)
        } == .invalidHeader("the .r1cs uses custom gates (section 4), which only PLONK supports"))
        for length in stride(from: 0, to: good.count, by: 97) {
            #expect(throws: SnarkJSFileError.self, "cut to \(length)") { try SnarkJS.decodeConstraintSystem(Array(good[..<length])) }
        }
    }
}
