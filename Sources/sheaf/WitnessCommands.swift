import ArgumentParser
import Foundation
import Sheaf

/// `sheaf witness`: circom's witness calculator without Node.js, like
/// `snarkjs wtns calculate`.
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Compute a circom witness (.wtns) from the circuit's circuit.wasm and input.json, like `snarkjs wtns calculate`.",
        discussion: """
            The .wasm is the witness calculator `circom --wasm` writes (circuit_js/circuit.wasm, circom 2.1 \
            or later, default prime bn128); it runs in WasmKit, an interpreter, with no Node.js. input.json \
            maps the main component's input signals to integers (numbers or decimal strings; negative values \
            are taken mod r), nested arrays for array signals. The .wtns written is byte for byte snarkjs's. \
            Lines the circuit prints with log() go to standard error. A failed assert or === in the circuit \
            is reported with the circuit's own message (exit 2).
            """)

    @Option(name: .long, help: "The circuit's witness calculator (circuit_js/circuit.wasm).")
    var wasm: String

    @Option(name: .long, help: "The circuit's inputs (input.json).")
    var input: String

    @Option(name: .long, help: "Where to write the witness (.wtns).")
    var out: String

    func run() throws {
        try reportingErrors("witness", hint: "see `sheaf witness --help`") {
            let start = Date()
            let witness = try calculateWitness(wasm: wasm, input: input, verb: "witness")
            let seconds = Date().timeIntervalSince(start)
            try writeFileBytes(SnarkJS.encodeWitness(witness), to: out, verb: "witness")
            print("computed \(witness.count) witness values in \(String(format: "%.3f", seconds)) s; wrote \(out)")
        }
    }
}

/// Loads the calculator and the inputs and computes the witness, turning every
/// failure into one line naming the file at fault.
func calculateWitness(wasm: String, input: String, verb: String) throws -> [Fr] {
    let calculator: CircomWitnessCalculator
    do { calculator = try CircomWitnessCalculator(contentsOfFile: wasm) } catch {
        throw UserError(verb: verb, message: "\(wasm): \(error)", hint: "give the circuit's circom witness calculator")
    }
    let inputBytes: [UInt8]
    do { inputBytes = try BoundedFile.read(atPath: input, limit: CircomInputs.Limits.maxDocumentBytes, regularFileOnly: false) } catch {
        throw UserError(verb: verb, message: "cannot read \(input): \(error.reason)", hint: "give the circuit's input.json")
    }
    do throws(CircomWitnessError) {
        let inputs = try CircomInputs(json: inputBytes)
        return try calculator.calculate(inputs: inputs) { line in
            FileHandle.standardError.write(Data("circuit log: \(line)\n".utf8))
        }
    } catch {
        let hint: String
        switch error {
        case .circuitRejected: hint = "the inputs do not satisfy the circuit's checks"
        case .calculatorFailed: hint = "check that \(wasm) is circom's own output"
        default: hint = "fix \(input)"
        }
        throw UserError(verb: verb, message: "\(input): \(error)", hint: hint)
    }
}

/// `sheaf export vk`: a `.zkey`'s verifying key as snarkjs's
/// `verification_key.json`, like `snarkjs zkey export verificationkey`.
struct ExportVKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vk",
        abstract: "Write a snarkjs .zkey's verifying key as verification_key.json, byte for byte as `snarkjs zkey export verificationkey` does.",
        discussion: "snarkjs writes vk_alphabeta_12, the pairing e(α, β), which verifiers may use instead of computing it; --no-alphabeta leaves it out, as some tools' keys do.")

    @Option(name: .long, help: "A snarkjs Groth16 proving key (.zkey, BN254).")
    var zkey: String

    @Flag(name: .long, help: "Leave out vk_alphabeta_12.")
    var noAlphabeta = false

    @Option(name: .long, help: "Where to write the key (verification_key.json).")
    var out: String

    func run() throws {
        try reportingErrors("export vk", file: zkey, hint: "give a snarkjs Groth16 .zkey for BN254") {
            let key = try SnarkJS.readProvingKey(atPath: zkey)
            try writeFileBytes([UInt8](SnarkJS.encodeVerifyingKey(key.verifyingKey, includeAlphaBeta: !noAlphabeta)), to: out, verb: "export vk")
            print("wrote \(out) (\(key.publicInputCount) public input\(key.publicInputCount == 1 ? "" : "s"))")
        }
    }
}
