import Foundation
import Testing
@testable import SheafFinality

/// Writes `events` under `config` through the durable writer.
func writeJournal(_ path: String, config: FinalityConfig, events: [TimedEvent]) throws -> FinalityMachine {
    let writer = try FinalityJournalWriter.create(path: path, config: config)
    var machine = try FinalityMachine(config: config, zkVerifier: W.zkVerifier)
    for event in events { try writer.record(event, into: &machine) }
    return machine
}

func fileBytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
func setFileBytes(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

/// The byte offsets where each line starts.
func lineStarts(_ bytes: [UInt8]) -> [Int] {
    [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") && $0 + 1 < bytes.count }.map { $0 + 1 }
}

@Suite("Event journal")
struct JournalTests {
    @Test("Every scenario round-trips: the replayed state equals the recorded one", arguments: FinalityScenario.names)
    func roundTrip(name: String) throws {
        let scenario = try FinalityScenario.named(name)
        let path = temporaryPath(name)
        let recorded = try writeJournal(path, config: scenario.config, events: scenario.events)
        let contents = try FinalityJournal.read(path: path)
        #expect(contents.config == scenario.config)
        #expect(contents.events == scenario.events)
        #expect(!contents.droppedTornLine)
        let (replayed, _) = try FinalityJournal.replay(path: path, zkVerifier: W.zkVerifier)
        #expect(replayed.state == recorded.state)
        #expect(replayed.state == (try scenario.run()).state)
        // One JSON object per line, header first.
        let lines = String(decoding: try fileBytes(path), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == scenario.events.count + 1)
        let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(header?["seq"] as? Int == 0)
    }

    @Test("A torn last line, cut at any byte, is dropped and never misread")
    func tornAtEveryOffset() throws {
        let scenario = try FinalityScenario.named("tee-key-leak")
        let path = temporaryPath("torn")
        _ = try writeJournal(path, config: scenario.config, events: scenario.events)
        let full = try fileBytes(path)
        let lastStart = lineStarts(full).last!
        let expectedState = try { () throws -> FinalityState in
            var m = try FinalityMachine(config: scenario.config, zkVerifier: W.zkVerifier)
            try m.apply(scenario.events.dropLast())
            return m.state
        }()
        var cuts = 0
        for cut in (lastStart + 1)..<(full.count) {           // every partial last line
            try setFileBytes(path, Array(full[0..<cut]))
            let contents = try FinalityJournal.read(path: path)
            #expect(contents.droppedTornLine)
            #expect(contents.events == Array(scenario.events.dropLast()))
            #expect(contents.validLength == lastStart)
            cuts += 1
        }
        #expect(cuts == full.count - lastStart - 1)
        try setFileBytes(path, Array(full[0..<(full.count - 7)]))
        #expect(try FinalityJournal.replay(path: path, zkVerifier: W.zkVerifier).machine.state == expectedState)
    }

    @Test("A complete last line that fails its check is treated as torn too")
    func corruptLastLine() throws {
        let scenario = try FinalityScenario.named("happy-path")
        let path = temporaryPath("last")
        _ = try writeJournal(path, config: scenario.config, events: scenario.events)
        var bytes = try fileBytes(path)
        let lastStart = lineStarts(bytes).last!
        // Zero-filled tail, as a crash on some file systems leaves it.
        for i in (lastStart + 10)..<(bytes.count - 1) { bytes[i] = 0 }
        try setFileBytes(path, bytes)
        let contents = try FinalityJournal.read(path: path)
        #expect(contents.droppedTornLine && contents.events.count == scenario.events.count - 1)
    }

    @Test("A damaged, missing or moved line in the middle is a typed error naming the line")
    func corruptMiddle() throws {
        let scenario = try FinalityScenario.named("tee-down")
        let path = temporaryPath("middle")
        _ = try writeJournal(path, config: scenario.config, events: scenario.events)
        let original = try fileBytes(path)
        let starts = lineStarts(original)

        // A changed digit inside line 3's payload (the time of event 2).
        var flipped = original
        let line3 = Array(original[starts[2]..<starts[3]])
        let digit = line3.indices.first { i in
            line3[i] >= UInt8(ascii: "1") && line3[i] <= UInt8(ascii: "8") && String(decoding: line3[..<i], as: UTF8.self).hasSuffix("\\\"time\\\":")
        }!
        flipped[starts[2] + digit] += 1
        try setFileBytes(path, flipped)
        #expect(throws: JournalError.corruptRecord(path: path, line: 3, reason: "checksum mismatch")) { try FinalityJournal.read(path: path) }

        // Line 4 removed: line 4 is now what was line 5, with the wrong sequence number.
        try setFileBytes(path, Array(original[0..<starts[3]] + original[starts[4]...]))
        #expect(throws: JournalError.corruptRecord(path: path, line: 4, reason: "sequence number 4, expected 3")) {
            try FinalityJournal.read(path: path)
        }

        // Lines 3 and 4 swapped.
        try setFileBytes(path, Array(original[0..<starts[2]] + original[starts[3]..<starts[4]] + original[starts[2]..<starts[3]] + original[starts[4]...]))
        #expect(throws: JournalError.corruptRecord(path: path, line: 3, reason: "sequence number 3, expected 2")) {
            try FinalityJournal.read(path: path)
        }

        // Garbage in the middle.
        try setFileBytes(path, Array(original[0..<starts[2]]) + Array("not json\n".utf8) + Array(original[starts[3]...]))
        #expect(throws: JournalError.self) { try FinalityJournal.read(path: path) }
    }

    @Test("Reopening cuts a torn line off, and appends continue the chain")
    func reopenAfterTear() throws {
        let scenario = try FinalityScenario.named("tee-down")
        let path = temporaryPath("reopen")
        _ = try writeJournal(path, config: scenario.config, events: Array(scenario.events.prefix(4)))
        let bytes = try fileBytes(path)
        try setFileBytes(path, bytes + Array("{\"check\":\"0x12".utf8))     // an interrupted append
        let (writer, contents) = try FinalityJournalWriter.open(path: path)
        #expect(contents.droppedTornLine && contents.events.count == 4)
        #expect(try fileBytes(path) == bytes)
        var machine = try FinalityMachine(config: contents.config, zkVerifier: W.zkVerifier)
        try machine.apply(contents.events)
        for event in scenario.events.dropFirst(4) { try writer.record(event, into: &machine) }
        let reread = try FinalityJournal.read(path: path)
        #expect(!reread.droppedTornLine)
        #expect(reread.events == scenario.events)
        #expect(try FinalityJournal.replay(path: path, zkVerifier: W.zkVerifier).machine.state == (try scenario.run()).state)
    }

    @Test("The writer refuses to overwrite, and journals nothing for an out-of-order event")
    func writerRules() throws {
        let path = temporaryPath("writer")
        let writer = try FinalityJournalWriter.create(path: path, config: W.config())
        #expect(throws: JournalError.self) { try FinalityJournalWriter.create(path: path, config: W.config()) }
        var machine = try FinalityMachine(config: W.config(), zkVerifier: W.zkVerifier)
        try writer.record(TimedEvent(at(2), .tick), into: &machine)
        let before = try fileBytes(path)
        #expect(throws: FinalityError.eventOutOfOrder(event: at(1), now: at(2))) {
            try writer.record(TimedEvent(at(1), .tick), into: &machine)
        }
        #expect(try fileBytes(path) == before)
        #expect(machine.state.now == at(2))
    }

    @Test("URL overloads create, open, read and replay the same journal; a non-file URL is refused")
    func urlOverloads() throws {
        let url = URL(fileURLWithPath: temporaryPath("url"))
        let writer = try FinalityJournalWriter.create(url: url, config: W.config())
        var machine = try FinalityMachine(config: W.config(), zkVerifier: W.zkVerifier)
        try writer.record(TimedEvent(at(2), .tick), into: &machine)
        #expect(try FinalityJournal.read(url: url).events == FinalityJournal.read(path: url.path).events)
        #expect(try FinalityJournal.read(url: url).events.count == 1)
        #expect(try FinalityJournal.replay(url: url, zkVerifier: W.zkVerifier).machine.state == machine.state)
        #expect(try FinalityJournalWriter.open(url: url).contents.events.count == 1)
        let web = try #require(URL(string: "https://example.com/journal.jsonl"))
        #expect(throws: JournalError.io(operation: "read", path: "https://example.com/journal.jsonl", errno: 0,
                                        message: "not a file URL")) {
            try FinalityJournal.read(url: web)
        }
    }

    @Test("Files that are not journals are rejected")
    func notAJournal() throws {
        let path = temporaryPath("garbage")
        try setFileBytes(path, Array("hello\n".utf8))
        #expect(throws: JournalError.missingHeader(path: path)) { try FinalityJournal.read(path: path) }
        try setFileBytes(path, [])
        #expect(throws: JournalError.missingHeader(path: path)) { try FinalityJournal.read(path: path) }
        #expect(throws: JournalError.self) { try FinalityJournal.read(path: path + ".missing") }
    }
}
