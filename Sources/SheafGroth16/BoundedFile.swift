import Foundation

/// Reading untrusted files without letting their size decide how much memory the
/// process uses: the one bounded reader behind every Sheaf file decoder (snarkjs
/// JSON and binary files, bundles, SRS files).
public enum BoundedFile {
    /// Why ``read(atPath:limit:magic:regularFileOnly:)`` failed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The system could not open or read the file (its reason).
        case unreadable(String)
        /// Nothing exists at the path.
        case notFound
        /// The path is a directory.
        case directory
        /// The path is a device, pipe or other non-regular file.
        case notRegularFile
        /// The file holds more than `limit` bytes (`size` when known up front).
        case tooLarge(size: Int?, limit: Int)
        /// The file's first bytes are not the expected magic.
        case wrongMagic

        /// A short reason for an error message.
        public var reason: String {
            switch self {
            case let .unreadable(reason): return reason
            case .notFound: return "the file does not exist"
            case .directory: return "it is a directory, not a file"
            case .notRegularFile: return "not a regular file"
            case let .tooLarge(size?, limit): return "\(size) bytes, larger than the limit of \(limit) bytes"
            case let .tooLarge(nil, limit): return "larger than the limit of \(limit) bytes"
            case .wrongMagic: return "the file does not start with the expected magic bytes"
            }
        }

        /// The same as ``reason``: a one-line explanation for people.
        public var description: String { reason }
    }

    /// Reads the file at `path`, never more than `limit` + 1 bytes.
    ///
    /// - A missing path is ``Failure/notFound`` and a directory is
    ///   ``Failure/directory``, whatever `regularFileOnly` says.
    /// - With `regularFileOnly`, a device, pipe or directory is refused before
    ///   anything is read, and a file whose size exceeds `limit` is refused before
    ///   its contents are read (a device could otherwise feed bytes forever).
    /// - With a non-empty `magic`, the first `magic.count` bytes are read and
    ///   compared first, so a file of the wrong kind costs only those bytes. A
    ///   file shorter than the magic is returned as it is, for the decoder to
    ///   report as truncated.
    ///
    /// - Throws: ``Failure``.
    public static func read(atPath path: String, limit: Int, magic: [UInt8] = [],
                            regularFileOnly: Bool = true) throws(Failure) -> [UInt8] {
        // The two commonest mistakes get plain reasons rather than the system's.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound }
        guard !isDirectory.boolValue else { throw .directory }
        var knownSize: Int? = nil
        if regularFileOnly {
            let attributes: [FileAttributeKey: Any]
            do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
                throw .unreadable((error as NSError).localizedDescription)
            }
            guard attributes[.type] as? FileAttributeType == .typeRegular else { throw .notRegularFile }
            knownSize = (attributes[.size] as? NSNumber)?.intValue
        }
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch {
            throw .unreadable((error as NSError).localizedDescription)
        }
        defer { try? handle.close() }
        do {
            var bytes: [UInt8] = []
            if !magic.isEmpty {
                bytes = [UInt8](try handle.read(upToCount: magic.count) ?? Data())
                if bytes.count < magic.count { return bytes }
                guard bytes == magic else { throw Failure.wrongMagic }
            }
            if let size = knownSize, size > limit { throw Failure.tooLarge(size: size, limit: limit) }
            let rest = try handle.read(upToCount: limit + 1 - bytes.count) ?? Data()
            bytes += rest
            guard bytes.count <= limit else { throw Failure.tooLarge(size: nil, limit: limit) }
            return bytes
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable((error as NSError).localizedDescription)
        }
    }
}
