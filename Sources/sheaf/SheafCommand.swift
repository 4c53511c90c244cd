import ArgumentParser
import Foundation
import Sheaf

/// The `sheaf` command-line tool. Each verb lives in its own file.
@main
struct SheafCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheaf",
        abstract: "Aggregate zero-knowledge proofs for Ethereum, price them, and finalize state roots.",
        subcommands: [
            // Verbs register here, one per line.
            DemoCommand.self,
            ProveCommand.self,
            WitnessCommand.self,
            VerifyCommand.self,
            FixturesCommand.self,
            SRSCommand.self,
            AggregateCommand.self,
            Phase2Command.self,
            VerifyBundleCommand.self,
            InspectCommand.self,
            FinalityCommand.self,
            GasCommand.self,
            CalldataCommand.self,
            ExportCommand.self,
            SettleCommand.self,
            RecursionCommand.self,
            NestCommand.self,
            VerifyNestedCommand.self,
        ]
    )

    /// Runs the CLI so that every failure is one line and exit status 2 (usage
    /// mistakes included: an unknown option, a missing value), `--help` prints
    /// help and exits 0, and verbs' own exit codes (1 for an invalid proof) pass
    /// through.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            StandardError.writeLine("sheaf: \(message); run 'sheaf help' for usage")
            Foundation.exit(2)
        }
    }
}
