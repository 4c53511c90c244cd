import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writing byte arrays to files, whatever their size.
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

    /// Why a file could not be written.
    public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The path.
        public let path: String
        /// The system's reason.
        public let reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    /// Writes `bytes` to `path` (created or truncated), `chunk` bytes per call.
    public static func write(_ bytes: [UInt8], toPath path: String, chunk: Int = defaultChunk) throws(WriteError) {
        precondition(chunk > 0, "a chunk holds at least one byte")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
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
        let closed = close(fd)
        if let failure { throw WriteError(path: path, reason: failure) }
        if closed != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }
}
