import ArgumentParser
import Foundation
import Sheaf

/// `sheaf gas`: what each application pays on Ethereum alone versus inside a Sheaf
/// bundle, per fork.
///
/// Numeric options are read as text and parsed here, so that every user error,
/// including a malformed number, is reported as one line on stderr with exit
/// status 2, like the library's typed errors.
struct GasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gas",
        abstract: "Estimate what applications pay on Ethereum alone versus in a Sheaf bundle.",
        discussion: """
            Prices the settlement modes under a fork schedule: each proof alone; a batched bundle \
            (one random-linear-combination pairing check); SnarkPack verified on chain (G_T arithmetic \
            priced from an op-count model); an outer recursive proof (a published cost model, not \
            executed); and Sheaf's own outer proof, settled with settleOuter and each application's \
            isSettled, or through the outer notifier, which calls each application's receiver (both \
            priced from contracts measured in an EVM). `sheaf gas --apps 64` needs no other flag.
            """)

    @Option(help: "Number of identical Groth16 applications (ignored with --apps-file).")
    var apps: String = "64"

    @Option(name: .customLong("public-inputs"), help: "Public inputs per proof of each application.")
    var publicInputs: String = "1"

    @Option(name: .customLong("proofs-per-day"), help: "Proofs each application settles per day.")
    var proofsPerDay: String = "24"

    @Option(help: "Distinct verifying keys among the --apps applications (default: one each).")
    var circuits: String?

    @Option(name: .customLong("key-sharing"),
            help: "What the distinct keys share, which SheafSettlement merges into fewer pairing pairs: none (separate setups, 3 pairs a key), gamma (snarkjs keys: γ is the G2 generator, 2 pairs a key) or setup (snarkjs keys from one powers-of-tau file: α, β and γ shared, 1 pair a key).")
    var keySharing: String = "none"

    @Option(name: .customLong("apps-file"),
            help: "JSON list of applications: [{\"name\", \"publicInputs\", \"proofsPerDay\", \"system\"?, \"circuit\"?}].")
    var appsFile: String?

    @Option(help: "Fork: cancun, prague (pectra), osaka (fusaka), bpo1, bpo2.")
    var fork: String = ForkSchedule.latest.name

    @Option(help: "A fork schedule JSON file (complete, or {\"base\": \"osaka\", …overrides}); replaces --fork.")
    var schedule: String?

    @Option(name: .customLong("block-gas-limit"), help: "Override the block gas limit.")
    var blockGasLimit: String?

    @Option(help: "An extra per-application record on top of SheafSettlement's own (its root and one log per application, already measured): storage, log or none.")
    var bookkeeping: String = Bookkeeping.none.rawValue

    @Option(help: "Outer-recursion preset: electron, electron-earlier or nebra.")
    var outer: String = OuterRecursionModel.electronQuantum.name

    @Option(name: .customLong("outer-fixed"), help: "Override the outer model's fixed gas per aggregated proof.")
    var outerFixed: String?

    @Option(name: .customLong("outer-per-proof"), help: "Override the outer model's gas per proof.")
    var outerPerProof: String?

    @Option(name: .customLong("blob-base-fee"), help: "Blob base fee in wei per blob gas.")
    var blobBaseFee: String = "1"

    @Option(name: .customLong("base-fee"), help: "Execution base fee in gwei (for EIP-7918's blob reserve price).")
    var baseFee: String = "1"

    @Option(name: .customLong("max-bundle"), help: "Largest bundle size on the plot (a power of two is best).")
    var maxBundle: String = "1024"

    @Flag(help: "Print the estimate as JSON.")
    var json = false

    @Option(help: "Write an SVG plot of gas per proof against bundle size to this file.")
    var plot: String?

    @Flag(name: .customLong("plot-snarkpack"), help: "Also draw SnarkPack verified on chain in the --plot (tens of millions of gas; it squeezes the other lines together, so it is left out by default).")
    var plotSnarkPack = false

    @Flag(help: "Print the itemised steps of the batched bundle and their sum (with --json: the batchedReport key).")
    var explain = false

    @Flag(name: .long, help: "Print the measured contracts' calibration and the gas per application, alone and settled, for n = 1…256 and k ∈ {1, 3, n} (with --public-inputs), then exit.")
    var contracts = false

    @Flag(name: .customLong("print-schedule"), help: "Print the selected fork schedule as JSON (a template for --schedule) and exit.")
    var printSchedule = false

    func run() throws {
        do {
            try execute()
        } catch {
            StandardError.writeLine("sheaf gas: " + error.message)
            throw ExitCode(2)
        }
    }

    private func execute() throws(GasCLIError) {
        var selected = try selectSchedule()
        if let text = blockGasLimit {
            selected.blockGasLimit = try integer(text, option: "--block-gas-limit", minimum: 1)
            do {
                try selected.validate(source: "--block-gas-limit")
            } catch {
                throw GasCLIError("\(error); give a limit of at least \(selected.transaction.intrinsicGas)")
            }
        }
        if printSchedule {
            print(selected.jsonString())
            return
        }

        var options = SavingsEstimator.Options()
        guard let keeping = Bookkeeping(rawValue: bookkeeping) else {
            throw GasCLIError("--bookkeeping \(bookkeeping) is not one of storage, log, none")
        }
        options.bookkeeping = keeping
        guard var model = OuterRecursionModel.presets.first(where: { $0.name == outer }) else {
            throw GasCLIError("--outer \(outer) is not one of \(OuterRecursionModel.presets.map(\.name).joined(separator: ", "))")
        }
        if let text = outerFixed {
            model.fixedGas = try integer(text, option: "--outer-fixed", minimum: 0)
            model.source = "user-supplied (--outer-fixed), otherwise " + model.source
        }
        if let text = outerPerProof {
            model.perProofGas = try integer(text, option: "--outer-per-proof", minimum: 0)
            model.source = "user-supplied (--outer-per-proof), otherwise " + model.source
        }
        options.outer = model
        options.blobBaseFeeWei = try unsigned(blobBaseFee, option: "--blob-base-fee")
        guard let gwei = Double(baseFee), gwei.isFinite, gwei >= 0, gwei <= 1e9 else {
            throw GasCLIError("--base-fee \(baseFee) is not a number of gwei between 0 and 1e9")
        }
        options.baseFeeWei = UInt64((gwei * 1e9).rounded())
        let largest = try integer(maxBundle, option: "--max-bundle", minimum: 2, maximum: options.searchLimit)
        var sizes: [Int] = []
        var n = 1
        while n < largest { sizes.append(n); n *= 2 }
        sizes.append(largest)
        options.plotSizes = sizes

        guard let sharing = MeasuredSettlementTraces.KeySharing(rawValue: keySharing) else {
            throw GasCLIError("--key-sharing: '\(keySharing)' is not none, gamma or setup")
        }
        if contracts {
            do { print(try ContractGasTable.markdown(schedule: selected, publicInputs: integer(publicInputs, option: "--public-inputs", minimum: 0, maximum: ContractCalibration.current.settle.maximumInputsPerKey), keySharing: sharing)) } catch {
                throw GasCLIError("\(error)")
            }
            return
        }
        let applications = try loadApplications()
        let report: SavingsReport
        do {
            report = try SavingsEstimator(schedule: selected, traces: MeasuredSettlementTraces(keySharing: sharing), options: options).estimate(applications)
        } catch {
            throw GasCLIError(appsFile.map { "--apps-file \($0): \(error)" } ?? "\(error)")
        }

        if let path = plot {
            guard let scaling = report.scaling else {
                throw GasCLIError("--plot needs at least one groth16 application (only those join bundles)")
            }
            let svg = SavingsPlot.svg(scaling, schedule: report.schedule, transactionGasLimit: report.transactionGasLimit,
                                     includeSnarkPack: plotSnarkPack)
            do {
                try svg.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw GasCLIError("cannot write the plot to \(path): \(Self.reason(error)); choose a writable path")
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } catch {
                throw GasCLIError("cannot encode the report as JSON: \(error)")
            }
        } else {
            print(report.table())
            if let path = plot { print("\nPlot written to \(path).") }
        }
        // With --json the itemised batched bundle is already in the document
        // (`batchedReport`); printing text after it would break the JSON.
        if explain && !json {
            print("")
            print(report.explainBatched())
        }
    }

    private func selectSchedule() throws(GasCLIError) -> ForkSchedule {
        if let path = schedule {
            do {
                return try ForkSchedule.load(path: path)
            } catch {
                let hint: String
                switch error {
                case .unknownKey: hint = ""
                case .unknownFork: hint = " (in \(path))"
                default: hint = "; `sheaf gas --print-schedule` prints a complete schedule to start from"
                }
                throw GasCLIError("\(error)\(hint)")
            }
        }
        guard let named = ForkSchedule.named(fork) else {
            throw GasCLIError("--fork \(fork) is unknown; use one of \(ForkSchedule.builtIn.map(\.name).joined(separator: ", ")) or --schedule FILE.json")
        }
        return named
    }

    private func loadApplications() throws(GasCLIError) -> [Application] {
        if let path = appsFile {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw GasCLIError("cannot read --apps-file \(path): \(Self.reason(error)); give the path of a JSON list of applications")
            }
            do {
                return try JSONDecoder().decode([Application].self, from: data)
            } catch let error as DecodingError {
                throw GasCLIError("--apps-file \(path): \(Self.describe(error)); expected a JSON list of "
                                  + "{\"name\", \"publicInputs\", \"proofsPerDay\", \"system\"? (groth16|fflonk|plonk|stark), \"circuit\"?}")
            } catch {
                throw GasCLIError("--apps-file \(path): \(error)")
            }
        }
        let count = try integer(apps, option: "--apps", minimum: 1, maximum: SavingsEstimator.maximumApplications)
        let inputs = try integer(publicInputs, option: "--public-inputs", minimum: 0, maximum: SavingsEstimator.maximumPublicInputs)
        guard let perDay = Double(proofsPerDay), perDay.isFinite, perDay >= 0 else {
            throw GasCLIError("--proofs-per-day \(proofsPerDay) is not a non-negative number")
        }
        let keys = try circuits.map { (text: String) throws(GasCLIError) -> Int in
            try integer(text, option: "--circuits", minimum: 1, maximum: count)
        } ?? count
        return (0..<count).map { i in
            Application(name: "app\(i + 1)", system: .groth16, publicInputs: inputs, proofsPerDay: perDay,
                        circuit: "circuit\(i % keys + 1)")
        }
    }

    private func integer(_ text: String, option: String, minimum: Int, maximum: Int = Int.max) throws(GasCLIError) -> Int {
        guard let value = Int(text), value >= minimum, value <= maximum else {
            let range = maximum == Int.max ? "at least \(minimum)" : "between \(minimum) and \(maximum)"
            throw GasCLIError("\(option) \(text) is not a whole number \(range)")
        }
        return value
    }

    private func unsigned(_ text: String, option: String) throws(GasCLIError) -> UInt64 {
        guard let value = UInt64(text) else {
            throw GasCLIError("\(option) \(text) is not a whole number of wei (0 to \(UInt64.max))")
        }
        return value
    }

    /// The system's reason for a file error, without a trailing full stop.
    private static func reason(_ error: any Error) -> String {
        var text = (error as NSError).localizedDescription
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context): return "\(path(context)) is missing \"\(key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// A user error of `sheaf gas`: one line saying what was wrong and what to do.
struct GasCLIError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
