import ArgumentParser
import Foundation
import Sheaf

/// A user mistake: one line on standard error saying what was wrong and what to
/// do, then exit status 2. No stack traces for user errors.
struct UserError: Error {
    let verb: String
    let message: String
    let hint: String

    /// Prints the line and returns the exit code to throw.
    func report() -> ExitCode {
        FileHandle.standardError.write(Data("sheaf \(verb): \(message); \(hint)\n".utf8))
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
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw UserError(verb: verb, message: "cannot write '\(path)'", hint: "check that the directory exists and is writable")
    }
}

/// 0x-prefixed lower-case hex.
func hex(_ bytes: [UInt8]) -> String { "0x" + bytes.map { String(format: "%02x", $0) }.joined() }

/// Prints a JSON object with sorted keys.
func printJSON(_ object: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
}

/// A one-line progress indicator on standard error for long runs.
struct Progress {
    let label: String
    let total: Int
    var lastPercent = -1

    mutating func update(_ done: Int) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// The built-in fork schedule named `name`, or a user error naming the choices.
func namedSchedule(_ name: String, verb: String) throws -> ForkSchedule {
    guard let schedule = ForkSchedule.named(name) else {
        throw UserError(verb: verb, message: "--fork \(name) is unknown", hint: "use one of \(ForkSchedule.builtIn.map(\.name).joined(separator: ", "))")
    }
    return schedule
}
