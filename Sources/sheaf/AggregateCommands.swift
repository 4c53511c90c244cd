import ArgumentParser
import Foundation
import Sheaf

/// `sheaf srs`: makes a SnarkPack SRS file.
struct SRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "srs",
        abstract: "Make a SnarkPack SRS: from two snarkjs .ptau ceremonies (--ptau A --ptau B), or INSECURE from two seeds.",
        discussion: "With --ptau, the two files must come from independent powers-of-tau ceremonies on BN254; they are validated (curve, subgroup, consecutive-power pairing checks). With --insecure the SRS derives from seeds: anyone who knows them can forge aggregates, so it is for tests and demos only.")

    @Option(name: .long, help: "A snarkjs .ptau file; give exactly two, from independent ceremonies.")
    var ptau: [String] = []

    @Option(name: .long, help: "The largest number of proofs one aggregate may hold (a power of two).")
    var maxProofs = 64

    @Option(name: .long, help: "Where to write the SRS file.")
    var out: String

    @Flag(name: .long, help: "Acknowledge that the SRS is insecure (required).")
    var insecure = false

    @Option(name: .long, help: "The two seeds, as A,B.")
    var seeds = "1,2"

    func run() throws {
        try reportingErrors("srs") {
            if !ptau.isEmpty {
                guard ptau.count == 2 else {
                    throw UserError(verb: "srs", message: "--ptau was given \(ptau.count) time(s)", hint: "give two .ptau files from independent ceremonies")
                }
                guard maxProofs >= 2, maxProofs <= SRSCodec.maxProofsLimit, maxProofs & (maxProofs - 1) == 0 else {
                    throw UserError(verb: "srs", message: "--max-proofs \(maxProofs) is not a power of two between 2 and \(SRSCodec.maxProofsLimit)", hint: "for example --max-proofs 1024")
                }
                let ceremonies = try ptau.map { path -> PowersOfTau in
                    // The .ptau reader's bound: regular files only, size checked first.
                    let bytes: [UInt8]
                    do { bytes = try SnarkJSBinaryFile.read(atPath: path) } catch {
                        throw UserError(verb: "srs", message: "\(error)", hint: "check the path")
                    }
                    do { return try PowersOfTau(bytes: bytes, maxG2: maxProofs) } catch let error as AggregationError {
                        throw UserError(verb: "srs", message: "\(path): \(error)", hint: "pass a snarkjs powers-of-tau file for BN254 (bn128)")
                    }
                }
                let srs = try SnarkPackSRS.fromCeremonies(ceremonies[0], ceremonies[1], maxProofs: maxProofs)
                try writeFileBytes(SRSCodec.encode(srs), to: out, verb: "srs")
                print("wrote SnarkPack SRS for up to \(maxProofs) proofs from \(ptau[0]) and \(ptau[1]) to \(out) (verifier key \(hex(srs.verifierKey.hash)))")
                return
            }
            guard insecure else {
                throw UserError(verb: "srs", message: "seed-derived SRS files are insecure", hint: "pass --insecure to confirm this is for tests or demos")
            }
            let parts = seeds.split(separator: ",").compactMap { UInt64($0) }
            guard parts.count == 2 else { throw UserError(verb: "srs", message: "--seeds must be two integers A,B", hint: "for example --seeds 7,11") }
            guard maxProofs >= 2, maxProofs <= 1 << 14, maxProofs & (maxProofs - 1) == 0 else {
                throw UserError(verb: "srs", message: "--max-proofs \(maxProofs) is not a power of two between 2 and 16384", hint: "for example --max-proofs 1024")
            }
            let srs = SnarkPackSRS.insecure(maxProofs: maxProofs, seedA: parts[0], seedB: parts[1])
            try writeFileBytes(SRSCodec.encode(srs), to: out, verb: "srs")
            print("wrote INSECURE SnarkPack SRS for up to \(maxProofs) proofs to \(out) (verifier key \(hex(srs.verifierKey.hash)))")
        }
    }
}

/// `sheaf aggregate`: seals a directory of snarkjs proofs into a bundle.
struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Bundle snarkjs proofs: one subdirectory per proof (its name is the application id).",
        discussion: "Each subdirectory holds verification_key.json, proof.json and public.json. Every proof is verified first (one batch check, bisection to name the bad ones): a proof that does not verify is refused, naming its application (exit 2), or left out with --drop-invalid. Proofs are grouped by verifying key; with --srs, a group becomes one SnarkPack aggregate when --snarkpack says so: by default (auto) from \(SnarkPack.autoThreshold) proofs, the measured size from which an aggregate is both smaller and faster to verify than carrying the proofs; --snarkpack N from N proofs; off never.")

    @Option(name: .long, help: "Directory with one subdirectory per proof.")
    var proofs: String

    @Option(name: .long, help: "Where to write the bundle.")
    var out: String

    @Option(name: .long, help: "A SnarkPack SRS file (from `sheaf srs`); without it proofs are carried and batch-verified.")
    var srs: String?

    @Option(name: .long, help: ArgumentHelp("Which verifying keys' groups become one SnarkPack aggregate (with --srs): auto (groups where an aggregate is smaller and faster to verify than the carried proofs), off, or a group size N.", valueName: "auto|off|N"))
    var snarkpack = "auto"

    @Option(name: .long, help: .hidden)
    var threshold: Int?

    @Flag(name: .long, help: "Leave out proofs that do not verify (named on standard error) instead of refusing the whole directory.")
    var dropInvalid = false

    @Option(name: .long, help: ArgumentHelp("Also prove, in one outer Groth16 proof, that every application verified, and write it with its settlement contract to this directory.", valueName: "DIR"))
    var outer: String?

    @Option(name: .long, help: ArgumentHelp("The outer proving key (.shpk): read when it exists, else written after --insecure-outer-seed makes it.", valueName: "FILE"))
    var outerKey: String?

    @Option(name: .long, help: ArgumentHelp("Make an INSECURE seed-derived outer proving key (tests and demos only).", valueName: "N"))
    var insecureOuterSeed: UInt64?

    @Option(name: .long, help: ArgumentHelp("With --outer (or --attach-outer): a fixed-size outer circuit of N slots (1–64), the bundle padded by repeating its last proof, so that one outer key serves every bundle of up to N proofs with keys of one input count; auto picks the smallest of 4, 8, 16.", valueName: "N|auto"))
    var outerSize: String?

    @Option(name: .long, help: ArgumentHelp("Carry an existing outer proof (a directory sheaf aggregate --outer wrote) in the bundle, once it verifies on the bundle's statements.", valueName: "DIR"))
    var attachOuter: String?

    /// The fixed outer size `--outer-size` asks for (nil without it), checked
    /// before any proving: a number from 1 to 64 or `auto`, with `--outer` or
    /// `--attach-outer`.
    func outerSlots(proofs: Int) throws -> Int? {
        guard let outerSize else { return nil }
        guard outer != nil || attachOuter != nil else {
            throw UserError(verb: "aggregate", message: "--outer-size is for --outer or --attach-outer", hint: "add --outer DIR, or drop --outer-size")
        }
        if outerSize == "auto" {
            guard let size = OuterCircuit.standardSize(holding: proofs) else {
                throw UserError(verb: "aggregate", message: "--outer-size auto: \(proofs) proofs are more than the largest standard size, \(OuterCircuit.standardSizes.last!)",
                                hint: "pass --outer-size N with N up to \(Groth16BatchCircuit.maximumProofs), or split the bundle and nest it")
            }
            return size
        }
        guard let size = Int(outerSize), (1...Groth16BatchCircuit.maximumProofs).contains(size) else {
            throw UserError(verb: "aggregate", message: "--outer-size '\(outerSize)' is not a size from 1 to \(Groth16BatchCircuit.maximumProofs) or auto",
                            hint: "pass a number of slots, such as 4, 8 or 16, or auto")
        }
        return size
    }

    /// "application a does" or "applications a, b do", for messages.
    static func describe(_ names: [String]) -> String {
        names.count == 1 ? "application \(names[0]) does" : "applications \(list(names)) do"
    }

    /// Up to 20 names joined by commas, then how many more there are.
    static func list(_ names: [String]) -> String {
        names.prefix(20).joined(separator: ", ") + (names.count > 20 ? " and \(names.count - 20) more" : "")
    }

    /// The indices of the proofs that do not verify: one batch check of them all
    /// and, when it fails, bisection down to the bad ones.
    func invalidApplications(_ items: [(Groth16Proof, [Fr], VerifyingKey)]) throws -> [Int] {
        var prepared: [[UInt8]: PreparedVerifyingKey] = [:]
        let batch = items.map { item -> BatchEntry in
            let hash = item.2.hash
            let key = prepared[hash] ?? PreparedVerifyingKey(item.2)
            prepared[hash] = key
            return BatchEntry(proof: item.0, publicInputs: item.1, key: key)
        }
        do throws(Groth16Error) { return try Groth16.invalidProofIndices(in: batch) } catch {
            throw UserError(verb: "aggregate", message: "the proofs could not be checked: \(error)", hint: "check each public.json against its verification key")
        }
    }

    /// The SnarkPack policy from `--snarkpack` (and the older `--threshold N`,
    /// which means `--snarkpack N`).
    func policy() throws -> SnarkPackPolicy {
        if let threshold {
            guard snarkpack == "auto" else {
                throw UserError(verb: "aggregate", message: "--threshold and --snarkpack both given", hint: "use --snarkpack N alone")
            }
            guard threshold >= 1 else {
                throw UserError(verb: "aggregate", message: "--threshold \(threshold) is not a group size", hint: "use --snarkpack auto, off or a group size of at least 1")
            }
            return .threshold(threshold)
        }
        guard let policy = SnarkPackPolicy(snarkpack) else {
            throw UserError(verb: "aggregate", message: "--snarkpack '\(snarkpack)' is not auto, off or a group size", hint: "use --snarkpack auto, off or a whole number of at least 1")
        }
        return policy
    }

    func run() throws {
        try reportingErrors("aggregate") {
            let policy = try policy()
            let fm = FileManager.default
            guard let names = try? fm.contentsOfDirectory(atPath: proofs) else {
                throw UserError(verb: "aggregate", message: "cannot list '\(proofs)'", hint: "pass a directory with one subdirectory per proof")
            }
            let directories = names.sorted().filter { var d: ObjCBool = false; return fm.fileExists(atPath: proofs + "/" + $0, isDirectory: &d) && d.boolValue }
            guard !directories.isEmpty else {
                throw UserError(verb: "aggregate", message: "'\(proofs)' has no subdirectories", hint: "put each proof's snarkjs files in a subdirectory named after its application")
            }
            let srsValue = try srs.map { try loadSRS($0, verb: "aggregate") }
            var progress = Progress(label: "reading proofs", total: directories.count)
            var intake: [(name: String, proof: Groth16Proof, inputs: [Fr], key: VerifyingKey)] = []
            var committedIntake: [(name: String, proof: Groth16CommittedProof, inputs: [Fr], key: CommittedVerifyingKey)] = []
            for (i, name) in directories.enumerated() {
                let dir = proofs + "/" + name
                defer { progress.update(i + 1) }
                if isCommitAndProveFile(dir + "/verification_key.json") {
                    // A commit-and-prove application (Sheaf's groth16-bsb22 files).
                    let key = try loadSnarkJS(dir + "/verification_key.json", verb: "aggregate", SnarkJS.decodeCommittedVerifyingKey)
                    let proof = try loadSnarkJS(dir + "/proof.json", verb: "aggregate", SnarkJS.decodeCommittedProof)
                    let inputs = try loadSnarkJS(dir + "/public.json", verb: "aggregate", SnarkJS.decodePublicInputs)
                    do {
                        var probe = Aggregator()
                        try probe.add(committedProof: proof, publicInputs: inputs, key: key, applicationID: name)
                    } catch {
                        throw UserError(verb: "aggregate", message: "\(dir): \(error)", hint: "check that public.json belongs to this verification key and the directory is named after its application")
                    }
                    committedIntake.append((name, proof, inputs, key))
                    continue
                }
                let key = try loadSnarkJS(dir + "/verification_key.json", verb: "aggregate", SnarkJS.decodeVerifyingKey)
                let proof = try loadSnarkJS(dir + "/proof.json", verb: "aggregate", SnarkJS.decodeProof)
                let inputs = try loadSnarkJS(dir + "/public.json", verb: "aggregate", SnarkJS.decodePublicInputs)
                guard inputs.count == key.publicInputCount else {
                    throw UserError(verb: "aggregate", message: "\(dir): public.json holds \(inputs.count) inputs, the verification key expects \(key.publicInputCount)",
                                    hint: "check that public.json belongs to this verification key")
                }
                do {
                    // The id and input count are checked now, before the proofs are verified.
                    var probe = Aggregator()
                    try probe.add(proof: proof, publicInputs: inputs, key: key, applicationID: name)
                } catch {
                    throw UserError(verb: "aggregate", message: "\(dir): \(error)", hint: "name each subdirectory after its application (1–128 printable ASCII bytes)")
                }
                intake.append((name, proof, inputs, key))
            }
            // Every proof is checked at intake (one batch check; bisection names the
            // bad ones; commit-and-prove proofs one by one), so a bundle never
            // carries a proof that does not verify.
            let invalid = try invalidApplications(intake.map { ($0.proof, $0.inputs, $0.key) })
            let invalidCommitted = committedIntake.indices.filter {
                let item = committedIntake[$0]
                return (try? Groth16.verify(proof: item.proof, publicInputs: item.inputs, key: item.key)) != true
            }
            if !invalid.isEmpty || !invalidCommitted.isEmpty {
                let names = (invalid.map { intake[$0].name } + invalidCommitted.map { committedIntake[$0].name }).sorted()
                guard dropInvalid else {
                    throw UserError(verb: "aggregate", message: "\(Self.describe(names)) not verify",
                                    hint: "prove \(names.count == 1 ? "it" : "them") again, or leave \(names.count == 1 ? "it" : "them") out with --drop-invalid")
                }
                guard names.count < intake.count + committedIntake.count else {
                    throw UserError(verb: "aggregate", message: "no proof verifies (\(Self.describe(names)) not verify)", hint: "there is nothing to bundle")
                }
                StandardError.writeLine("dropped \(names.count) invalid proof\(names.count == 1 ? "" : "s") (--drop-invalid): \(Self.list(names))")
            }
            let dropped = Set(invalid), droppedCommitted = Set(invalidCommitted)
            var aggregator = Aggregator()
            for (i, item) in intake.enumerated() where !dropped.contains(i) {
                try aggregator.add(proof: item.proof, publicInputs: item.inputs, key: item.key, applicationID: item.name)
            }
            for (i, item) in committedIntake.enumerated() where !droppedCommitted.contains(i) {
                try aggregator.add(committedProof: item.proof, publicInputs: item.inputs, key: item.key, applicationID: item.name)
            }
            let count = aggregator.proofCount
            StandardError.writeLine("sealing \(count) proofs…")
            // The library's seal progress drives the bar (SnarkPack aggregates are
            // the long part; nothing is drawn when no group is packed).
            var sealing: Progress?
            var bundle = try aggregator.seal(snarkPack: srsValue, policy: policy) { report in
                guard report.total > 0 else { return }
                if sealing == nil { sealing = Progress(label: "SnarkPack aggregates", total: report.total) }
                sealing?.update(report.aggregated)
            }
            if attachOuter != nil && outer != nil {
                throw UserError(verb: "aggregate", message: "--attach-outer and --outer both give the bundle an outer proof", hint: "pass one of them")
            }
            let slots = try outerSlots(proofs: bundle.entries.count + bundle.committedEntries.count)
            if let slots {
                let count = bundle.entries.count
                do { bundle = try bundle.paddedForOuter(slots: slots) } catch {
                    throw UserError(verb: "aggregate", message: "--outer-size \(slots): \(error)",
                                    hint: "a fixed size takes up to that many plain Groth16 proofs whose keys take one input count")
                }
                if slots > count {
                    let last = bundle.entries[count - 1].applicationID
                    StandardError.writeLine("padded to the fixed outer size \(slots): \(slots - count) cop\(slots - count == 1 ? "y" : "ies") of \(last)'s proof")
                }
            }
            if let attachOuter {
                let (key, proof) = try OuterOptions.load(attachOuter, verb: "aggregate")
                do { bundle = try bundle.carrying(outerProof: proof, key: key) } catch {
                    throw UserError(verb: "aggregate", message: "\(attachOuter): \(error)", hint: "attach the outer proof made for exactly these applications")
                }
            }
            let bytes = BundleCodec.encode(bundle)
            try writeFileBytes(bytes, to: out, verb: "aggregate")
            let committedNote = bundle.committedEntries.isEmpty ? "" : " (\(bundle.committedEntries.count) commit-and-prove, under \(bundle.committedKeys.count) commit-and-prove key\(bundle.committedKeys.count == 1 ? "" : "s"))"
            let outerNote = bundle.outerProof == nil ? "" : ", carrying its outer proof"
            print("wrote \(out): \(bundle.proofCount) proofs\(committedNote), \(bundle.keys.count) verifying keys, \(bundle.aggregates.count) SnarkPack aggregates\(outerNote), \(bytes.count) bytes, manifest root \(hex(bundle.manifestRoot))")
            if srsValue?.isInsecure == true { print("warning: the SRS is INSECURE (seed-derived); for tests and demos only") }
            if let outer {
                // The outer proof is written to its directory and carried inside
                // the bundle file, which is written again with it (format version 3).
                let (key, proof) = try OuterOptions(directory: outer, keyFile: outerKey, insecureSeed: insecureOuterSeed,
                                                        fixedSize: slots).write(bundle: bundle)
                let carrying = try bundle.carrying(outerProof: proof, key: key)
                let bytes = BundleCodec.encode(carrying)
                try writeFileBytes(bytes, to: out, verb: "aggregate")
                print("wrote \(out) again carrying its outer proof: \(bytes.count) bytes")
            }
        }
    }
}

/// `sheaf verify-bundle`: checks a bundle in one pairing check.
struct VerifyBundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-bundle",
        abstract: "Verify a bundle: every proof, aggregate and child in one final exponentiation.",
        discussion: "Exit status: 0 valid, 1 invalid, 2 unusable input. An invalid bundle's failing applications are named (--json: invalidApplications); a SnarkPack aggregate can only fail as a whole, so a failing aggregate is reported with all the applications it covers (--json: failingAggregates). With an insecure (seed-derived) SRS a warning goes to standard error, and --json reports insecureSRS.")

    @Argument(help: "The bundle file.")
    var bundle: String

    @Option(name: .long, help: "The SnarkPack SRS file the bundle's aggregates were made with.")
    var srs: String?

    @Option(name: .long, help: ArgumentHelp("Also verify an outer proof in this directory (sheaf aggregate --outer wrote it) on the bundle's statements; an outer proof the bundle carries is always verified.", valueName: "DIR"))
    var outer: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        var valid = false
        try reportingErrors("verify-bundle", file: bundle, hint: "check that the file is a Sheaf bundle and that --srs is the one it was made with") {
            let value = try BundleCodec.decode(try BundleCodec.readFile(atPath: bundle))
            let srsValue = try srs.map { try loadSRS($0, verb: "verify-bundle") }
            let start = Date()
            valid = try value.verify(srs: srsValue?.verifierKey)
            let ms = Date().timeIntervalSince(start) * 1000
            // The outer proof, checked on the statements this bundle holds: a
            // statement changed after proving changes the root and fails it.
            var outerValid = value.verifyOuterProof()
            if let outer {
                let (key, proof) = try OuterOptions.load(outer, verb: "verify-bundle")
                guard value.committedEntries.isEmpty, value.children.isEmpty else {
                    throw UserError(verb: "verify-bundle", message: "outer proofs cover plain Groth16 bundles without children", hint: "verify without --outer")
                }
                outerValid = try OuterProof(statements: value.outerStatements, proof: proof).verify(key: key) && (outerValid ?? true)
                valid = valid && outerValid!
            }
            // A seed-derived SRS lets anyone who knows the seeds forge aggregates:
            // "valid" then means nothing, so say so (on stderr, so --json stays
            // clean; after verifying, so an error is still one line).
            let insecureSRS = srsValue?.isInsecure == true
            if insecureSRS {
                StandardError.writeLine("warning: the SRS is INSECURE (seed-derived): anyone who knows the seeds can forge aggregates; for tests and demos only")
            }
            // An invalid bundle: name what fails. Carried proofs are found one by one
            // (bisection); an aggregate can only fail as a whole, so all of its
            // statements are named together.
            var invalidApplications: [String] = []
            var failingAggregates: [[String]] = []
            if !valid {
                let manifest = value.manifest
                invalidApplications = try value.invalidProofs().map { manifest[$0].applicationID }
                if let srsValue, value.usesSnarkPack {
                    failingAggregates = try value.failingAggregates(srs: srsValue.verifierKey).map { $0.map { manifest[$0].applicationID } }
                }
            }
            if json {
                var report: [String: Any] = ["status": valid ? "valid" : "invalid", "proofs": value.proofCount, "milliseconds": ms,
                                             "manifestRoot": hex(value.manifestRoot)]
                if srsValue != nil { report["insecureSRS"] = insecureSRS }
                if let outerValid { report["outerProof"] = outerValid ? "valid" : "invalid" }
                if !valid {
                    report["invalidApplications"] = invalidApplications
                    report["failingAggregates"] = failingAggregates.map { ["applications": $0, "proofs": $0.count] }
                    if !failingAggregates.isEmpty {
                        report["note"] = "a SnarkPack aggregate can only fail as a whole: which of its proofs is bad cannot be told"
                    }
                }
                printJSON(report)
            } else {
                var line = "\(valid ? "valid" : "invalid"): \(bundle) (\(value.proofCount) proofs, \(String(format: "%.1f", ms)) ms)"
                if !invalidApplications.isEmpty { line += "; \(AggregateCommand.describe(invalidApplications)) not verify" }
                if let outerValid { line += outerValid ? "; outer proof valid" : "; the outer proof does not verify on these statements" }
                for apps in failingAggregates {
                    line += "; the SnarkPack aggregate of \(apps.count) proofs (\(AggregateCommand.list(apps))) fails as a whole: an aggregate cannot say which of its proofs is bad"
                }
                print(line)
            }
        }
        if !valid { throw ExitCode(1) }
    }
}

/// `sheaf inspect`: what is inside a bundle.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show what a bundle holds: proofs, keys, aggregates, children, sizes and applications.")

    @Argument(help: "The bundle file.")
    var bundle: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors("inspect", file: bundle, hint: "check that the file is a Sheaf bundle") {
            let bytes = try BundleCodec.readFile(atPath: bundle)
            let value = try BundleCodec.decode(bytes)
            let apps = Array(Set(value.manifest.map(\.applicationID))).sorted()
            let aggregates = value.aggregates.map { a -> [String: Any] in
                var size = [UInt8](); BundleCodec.encode(a.proof, into: &size)
                return ["verifyingKey": hex(value.keys[a.keyIndex].hash), "proofs": a.proof.proofCount,
                        "rounds": a.proof.rounds.count, "bytes": size.count]
            }
            // The decoder accepted the bytes, so the version field is there.
            let version = Int(bytes[6]) << 8 | Int(bytes[7])
            let here = value.entries.count + value.committedEntries.count
            if json {
                var object: [String: Any] = [
                    "bytes": bytes.count, "formatVersion": version, "proofs": value.proofCount,
                    "verifyingKeys": value.keys.map { hex($0.hash) }, "aggregates": aggregates,
                    "children": value.children.count, "depth": value.depth, "applications": apps,
                    "manifestRoot": hex(value.manifestRoot)]
                if !value.committedKeys.isEmpty { object["commitAndProveKeys"] = value.committedKeys.map { hex($0.hash) } }
                printJSON(object)
                return
            }
            print("bundle \(bundle): \(bytes.count) bytes, format v\(version)")
            print("  proofs: \(value.proofCount) (\(here) here, \(value.proofCount - here) in \(value.children.count) children, depth \(value.depth))")
            for (i, key) in value.keys.enumerated() {
                let count = value.entries.filter { $0.keyIndex == i }.count
                print("  key \(i) \(hex(key.hash).prefix(18))…: \(count) proofs, \(key.publicInputCount) public inputs")
            }
            for (i, key) in value.committedKeys.enumerated() {
                let count = value.committedEntries.filter { $0.keyIndex == i }.count
                print("  commit-and-prove key \(i) \(hex(key.hash).prefix(18))…: \(count) proofs, \(key.publicInputCount) public inputs")
            }
            for a in aggregates { print("  SnarkPack aggregate: \(a["proofs"]!) proofs, \(a["rounds"]!) rounds, \(a["bytes"]!) bytes") }
            print("  applications (\(apps.count)): \(apps.prefix(12).joined(separator: ", "))\(apps.count > 12 ? ", …" : "")")
            print("  manifest root: \(hex(value.manifestRoot))")
        }
    }
}

/// Reads and validates an SRS file.
func loadSRS(_ path: String, verb: String) throws -> SnarkPackSRS {
    do {
        return try SRSCodec.decode(try SRSCodec.readFile(atPath: path))
    } catch {
        throw UserError(verb: verb, message: "\(path): \(error)", hint: "make a demo SRS with `sheaf srs --insecure --out FILE`")
    }
}
