import Foundation
import SheafCircom
import SheafField
import SheafGroth16
import Testing

/// `../shared/vectors/circom/multiplier100` (real circom 2.1 output) and the zkey
/// of the same circuit in `../shared/vectors/snarkjs/snarkjs-test-groth16`.
enum CircomVectors {
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/vectors")
    static let multiplier = shared.appendingPathComponent("circom/multiplier100")
    static let zkey = shared.appendingPathComponent("snarkjs/snarkjs-test-groth16/circuit.zkey")
    static var available: Bool { FileManager.default.fileExists(atPath: multiplier.path) }
    static let absentMessage: Comment = "../shared/vectors/circom is absent (it sits beside the repository in CI)"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: multiplier.appendingPathComponent(name)))
    }

    static func calculator() throws -> CircomWitnessCalculator {
        try CircomWitnessCalculator(wasm: bytes("circuit.wasm"))
    }
}

/// snarkjs's own test vector for Multiplier(1000) (snarkjs v0.7.6,
/// test/groth16: circuit.wasm, circuit.r1cs, input.json, witness.wtns), where
/// `../shared/vectors/circom/multiplier1000` holds it. It is not committed here:
/// the project keeps fetched data in ../shared only. It is needed because
/// `circom/multiplier100/circuit.wasm` there is snarkjs's Multiplier(10) build
/// (14 witness values against the .r1cs's 103).
enum Multiplier1000 {
    static let directory = CircomVectors.shared.appendingPathComponent("circom/multiplier1000")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("circuit.wasm").path) }
    static let absentMessage: Comment = "../shared/vectors/circom/multiplier1000 (snarkjs v0.7.6 test/groth16) is absent"
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

@Suite("circom witness calculator: snarkjs's Multiplier(1000)", .enabled(if: Multiplier1000.available, Multiplier1000.absentMessage))
struct CircomMultiplier1000Tests {
    @Test func reproducesSnarkjsWitnessByteForByteAndSatisfiesTheR1CS() throws {
        let calculator = try CircomWitnessCalculator(wasm: Multiplier1000.bytes("circuit.wasm"))
        let inputs = try CircomInputs(json: Multiplier1000.bytes("input.json"))
        let expectedFile = try Multiplier1000.bytes("witness.wtns")
        let witness = try calculator.calculate(inputs: inputs)
        #expect(witness == (try SnarkJS.decodeWitness(expectedFile)), "value for value")
        #expect(try calculator.witnessFile(inputs: inputs) == expectedFile, "byte for byte")
        let system = try SnarkJS.decodeConstraintSystem(Multiplier1000.bytes("circuit.r1cs"))
        #expect(calculator.witnessSize == system.variableCount)
        #expect(try system.isSatisfied(by: witness) == .satisfied)
        // Other inputs (negative b) still satisfy it.
        #expect(try system.isSatisfied(by: calculator.calculate(inputs: CircomInputs(["a": 7, "b": -5]))) == .satisfied)
    }

    /// From circuit.wasm and input.json to a verified proof with no Node.js: a
    /// seeded (INSECURE) key for the real .r1cs stands in for a zkey, which
    /// snarkjs's vector does not include.
    @Test func provesFromTheWasmWitness() throws {
        let calculator = try CircomWitnessCalculator(wasm: Multiplier1000.bytes("circuit.wasm"))
        let system = try SnarkJS.decodeConstraintSystem(Multiplier1000.bytes("circuit.r1cs"))
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: 17)
        let witness = try calculator.calculate(inputs: CircomInputs(["a": 11, "b": 2]))
        var rng = SeededGenerator(seed: 1)
        let proof = try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng)
        let publicInputs = try system.publicInputs(from: witness)
        #expect(publicInputs == [witness[1], Fr(11)], "c, then the public input a")
        #expect(try Groth16.verify(proof: proof, publicInputs: publicInputs, key: key.verifyingKey))
        #expect(try !Groth16.verify(proof: proof, publicInputs: [witness[1], Fr(12)], key: key.verifyingKey))
    }
}

@Suite("circom witness calculator: ../shared multiplier100", .enabled(if: CircomVectors.available, CircomVectors.absentMessage))
struct CircomMultiplierTests {
    /// The shared `circuit.wasm` is upstream's Multiplier(10) build (see
    /// Multiplier1000 above): its witness is [1, c, a, b, int[0…9]],
    /// which must equal the matching values of the Multiplier(100) witness.wtns
    /// (the chain is the same), with c = int[9].
    @Test func theSharedWasmIsMultiplier10AndAgreesWithTheWitnessPrefix() throws {
        let calculator = try CircomVectors.calculator()
        #expect(calculator.circomVersion.hasPrefix("2."))
        #expect(calculator.witnessSize == 14, "if this fails, the shared wasm was rebuilt: test it byte for byte against witness.wtns")
        let inputs = try CircomInputs(json: CircomVectors.bytes("input.json"))
        let witness = try calculator.calculate(inputs: inputs)
        let hundred = try SnarkJS.decodeWitness(CircomVectors.bytes("witness.wtns"))
        #expect(witness.count == 14)
        #expect(Array(witness[2...13]) == Array(hundred[2...13]))
        #expect(witness[1] == hundred[13])
        var x = Fr(2) * Fr(2) + Fr(3)
        for _ in 1..<10 { x = x * x + Fr(3) }
        #expect(witness[1] == x)
    }

    @Test func aWitnessOfAnotherCircuitIsRefusedByTheZkey() throws {
        let calculator = try CircomVectors.calculator()
        let witness = try calculator.calculate(inputs: CircomInputs(["a": 2, "b": 3]))
        let key = try SnarkJS.readProvingKey(atPath: CircomVectors.zkey.path)
        #expect(throws: SnarkJSFileError.wrongWitnessLength(expected: 103, got: 14)) { try key.prove(witness: witness) }
    }

    @Test func negativeAndOversizedValuesAreTakenModR() throws {
        let calculator = try CircomVectors.calculator()
        let r = "21888242871839275222246405745257275088548364400416034343698204186575808495617"
        let reference = try calculator.calculate(inputs: CircomInputs(["a": 2, "b": 3]))
        // a = 2 - r ≡ 2, b = 3 + r ≡ 3; hex and JSON numbers too.
        let reduced = try calculator.calculate(inputs: CircomInputs(json: Array(#"{"a": -21888242871839275222246405745257275088548364400416034343698204186575808495615, "b": "0x3"}"#.utf8)))
        #expect(reduced == reference)
        let minusOne = try calculator.calculate(inputs: CircomInputs(["a": -1, "b": 3]))
        let rMinusOne = try calculator.calculate(inputs: CircomInputs(["a": .integer(String(r.dropLast()) + "6"), "b": 3]))
        #expect(minusOne == rMinusOne)
        #expect(minusOne[2] == Fr.zero - Fr.one)
    }

    @Test func wrongInputsAreNamed() throws {
        let calculator = try CircomVectors.calculator()
        func error(_ json: String) -> CircomWitnessError? {
            do {
                _ = try calculator.calculate(inputs: CircomInputs(json: Array(json.utf8)))
                return nil
            } catch { return error }
        }
        #expect(error(#"{"a": 2, "b": 3, "c": 4}"#) == .unknownSignal("c"))
        #expect(error(#"{"a": 2, "bee": 3}"#) == .unknownSignal("bee"))
        #expect(error(#"{"a": [2, 5], "b": 3}"#) == .wrongSignalSize(signal: "a", expected: 1, got: 2))
        #expect(error(#"{"a": [], "b": 3}"#) == .wrongSignalSize(signal: "a", expected: 1, got: 0))
        #expect(error(#"{"a": [[1, 2], [3]], "b": 3}"#) == .raggedArray(signal: "a"))
        #expect(error(#"{"a": 2}"#) == .missingInputs(expected: 2, got: 1, missing: []))
        #expect(error(#"{"a": 2.5, "b": 3}"#) == .notAnInteger(signal: "a", value: "'2.5'"))
        #expect(error(#"{"a": "two", "b": 3}"#) == .notAnInteger(signal: "a", value: "'\"two\"'"))
        #expect(error(#"{"a": true, "b": 3}"#) == .notAnInteger(signal: "a", value: "'true'"))
        #expect(error(#"{"a": 2, "a": 3}"#) == .malformedInput("the key 'a' appears twice in one object"))
        #expect(error(#"[2, 3]"#) == .malformedInput("the top level must be an object of input signals, like {\"a\": 3}"))
        if case .malformedInput? = error(#"{"a": 2, "b": "#) {} else { Issue.record("truncated JSON") }
        if case .malformedInput? = error(String(repeating: "[", count: 10_000)) {} else { Issue.record("deep nesting") }
        for e in [error(#"{"a": 2, "b": 3, "c": 4}"#), error(#"{"a": [2, 5], "b": 3}"#), error(#"{"a": 2}"#)] {
            #expect(e.map { !$0.description.contains("\n") } == true)
        }
    }

    @Test func oneCalculatorServesManyCalculations() throws {
        let calculator = try CircomVectors.calculator()
        // A failed calculation leaves nothing behind for the next one.
        #expect(throws: CircomWitnessError.unknownSignal("z")) { try calculator.calculate(inputs: CircomInputs(["a": 1, "z": 1])) }
        let first = try calculator.calculate(inputs: CircomInputs(["a": 2, "b": 3]))
        let second = try calculator.calculate(inputs: CircomInputs(["a": 2, "b": 3]))
        #expect(first == second)
    }

    @Test func truncatedModulesAreRefused() throws {
        let wasm = try CircomVectors.bytes("circuit.wasm")
        var lengths = Array(stride(from: 0, to: wasm.count, by: 97)) + [wasm.count - 1, 8, 4, 1]
        lengths.sort()
        for length in lengths {
            #expect(throws: CircomWitnessError.self, "truncated to \(length) bytes") {
                _ = try CircomWitnessCalculator(wasm: Array(wasm.prefix(length)))
            }
        }
    }

    @Test func bitFlippedModulesGiveTypedErrorsOrAWitness() throws {
        let wasm = try CircomVectors.bytes("circuit.wasm")
        var rng = SeededGenerator(seed: 17)
        var outcomes: [String: Int] = [:]
        for _ in 0..<300 {
            var flipped = wasm
            let position = Int.random(in: 0..<wasm.count, using: &rng)
            flipped[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            do {
                // A flipped module may loop forever: bound it.
                let calculator = try CircomWitnessCalculator(wasm: flipped, limits: .init(maxInstructions: 50_000_000))
                _ = try calculator.calculate(inputs: CircomInputs(["a": 2, "b": 3]))
                outcomes["witness", default: 0] += 1
            } catch {
                let kind = String(describing: error).prefix(20)
                outcomes[String(kind), default: 0] += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(outcomes.values.reduce(0, +) == 300)
    }

    @Test func notAWasmFileIsOneLine() throws {
        for bytes: [UInt8] in [[], Array("not wasm at all".utf8), try CircomVectors.bytes("circuit.r1cs"),
                               [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]] {
            do {
                _ = try CircomWitnessCalculator(wasm: bytes)
                Issue.record("accepted \(bytes.count) bytes")
            } catch {
                #expect(!error.description.contains("\n"))
                switch error {
                case .notWebAssembly, .notAWitnessCalculator: break
                default: Issue.record("unexpected \(error)")
                }
            }
        }
    }

    @Test func signalHashIsCircomsFNV1a() {
        #expect(CircomWitnessCalculator.signalHash("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(CircomWitnessCalculator.signalHash("b") == 0xAF63_DF4C_8601_F1A5)
        #expect(CircomWitnessCalculator.signalHash("") == 0xCBF2_9CE4_8422_2325)
    }
}
