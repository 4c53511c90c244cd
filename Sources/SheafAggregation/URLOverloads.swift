import Foundation
import SheafGroth16

extension BundleCodec {
    /// ``readFile(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: as ``readFile(atPath:)``;
    ///   ``AggregationError/unreadableFile(path:reason:)`` for a URL of another scheme.
    public static func readFile(at url: URL) throws(AggregationError) -> [UInt8] {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try readFile(atPath: path)
    }
}

extension SRSCodec {
    /// ``readFile(atPath:)`` for a `file:` URL.
    ///
    /// - Throws: as ``readFile(atPath:)``;
    ///   ``AggregationError/unreadableFile(path:reason:)`` for a URL of another scheme.
    public static func readFile(at url: URL) throws(AggregationError) -> [UInt8] {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try readFile(atPath: path)
    }
}
