import ArgumentParser
import Foundation
import Sheaf

// Groth16 phase 2 from the CLI (docs/recursion.md, "Setup from powers of tau"):
//   sheaf phase2 new --ptau F.ptau (--bundle B.shb | --r1cs C.r1cs) --out K0.shpk
//   sheaf phase2 contribute --key K0.shpk --out K1.shpk      (each participant)
//   sheaf phase2 verify --ptau F.ptau (--bundle B.shb | --r1cs C.r1cs) --key Kn.shpk
// The circuit is the outer circuit of a bundle's shape (its keys' input counts
// and which key each proof uses), or a circom circuit. The final key is used as
// `sheaf aggregate --outer DIR --outer-key Kn.shpk`.

struct Phase2Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase2",
        abstract: "Make a Groth16 key from a powers-of-tau ceremony (.ptau) and phase-2 contributions, and check one.",
        discussion: "new writes the initial key (δ = 1: INSECURE until someone contributes); contribute multiplies in a fresh secret and forgets it, recording a proof of knowledge; verify recomputes the initial key and checks every contribution. The key is secure if one contributor was honest.",
        subcommands: [Phase2NewCommand.self, Phase2ContributeCommand.self, Phase2VerifyCommand.self])
}

/// Which circuit a phase-2 key is for.
struct Phase2Circuit: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A Sheaf bundle (sheaf aggregate): the key is for the outer circuit of its shape.", valueName: "FILE"))
    var bundle: String?

    @Option(name: .long, help: ArgumentHelp("A circom circuit (.r1cs) instead of --bundle.", valueName: "FILE"))
    var r1cs: String?

    /// The circuit's constraint system and a line describing it.
    func constraintSystem(verb: String) throws -> (ConstraintSystem, String) {
        switch (bundle, r1cs) {
        case let (path?, nil):
            let value: ProofBundle
            do { value = try BundleCodec.decode(try BundleCodec.readFile(atPath: path)) } catch {
                throw UserError(verb: verb, message: "\(path): \(error)", hint: "pass a bundle that sheaf aggregate wrote")
            }
            guard value.committedEntries.isEmpty, value.children.isEmpty, value.entries.allSatisfy({ $0.proof != nil }) else {
                throw UserError(verb: verb, message: "\(path): outer proofs cover plain Groth16 bundles without children or SnarkPack aggregates",
                                hint: "aggregate the applications without --srs")
            }
            let circuit = try OuterCircuit(publicInputCounts: value.keys.map(\.publicInputCount), keyOfProof: value.entries.map(\.keyIndex))
            let system = circuit.shape().constraintSystem()
            return (system, "the outer circuit for \(value.entries.count) proofs under \(value.keys.count) keys")
        case let (nil, path?):
            let system: ConstraintSystem
            do throws(SnarkJSFileError) {
                system = try SnarkJS.decodeConstraintSystem(try SnarkJSBinaryFile.read(atPath: path))
            } catch {
                throw UserError(verb: verb, message: "\(path): \(error)", hint: "pass a circom .r1cs file")
            }
            return (system, "the circuit in \(path)")
        default:
            throw UserError(verb: verb, message: "name the circuit with exactly one of --bundle and --r1cs", hint: "see sheaf phase2 \(verb) --help")
        }
    }

    /// The initial key for the circuit from the ptau file.
    func initialKey(ptau: String, verb: String) throws -> (ProvingKey, String) {
        let (system, what) = try constraintSystem(verb: verb)
        let domain = try QAP.domain(for: system)
        let powers: Phase1Powers
        do { powers = try Phase1Powers.read(ptauAtPath: ptau, domainSize: domain.size) } catch {
            throw UserError(verb: verb, message: "\(ptau): \(error)", hint: "pass a snarkjs .ptau with at least \(domain.size) powers")
        }
        let key = try Phase2.initialKey(constraintSystem: system, powers: powers)
        return (key, "\(what): \(system.constraintCount) constraints, domain \(domain.size)\(powers.lagrange == nil ? " (Lagrange basis computed: the file is not prepared for phase 2)" : "")")
    }
}

func readProvingKey(_ path: String, verb: String) throws -> ProvingKey {
    do { return try ProvingKeyFile.read(atPath: path) } catch {
        throw UserError(verb: verb, message: "\(path): \(error)", hint: "pass a proving-key file that sheaf wrote")
    }
}

struct Phase2NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a circuit's initial phase-2 key from a .ptau (δ = 1: INSECURE until contributed to).")

    @Option(name: .long, help: ArgumentHelp("The powers of tau (snarkjs .ptau, BN254; a prepared one is faster).", valueName: "FILE"))
    var ptau: String

    @OptionGroup var circuit: Phase2Circuit

    @Option(name: .long, help: ArgumentHelp("Where to write the key (.shpk).", valueName: "FILE"))
    var out: String

    func run() throws {
        try reportingErrors("phase2 new") {
            let (key, what) = try circuit.initialKey(ptau: ptau, verb: "phase2 new")
            try writeProvingKey(key, to: out, verb: "phase2 new")
            print("wrote \(out): the initial phase-2 key for \(what)")
            print("warning: δ = 1, so anyone can forge proofs under this key until at least one honest contribution (sheaf phase2 contribute)")
        }
    }
}

struct Phase2ContributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribute",
        abstract: "Add a contribution to a phase-2 key: fresh secrets from the system's generator, used once and forgotten.")

    @Option(name: .long, help: ArgumentHelp("The key to contribute to (.shpk).", valueName: "FILE"))
    var key: String

    @Option(name: .long, help: ArgumentHelp("Where to write the contributed key.", valueName: "FILE"))
    var out: String

    func run() throws {
        try reportingErrors("phase2 contribute") {
            let before = try readProvingKey(key, verb: "phase2 contribute")
            var rng = SystemRandomNumberGenerator()
            let after = Phase2.contribute(to: before, using: &rng)
            try writeProvingKey(after, to: out, verb: "phase2 contribute")
            print("wrote \(out): contribution \(after.contributions.count), hash \(hex(after.contributions.last!.hash))")
        }
    }
}

struct Phase2VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a key is the circuit's initial phase-2 key from the .ptau after its recorded contributions.",
        discussion: "Prints each contribution's hash, then valid (exit 0) or invalid with the reason (exit 1); malformed files exit 2.")

    @Option(name: .long, help: ArgumentHelp("The powers of tau the key was made from.", valueName: "FILE"))
    var ptau: String

    @OptionGroup var circuit: Phase2Circuit

    @Option(name: .long, help: ArgumentHelp("The key to check (.shpk).", valueName: "FILE"))
    var key: String

    func run() throws {
        var valid = false
        try reportingErrors("phase2 verify") {
            let value = try readProvingKey(key, verb: "phase2 verify")
            let (initial, what) = try circuit.initialKey(ptau: ptau, verb: "phase2 verify")
            for (i, c) in value.contributions.enumerated() { print("contribution \(i + 1): \(hex(c.hash))") }
            do {
                try Phase2.verify(key: value, initial: initial)
                valid = true
                print("valid: \(key) is the phase-2 key for \(what), after \(value.contributions.count) contributions")
                if value.contributions.isEmpty { print("warning: no contributions, so δ = 1 and anyone can forge proofs under this key") }
            } catch let error as Phase2Error {
                print("invalid: \(error)")
            }
        }
        if !valid { throw ExitCode(1) }
    }
}
