import Foundation
import Testing
@testable import SheafFinality

/// The lines of a journal file (without their newlines).
private func journalLines(_ path: String) throws -> [String] {
    String(decoding: try fileBytes(path), as: UTF8.self).split(separator: "\n").map(String.init)
}

/// Rewrites `lines` (header first) with a freshly computed plain chain, as anyone
/// who can edit the file can do.
private func rechain(_ lines: [String]) throws -> [UInt8] {
    var previous = Bytes32.zero
    var out: [UInt8] = []
    for (seq, text) in lines.enumerated() {
        let payload = try JSONDecoder().decode(FinalityJournal.Line.self, from: Data(text.utf8)).payload
        let check = FinalityJournal.check(previous: previous, seq: UInt64(seq), payload: payload)
        out += Array(try FinalityJournal.encoder().encode(FinalityJournal.Line(seq: UInt64(seq), check: check, payload: payload)))
        out.append(UInt8(ascii: "\n"))
        previous = check
    }
    return out
}

@Suite("Journal integrity")
struct JournalAuthenticationTests {
    static let key = try! JournalKey(bytes: Array("a journal key kept elsewhere, 42".utf8))
    static let scenario = try! FinalityScenario.named("zk-bug")

    func recordKeyed(_ name: String) throws -> String {
        let path = temporaryPath(name)
        let writer = try FinalityJournalWriter.create(path: path, config: Self.scenario.config, key: Self.key)
        var machine = try FinalityMachine(config: Self.scenario.config, zkVerifier: W.zkVerifier)
        for event in Self.scenario.events { try writer.record(event, into: &machine) }
        return path
    }

    @Test("Without a key the chain is no protection: records 3–8 deleted and the chain recomputed replay cleanly")
    func plainChainIsNotIntegrity() throws {
        let path = temporaryPath("plain-attack")
        _ = try writeJournal(path, config: Self.scenario.config, events: Self.scenario.events)
        var lines = try journalLines(path)
        lines.removeSubrange(3...8)
        try setFileBytes(path, try rechain(lines))
        let contents = try FinalityJournal.read(path: path)
        #expect(contents.events.count == Self.scenario.events.count - 6 && !contents.authenticated)
    }

    @Test("A keyed journal round-trips and authenticates")
    func keyedRoundTrip() throws {
        let path = try recordKeyed("keyed")
        let (machine, contents) = try FinalityJournal.replay(path: path, zkVerifier: W.zkVerifier, key: Self.key)
        #expect(contents.authenticated && !contents.droppedTornLine)
        #expect(machine.state == (try Self.scenario.run()).state)
        // Reopening with the key continues the chain and the checkpoint.
        let (writer, _) = try FinalityJournalWriter.open(path: path, key: Self.key)
        try writer.append(TimedEvent(at(40), .tick))
        #expect(try FinalityJournal.read(path: path, key: Self.key).events.count == Self.scenario.events.count + 1)
    }

    @Test("Deleted records with a recomputed chain are refused under the key")
    func deletionDetected() throws {
        let path = try recordKeyed("keyed-delete")
        var lines = try journalLines(path)
        lines.removeSubrange(3...8)
        try setFileBytes(path, try rechain(lines))
        #expect(throws: JournalError.corruptRecord(path: path, line: 1, reason: "MAC mismatch under the journal key")) {
            try FinalityJournal.read(path: path, key: Self.key)
        }
        // Keeping the original MACs up to the cut only moves the failure.
        let original = try recordKeyed("keyed-delete-2")
        var kept = try journalLines(original)
        kept.removeSubrange(3...8)
        try setFileBytes(original, Array((kept.joined(separator: "\n") + "\n").utf8))
        #expect(throws: JournalError.self) { try FinalityJournal.read(path: original, key: Self.key) }
    }

    @Test("Cutting the journal at a line boundary is refused under the key")
    func truncationDetected() throws {
        let path = try recordKeyed("keyed-cut")
        let lines = try journalLines(path)
        for keep in [1, 5, lines.count - 2] {
            try setFileBytes(path, Array((lines[0..<keep].joined(separator: "\n") + "\n").utf8))
            #expect(throws: JournalError.self, "kept \(keep) of \(lines.count) lines") {
                try FinalityJournal.read(path: path, key: Self.key)
            }
        }
    }

    @Test("An edited last line is refused under the key instead of dropped as torn")
    func editedLastLineDetected() throws {
        let path = try recordKeyed("keyed-last")
        var bytes = try fileBytes(path)
        let lastStart = lineStarts(bytes).last!
        bytes[lastStart + 20] ^= 0x01
        try setFileBytes(path, bytes)
        #expect(throws: JournalError.checkpointMismatch(
            path: path, reason: "\(Self.scenario.events.count) valid records, the checkpoint counts \(Self.scenario.events.count + 1)")) {
            try FinalityJournal.read(path: path, key: Self.key)
        }
    }

    @Test("Wrong key, missing or forged checkpoint, short key")
    func keyAndCheckpointRules() throws {
        let path = try recordKeyed("keyed-rules")
        let other = try JournalKey(bytes: Array("another key of sufficient length".utf8))
        #expect(throws: JournalError.corruptRecord(path: path, line: 1, reason: "MAC mismatch under the journal key")) {
            try FinalityJournal.read(path: path, key: other)
        }
        let checkpoint = FinalityJournal.checkpointPath(for: path)
        let saved = try fileBytes(checkpoint)
        var forged = try JSONDecoder().decode(FinalityJournal.Checkpoint.self, from: Data(saved))
        forged.records -= 1
        try setFileBytes(checkpoint, Array(try JSONEncoder().encode(forged)))
        #expect(throws: JournalError.checkpointMismatch(path: path, reason: "the checkpoint's MAC does not verify under the key")) {
            try FinalityJournal.read(path: path, key: Self.key)
        }
        try FileManager.default.removeItem(atPath: checkpoint)
        #expect(throws: JournalError.checkpointMismatch(path: path, reason: "no checkpoint at \(checkpoint)")) {
            try FinalityJournal.read(path: path, key: Self.key)
        }
        #expect(throws: JournalError.invalidKey("15 bytes; a journal key needs 16 to 1024")) {
            try JournalKey(bytes: [UInt8](repeating: 7, count: 15))
        }
    }

    @Test("A crash between an append and its checkpoint leaves one record past it, which is accepted")
    func crashBeforeCheckpoint() throws {
        let path = try recordKeyed("keyed-crash")
        let checkpoint = FinalityJournal.checkpointPath(for: path)
        let before = try fileBytes(checkpoint)
        let (writer, _) = try FinalityJournalWriter.open(path: path, key: Self.key)
        try writer.append(TimedEvent(at(40), .tick))
        try setFileBytes(checkpoint, before)            // the checkpoint rename never happened
        #expect(try FinalityJournal.read(path: path, key: Self.key).events.count == Self.scenario.events.count + 1)
    }
}
