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

    /// The chained check of a record.
    static func check(previous: Bytes32, seq: UInt64, payload: String) -> Bytes32 {
        Bytes32.keccak(Array("SHEAF_JOURNAL_V1".utf8) + previous.bytes + Packed.uint64(seq) + Array(payload.utf8))
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Sorted keys make a journal byte-for-byte reproducible from its events.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The text of record `seq` (with its trailing newline) and its check.
    static func encodeLine(seq: UInt64, previous: Bytes32, payload: some Encodable) throws -> (bytes: [UInt8], check: Bytes32) {
        let payloadText = String(decoding: try encoder().encode(payload), as: UTF8.self)
        let check = check(previous: previous, seq: seq, payload: payloadText)
        let line = try encoder().encode(Line(seq: seq, check: check, payload: payloadText))
        return (Array(line) + [UInt8(ascii: "\n")], check)
    }

    /// Decodes and verifies one line; the error text says which check failed.
    static func decodeLine(_ bytes: ArraySlice<UInt8>, seq: UInt64, previous: Bytes32) -> Result<(payload: String, check: Bytes32), LineFailure> {
        let line: Line
        do {
            line = try JSONDecoder().decode(Line.self, from: Data(bytes))
        } catch {
            return .failure(LineFailure(reason: "not a journal record (\(bytes.count) bytes that do not parse as one)"))
        }
        guard line.seq == seq else { return .failure(LineFailure(reason: "sequence number \(line.seq), expected \(seq)")) }
        guard check(previous: previous, seq: seq, payload: line.payload) == line.check else {
            return .failure(LineFailure(reason: "checksum mismatch"))
        }
        return .success((line.payload, line.check))
    }

    struct LineFailure: Error { var reason: String }

    /// Reads and verifies the journal at `path` without changing it.
    public static func read(path: String) throws -> Contents {
        try parse(try FileIO.readAll(path: path), path: path).contents
    }

    /// Reads `path` and applies its events to a fresh machine built from the
    /// journal's own configuration: the exact state the journal describes.
    public static func replay(path: String, zkVerifier: any ZKProofVerifier) throws -> (machine: FinalityMachine, contents: Contents) {
        let contents = try read(path: path)
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

    /// Splits, verifies and decodes. Returns the contents and the check of the last
    /// valid record (to chain the next append from).
    static func parse(_ bytes: [UInt8], path: String) throws -> (contents: Contents, lastCheck: Bytes32) {
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
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            let decoded = line.terminated
                ? decodeLine(bytes[line.range], seq: UInt64(index), previous: previous)
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
                validLength = line.range.upperBound + 1
            }
        }
        guard let config else { throw JournalError.missingHeader(path: path) }
        return (Contents(config: config, events: events, validLength: validLength, droppedTornLine: torn), previous)
    }
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

    private init(path: String, descriptor: Int32, lastCheck: Bytes32, nextSeq: UInt64) {
        self.path = path
        self.descriptor = descriptor
        self.lastCheck = lastCheck
        self.nextSeq = nextSeq
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    /// Creates a new journal for `config`. The header is written to a temporary file,
    /// fsynced and renamed into place, so `path` either does not exist or holds a
    /// complete header. Fails if `path` exists.
    public static func create(path: String, config: FinalityConfig) throws -> FinalityJournalWriter {
        try config.validate()
        if FileIO.exists(path) {
            throw JournalError.io(operation: "create", path: path, errno: EEXIST, message: "file exists (open it to append, or choose another path)")
        }
        let (line, check) = try FinalityJournal.encodeLine(
            seq: 0, previous: .zero, payload: FinalityJournal.Header(format: FinalityJournal.formatVersion, config: config))
        let temporary = path + ".tmp"
        let tmpDescriptor = try FileIO.open(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try FileIO.writeAll(tmpDescriptor, line, path: temporary)
            try FileIO.sync(tmpDescriptor, path: temporary)
        } catch {
            _ = close(tmpDescriptor)
            throw error
        }
        _ = close(tmpDescriptor)
        guard rename(temporary, path) == 0 else { throw FileIO.error("rename", path) }
        try FileIO.syncDirectory(of: path)
        let descriptor = try FileIO.open(path: path, flags: O_WRONLY | O_APPEND)
        return FinalityJournalWriter(path: path, descriptor: descriptor, lastCheck: check, nextSeq: 1)
    }

    /// Opens an existing journal to append to it. A torn last line is cut off (and
    /// the cut fsynced) so the next record starts on a clean line; `contents` tells
    /// whether that happened.
    public static func open(path: String) throws -> (writer: FinalityJournalWriter, contents: FinalityJournal.Contents) {
        let bytes = try FileIO.readAll(path: path)
        let (contents, lastCheck) = try FinalityJournal.parse(bytes, path: path)
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
                                           nextSeq: UInt64(contents.events.count) + 1)
        return (writer, contents)
    }

    /// Appends one event and fsyncs.
    public func append(_ event: TimedEvent) throws {
        let (line, check) = try FinalityJournal.encodeLine(seq: nextSeq, previous: lastCheck, payload: event)
        try FileIO.writeAll(descriptor, line, path: path)
        try FileIO.sync(descriptor, path: path)
        lastCheck = check
        nextSeq += 1
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

    static func readAll(path: String) throws -> [UInt8] {
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
