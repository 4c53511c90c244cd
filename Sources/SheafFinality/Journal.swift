#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only event journal: one JSON object per line.
///
/// ```
/// {"check":"0x…","payload":"{…}","seq":0}     header: format and FinalityConfig
/// {"check":"0x…","payload":"{…}","seq":1}     a TimedEvent
/// ```
/// `check` is keccak256("SHEAF_JOURNAL_V1" ‖ previous check ‖ seq (8 bytes) ‖
/// payload), with 32 zero bytes before the header. Chaining the checks means a
/// line cannot be altered, dropped, duplicated or moved without the next check
/// failing, and a torn line can never pass for a record.
///
/// Recovery rule: the last line may be torn by a crash (no final newline, or a
/// failed check with nothing after it). It is dropped, and reported. A failing line
/// with anything after it cannot be a crash artefact, because records are only
/// appended after the previous one was fsynced: that is `JournalError.corruptRecord`.
///
/// The chain detects crashes and accidental corruption, not tampering: anyone who
/// can write the file can delete or change records and recompute every check, and
/// cutting the file at a line boundary leaves a valid journal. For integrity, write
/// and read the journal with a ``JournalKey`` kept outside it: every check becomes
/// a keyed MAC, and each append also rewrites an authenticated checkpoint of the
/// record count and the chain head (`<journal>.checkpoint`), which reading
/// verifies, so removed, changed or cut-off records are refused.
public enum FinalityJournal {
    /// The format version written in the header.
    public static let formatVersion = 1

    /// What a journal file holds.
    public struct Contents: Hashable, Sendable {
        /// The configuration the events were applied under.
        public var config: FinalityConfig
        /// The events, in order.
        public var events: [TimedEvent]
        /// The byte length of the valid prefix (where the next record goes).
        public var validLength: Int
        /// Whether a torn last line was found (and ignored).
        public var droppedTornLine: Bool
        /// Whether the journal was read with a key: every record's MAC and the
        /// checkpoint verified.
        public var authenticated: Bool = false
    }

    /// Where the checkpoint of an authenticated journal at `path` lives.
    public static func checkpointPath(for path: String) -> String { path + ".checkpoint" }

    /// The authenticated checkpoint: how many records (header included) the
    /// journal had after the latest append, the check of the last one, and a MAC
    /// over both under the journal key.
    struct Checkpoint: Codable, Equatable {
        var records: UInt64
        var head: Bytes32
        var mac: Bytes32

        static func mac(key: JournalKey, records: UInt64, head: Bytes32) -> Bytes32 {
            Bytes32.keccak(Array("SHEAF_JOURNAL_CHECKPOINT_V1".utf8) + key.prefix + Packed.uint64(records) + head.bytes)
        }

        init(key: JournalKey, records: UInt64, head: Bytes32) {
            self.records = records
            self.head = head
            mac = Self.mac(key: key, records: records, head: head)
        }
    }

    /// The header record.
    struct Header: Codable {
        var format: Int
        var config: FinalityConfig
    }

    /// One line.
    struct Line: Codable {
        var seq: UInt64
        var check: Bytes32
        var payload: String
    }

    /// The chained check of a record: a plain hash, or with `key` a keyed MAC
    /// (Keccak is not open to length extension, so a keyed prefix is a MAC).
    static func check(previous: Bytes32, seq: UInt64, payload: String, key: JournalKey? = nil) -> Bytes32 {
        guard let key else {
            return Bytes32.keccak(Array("SHEAF_JOURNAL_V1".utf8) + previous.bytes + Packed.uint64(seq) + Array(payload.utf8))
        }
        return Bytes32.keccak(Array("SHEAF_JOURNAL_MAC_V1".utf8) + key.prefix + previous.bytes + Packed.uint64(seq) + Array(payload.utf8))
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Sorted keys make a journal byte-for-byte reproducible from its events.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The text of record `seq` (with its trailing newline) and its check.
    static func encodeLine(seq: UInt64, previous: Bytes32, payload: some Encodable, key: JournalKey? = nil) throws -> (bytes: [UInt8], check: Bytes32) {
        let payloadText = String(decoding: try encoder().encode(payload), as: UTF8.self)
        let check = check(previous: previous, seq: seq, payload: payloadText, key: key)
        let line = try encoder().encode(Line(seq: seq, check: check, payload: payloadText))
        return (Array(line) + [UInt8(ascii: "\n")], check)
    }

    /// Decodes and verifies one line; the error text says which check failed.
    static func decodeLine(_ bytes: ArraySlice<UInt8>, seq: UInt64, previous: Bytes32,
                           key: JournalKey? = nil) -> Result<(payload: String, check: Bytes32), LineFailure> {
        let line: Line
        do {
            line = try JSONDecoder().decode(Line.self, from: Data(bytes))
        } catch {
            return .failure(LineFailure(reason: "not a journal record (\(bytes.count) bytes that do not parse as one)"))
        }
        guard line.seq == seq else { return .failure(LineFailure(reason: "sequence number \(line.seq), expected \(seq)")) }
        guard check(previous: previous, seq: seq, payload: line.payload, key: key) == line.check else {
            return .failure(LineFailure(reason: key == nil ? "checksum mismatch" : "MAC mismatch under the journal key"))
        }
        return .success((line.payload, line.check))
    }

    struct LineFailure: Error { var reason: String }

    /// Reads and verifies the journal at `path` without changing it.
    ///
    /// With `key`, every record must carry its MAC under that key and the
    /// checkpoint beside the journal must verify and match: the journal holds
    /// exactly the records the checkpoint counts, with the same chain head, or
    /// (after a crash between an append and its checkpoint) one more. Otherwise
    /// `JournalError.corruptRecord` or `.checkpointMismatch`.
    public static func read(path: String, key: JournalKey? = nil) throws -> Contents {
        let parsed = try parse(try FileIO.readAll(path: path), path: path, key: key)
        guard let key else { return parsed.contents }
        try verifyCheckpoint(path: path, key: key, checks: parsed.checks)
        var contents = parsed.contents
        contents.authenticated = true
        return contents
    }

    /// Checks the authenticated checkpoint of `path` against the checks of its
    /// valid records.
    static func verifyCheckpoint(path: String, key: JournalKey, checks: [Bytes32]) throws {
        let checkpointPath = checkpointPath(for: path)
        guard FileIO.exists(checkpointPath) else {
            throw JournalError.checkpointMismatch(path: path, reason: "no checkpoint at \(checkpointPath)")
        }
        let bytes = try FileIO.readAll(path: checkpointPath, limit: 4096)
        guard let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: Data(bytes)) else {
            throw JournalError.checkpointMismatch(path: path, reason: "the checkpoint does not parse")
        }
        guard Checkpoint.mac(key: key, records: checkpoint.records, head: checkpoint.head) == checkpoint.mac else {
            throw JournalError.checkpointMismatch(path: path, reason: "the checkpoint's MAC does not verify under the key")
        }
        let records = UInt64(checks.count)
        guard records >= checkpoint.records else {
            throw JournalError.checkpointMismatch(path: path, reason: "\(records) valid records, the checkpoint counts \(checkpoint.records)")
        }
        guard records <= checkpoint.records + 1 else {
            throw JournalError.checkpointMismatch(path: path, reason: "\(records) records, more than one past the checkpoint's \(checkpoint.records)")
        }
        guard checkpoint.records >= 1, checks[Int(checkpoint.records) - 1] == checkpoint.head else {
            throw JournalError.checkpointMismatch(path: path, reason: "record \(checkpoint.records) is not the one the checkpoint names")
        }
    }

    /// Reads `path` and applies its events to a fresh machine built from the
    /// journal's own configuration: the exact state the journal describes. With
    /// `key`, the journal is authenticated first (see ``read(path:key:)``).
    public static func replay(path: String, zkVerifier: any ZKProofVerifier,
                              key: JournalKey? = nil) throws -> (machine: FinalityMachine, contents: Contents) {
        let contents = try read(path: path, key: key)
        var machine = try FinalityMachine(config: contents.config, zkVerifier: zkVerifier)
        do {
            try machine.apply(contents.events)
        } catch let error as FinalityError {
            // A verified journal cannot hold out-of-order events unless it was
            // written by something other than FinalityJournalWriter.
            throw JournalError.corruptRecord(path: path, line: machine.state.log.count + 2, reason: error.description)
        }
        return (machine, contents)
    }

    /// Splits, verifies and decodes. Returns the contents, the check of the last
    /// valid record (to chain the next append from) and the checks of all valid
    /// records.
    static func parse(_ bytes: [UInt8], path: String, key: JournalKey? = nil) throws -> (contents: Contents, lastCheck: Bytes32, checks: [Bytes32]) {
        // Split into lines, remembering whether the final one has its newline.
        var lines: [(range: Range<Int>, terminated: Bool)] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append((start..<index, true))
            start = index + 1
        }
        if start < bytes.count { lines.append((start..<bytes.count, false)) }

        var previous = Bytes32.zero
        var config: FinalityConfig? = nil
        var events: [TimedEvent] = []
        var validLength = 0
        var torn = false
        var checks: [Bytes32] = []
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            let decoded = line.terminated
                ? decodeLine(bytes[line.range], seq: UInt64(index), previous: previous, key: key)
                : .failure(LineFailure(reason: "no final newline"))
            switch decoded {
            case let .failure(failure):
                if isLast { torn = true; break }
                throw JournalError.corruptRecord(path: path, line: index + 1, reason: failure.reason)
            case let .success((payload, check)):
                do {
                    if index == 0 {
                        let header = try JSONDecoder().decode(Header.self, from: Data(payload.utf8))
                        guard header.format == formatVersion else {
                            throw JournalError.unsupportedVersion(path: path, version: header.format)
                        }
                        config = header.config
                    } else {
                        events.append(try JSONDecoder().decode(TimedEvent.self, from: Data(payload.utf8)))
                    }
                } catch let error as JournalError {
                    throw error
                } catch {
                    // The check passed, so these are the bytes that were written:
                    // a payload that does not decode is corruption at the source.
                    throw JournalError.corruptRecord(path: path, line: index + 1, reason: "payload does not decode: \(error)")
                }
                previous = check
                checks.append(check)
                validLength = line.range.upperBound + 1
            }
        }
        guard let config else { throw JournalError.missingHeader(path: path) }
        return (Contents(config: config, events: events, validLength: validLength, droppedTornLine: torn), previous, checks)
    }
}

/// The secret that authenticates a journal (see ``FinalityJournal``). Keep it
/// outside the journal and its directory: whoever holds it can rewrite the
/// journal undetectably, and whoever lacks it cannot.
public struct JournalKey: Sendable, Equatable {
    /// The shortest key accepted, in bytes.
    public static let minimumLength = 16
    /// The longest key accepted, in bytes.
    public static let maximumLength = 1024
    /// The secret bytes.
    public let bytes: [UInt8]

    /// A key from secret bytes (16 to 1024 of them, e.g. 32 random bytes).
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= Self.minimumLength, bytes.count <= Self.maximumLength else {
            throw JournalError.invalidKey("\(bytes.count) bytes; a journal key needs \(Self.minimumLength) to \(Self.maximumLength)")
        }
        self.bytes = bytes
    }

    /// The length-prefixed key that starts every MAC input.
    var prefix: [UInt8] { Packed.uint64(UInt64(bytes.count)) + bytes }
}

/// Appends events to a journal durably: each record is written in one `write` and
/// `fsync`ed before `append` returns, so a record that was acknowledged survives a
/// crash.
///
/// A class because it owns a file descriptor, which must be closed exactly once.
public final class FinalityJournalWriter {
    /// The journal's path.
    public let path: String
    private var descriptor: Int32
    private var lastCheck: Bytes32
    private var nextSeq: UInt64
    private let key: JournalKey?

    private init(path: String, descriptor: Int32, lastCheck: Bytes32, nextSeq: UInt64, key: JournalKey?) {
        self.path = path
        self.descriptor = descriptor
        self.lastCheck = lastCheck
        self.nextSeq = nextSeq
        self.key = key
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    /// Creates a new journal for `config`. The header is written to a temporary file,
    /// fsynced and renamed into place, so `path` either does not exist or holds a
    /// complete header. Fails if `path` exists.
    ///
    /// With `key`, every record carries a keyed MAC and each append rewrites the
    /// authenticated checkpoint (``FinalityJournal/checkpointPath(for:)``), so
    /// that ``FinalityJournal/read(path:key:)`` with the same key detects
    /// removed, changed or cut-off records.
    public static func create(path: String, config: FinalityConfig, key: JournalKey? = nil) throws -> FinalityJournalWriter {
        try config.validate()
        if FileIO.exists(path) {
            throw JournalError.io(operation: "create", path: path, errno: EEXIST, message: "file exists (open it to append, or choose another path)")
        }
        let (line, check) = try FinalityJournal.encodeLine(
            seq: 0, previous: .zero, payload: FinalityJournal.Header(format: FinalityJournal.formatVersion, config: config), key: key)
        try FileIO.writeAtomically(line, to: path)
        let descriptor = try FileIO.open(path: path, flags: O_WRONLY | O_APPEND)
        let writer = FinalityJournalWriter(path: path, descriptor: descriptor, lastCheck: check, nextSeq: 1, key: key)
        try writer.writeCheckpoint()
        return writer
    }

    /// With a key, replaces the checkpoint with one for the records written so far.
    private func writeCheckpoint() throws {
        guard let key else { return }
        let checkpoint = FinalityJournal.Checkpoint(key: key, records: nextSeq, head: lastCheck)
        try FileIO.writeAtomically(Array(try FinalityJournal.encoder().encode(checkpoint)) + [UInt8(ascii: "\n")],
                                   to: FinalityJournal.checkpointPath(for: path))
    }

    /// Opens an existing journal to append to it. A torn last line is cut off (and
    /// the cut fsynced) so the next record starts on a clean line; `contents` tells
    /// whether that happened. With `key` the journal must authenticate (see
    /// ``FinalityJournal/read(path:key:)``) and the checkpoint is brought up to
    /// date before anything is appended.
    public static func open(path: String, key: JournalKey? = nil) throws -> (writer: FinalityJournalWriter, contents: FinalityJournal.Contents) {
        let bytes = try FileIO.readAll(path: path)
        let parsed = try FinalityJournal.parse(bytes, path: path, key: key)
        var contents = parsed.contents
        let lastCheck = parsed.lastCheck
        if let key {
            try FinalityJournal.verifyCheckpoint(path: path, key: key, checks: parsed.checks)
            contents.authenticated = true
        }
        let descriptor = try FileIO.open(path: path, flags: O_WRONLY | O_APPEND)
        if contents.droppedTornLine || contents.validLength != bytes.count {
            guard ftruncate(descriptor, off_t(contents.validLength)) == 0 else {
                let error = FileIO.error("truncate torn line of", path)
                _ = close(descriptor)
                throw error
            }
            try FileIO.sync(descriptor, path: path)
        }
        let writer = FinalityJournalWriter(path: path, descriptor: descriptor, lastCheck: lastCheck,
                                           nextSeq: UInt64(contents.events.count) + 1, key: key)
        try writer.writeCheckpoint()
        return (writer, contents)
    }

    /// Appends one event and fsyncs (then, with a key, rewrites the checkpoint).
    public func append(_ event: TimedEvent) throws {
        let (line, check) = try FinalityJournal.encodeLine(seq: nextSeq, previous: lastCheck, payload: event, key: key)
        try FileIO.writeAll(descriptor, line, path: path)
        try FileIO.sync(descriptor, path: path)
        lastCheck = check
        nextSeq += 1
        try writeCheckpoint()
    }

    /// Applies `event` to `machine` and journals it, in the order that keeps the two
    /// consistent: the event is applied to a copy first (an out-of-order event
    /// throws and is not journaled), then written and fsynced, then the copy
    /// becomes the machine. If the write fails, `machine` is unchanged.
    @discardableResult
    public func record(_ event: TimedEvent, into machine: inout FinalityMachine) throws -> EventOutcome {
        var next = machine
        let outcome = try next.apply(event)
        try append(event)
        machine = next
        return outcome
    }
}

/// Minimal POSIX file access with errors that name the file and the call.
enum FileIO {
    static func error(_ operation: String, _ path: String) -> JournalError {
        let code = errno
        return JournalError.io(operation: operation, path: path, errno: code, message: String(cString: strerror(code)))
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func open(path: String, flags: Int32) throws -> Int32 {
        #if canImport(Darwin)
        let descriptor = Darwin.open(path, flags, 0o644)
        #else
        let descriptor = Glibc.open(path, flags, 0o644)
        #endif
        guard descriptor >= 0 else { throw error("open", path) }
        return descriptor
    }

    /// Writes `bytes` to a temporary file, fsyncs it and renames it over `path`
    /// (then fsyncs the directory), so `path` holds either the old or the new bytes.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp"
        let descriptor = try open(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try writeAll(descriptor, bytes, path: temporary)
            try sync(descriptor, path: temporary)
        } catch {
            _ = close(descriptor)
            throw error
        }
        _ = close(descriptor)
        guard rename(temporary, path) == 0 else { throw error("rename", path) }
        try syncDirectory(of: path)
    }

    /// The whole file, or (with `limit`) an error once it holds more than `limit` bytes.
    static func readAll(path: String, limit: Int = .max) throws -> [UInt8] {
        let descriptor = try open(path: path, flags: O_RDONLY)
        defer { _ = close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error("read", path)
            }
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
            if result.count > limit {
                throw JournalError.io(operation: "read", path: path, errno: EFBIG, message: "larger than \(limit) bytes")
            }
        }
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw error("write", path)
            }
            offset += written
        }
    }

    static func sync(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else { throw error("fsync", path) }
    }

    /// fsyncs the directory holding `path`, which makes a create or rename durable.
    static func syncDirectory(of path: String) throws {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let descriptor = try open(path: directory, flags: O_RDONLY)
        defer { _ = close(descriptor) }
        try sync(descriptor, path: directory)
    }
}
