import ArgumentParser
import Foundation
import Sheaf

/// `sheaf fixtures`: regenerates `Fixtures/` from fixed seeds.
struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Regenerate the snarkjs fixtures of the three application circuits and the commit-and-prove one (fixed seeds, INSECURE keys).")

    @Option(name: .long, help: "The directory to write (one subdirectory per circuit).")
    var out = "Fixtures"

    func run() throws {
        try reportingErrors("fixtures", hint: "check that the output directory is writable") {
            var fixtures = try ExampleApplication.allCases.map { (name: $0.rawValue, files: try FixtureFiles.make($0)) }
            fixtures.append((FixtureFiles.committedExamplePath, try FixtureFiles.makeCommittedExample()))
            for (name, files) in fixtures {
                let dir = out + "/" + name
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw UserError(verb: "fixtures", message: "cannot create \(dir)", hint: "check the path and permissions")
                }
                try writeFileBytes(files.verificationKey, to: dir + "/verification_key.json", verb: "fixtures")
                try writeFileBytes(files.proof, to: dir + "/proof.json", verb: "fixtures")
                try writeFileBytes(files.publicInputs, to: dir + "/public.json", verb: "fixtures")
                print("wrote \(dir)/{verification_key,proof,public}.json")
            }
            print("keys are seed-derived and INSECURE: fixtures for tests and demos only")
        }
    }
}

/// `sheaf prove`: proves a fresh example statement of a built-in circuit, or a
/// circom witness with a snarkjs proving key.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove with a snarkjs .zkey and a circom witness (.wtns, or computed from circuit.wasm and input.json), or prove a fresh example statement of a built-in circuit; writes snarkjs files.",
        discussion: """
            With --zkey and --witness: the proving key and the witness come from circom/snarkjs \
            (`snarkjs groth16 setup`, `snarkjs wtns calculate`); the proof is checked against the key's \
            own verifying key before it is written, so a witness that does not satisfy the circuit is \
            reported (exit 2) instead of producing an invalid proof.
            With --zkey, --wasm and --input: the witness is computed first from circom's witness \
            calculator (circuit_js/circuit.wasm) and the circuit's input.json, as `sheaf witness` does, \
            with no Node.js: the whole of `snarkjs groth16 fullprove`.
            With --circuit: the proving key comes from the circuit's seeded (INSECURE) setup, the same \
            one as Fixtures/ for the default seed, so the verification key matches the fixture's. The \
            statement and the blinding are fresh randomness.
            """)

    @Option(name: .long, help: "A built-in circuit: rollup, note-spend or wallet-recovery.")
    var circuit: String?

    @Option(name: .long, help: "A snarkjs Groth16 proving key (.zkey, BN254); needs --witness.")
    var zkey: String?

    @Option(name: .long, help: "A circom witness (.wtns) for the --zkey circuit.")
    var witness: String?

    @Option(name: .long, help: "Instead of --witness: the circuit's circom witness calculator (circuit.wasm); needs --input.")
    var wasm: String?

    @Option(name: .long, help: "With --wasm: the circuit's inputs (input.json).")
    var input: String?

    @Option(name: .long, help: "Optional with --zkey: the circuit's circom .r1cs, to name the first constraint a bad witness breaks.")
    var r1cs: String?

    @Option(name: .long, help: "Directory to write verification_key.json, proof.json and public.json into.")
    var out: String

    @Option(name: .long, help: "The setup seed for --circuit (defaults to the fixtures' seed).")
    var setupSeed: UInt64?

    func run() throws {
        try reportingErrors("prove", hint: "see `sheaf prove --help`") {
            if r1cs != nil, zkey == nil {
                throw UserError(verb: "prove", message: "--r1cs goes with --zkey and --witness", hint: "see `sheaf prove --help`")
            }
            if (wasm == nil) != (input == nil) {
                throw UserError(verb: "prove", message: "--wasm and --input go together", hint: "give the circuit's circuit.wasm and input.json")
            }
            if let wasmPath = wasm, let inputPath = input {
                guard circuit == nil, witness == nil else {
                    throw UserError(verb: "prove", message: "--wasm and --input replace --witness and go with --zkey only",
                                    hint: "see `sheaf prove --help`")
                }
                guard let zkeyPath = zkey else {
                    throw UserError(verb: "prove", message: "--wasm and --input need --zkey", hint: "give the circuit's snarkjs .zkey")
                }
                guard setupSeed == nil else {
                    throw UserError(verb: "prove", message: "--setup-seed applies to --circuit only", hint: "a .zkey carries its own setup")
                }
                try proveZkey(zkeyPath, witnessFrom: .calculated(wasm: wasmPath, input: inputPath))
                return
            }
            switch (circuit, zkey, witness) {
            case let (name?, nil, nil):
                try proveBuiltIn(name)
            case let (nil, zkeyPath?, witnessPath?):
                guard setupSeed == nil else {
                    throw UserError(verb: "prove", message: "--setup-seed applies to --circuit only",
                                    hint: "a .zkey carries its own setup")
                }
                try proveZkey(zkeyPath, witnessFrom: .file(witnessPath))
            case (nil, _?, nil), (nil, nil, _?):
                throw UserError(verb: "prove", message: "--zkey and --witness go together", hint: "give both files")
            default:
                throw UserError(verb: "prove", message: "give either --circuit or --zkey with --witness",
                                hint: "see `sheaf prove --help`")
            }
        }
    }

    func makeOutputDirectory() throws {
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw UserError(verb: "prove", message: "cannot create \(out)", hint: "check the path and permissions")
        }
    }

    func writeSnarkJSFiles(key: VerifyingKey, proof: Groth16Proof, inputs: [Fr]) throws {
        try writeFileBytes([UInt8](SnarkJS.encodeVerifyingKey(key)), to: out + "/verification_key.json", verb: "prove")
        try writeFileBytes([UInt8](SnarkJS.encodeProof(proof)), to: out + "/proof.json", verb: "prove")
        try writeFileBytes([UInt8](SnarkJS.encodePublicInputs(inputs)), to: out + "/public.json", verb: "prove")
    }

    func proveBuiltIn(_ name: String) throws {
        guard let application = ExampleApplication(rawValue: name) else {
            throw UserError(verb: "prove", message: "unknown circuit '\(name)'",
                            hint: "use one of \(ExampleApplication.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try makeOutputDirectory()
        let key = try application.insecureProvingKey(seed: setupSeed ?? application.fixtureSeed)
        var rng = SystemRandomNumberGenerator()
        let start = Date()
        let (proof, inputs) = try application.proveExample(key: key, using: &rng)
        let seconds = Date().timeIntervalSince(start)
        try writeSnarkJSFiles(key: key.verifyingKey, proof: proof, inputs: inputs)
        print("proved a \(name) statement in \(String(format: "%.2f", seconds)) s; wrote \(out)/{verification_key,proof,public}.json (setup key INSECURE)")
    }

    /// Where the witness for `--zkey` comes from.
    enum WitnessSource {
        case file(String)
        case calculated(wasm: String, input: String)
    }

    func proveZkey(_ zkeyPath: String, witnessFrom source: WitnessSource) throws {
        let key: SnarkJSProvingKey
        do { key = try SnarkJS.readProvingKey(atPath: zkeyPath) } catch {
            throw UserError(verb: "prove", message: "\(zkeyPath): \(error)", hint: "give a snarkjs Groth16 .zkey for BN254")
        }
        let witness: [Fr]
        var witnessNote = ""
        switch source {
        case let .file(witnessPath):
            do { witness = try SnarkJS.readWitness(atPath: witnessPath) } catch {
                throw UserError(verb: "prove", message: "\(witnessPath): \(error)", hint: "give a circom .wtns witness")
            }
        case let .calculated(wasmPath, inputPath):
            let start = Date()
            witness = try calculateWitness(wasm: wasmPath, input: inputPath, verb: "prove")
            witnessNote = "witness (\(witness.count) values) in \(String(format: "%.3f", Date().timeIntervalSince(start))) s, "
            guard witness.count == key.variableCount else {
                throw UserError(verb: "prove", message: "\(wasmPath) computes \(witness.count) witness values but \(zkeyPath)'s circuit has \(key.variableCount) variables",
                                hint: "give the circuit.wasm and the .zkey of the same circuit")
            }
        }
        if let r1csPath = r1cs { try checkWitness(witness, against: r1csPath, key: key) }
        try makeOutputDirectory()
        let start = Date()
        let (proof, inputs): (Groth16Proof, [Fr])
        do { (proof, inputs) = try key.prove(witness: witness) } catch {
            throw UserError(verb: "prove", message: "\(error)", hint: "compute the witness for this circuit with `snarkjs wtns calculate`")
        }
        let seconds = Date().timeIntervalSince(start)
        try writeSnarkJSFiles(key: key.verifyingKey, proof: proof, inputs: inputs)
        print("proved with \(zkeyPath) (\(key.variableCount) variables, domain \(key.domainSize)): \(witnessNote)proof in \(String(format: "%.2f", seconds)) s; wrote \(out)/{verification_key,proof,public}.json")
    }

    /// With `--r1cs`: the constraint system must be the zkey's circuit, and the
    /// witness must satisfy it (else the first broken constraint is named).
    func checkWitness(_ witness: [Fr], against r1csPath: String, key: SnarkJSProvingKey) throws {
        let system: ConstraintSystem
        do { system = try SnarkJS.readConstraintSystem(atPath: r1csPath) } catch {
            throw UserError(verb: "prove", message: "\(r1csPath): \(error)", hint: "give the circuit's circom .r1cs")
        }
        guard key.matches(system) else {
            throw UserError(verb: "prove", message: "\(r1csPath) is not the circuit of the .zkey (its A and B matrices or sizes differ)",
                            hint: "give the .r1cs the .zkey was set up from")
        }
        let result: SatisfactionResult
        do { result = try system.isSatisfied(by: witness) } catch {
            throw UserError(verb: "prove", message: "\(error)", hint: "compute the witness for this circuit with `snarkjs wtns calculate`")
        }
        if case let .unsatisfied(failure) = result {
            throw UserError(verb: "prove", message: "the witness breaks constraint \(failure.index) of \(r1csPath)",
                            hint: "compute the witness for this circuit with `snarkjs wtns calculate`")
        }
    }
}
