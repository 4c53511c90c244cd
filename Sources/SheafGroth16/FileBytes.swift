import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemRead = Darwin.read
#endif

/// Writing byte arrays to files, and reading them back, whatever their size.
///
/// Linux's write(2) moves at most 2,147,479,552 bytes per call, and
/// `FileManager.createFile(atPath:contents:)` in swift-corelibs-foundation
/// writes a larger `Data` wrongly past that point (measured: a 2.38 GB proving
/// key came back with every byte after 2 GiB replaced, which its decoder then
/// refused). This writer loops over bounded `write` calls until every byte is
/// down.
public enum FileBytes {
    /// The most bytes one `write` call is given.
    public static let defaultChunk = 1 << 28

    /// Why a file could not be written (or read).
    public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The path.
        public let path: String
        /// The system's reason.
        public let reason: String
        /// Whether reading failed rather than writing.
        public var reading = false

        init(path: String, reason: String, reading: Bool = false) {
            self.path = path; self.reason = reason; self.reading = reading
        }

        public var description: String { "cannot \(reading ? "read" : "write") '\(path)': \(reason)" }
    }

    /// Reads the regular file at `path` into one array, allocated once at the
    /// file's size and filled by bounded `read` calls: no intermediate `Data`,
    /// so a multi-gigabyte proving key costs its size once, not two or three
    /// times. A file larger than `limit` is refused before anything is read.
    public static func read(atPath path: String, limit: Int, chunk: Int = defaultChunk) throws(WriteError) -> [UInt8] {
        precondition(chunk > 0, "a chunk holds at least one byte")
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno)), reading: true) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno)), reading: true) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw WriteError(path: path, reason: "not a regular file", reading: true) }
        let size = Int(info.st_size)
        guard size <= limit else { throw WriteError(path: path, reason: "\(size) bytes, larger than the limit of \(limit)", reading: true) }
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let n = systemRead(fd, buffer.baseAddress! + offset, min(chunk, size - offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    break
                }
                if n == 0 { failure = "the file ended after \(offset) of \(size) bytes"; break }
                offset += n
            }
            count = offset
        }
        if let failure { throw WriteError(path: path, reason: failure, reading: true) }
        return bytes
    }

    /// Writes `bytes` to `path` (created or truncated), `chunk` bytes per call.
    public static func write(_ bytes: [UInt8], toPath path: String, chunk: Int = defaultChunk) throws(WriteError) {
        try write(pieces: [{ [bytes] }], toPath: path, chunk: chunk)
    }

    /// Writes the pieces to `path` in order, each made only when the previous
    /// one is written and released: a file of several gigabytes (a proving
    /// key) costs its largest piece in memory, not its whole size again.
    public static func write(pieces: [() -> [[UInt8]]], toPath path: String, chunk: Int = defaultChunk) throws(WriteError) {
        precondition(chunk > 0, "a chunk holds at least one byte")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        for piece in pieces where failure == nil {
            for bytes in piece() where failure == nil {
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let n = systemWrite(fd, buffer.baseAddress! + offset, min(chunk, buffer.count - offset))
                        if n < 0 {
                            if errno == EINTR { continue }
                            failure = String(cString: strerror(errno))
                            return
                        }
                        offset += n
                    }
                }
            }
        }
        let closed = close(fd)
        if let failure { throw WriteError(path: path, reason: failure) }
        if closed != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }
}
