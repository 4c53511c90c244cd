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
        discussion: "Exactly one of --scenario, --journal or --list. Use --record with --scenario to write the events to a journal that --journal can replay. The journal's checksum chain only detects crashes and accidental damage; for integrity give --journal-key FILE (a secret of 16 to 1024 bytes kept outside the journal) both when recording and when replaying. A journal whose last line is torn or fails its check is refused (exit 2) unless --allow-torn-tail is given."
    )

    @Option(name: .long, help: "The built-in scenario to run (see --list).")
    var scenario: String?

    @Option(name: .long, help: "A journal file (JSON lines) to replay with the simulation ZK verifier.")
    var journal: String?

    @Option(name: .long, help: "With --scenario: also write the scenario's events to this new journal file.")
    var record: String?

    @Option(name: .long, help: "A file holding the secret journal key (16 to 1024 bytes): --record writes an authenticated journal and checkpoint, --journal verifies them.")
    var journalKey: String?

    @Flag(name: .long, help: "With --journal: replay a journal whose last line is torn or fails its check, without that line (a warning says so).")
    var allowTornTail = false

    @Flag(name: .long, help: "List the built-in scenarios.")
    var list = false

    func run() throws {
        let modes = [scenario != nil, journal != nil, list].filter { $0 }.count
        guard modes == 1 else {
            fail("give exactly one of --scenario NAME, --journal FILE or --list (try 'sheaf finality simulate --list')")
        }
        if record != nil && scenario == nil { fail("--record needs --scenario: it writes that scenario's events to a journal") }
        if journalKey != nil && record == nil && journal == nil { fail("--journal-key needs --record or --journal") }
        if allowTornTail && journal == nil { fail("--allow-torn-tail needs --journal") }
        do {
            let key = try journalKey.map(loadKey)
            if list {
                let width = FinalityScenario.names.map(\.count).max() ?? 0
                for s in FinalityScenario.all {
                    print(s.name + String(repeating: " ", count: width - s.name.count + 2) + s.summary)
                }
            } else if let name = scenario {
                let chosen = try FinalityScenario.named(name)
                let machine: FinalityMachine
                if let path = record {
                    let writer = try FinalityJournalWriter.create(path: path, config: chosen.config, key: key)
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
                let (machine, contents) = try FinalityJournal.replay(path: path, zkVerifier: SimulationWorld.zkVerifier, key: key)
                if contents.droppedTornLine {
                    // A crash leaves a torn last line, but so does an edit of the
                    // last record: replaying without it must be a decision.
                    guard allowTornTail else {
                        fail("\(path): the last line is torn or fails its check (an interrupted write, or an altered record); replay without it only with --allow-torn-tail")
                    }
                    printError("warning: \(path) ended in a torn or failing last line; it was ignored (--allow-torn-tail)")
                }
                let authenticated = contents.authenticated ? ", authenticated with the journal key" : ""
                print("Journal \(path): \(contents.events.count) events, chain \(contents.config.chainID)\(authenticated)\n")
                print(FinalityTimeline.render(machine, labels: SimulationWorld.labels()))
            }
        } catch let error as FinalityError {
            fail(error.description)
        } catch let error as JournalError {
            fail(error.description)
        }
    }

    /// The journal key from a file (bounded read: a key is small).
    private func loadKey(_ path: String) throws -> JournalKey {
        let bytes: [UInt8]
        do { bytes = try BoundedFile.read(atPath: path, limit: JournalKey.maximumLength) } catch {
            fail("cannot read the journal key \(path): \(error.reason)")
        }
        return try JournalKey(bytes: bytes)
    }

    /// One line on stderr prefixed `sheaf finality simulate:` like every other
    /// verb's errors, exit code 2: a user error, not a crash.
    private func fail(_ message: String) -> Never {
        printError("sheaf finality simulate: " + message)
        FinalitySimulate.exit(withError: ExitCode(2))
    }

    private func printError(_ message: String) {
        StandardError.writeLine(message)
    }
}
