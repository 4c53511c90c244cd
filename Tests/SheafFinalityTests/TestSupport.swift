import Foundation
import SheafField
import SheafFinality

/// The deterministic generator for property tests: SheafField's seeded
/// xoshiro256** (the finality code under test does not use it).
typealias TestRNG = SeededGenerator

/// Hex decoding for test data (independent of `Hex` in the module under test).
func bytes(fromHex text: String) -> [UInt8] {
    var digits = Array(text.utf8)
    if digits.starts(with: Array("0x".utf8)) { digits.removeFirst(2) }
    precondition(digits.count % 2 == 0, "odd hex in test data")
    func value(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: preconditionFailure("bad hex digit in test data")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// Lower-case hex without prefix.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// Where shared test vectors live: the repository root's sibling `shared`
/// directory (as CI lays it out), found from this file's path.
enum SharedVectors {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let directory: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors")

    static func url(_ relative: String) -> URL { directory.appendingPathComponent(relative) }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }
}

/// A fresh path in the temporary directory for a journal file.
func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-finality-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("\(name)-\(UInt64.random(in: 0 ... .max)).jsonl").path
    try? FileManager.default.removeItem(atPath: path)
    return path
}

typealias W = SimulationWorld

/// `days` days and `hours` hours after the epoch.
func at(_ days: UInt64, _ hours: UInt64 = 0) -> Timestamp { ScenarioBuilder.at(days: days, hours: hours) }

/// A machine on the simulation configuration (optionally adjusted).
func makeMachine(zkVerifier: EthereumAddress = W.zkVerifierV1, adjust: (inout FinalityConfig) -> Void = { _ in }) throws -> FinalityMachine {
    var config = W.config(zkVerifier: zkVerifier)
    adjust(&config)
    return try FinalityMachine(config: config, zkVerifier: W.zkVerifier)
}

extension FinalityMachine {
    /// Applies every event a builder produced and returns the last outcome.
    @discardableResult
    mutating func run(_ builder: ScenarioBuilder) throws -> EventOutcome? {
        var last: EventOutcome? = nil
        for event in builder.events { last = try apply(event) }
        return last
    }

    /// The outcomes of applying the builder's events from the given index on.
    mutating func outcomes(_ builder: ScenarioBuilder, from start: Int = 0) throws -> [EventOutcome] {
        try builder.events[start...].map { try apply($0) }
    }
}
