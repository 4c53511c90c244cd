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

    func run() throws {
        try reportingErrors("demo", hint: "run `sheaf demo` with no options, or see `sheaf demo --help`") {
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
        say("[1/6] setting up keys for 3 circuits…")
        let applicationsByCircuit: [(ExampleApplication, String)] = [(.rollup, "rollup"), (.noteSpend, "privacy"), (.walletRecovery, "wallet")]
        let keys = try applicationsByCircuit.map { try $0.0.insecureProvingKey(seed: $0.0.fixtureSeed) }

        // 2. Proofs: each application proves its own statement.
        var aggregator = Aggregator()
        var progress = Progress(label: "[2/6] proving", total: 3 * apps)
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
        say("[3/6] aggregating \(3 * apps) proofs (SnarkPack for groups of ≥ 4 proofs)…")
        let srs = SnarkPackSRS.insecure(maxProofs: SnarkPack.paddedCount(apps), seedA: 21, seedB: 22)
        let bundle = try aggregator.seal(snarkPack: srs, threshold: 4)
        let bundleBytes = BundleCodec.encode(bundle)
        let verifyStart = Date()
        let verified = try BundleCodec.decode(bundleBytes).verify(srs: srs.verifierKey)
        let verifyMilliseconds = Date().timeIntervalSince(verifyStart) * 1000
        say("[4/6] bundle \(verified ? "VERIFIED" : "FAILED") in \(String(format: "%.1f", verifyMilliseconds)) ms: "
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
        if let path = plot, let scaling = report.scaling {
            let svg = SavingsPlot.svg(scaling, schedule: report.schedule, transactionGasLimit: report.transactionGasLimit,
                                     includeSnarkPack: plotSnarkPack)
            guard (try? svg.write(toFile: path, atomically: true, encoding: .utf8)) != nil else {
                throw UserError(verb: "demo", message: "cannot write the plot to \(path)", hint: "choose a writable path")
            }
        }

        // 5. Finality: the bundle is the ZK leg for the first rollup's block.
        say("[6/6] finality: the bundle as the ZK leg of the 2-of-3 rule…")
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
        say("[5/6] settling \(n) statements on SheafSettlement…")
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
        let python = fm.currentDirectoryPath + "/.venv-evm/bin/python"
        let script = fm.currentDirectoryPath + "/Tests/EVM/run_plan.py"
        guard fm.isExecutableFile(atPath: python), fm.fileExists(atPath: script) else { return nil }
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [script, directory]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let object = try JSONSerialization.jsonObject(with: output) as? [String: Any],
                  let evm = object["evm"] as? String, let gas = object["gasUsed"] as? [Int], gas.count == plan.transactions.count
            else { return nil }
            let settleGas = zip(plan.transactions, gas).filter { if case .registerKey = $0.0.kind { return false } else { return true } }
                .reduce(0) { $0 + $1.1 }
            return Result(evm: evm, gasUsed: gas, settleGas: settleGas)
        } catch {
            return nil
        }
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
