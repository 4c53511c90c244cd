import ArgumentParser
import Foundation
import Sheaf

/// `sheaf demo`: the main job end to end, on built-in defaults.
///
/// Proofs for the three application circuits (N applications each) → one
/// bundle (SnarkPack for groups of at least 4 proofs) → one verification →
/// the gas each application pays alone and bundled → the bundle as the ZK leg
/// of the 2-of-3 finality rule with a TEE attestation, and what happens when the
/// TEE disagrees. Every key, SRS and enclave key here is seed-derived and
/// INSECURE: it is a demonstration.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Prove, bundle, verify, price and finalize: the whole pipeline on built-in data.")

    @Option(name: .long, help: "Applications per circuit (rollup, private note spend, wallet recovery).")
    var apps = 4

    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false

    @Option(name: .long, help: "Also write the per-app gas against bundle size as an SVG plot.")
    var plot: String?

    @Flag(name: .customLong("plot-snarkpack"), help: "Also draw SnarkPack verified on chain in the --plot (left out by default: it dwarfs the other modes).")
    var plotSnarkPack = false

    @Flag(name: .long, help: "Also settle the bundle through one outer Groth16 proof that every application verified (recursion), measured in the EVM. Its INSECURE seeded setup takes about three and a half minutes on 2 cores for the default 12 proofs (5.8 GB of memory); the key (3.6 GB) is kept in the cache directory, so later runs take about two and a quarter minutes.")
    var outer = false

    @Option(name: .customLong("outer-key"), help: ArgumentHelp("With --outer: the outer proving key (.shpk), read when it exists, else written after the seeded setup makes it (default: $XDG_CACHE_HOME/sheaf or ~/.cache/sheaf, one file per --apps count).", valueName: "FILE"))
    var outerKey: String?

    /// The seed of the demo's INSECURE outer key: a fixed one, so that a kept
    /// key (in the cache directory, or the --outer-key file) is the one a new
    /// setup would make.
    static let outerSeed: UInt64 = 2026

    /// The outer circuit's revision in the cached key's name. A key fits only
    /// the circuit that made it, so this goes up whenever the outer circuit's
    /// constraints change (2: limb products checked at the lookup challenge;
    /// 3: G2 membership proved by the Miller loop; 4: SHA-256 on spread
    /// words), and the keys of earlier revisions are removed from the cache.
    static let outerCircuitRevision = 4

    /// Where `--outer` keeps its key without `--outer-key`: the user's cache
    /// directory (XDG), one file per shape (the --apps count), seed and circuit
    /// revision; nil when neither XDG_CACHE_HOME nor HOME is set.
    static func cachedOuterKeyPath(apps: Int, revision: Int = outerCircuitRevision,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let cache: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { cache = xdg }
        else if let home = environment["HOME"], !home.isEmpty { cache = home + "/.cache" }
        else { return nil }
        // Revision 1 had no suffix.
        return cache + "/sheaf/demo-outer-\(apps)x3-seed\(outerSeed)" + (revision == 1 ? "" : "-r\(revision)") + ".shpk"
    }

    /// Removes the cached keys of earlier outer circuits for this --apps count
    /// (gigabytes each, and unusable), saying which.
    func removeStaleOuterKeys() {
        for revision in 1..<Self.outerCircuitRevision {
            guard let stale = Self.cachedOuterKeyPath(apps: apps, revision: revision),
                  FileManager.default.fileExists(atPath: stale) else { continue }
            if (try? FileManager.default.removeItem(atPath: stale)) != nil {
                say("removed \(stale): the key of an earlier outer circuit, which no longer fits")
            }
        }
    }

    /// The number of steps the progress lines count.
    var steps: Int { outer ? 7 : 6 }

    func run() throws {
        try reportingErrors("demo", hint: "run `sheaf demo` with no options, or see `sheaf demo --help`") {
            guard outerKey == nil || outer else {
                throw UserError(verb: "demo", message: "--outer-key is for --outer", hint: "add --outer, or drop --outer-key")
            }
            guard (1...64).contains(apps) else {
                throw UserError(verb: "demo", message: "--apps \(apps) is outside 1…64",
                                hint: apps < 1 ? "give at least one application per circuit" : "pick at most 64 applications per circuit")
            }
            try execute()
        }
    }

    /// Progress goes to standard error so that `--json` output stays clean.
    func say(_ line: String) { StandardError.writeLine(line) }

    func execute() throws {
        let started = Date()
        var rng = SeededGenerator(seed: 2026)
        say("sheaf demo: \(apps) applications per circuit; keys, SRS and enclave keys are seed-derived and INSECURE (demo only)")

        // 1. Keys for the three circuits (seeded setup from each circuit's shape).
        say("[1/\(steps)] setting up keys for 3 circuits…")
        let applicationsByCircuit: [(ExampleApplication, String)] = [(.rollup, "rollup"), (.noteSpend, "privacy"), (.walletRecovery, "wallet")]
        let keys = try applicationsByCircuit.map { try $0.0.insecureProvingKey(seed: $0.0.fixtureSeed) }

        // 2. Proofs: each application proves its own statement.
        var aggregator = Aggregator()
        var progress = Progress(label: "[2/\(steps)] proving", total: 3 * apps)
        var done = 0
        var firstRollup: (oldRoot: Fr, newRoot: Fr)? = nil
        var rawProofs = [String: Groth16Proof]()   // settlement needs them: no EVM checks SnarkPack
        for app in 0..<apps {
            for ((application, prefix), key) in zip(applicationsByCircuit, keys) {
                let (proof, inputs) = try application.proveExample(key: key, using: &rng)
                if application == .rollup && firstRollup == nil { firstRollup = (inputs[0], inputs[1]) }
                try aggregator.add(proof: proof, publicInputs: inputs, key: key.verifyingKey, applicationID: "\(prefix)-\(app)")
                rawProofs["\(prefix)-\(app)"] = proof
                done += 1; progress.update(done)
            }
        }

        // 3. One bundle, verified in one final exponentiation.
        say("[3/\(steps)] aggregating \(3 * apps) proofs (SnarkPack for groups of ≥ 4 proofs)…")
        let srs = SnarkPackSRS.insecure(maxProofs: SnarkPack.paddedCount(apps), seedA: 21, seedB: 22)
        let bundle = try aggregator.seal(snarkPack: srs, threshold: 4)
        let bundleBytes = BundleCodec.encode(bundle)
        let verifyStart = Date()
        let verified = try BundleCodec.decode(bundleBytes).verify(srs: srs.verifierKey)
        let verifyMilliseconds = Date().timeIntervalSince(verifyStart) * 1000
        say("[4/\(steps)] bundle \(verified ? "VERIFIED" : "FAILED") in \(String(format: "%.1f", verifyMilliseconds)) ms: "
            + "\(bundle.proofCount) proofs, \(bundle.keys.count) circuits, \(bundle.aggregates.count) SnarkPack aggregates, \(bundleBytes.count) bytes")

        // 4. Gas: each application alone versus inside the bundle.
        let schedule = ForkSchedule.latest
        var options = SavingsEstimator.Options()
        options.bookkeeping = .none   // SheafSettlement records the root and logs each application itself (measured)
        if let plot { options.plotSizes = [1, 2, 4, 8, 16, 32, 64, 128]; _ = plot }
        let applications = bundle.manifest.map { statement in
            Application(name: statement.applicationID, publicInputs: statement.publicInputs.count, proofsPerDay: 24,
                                         circuit: hex(statement.keyHash))
        }
        let report = try SavingsEstimator(schedule: schedule, traces: MeasuredSettlementTraces(), options: options).estimate(applications)
        let settlement = try settle(bundle, rawProofs: rawProofs, schedule: schedule)
        let outerSettlement = outer ? try settleThroughOuterProof(aggregator, alone: report.applications, schedule: schedule) : nil
        if let path = plot, let scaling = report.scaling {
            let svg = SavingsPlot.svg(scaling, schedule: report.schedule, transactionGasLimit: report.transactionGasLimit,
                                     includeSnarkPack: plotSnarkPack)
            guard (try? svg.write(toFile: path, atomically: true, encoding: .utf8)) != nil else {
                throw UserError(verb: "demo", message: "cannot write the plot to \(path)", hint: "choose a writable path")
            }
        }

        // 5. Finality: the bundle is the ZK leg for the first rollup's block.
        say("[\(steps)/\(steps)] finality: the bundle as the ZK leg of the 2-of-3 rule…")
        let finality = try FinalityDemo(oldRoot: firstRollup!.oldRoot, newRoot: firstRollup!.newRoot,
                                        bundleBytes: bundleBytes, srs: srs.verifierKey,
                                        rollupKeyHash: keys[0].verifyingKey.hash)

        var perApp: [[String: Any]] = []
        for estimate in report.applications {
            let alone: Double = estimate.aloneGas
            let batched = estimate.modes.first { (share: ApplicationEstimate.ModeShare) in share.mode == SettlementMode.batched }
            let bundled: Double = batched?.perProofGas ?? 0
            let saving: Double = alone > 0 ? ((alone - bundled) / alone * 1000).rounded() / 10 : 0
            perApp.append(["application": estimate.name, "individualGas": Int(alone), "bundledGas": Int(bundled),
                           "savingPercent": saving])
        }
        if json {
            printJSON([
                "applicationsPerCircuit": apps,
                "bundle": ["verified": verified, "proofs": bundle.proofCount, "circuits": bundle.keys.count,
                           "snarkPackAggregates": bundle.aggregates.count, "bytes": bundleBytes.count,
                           "verifyMilliseconds": verifyMilliseconds, "manifestRoot": hex(bundle.manifestRoot)],
                "gas": ["fork": schedule.name, "perApplication": perApp,
                        "note": "bundled = one random-linear-combination transaction for the whole bundle, shared by cost; "
                            + "traces recorded by Sheaf's EVM-equivalent verifiers"],
                "settlement": settlement.json,
                "outerSettlement": outerSettlement.map { $0.json as Any } ?? NSNull(),
                "finality": ["result": finality.agreeing, "transition": finality.transitionText,
                             "teeDisagrees": finality.disagreeing],
                "insecure": "keys, SRS and enclave keys are seed-derived: demonstration only",
                "seconds": Date().timeIntervalSince(started),
            ])
            return
        }
        print("")
        print("Bundle: \(verified ? "verified" : "NOT verified") — \(bundle.proofCount) proofs from \(bundle.keys.count) circuits "
              + "(\(bundle.aggregates.count) SnarkPack aggregates), \(bundleBytes.count) bytes, one final exponentiation, "
              + "\(String(format: "%.1f", verifyMilliseconds)) ms")
        print("Manifest root: \(hex(bundle.manifestRoot))")
        print("")
        print("Gas per proof on \(schedule.name): each application alone versus settled inside this bundle (one RLC pairing check on L1)")
        print("application".padding(toLength: 16, withPad: " ", startingAt: 0) + "alone".leftPadded(12) + "bundled".leftPadded(12) + "saving".leftPadded(9))
        for row in perApp {
            print("\(row["application"]!)".padding(toLength: 16, withPad: " ", startingAt: 0)
                  + "\(row["individualGas"]!)".leftPadded(12) + "\(row["bundledGas"]!)".leftPadded(12)
                  + "\(row["savingPercent"]!)%".leftPadded(9))
        }
        if let scaling = report.scaling,
           let breakEven = scaling.breakEven.first(where: { (size: ScalingSummary.Size) in size.mode == SettlementMode.batched })?.size {
            print("Break-even bundle size for the batched mode: \(breakEven) proofs (run `sheaf gas --explain` for the itemised steps).")
        }
        print("")
        print(settlement.text)
        if let outerSettlement { print(outerSettlement.text) }
        print("")
        print("Finality of rollup-0's block 1 (\(finality.transitionText)):")
        print("  ZK (this bundle) + TEE agree:  \(finality.agreeing)")
        print("  TEE attests another root:      \(finality.disagreeing)")
        if let plot { print("\nPlot written to \(plot).") }
        print("\n(keys, SRS and enclave keys are seed-derived and INSECURE: demonstration only)")
    }
}

extension DemoCommand {
    /// What settling the demo bundle on SheafSettlement costs: measured in the
    /// EVM when the test environment is present (`make test` installs it into
    /// .venv-evm), otherwise the calibrated prediction, labelled as such.
    struct Settlement {
        let text: String
        let json: [String: Any]
    }

    func settle(_ bundle: ProofBundle, rawProofs: [String: Groth16Proof], schedule: ForkSchedule) throws -> Settlement {
        let plan: SettlementPlan
        do throws(SettlementPlanError) {
            plan = try SettlementPlanner.plan(bundle: bundle, rawProofs: rawProofs, schedule: schedule)
        } catch {
            throw UserError(verb: "demo", message: "settling the bundle: \(error)", hint: "this is a bug in the demo")
        }
        let predicted = plan.transactions.filter { if case .registerKey = $0.kind { return false } else { return true } }.map(\.expectedGas)
        let n = plan.claims.count
        say("[5/\(steps)] settling \(n) statements on SheafSettlement…")
        if let measured = EVMRunner.run(plan) {
            let settleGas = measured.settleGas
            let lines = ["Settlement on SheafSettlement (measured in \(measured.evm)): \(plan.transactions.count - predicted.count) key registrations, "
                         + "then \(predicted.count) settle transaction(s) for all \(n) proofs: \(settleGas) gas, \(settleGas / n) per application "
                         + "(calibrated prediction \(predicted.reduce(0, +)))"]
            return Settlement(text: lines.joined(separator: "\n"),
                              json: ["measured": true, "evm": measured.evm, "settleGas": settleGas, "predictedGas": predicted.reduce(0, +),
                                     "perApplication": settleGas / n, "transactions": predicted.count, "root": hex(plan.receipts[0].root)])
        }
        let total = predicted.reduce(0, +)
        return Settlement(
            text: "Settlement on SheafSettlement (calibrated prediction, not run: no EVM environment; `make test` installs one): "
                + "\(predicted.count) settle transaction(s) for all \(n) proofs: \(total) gas, \(total / n) per application",
            json: ["measured": false, "predictedGas": total, "perApplication": total / n, "transactions": predicted.count,
                   "root": hex(plan.receipts[0].root)])
    }
}

extension DemoCommand {
    /// Proves, in one outer Groth16 proof, that every proof of the demo
    /// verified, and settles it on SheafOuterSettlement: settleOuter once, then
    /// each application's isSettled of its leaf, measured in py-evm when the
    /// test environment is present, otherwise the calibrated prediction.
    func settleThroughOuterProof(_ aggregator: Aggregator, alone: [ApplicationEstimate],
                                 schedule: ForkSchedule) throws -> Settlement {
        // The outer circuit verifies raw proofs: a bundle without SnarkPack.
        let plain = try aggregator.seal()
        if outerKey == nil { removeStaleOuterKeys() }
        let outerKey = outerKey ?? Self.cachedOuterKeyPath(apps: apps)
        if let outerKey, !FileManager.default.fileExists(atPath: outerKey) {
            let directory = (outerKey as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                    throw UserError(verb: "demo", message: "cannot create \(directory) for the outer key", hint: "pass --outer-key FILE in a writable directory")
                }
            }
        }
        let keyNote = outerKey.map { FileManager.default.fileExists(atPath: $0) ? ", with the key in \($0)" : ", keeping the key in \($0)" } ?? ""
        say("[6/\(steps)] outer proof of \(plain.entries.count) proofs under \(plain.keys.count) keys\(keyNote)…")
        let started = Date()
        let (key, outerProof) = try OuterOptions(directory: "", keyFile: outerKey, insecureSeed: Self.outerSeed)
            .prove(bundle: plain, verb: "demo")
        let seconds = Date().timeIntervalSince(started)
        let fm = FileManager.default
        let directory = NSTemporaryDirectory() + "sheaf-demo-outer-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? fm.removeItem(atPath: directory) }
        do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw UserError(verb: "demo", message: "cannot create \(directory)", hint: "check the temporary directory")
        }
        let n = outerProof.statements.count
        let predicted = try OuterOptions.writePlan(outerProof, ids: plain.entries.map(\.applicationID), manifestRoot: plain.manifestRoot,
                                                   to: directory, schedule: schedule)
        let source = try VyperVerifier.outerSettlementSource(for: key, statements: n)
        try writeFileBytes(Array(source.utf8), to: directory + "/SheafOuterSettlement.vy", verb: "demo")
        // The same proof through the outer notifier, when the bundle fits one.
        if n <= VyperVerifier.notifierMaximumStatements {
            let notifier = try VyperVerifier.outerNotifierSource(statements: n)
            try writeFileBytes(Array(notifier.utf8), to: directory + "/SheafOuterNotifier.vy", verb: "demo")
        }
        let measured = EVMRunner.runOuter(directory: directory, statements: n)
        let settleGas = measured?.settleGas ?? predicted.settleGas
        // An application's own check is its isSettled call without the 21,000
        // of the transaction it sends anyway.
        let ownChecks = (measured?.isSettledGas ?? predicted.isSettledGas).map { $0 - 21_000 }
        let perApplication = ownChecks.map { settleGas / n + $0 }
        let aloneGas = alone.map { Int($0.aloneGas) }
        let origin = measured.map { "measured in \($0.evm)" } ?? "calibrated prediction, not run: no EVM environment; `make test` installs one"
        let range = { (values: [Int]) in values.min() == values.max() ? "\(values.min()!)" : "\(values.min()!)–\(values.max()!)" }
        let text = "Settlement through one outer proof on SheafOuterSettlement (\(origin)): settleOuter \(settleGas) gas for all \(n) proofs "
            + "(\(settleGas / n) per application), then each application's isSettled \(range(ownChecks)) gas: "
            + "\(range(perApplication)) per application, against \(range(aloneGas)) alone"
            + (measured.map { _ in " (calibrated prediction \(predicted.settleGas) for settleOuter)" } ?? "")
            + (measured?.notifyGas.map { "; or through the outer notifier, settleAndNotify calling each application's receiver (one that checks its caller): \($0) gas, \($0 / n) per application" } ?? "")
            + "; outer proof made in \(String(format: "%.0f", seconds)) s (INSECURE seeded key)"
        var json: [String: Any] = ["measured": measured != nil, "settleGas": settleGas, "predictedSettleGas": predicted.settleGas,
                                   "isSettledGas": ownChecks, "perApplication": perApplication, "statements": n,
                                   "root": hex(outerProof.tree.root), "proveSeconds": seconds]
        if let measured { json["evm"] = measured.evm }
        if let notifyGas = measured?.notifyGas { json["notifyGas"] = notifyGas }
        return Settlement(text: text, json: json)
    }
}

/// Runs a settlement plan in the EVM of the test environment (pyrevm through
/// `Tests/EVM/run_plan.py` in `.venv-evm`), when it is present in the working
/// directory.
enum EVMRunner {
    struct Result {
        let evm: String
        let gasUsed: [Int]
        let settleGas: Int
    }

    static func run(_ plan: SettlementPlan) -> Result? {
        let fm = FileManager.default
        let directory = NSTemporaryDirectory() + "sheaf-demo-settle-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? fm.removeItem(atPath: directory) }
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var files = [[String: Any]]()
            for (i, transaction) in plan.transactions.enumerated() {
                let name = "tx-\(i).hex"
                try Data((hex(transaction.calldata) + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
                files.append(["file": name, "expectedGas": transaction.expectedGas])
            }
            try JSONSerialization.data(withJSONObject: ["transactions": files]).write(to: URL(fileURLWithPath: directory + "/plan.json"))
        } catch {
            return nil
        }
        guard let object = runScript("run_plan.py", directory: directory),
              let evm = object["evm"] as? String, let gas = object["gasUsed"] as? [Int], gas.count == plan.transactions.count
        else { return nil }
        let settleGas = zip(plan.transactions, gas).filter { if case .registerKey = $0.0.kind { return false } else { return true } }
            .reduce(0) { $0 + $1.1 }
        return Result(evm: evm, gasUsed: gas, settleGas: settleGas)
    }

    /// What `Tests/EVM/run_outer.py` measured for an outer settlement directory.
    struct OuterResult {
        let evm: String
        let settleGas: Int
        let isSettledGas: [Int]
        /// settleAndNotify's gas on the outer notifier, when it was run.
        let notifyGas: Int?
    }

    /// Settles the outer proof in `directory` (SheafOuterSettlement.vy,
    /// settle-outer.hex and plan.json) and opens every leaf, in py-evm; with
    /// SheafOuterNotifier.vy there, also settles it through the notifier.
    static func runOuter(directory: String, statements: Int) -> OuterResult? {
        guard let object = runScript("run_outer.py", directory: directory),
              let evm = object["evm"] as? String, let settleGas = object["settleGas"] as? Int,
              let isSettled = object["isSettledGas"] as? [Int], isSettled.count == statements
        else { return nil }
        return OuterResult(evm: evm, settleGas: settleGas, isSettledGas: isSettled, notifyGas: object["notifyGas"] as? Int)
    }

    /// Runs `Tests/EVM/<script> directory` with the test environment's Python
    /// and returns the JSON object it prints, or nil when the environment is
    /// absent or the script failed.
    static func runScript(_ script: String, directory: String) -> [String: Any]? {
        let fm = FileManager.default
        let python = fm.currentDirectoryPath + "/.venv-evm/bin/python"
        let path = fm.currentDirectoryPath + "/Tests/EVM/" + script
        guard fm.isExecutableFile(atPath: python), fm.fileExists(atPath: path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [path, directory]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return (try? JSONSerialization.jsonObject(with: output)) as? [String: Any]
    }
}

/// Runs the finality state machine with the bundle as the ZK proof.
struct FinalityDemo {
    let agreeing: String
    let disagreeing: String
    let transitionText: String

    init(oldRoot: Fr, newRoot: Fr, bundleBytes: [UInt8], srs: SnarkPackVerifierKey, rollupKeyHash: [UInt8]) throws {
        let parent = Bytes32(trusted: oldRoot.bigEndianBytes), root = Bytes32(trusted: newRoot.bigEndianBytes)
        let transition = Transition(height: 1, parent: parent, root: root)
        transitionText = "parent \(hex(parent.bytes).prefix(12))…, root \(hex(root.bytes).prefix(12))…"
        let world = SimulationWorld.self
        let config = FinalityConfig(
            chainID: world.chainID, anchorHeight: 0, anchorRoot: parent,
            zkVerifier: world.zkVerifierV1, teeVerifier: world.teeVerifierV1, optimisticVerifier: world.optimisticV1,
            council: CouncilConfig(members: world.councilKeys.map(\.address), threshold: world.councilThreshold),
            allowedMeasurements: [world.measurement],
            initialEnclaves: world.enclaveKeys.map { InitialEnclave(key: $0.address, measurement: world.measurement) })
        // The ZK leg accepts a transition when the bundle verifies and its
        // manifest holds a statement under the rollup circuit's verifying key
        // (matched by key hash, not by application name) with (old root, new
        // root, …) equal to the transition's, and only for this chain, this ZK
        // logic and block 1 (the circuit's inputs cannot bind those).
        let zk = BundleTransitionVerifier(chainID: config.chainID, verifier: config.zkVerifier, height: transition.height,
                                          srs: srs, rollupKeyHash: rollupKeyHash)
        func sign(_ t: Transition) -> [UInt8] {
            TEEAttestation.sign(world.enclaveKeys[0], chainID: world.chainID, verifier: world.teeVerifierV1, transition: t)
        }
        let hour: UInt64 = 3600
        var agree = try FinalityMachine(config: config, zkVerifier: zk)
        try agree.apply([
            TimedEvent(Timestamp(seconds: hour), .proposeOptimistic(transition: transition, proposer: world.proposer)),
            TimedEvent(Timestamp(seconds: 2 * hour), .submitZK(transition: transition, proof: bundleBytes)),
            TimedEvent(Timestamp(seconds: 3 * hour), .submitTEE(transition: transition, signature: sign(transition))),
        ])
        agreeing = Self.describe(agree.status(of: transition), earliest: agree.earliestFinalization(of: transition))

        var disagree = try FinalityMachine(config: config, zkVerifier: zk)
        let otherRoot = Bytes32.keccak(Array("a different root".utf8))
        let other = Transition(height: 1, parent: parent, root: otherRoot)
        try disagree.apply([
            TimedEvent(Timestamp(seconds: hour), .proposeOptimistic(transition: transition, proposer: world.proposer)),
            TimedEvent(Timestamp(seconds: 2 * hour), .submitZK(transition: transition, proof: bundleBytes)),
            TimedEvent(Timestamp(seconds: 3 * hour), .submitTEE(transition: other, signature: sign(other))),
        ])
        disagreeing = Self.describe(disagree.status(of: transition), earliest: disagree.earliestFinalization(of: transition))
    }

    static func describe(_ status: TransitionStatus?, earliest: Timestamp?) -> String {
        switch status {
        case .finalized(.zkAndTEE, _)?: return "finalized immediately"
        case let .finalized(rule, time)?: return "finalized by \(rule) at \(time)"
        case .pending?:
            if let earliest { return "pending: not final before \(earliest) (ZK + the optimistic game after the challenge window)" }
            return "pending"
        case let .rejected(reason, _)?: return "rejected: \(reason)"
        case nil: return "unknown transition"
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
