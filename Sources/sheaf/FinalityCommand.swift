import ArgumentParser
import Sheaf
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sheaf finality`: the 2-of-3 finality rule.
struct FinalityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finality",
        abstract: "The 2-of-3 finality rule (ZK + TEE + optimistic game, with a security council).",
        subcommands: [FinalitySimulate.self]
    )
}

/// `sheaf finality simulate`: runs a built-in scenario or replays a journal and
/// prints the timeline.
struct FinalitySimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a built-in finality scenario, or replay a recorded journal, and print the timeline.",
        discussion: "Exactly one of --scenario, --journal or --list. Use --record with --scenario to write the events to a journal that --journal can replay."
    )

    @Option(name: .long, help: "The built-in scenario to run (see --list).")
    var scenario: String?

    @Option(name: .long, help: "A journal file (JSON lines) to replay with the simulation ZK verifier.")
    var journal: String?

    @Option(name: .long, help: "With --scenario: also write the scenario's events to this new journal file.")
    var record: String?

    @Flag(name: .long, help: "List the built-in scenarios.")
    var list = false

    func run() throws {
        let modes = [scenario != nil, journal != nil, list].filter { $0 }.count
        guard modes == 1 else {
            fail("give exactly one of --scenario NAME, --journal FILE or --list (try 'sheaf finality simulate --list')")
        }
        if record != nil && scenario == nil { fail("--record needs --scenario: it writes that scenario's events to a journal") }
        do {
            if list {
                let width = FinalityScenario.names.map(\.count).max() ?? 0
                for s in FinalityScenario.all {
                    print(s.name + String(repeating: " ", count: width - s.name.count + 2) + s.summary)
                }
            } else if let name = scenario {
                let chosen = try FinalityScenario.named(name)
                let machine: FinalityMachine
                if let path = record {
                    let writer = try FinalityJournalWriter.create(path: path, config: chosen.config)
                    var recorded = try FinalityMachine(config: chosen.config, zkVerifier: SimulationWorld.zkVerifier)
                    for event in chosen.events { try writer.record(event, into: &recorded) }
                    machine = recorded
                } else {
                    machine = try chosen.run()
                }
                print("Scenario \(chosen.name): \(chosen.summary)\n")
                print(FinalityTimeline.render(machine, labels: SimulationWorld.labels()))
                if let path = record { print("\nJournal written to \(path) (\(chosen.events.count) events).") }
            } else if let path = journal {
                let (machine, contents) = try FinalityJournal.replay(path: path, zkVerifier: SimulationWorld.zkVerifier)
                if contents.droppedTornLine {
                    printError("note: \(path) ended in a torn (incomplete) line from an interrupted write; it was ignored")
                }
                print("Journal \(path): \(contents.events.count) events, chain \(contents.config.chainID)\n")
                print(FinalityTimeline.render(machine, labels: SimulationWorld.labels()))
            }
        } catch let error as FinalityError {
            fail(error.description)
        } catch let error as JournalError {
            fail(error.description)
        }
    }

    /// One line on stderr, exit code 2: a user error, not a crash.
    private func fail(_ message: String) -> Never {
        printError("error: " + message)
        FinalitySimulate.exit(withError: ExitCode(2))
    }

    private func printError(_ message: String) {
        fputs(message + "\n", stderr)
    }
}
