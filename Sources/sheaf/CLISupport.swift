import ArgumentParser
import Foundation
import Sheaf
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A user mistake: one line on standard error saying what was wrong and what to
/// do, then exit status 2. No stack traces for user errors.
struct UserError: Error {
    let verb: String
    let message: String
    let hint: String

    /// Prints the line and returns the exit code to throw.
    func report() -> ExitCode {
        StandardError.writeLine("sheaf \(verb): \(message); \(hint)")
        return ExitCode(2)
    }
}

/// Runs `body`, turning a ``UserError`` or any library error into one line and
/// exit status 2.
func reportingErrors(_ verb: String, file: String? = nil, hint: String = "check the input", _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as UserError {
        throw error.report()
    } catch {
        let prefix = file.map { "\($0): " } ?? ""
        throw UserError(verb: verb, message: "\(prefix)\(error)", hint: hint).report()
    }
}

/// Writes a file or fails with a user error naming it.
func writeFileBytes(_ bytes: [UInt8], to path: String, verb: String) throws {
    // Not FileManager.createFile: it writes files over 2 GiB wrongly on Linux
    // (FileBytes explains).
    do throws(FileBytes.WriteError) { try FileBytes.write(bytes, toPath: path) } catch {
        throw UserError(verb: verb, message: "cannot write '\(path)' (\(error.reason))", hint: "check that the directory exists and is writable")
    }
}

/// Writes a proving key's file section by section, or fails with a user error naming it.
func writeProvingKey(_ key: ProvingKey, to path: String, verb: String) throws {
    do throws(FileBytes.WriteError) { try ProvingKeyFile.write(key, toPath: path) } catch {
        throw UserError(verb: verb, message: "cannot write '\(path)' (\(error.reason))", hint: "check that the directory exists and is writable")
    }
}

/// 0x-prefixed lower-case hex (the library's ``Hex/encode(_:)``).
func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

/// Prints a JSON object with sorted keys.
func printJSON(_ object: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
}

/// Standard error as the CLI uses it: whole lines, and at most one progress bar
/// frame left open (without its newline) at a time.
enum StandardError {
    /// Whether standard error is a terminal: only then is a progress bar drawn
    /// (a file or pipe would collect every `\r` frame).
    static let isTerminal = isatty(2) == 1

    /// Whether a progress frame is on screen without its newline. The CLI runs
    /// on one thread, so this is never touched concurrently.
    nonisolated(unsafe) static var lineOpen = false

    /// Writes `text` (no newline added) and records that the line stays open.
    static func writeOpenLine(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
        lineOpen = true
    }

    /// Ends an open progress frame with its newline (nothing when none is open).
    static func endOpenLine() {
        guard lineOpen else { return }
        lineOpen = false
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// Writes one line, first ending an open progress frame, so that a message
    /// (an error above all) always starts on a line of its own.
    static func writeLine(_ line: String) {
        endOpenLine()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A one-line progress indicator on standard error for long runs, drawn only
/// when standard error is a terminal.
struct Progress {
    let label: String
    let total: Int
    var lastPercent = -1
    /// Whether frames are drawn (standard error is a terminal).
    let draws: Bool

    init(label: String, total: Int, draws: Bool = StandardError.isTerminal) {
        self.label = label; self.total = total; self.draws = draws
    }

    mutating func update(_ done: Int) {
        guard draws, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        StandardError.writeOpenLine("\r\(label) [\(bar)] \(done)/\(total)")
        if done == total { StandardError.endOpenLine() }
    }
}

/// The built-in fork schedule named `name`, or a user error naming the choices.
func namedSchedule(_ name: String, verb: String) throws -> ForkSchedule {
    guard let schedule = ForkSchedule.named(name) else {
        throw UserError(verb: verb, message: "--fork \(name) is unknown", hint: "use one of \(ForkSchedule.builtIn.map(\.name).joined(separator: ", "))")
    }
    return schedule
}

/// The process's peak resident memory so far (VmHWM in /proc/self/status), as
/// "n.n GB"; nil where /proc is not there.
func peakResidentMemory() -> String? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") else { return nil }
    return String(format: "%.1f GB", kilobytes * 1024 / 1e9)
}

/// Times the steps of a long computation on standard error, each with the
/// process's peak memory so far.
struct Laps {
    let label: String
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    init(_ label: String) {
        self.label = label
        start = clock.now
    }

    /// Reports `what` as done since the last lap.
    mutating func lap(_ what: String) {
        let seconds = start.duration(to: clock.now).formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))
        StandardError.writeLine("\(label): \(what) in \(seconds)" + (peakResidentMemory().map { ", peak memory \($0)" } ?? ""))
        start = clock.now
    }
}
