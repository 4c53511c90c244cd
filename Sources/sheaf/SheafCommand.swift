import ArgumentParser
import Sheaf

/// The `sheaf` command-line tool. Each verb lives in its own file.
@main
struct SheafCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheaf",
        abstract: "Aggregate zero-knowledge proofs for Ethereum, price them, and finalize state roots.",
        subcommands: [
            // Verbs register here, one per line.
            GasCommand.self,
        ]
    )
}
