import ArgumentParser
import Foundation
import Sheaf

/// `sheaf calldata`: the call a snarkjs-style verifier receives, like
/// `snarkjs generatecall`.
struct CalldataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calldata",
        abstract: "Print the verifyProof calldata for a snarkjs proof (like `snarkjs generatecall`).",
        discussion: "Prints the complete call, selector included, as one 0x-hex string; --json prints the ABI fields a, b, c and input instead. With --vk the proof is verified first and refused if it does not verify. A Sheaf commit-and-prove proof (protocol groth16-bsb22) gives the call of its exported verifier, with commitment and knowledgeProof after c (no gas figure: that verifier's gas is measured in the EVM tests).")

    @Option(name: .long, help: "The proof, snarkjs's proof.json.")
    var proof: String

    @Option(name: .customLong("public"), help: "The public inputs, snarkjs's public.json.")
    var publicInputs: String

    @Option(name: .long, help: "Optional: the verification key; the proof must verify under it before calldata is written.")
    var vk: String?

    @Flag(name: .long, help: "Print the ABI fields as JSON instead of the hex call (with --vk, also the exported verifier's expected gas).")
    var json = false

    @Option(name: .long, help: "The fork whose prices the expected gas uses.")
    var fork: String = ForkSchedule.latest.name

    func run() throws {
        try reportingErrors("calldata") {
            let schedule = try namedSchedule(fork, verb: "calldata")
            if isCommitAndProveFile(proof) { return try runCommitted() }
            let proofValue = try loadSnarkJS(proof, verb: "calldata", SnarkJS.decodeProof)
            let inputs = try loadSnarkJS(publicInputs, verb: "calldata", SnarkJS.decodePublicInputs)
            if let vk {
                let key = try loadSnarkJS(vk, verb: "calldata", SnarkJS.decodeVerifyingKey)
                try requireVerifies { () throws(Groth16Error) in try Groth16.verify(proof: proofValue, publicInputs: inputs, key: key) }
            }
            if json {
                let f = VerifierCalldata.fields(proof: proofValue, publicInputs: inputs)
                var object: [String: Any] = ["a": f.a, "b": f.b, "c": f.c, "input": f.input]
                if vk != nil {
                    // Only a verified proof has a meaningful gas figure: an invalid one returns early.
                    object["expectedGas"] = SettlementGas.verifier(proof: proofValue, publicInputs: inputs, schedule: schedule)
                    object["fork"] = schedule.name
                }
                printJSON(object)
            } else {
                print(hex(VerifierCalldata.call(proof: proofValue, publicInputs: inputs)))
            }
        }
    }

    /// A commit-and-prove proof (Sheaf's groth16-bsb22 JSON): the call of the
    /// verifier `sheaf export verifier` writes for its key. No gas figure is
    /// printed: that verifier's gas is measured in the EVM tests, not modelled.
    private func runCommitted() throws {
        let proofValue = try loadSnarkJS(proof, verb: "calldata", SnarkJS.decodeCommittedProof)
        let inputs = try loadSnarkJS(publicInputs, verb: "calldata", SnarkJS.decodePublicInputs)
        if let vk {
            let key = try loadSnarkJS(vk, verb: "calldata", SnarkJS.decodeCommittedVerifyingKey)
            try requireVerifies { () throws(Groth16Error) in try Groth16.verify(proof: proofValue, publicInputs: inputs, key: key) }
        }
        if json {
            let f = VerifierCalldata.fields(proof: proofValue, publicInputs: inputs)
            printJSON(["a": f.a, "b": f.b, "c": f.c, "commitment": f.commitment, "knowledgeProof": f.knowledgeProof,
                       "input": f.input] as [String: Any])
        } else {
            print(hex(VerifierCalldata.call(proof: proofValue, publicInputs: inputs)))
        }
    }

    /// Refuses to write calldata unless `verify` accepts the proof; an input
    /// list that does not fit the key names public.json.
    private func requireVerifies(_ verify: () throws(Groth16Error) -> Bool) throws {
        let valid: Bool
        do { valid = try verify() } catch {
            throw UserError(verb: "calldata", message: "\(publicInputs): \(error)", hint: "use the public.json produced with this proof")
        }
        guard valid else {
            throw UserError(verb: "calldata", message: "\(proof) does not verify under \(vk ?? "")", hint: "no calldata is written for an invalid proof")
        }
    }
}

/// Whether `path` is one of Sheaf's commit-and-prove JSON files (protocol
/// groth16-bsb22). Any problem reading it answers no: the caller's decoder
/// then reports it properly.
func isCommitAndProveFile(_ path: String) -> Bool {
    (try? SnarkJS.protocolName(of: SnarkJS.readFile(atPath: path))) == SnarkJS.committedProtocol
}

/// Reads and decodes one snarkjs file, turning any failure into a user error
/// that names the file.
func loadSnarkJS<T>(_ path: String, verb: String, _ decode: (Data) throws(Groth16Error) -> T) throws -> T {
    do throws(Groth16Error) {
        return try decode(SnarkJS.readFile(atPath: path))
    } catch {
        throw UserError(verb: verb, message: snarkJSMessage(path, error), hint: snarkJSHint(for: error, path: path))
    }
}

/// The message for a snarkjs file that could not be used: the reading error
/// names its path already; a decoding error gets the path in front.
func snarkJSMessage(_ path: String, _ error: Groth16Error) -> String {
    if case .unreadableFile = error { return "\(error)" }
    return "\(path): \(error)"
}

/// What the user can do about a snarkjs file that could not be used. Shared by
/// every verb that reads snarkjs JSON.
func snarkJSHint(for error: Groth16Error, path: String) -> String {
    switch error {
    case .unreadableFile:
        return "check the path"
    case .binarySnarkJSFile("zkey"):
        return "a .zkey is a proving key; give its verification key, exported with `sheaf export vk --zkey \(path) --out verification_key.json` or `snarkjs zkey export verificationkey \(path) verification_key.json`"
    case .binarySnarkJSFile:
        return "give the snarkjs JSON file (verification_key.json, proof.json or public.json)"
    default:
        return "produce the file again with snarkjs"
    }
}

/// `sheaf export`: artefacts for other tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export artefacts: a Vyper verifier contract for a verifying key, an outer settlement contract or its notifier, or a .zkey's verification key.",
        subcommands: [ExportVerifierCommand.self, ExportOuterSettlementCommand.self, ExportOuterNotifierCommand.self, ExportVKCommand.self])
}

/// `sheaf export outer-notifier`: the contract that settles a bundle's root from
/// its statements and notifies each application's receiver.
struct ExportOuterNotifierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outer-notifier",
        abstract: "Write the Vyper notifier for an outer settlement contract of N applications (Contracts/SheafOuterNotifier.vy.template).",
        discussion: "settleAndNotify(a, b, c, commitment, knowledgeProof, applicationIds, statementHashes, receivers) builds the SHA-256 statement tree from the statements, settles its root on the SheafOuterSettlement given to the notifier's constructor, and, when the root is newly recorded, calls onSettled(root, applicationId, statementHash) on each nonzero receiver (Contracts/ExampleSettlementReceiver.vy). The notifier holds no key and serves any flat outer settlement contract of N applications; sheaf settle --notify writes its calldata.")

    @Option(name: .long, help: "The number of applications of the outer settlement contract (1 to 64).")
    var statements: Int

    @Option(name: .long, help: "Where to write the Vyper source.")
    var out: String

    func run() throws {
        try reportingErrors("export outer-notifier", hint: "an outer notifier serves a flat outer settlement contract of 1 to \(VyperVerifier.notifierMaximumStatements) applications") {
            let source = try VyperVerifier.outerNotifierSource(statements: statements)
            try writeFileBytes(Array(source.utf8), to: out, verb: "export outer-notifier")
            print("wrote \(out): outer notifier for \(statements) applications per root (vyper 0.4.3; deploy it with the outer settlement contract's address)")
        }
    }
}

/// `sheaf export outer-settlement`: the settlement contract for one outer key.
struct ExportOuterSettlementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outer-settlement",
        abstract: "Write the Vyper settlement contract for an outer verifying key (from sheaf aggregate --outer).",
        discussion: "settleOuter(root, a, b, c, commitment, knowledgeProof) checks one outer proof (five pairing pairs) and records the statement root; isSettled(root, applicationId, statementHash, leafIndex, siblings) opens it over the SHA-256 statement tree. The key and the bundle size are constants of the contract: trust in a recorded root is trust in this key's setup.")

    @Option(name: .long, help: "The outer verifying key (groth16-bsb22 verification_key.json written by --outer).")
    var vk: String

    @Option(name: .long, help: "The number of applications the outer circuit takes (for a nested key: all of its children's).")
    var statements: Int

    @Option(name: .long, help: "For a nested outer key (sheaf nest): the applications per child.")
    var childLeaves: Int?

    @Option(name: .long, help: ArgumentHelp("For a tree of any depth (sheaf nest over nested proofs): its widths bottom up, comma-separated, as statements.json lists them: applications per outer proof, then children per proof at each level above.", valueName: "W,W,…"))
    var levels: String?

    @Option(name: .long, help: "Where to write the Vyper source.")
    var out: String

    func run() throws {
        try reportingErrors("export outer-settlement", file: vk) {
            let key = try loadSnarkJS(vk, verb: "export outer-settlement", SnarkJS.decodeCommittedVerifyingKey)
            let source: String
            if let levels {
                guard childLeaves == nil else {
                    throw UserError(verb: "export outer-settlement", message: "--levels and --child-leaves both give the tree's shape", hint: "pass one of them")
                }
                let widths = levels.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !widths.isEmpty, widths.allSatisfy({ $0 != nil }) else {
                    throw UserError(verb: "export outer-settlement", message: "--levels '\(levels.prefix(80))' is not a comma-separated list of widths",
                                    hint: "copy the levels of the directory's statements.json, e.g. 3,2,2")
                }
                source = try VyperVerifier.outerSettlementSource(for: key, statements: statements, levels: widths.map { $0! })
            } else {
                source = try VyperVerifier.outerSettlementSource(for: key, statements: statements, childLeaves: childLeaves)
            }
            try writeFileBytes(Array(source.utf8), to: out, verb: "export outer-settlement")
            print("wrote \(out): outer settlement for key \(hex(key.hash)), \(statements) applications per root (vyper 0.4.3)")
        }
    }
}

/// `sheaf export verifier`: a Vyper Groth16 verifier for one key, like
/// `snarkjs zkey export solidityverifier`.
struct ExportVerifierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verifier",
        abstract: "Write a Vyper Groth16 verifier for a snarkjs verification key (snarkjs's verifyProof ABI).",
        discussion: "The contract compiles with vyper 0.4.3 (evm-version cancun, -O gas). Its verifyProof returns false for an invalid proof, an input ≥ r or a point off the curve, and reverts for a wrong number of inputs (another selector). The key is validated first: points on the curve and in their subgroups, α, β, γ, δ not at infinity. A Sheaf commit-and-prove key (protocol groth16-bsb22) gets the commit-and-prove verifier: verifyProof(a, b, c, commitment, knowledgeProof, input), which computes the lookup challenge itself (Contracts/README.md).")

    @Option(name: .long, help: "The verifying key, snarkjs's verification_key.json.")
    var vk: String

    @Option(name: .long, help: "Where to write the Vyper source (for example Verifier.vy).")
    var out: String

    func run() throws {
        try reportingErrors("export verifier", file: vk) {
            if isCommitAndProveFile(vk) {
                let key = try loadSnarkJS(vk, verb: "export verifier", SnarkJS.decodeCommittedVerifyingKey)
                try writeFileBytes(Array(VyperVerifier.source(for: key).utf8), to: out, verb: "export verifier")
                print("wrote \(out): commit-and-prove Groth16 verifier for key \(hex(key.hash)) with \(key.publicInputCount) public inputs (vyper 0.4.3)")
                return
            }
            let key = try loadSnarkJS(vk, verb: "export verifier", SnarkJS.decodeVerifyingKey)
            try writeFileBytes(Array(VyperVerifier.source(for: key).utf8), to: out, verb: "export verifier")
            print("wrote \(out): Groth16 verifier for key \(hex(key.hash)) with \(key.publicInputCount) public inputs (vyper 0.4.3)")
        }
    }
}

/// `sheaf settle`: the calldata that settles a bundle on `SheafSettlement`.
struct SettleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract: "Write the transactions that settle a bundle on SheafSettlement: key registrations, settle calls and a plan.",
        discussion: """
            Every proof is checked first (one batch check, bisection on failure); an invalid proof refuses the bundle, \
            naming its application, unless --drop-invalid leaves it out. Writes DIR/register-K.hex for each verifying \
            key (registerKey is idempotent: re-sending a registered key changes nothing), DIR/settle-N.hex for each settle \
            transaction (complete calldata as 0x-hex), and DIR/plan.json listing the files in the order to send them with \
            their expected gas, and each application's gas share, root and Merkle path for isSettled. A bundle that does \
            not fit one settle call (the contract takes n + 3k <= 96 pairing pairs, less one for each key sharing the first \
            key's alpha and beta and one for each sharing its gamma; the fork's transaction gas cap, \
            EIP-7825: 2^24 from Osaka) is split into aligned parts, and a last settleTree transaction records the \
            bundle's own manifest root. Statements covered only by SnarkPack aggregates need their raw proofs: pass the directory the \
            bundle was aggregated from with --proofs.
            """)

    @Argument(help: "The bundle file.")
    var bundle: String

    @Option(name: .long, help: "Where to write the transactions and plan.json (created if missing).")
    var out: String

    @Option(name: .long, help: "The directory the bundle was aggregated from (one snarkjs triple per application): raw proofs for aggregated statements.")
    var proofs: String?

    @Flag(name: .long, help: "Leave invalid proofs out instead of refusing the bundle.")
    var dropInvalid = false

    @Option(name: .long, help: "The fork whose gas cap and prices apply.")
    var fork: String = ForkSchedule.latest.name

    @Option(name: .long, help: ArgumentHelp("Settle through the outer proof in this directory (sheaf aggregate --outer wrote it) on its outer settlement contract: one settleOuter transaction. A bundle that carries its outer proof settles through it without this option.", valueName: "DIR"))
    var outer: String?

    @Option(name: .long, help: ArgumentHelp("With an outer proof: also write settle-notify.hex, the calldata of settleAndNotify on the outer notifier (sheaf export outer-notifier), which settles the same root and calls each listed application's receiver. FILE is a JSON object from application id (the bundle's) to receiver address (0x and 40 hex digits); applications not listed, and an application's repeats in a padded bundle, get none.", valueName: "FILE"))
    var notify: String?

    func run() throws {
        try reportingErrors("settle", file: bundle, hint: "check that the file is a Sheaf bundle") {
            let schedule = try namedSchedule(fork, verb: "settle")
            let value = try BundleCodec.decode(try BundleCodec.readFile(atPath: bundle))
            // Through the outer proof: one named by --outer, else the one the
            // bundle carries (the cheapest way to settle it).
            if outer != nil || value.outerProof != nil {
                try OuterOptions.writeSettlement(bundle: value, outer: outer, out: out, schedule: schedule, notify: notify)
                return
            }
            if notify != nil {
                throw UserError(verb: "settle", message: "--notify needs an outer proof (a bundle that carries one, or --outer DIR)",
                                hint: "settle through an outer proof, or leave out --notify")
            }
            let raw = try proofs.map(loadRawProofs) ?? [:]
            let plan: SettlementPlan
            do throws(SettlementPlanError) {
                plan = try SettlementPlanner.plan(bundle: value, rawProofs: raw, schedule: schedule, dropInvalid: dropInvalid)
            } catch {
                let hint: String
                switch error {
                case .missingRawProofs: hint = "pass --proofs DIR, the directory the bundle was aggregated from"
                case .invalidProofs: hint = "remove those proofs, or pass --drop-invalid to settle the rest"
                default: hint = "check the bundle"
                }
                throw UserError(verb: "settle", message: "\(bundle): \(error)", hint: hint)
            }
            try write(plan, manifestRoot: value.manifestRoot)
        }
    }

    /// Reads `DIR/<application>/proof.json` for every application directory.
    func loadRawProofs(_ directory: String) throws -> [String: Groth16Proof] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw UserError(verb: "settle", message: "cannot list '\(directory)'", hint: "pass the directory the bundle was aggregated from")
        }
        var out = [String: Groth16Proof]()
        for name in names.sorted() where fm.fileExists(atPath: "\(directory)/\(name)/proof.json") {
            out[name] = try loadSnarkJS("\(directory)/\(name)/proof.json", verb: "settle", SnarkJS.decodeProof)
        }
        return out
    }

    func write(_ plan: SettlementPlan, manifestRoot: [UInt8]) throws {
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw UserError(verb: "settle", message: "cannot create '\(out)'", hint: "check the path")
        }
        var entries = [[String: Any]](), registrations = 0, settles = 0
        for transaction in plan.transactions {
            let file: String
            var entry: [String: Any] = ["expectedGas": transaction.expectedGas]
            switch transaction.kind {
            case .registerKey(let hash):
                file = "register-\(registrations).hex"; registrations += 1
                entry["function"] = "registerKey"; entry["keyHash"] = hex(hash)
            case .settle(let root, let range):
                file = "settle-\(settles).hex"; settles += 1
                entry["function"] = "settle"; entry["root"] = hex(root); entry["statements"] = range.count
            case .settleTree(let root, let parts):
                file = "settle-\(settles).hex"; settles += 1
                entry["function"] = "settleTree"; entry["root"] = hex(root); entry["parts"] = parts
            }
            entry["file"] = file
            try writeFileBytes(Array((hex(transaction.calldata) + "\n").utf8), to: "\(out)/\(file)", verb: "settle")
            entries.append(entry)
        }
        let applications = plan.receipts.map { r -> [String: Any] in
            ["id": r.applicationID, "gasShare": r.gasShare, "applicationId": hex(r.claim.applicationIDHash),
             "statementHash": hex(r.claim.statementHash), "root": hex(r.root), "leafIndex": r.path.leafIndex,
             "siblings": r.path.siblings.compactMap { $0 }.map(hex), "isSettledCalldata": hex(r.isSettledCalldata)]
        }
        let settleGas = plan.transactions.filter { if case .registerKey = $0.kind { return false } else { return true } }
            .reduce(0) { $0 + $1.expectedGas }
        let document: [String: Any] = [
            "fork": plan.schedule.name, "transactionGasCap": plan.schedule.maximumTransactionGas,
            "bundleManifestRoot": hex(manifestRoot), "split": plan.isSplit,
            "transactions": entries, "applications": applications,
            "dropped": plan.dropped, "settleGas": settleGas,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try writeFileBytes(Array(data) + [10], to: "\(out)/plan.json", verb: "settle")
        let n = plan.claims.count
        print("wrote \(out): \(registrations) key registration(s), \(settles) settle transaction(s) for \(n) statement(s), expected \(settleGas) gas to settle (\(settleGas / max(n, 1)) per statement) on \(plan.schedule.name)")
        if plan.isSplit {
            print("split: the statements do not fit one settle call (the contract's bounds or the \(plan.schedule.maximumTransactionGas)-gas transaction cap); they settle in aligned parts, and settleTree records their common root")
        }
        if plan.dropped.isEmpty {
            print("root: \(hex(manifestRoot)) (the bundle's manifest root)")
        }
        if !plan.dropped.isEmpty {
            print("dropped \(plan.dropped.count) invalid proof(s): manifest positions \(plan.dropped.map(String.init).joined(separator: ", ")); the settled root differs from the bundle's")
        }
    }
}
