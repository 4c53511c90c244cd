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

/// `sheaf prove`: proves a fresh example statement of one application circuit.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove a fresh example statement of a built-in circuit and write snarkjs files.",
        discussion: "The proving key comes from the circuit's seeded (INSECURE) setup, the same one as Fixtures/ for the default seed, so the verification key matches the fixture's. The statement and the blinding are fresh randomness.")

    @Option(name: .long, help: "rollup, note-spend or wallet-recovery.")
    var circuit: String

    @Option(name: .long, help: "Directory to write verification_key.json, proof.json and public.json into.")
    var out: String

    @Option(name: .long, help: "The setup seed (defaults to the fixtures' seed).")
    var setupSeed: UInt64?

    func run() throws {
        try reportingErrors("prove", hint: "see `sheaf prove --help`") {
            guard let application = ExampleApplication(rawValue: circuit) else {
                throw UserError(verb: "prove", message: "unknown circuit '\(circuit)'",
                                hint: "use one of \(ExampleApplication.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                throw UserError(verb: "prove", message: "cannot create \(out)", hint: "check the path and permissions")
            }
            let key = try application.insecureProvingKey(seed: setupSeed ?? application.fixtureSeed)
            var rng = SystemRandomNumberGenerator()
            let start = Date()
            let (proof, inputs) = try application.proveExample(key: key, using: &rng)
            let seconds = Date().timeIntervalSince(start)
            try writeFileBytes([UInt8](SnarkJS.encodeVerifyingKey(key.verifyingKey)), to: out + "/verification_key.json", verb: "prove")
            try writeFileBytes([UInt8](SnarkJS.encodeProof(proof)), to: out + "/proof.json", verb: "prove")
            try writeFileBytes([UInt8](SnarkJS.encodePublicInputs(inputs)), to: out + "/public.json", verb: "prove")
            print("proved a \(circuit) statement in \(String(format: "%.2f", seconds)) s; wrote \(out)/{verification_key,proof,public}.json (setup key INSECURE)")
        }
    }
}
