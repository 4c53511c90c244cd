import Foundation
import Sheaf
import Testing

/// `sheaf witness`, `sheaf prove --wasm … --input …` and `sheaf export vk`.
@Suite("CLI: circom witness, prove --wasm, export vk")
struct CircomCLITests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let shared = tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/vectors").path
    /// snarkjs v0.7.6's test/groth16 Multiplier(1000), where ../shared holds it
    /// (see SheafCircomTests' Multiplier1000 for why it is needed).
    static let multiplier1000 = shared + "/circom/multiplier1000"
    static var multiplier1000Available: Bool { FileManager.default.fileExists(atPath: multiplier1000 + "/circuit.wasm") }
    static let sharedZkey = shared + "/snarkjs/snarkjs-test-groth16/circuit.zkey"
    static let sharedVK = shared + "/snarkjs/snarkjs-test-groth16/verification_key.json"
    static let sharedCircom = shared + "/circom/multiplier100"
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: sharedCircom) }

    @Test(.enabled(if: CircomCLITests.multiplier1000Available, "../shared/vectors/circom/multiplier1000 is absent"))
    func witnessIsSnarkjsByteForByte() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("witness.wtns").path
        let result = try CLI.run(["witness", "--wasm", Self.multiplier1000 + "/circuit.wasm",
                                  "--input", Self.multiplier1000 + "/input.json", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("computed 1003 witness values"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: Self.multiplier1000 + "/witness.wtns")))
    }

    @Test(.enabled(if: CircomCLITests.sharedAvailable, "../shared/vectors/circom is absent"))
    func witnessErrorsAreOneLine() throws {
        let dir = try CLI.temporaryDirectory()
        let input = dir.appendingPathComponent("input.json")
        let out = dir.appendingPathComponent("w.wtns").path
        let wasm = Self.sharedCircom + "/circuit.wasm"
        for (json, expected) in [(#"{"a": 1, "b": 2, "c": 3}"#, "'c', which is not an input signal"),
                                 (#"{"a": [1, 2], "b": 2}"#, "input signal 'a' takes 1 value but input.json gives 2"),
                                 (#"{"a": 1}"#, "the circuit takes 2 input values but input.json gives 1"),
                                 (#"{"a": 1.5, "b": 2}"#, "'1.5' is not an integer"),
                                 (#"{"a": 1, "b": "#, "invalid JSON")] {
            try Data(json.utf8).write(to: input)
            let result = try CLI.run(["witness", "--wasm", wasm, "--input", input.path, "--out", out])
            #expect(result.status == 2, "\(json)")
            #expect(result.stderr.contains(expected), "\(json): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        // A file that is not a witness calculator.
        try Data(#"{"a": 1, "b": 2}"#.utf8).write(to: input)
        let notWasm = try CLI.run(["witness", "--wasm", Self.sharedCircom + "/circuit.r1cs", "--input", input.path, "--out", out])
        #expect(notWasm.status == 2)
        #expect(notWasm.stderr.contains("not a WebAssembly module"), "\(notWasm.stderr)")
        #expect(notWasm.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(.enabled(if: CircomCLITests.sharedAvailable)) func exportVKIsSnarkjsByteForByte() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("verification_key.json").path
        // The shared key was extracted without vk_alphabeta_12: --no-alphabeta gives it byte for byte.
        let bare = try CLI.run(["export", "vk", "--zkey", Self.sharedZkey, "--out", out, "--no-alphabeta"])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: Self.sharedVK)))
        // By default, as `snarkjs zkey export verificationkey`: the same key with e(α, β) added
        // after vk_delta_2 (the layout the other shared vectors, snarkjs's own files, have).
        let result = try CLI.run(["export", "vk", "--zkey", Self.sharedZkey, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let full = try Data(contentsOf: URL(fileURLWithPath: out))
        let key = try SnarkJS.decodeVerifyingKey(full)
        #expect(key == (try SnarkJS.decodeVerifyingKey(Data(contentsOf: URL(fileURLWithPath: Self.sharedVK)))))
        #expect(full == SnarkJS.encodeVerifyingKey(key, includeAlphaBeta: true))
        #expect(String(decoding: full, as: UTF8.self).contains("\"vk_alphabeta_12\": ["))
        // A proof from the zkey and snarkjs's witness verifies under the exported key.
        let proved = dir.appendingPathComponent("proved").path
        let prove = try CLI.run(["prove", "--zkey", Self.sharedZkey, "--witness", Self.sharedCircom + "/witness.wtns", "--out", proved])
        #expect(prove.status == 0, "\(prove.stderr)")
        let verify = try CLI.run(["verify", "--vk", out, "--proof", proved + "/proof.json", "--public", proved + "/public.json"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let notZkey = try CLI.run(["export", "vk", "--zkey", Self.sharedVK, "--out", out])
        #expect(notZkey.status == 2)
        #expect(notZkey.stderr.split(separator: "\n").count == 1)
    }

    @Test(.enabled(if: CircomCLITests.sharedAvailable)) func proveWithWasmChecksTheCircuitsAgree() throws {
        // ../shared's circuit.wasm is upstream's Multiplier(10) build, the zkey Multiplier(100):
        // the mismatch is reported, not proved.
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["prove", "--wasm", Self.sharedCircom + "/circuit.wasm", "--input", Self.sharedCircom + "/input.json",
                                  "--zkey", Self.sharedZkey, "--out", dir.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("computes 14 witness values but"), "\(result.stderr)")
        let missing = try CLI.run(["prove", "--wasm", Self.sharedCircom + "/circuit.wasm", "--zkey", Self.sharedZkey, "--out", dir.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--wasm and --input go together"))
    }
}
