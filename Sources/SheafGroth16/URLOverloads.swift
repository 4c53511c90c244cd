import Foundation
import SheafField

// `URL` overloads beside every file-reading API that takes a `String` path. A URL
// that is not a `file:` URL is refused with the API's own "cannot read" error.

extension URL {
    /// The file-system path of a `file:` URL, or `nil` for any other scheme.
    package var sheafFilePath: String? { isFileURL ? path : nil }

    /// Why a URL cannot be read as a file, for error messages.
    package var sheafNotAFileReason: String { "not a file URL (\(absoluteString.prefix(80)))" }
}

extension BoundedFile {
    /// ``read(atPath:limit:magic:regularFileOnly:)`` for a `file:` URL.
    ///
    /// - Throws: ``Failure``; ``Failure/unreadable(_:)`` for a URL of another scheme.
    public static func read(at url: URL, limit: Int, magic: [UInt8] = [],
                            regularFileOnly: Bool = true) throws(Failure) -> [UInt8] {
        guard let path = url.sheafFilePath else { throw .unreadable(url.sheafNotAFileReason) }
        return try read(atPath: path, limit: limit, magic: magic, regularFileOnly: regularFileOnly)
    }
}

extension SnarkJS {
    /// ``readFile(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: ``Groth16Error``; ``Groth16Error/unreadableFile(path:reason:)`` for
    ///   a URL of another scheme.
    public static func readFile(at url: URL) throws(Groth16Error) -> Data {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try readFile(atPath: path)
    }

    /// ``readProvingKey(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: ``SnarkJSFileError``; ``SnarkJSFileError/unreadableFile(path:reason:)``
    ///   for a URL of another scheme.
    public static func readProvingKey(at url: URL) throws(SnarkJSFileError) -> SnarkJSProvingKey {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try readProvingKey(atPath: path)
    }

    /// ``readWitness(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: ``SnarkJSFileError``; ``SnarkJSFileError/unreadableFile(path:reason:)``
    ///   for a URL of another scheme.
    public static func readWitness(at url: URL) throws(SnarkJSFileError) -> [Fr] {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try readWitness(atPath: path)
    }

    /// ``readConstraintSystem(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: ``SnarkJSFileError``; ``SnarkJSFileError/unreadableFile(path:reason:)``
    ///   for a URL of another scheme.
    public static func readConstraintSystem(at url: URL) throws(SnarkJSFileError) -> ConstraintSystem {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try readConstraintSystem(atPath: path)
    }
}

extension SnarkJSBinaryFile {
    /// ``read(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: ``SnarkJSFileError``; ``SnarkJSFileError/unreadableFile(path:reason:)``
    ///   for a URL of another scheme.
    public static func read(at url: URL) throws(SnarkJSFileError) -> [UInt8] {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try read(atPath: path)
    }
}
