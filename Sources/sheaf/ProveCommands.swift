import ArgumentParser
import Foundation
import Sheaf

/// `sheaf fixtures`: regenerates `Fixtures/` from fixed seeds.
struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Regenerate the snarkjs fixtures of the three application circuits (fixed seeds, INSECURE keys).")

    @Option(name: .long, help: "The directory to write (one subdirectory per circuit).")
    var out = "Fixtures"

    func run() throws {
        try reportingErrors("fixtures", hint: "check that the output directory is writable") {
            for application in ExampleApplication.allCases {
                let dir = out + "/" + application.rawValue
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw UserError(verb: "fixtures", message: "cannot create \(dir)", hint: "check the path and permissions")
                }
                let files = try FixtureFiles.make(application)
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
        abstract: "Prove with a snarkjs .zkey and a circom .wtns witness, or prove a fresh example statement of a built-in circuit; writes snarkjs files.",
        discussion: """
            With --zkey and --witness: the proving key and the witness come from circom/snarkjs \
            (`snarkjs groth16 setup`, `snarkjs wtns calculate`); the proof is checked against the key's \
            own verifying key before it is written, so a witness that does not satisfy the circuit is \
            reported (exit 2) instead of producing an invalid proof.
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
            switch (circuit, zkey, witness) {
            case let (name?, nil, nil):
                try proveBuiltIn(name)
            case let (nil, zkeyPath?, witnessPath?):
                guard setupSeed == nil else {
                    throw UserError(verb: "prove", message: "--setup-seed applies to --circuit only",
                                    hint: "a .zkey carries its own setup")
                }
                try proveZkey(zkeyPath, witnessPath)
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

    func proveZkey(_ zkeyPath: String, _ witnessPath: String) throws {
        let key: SnarkJSProvingKey
        do { key = try SnarkJS.readProvingKey(atPath: zkeyPath) } catch {
            throw UserError(verb: "prove", message: "\(zkeyPath): \(error)", hint: "give a snarkjs Groth16 .zkey for BN254")
        }
        let witness: [Fr]
        do { witness = try SnarkJS.readWitness(atPath: witnessPath) } catch {
            throw UserError(verb: "prove", message: "\(witnessPath): \(error)", hint: "give a circom .wtns witness")
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
        print("proved with \(zkeyPath) (\(key.variableCount) variables, domain \(key.domainSize)) in \(String(format: "%.2f", seconds)) s; wrote \(out)/{verification_key,proof,public}.json")
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
