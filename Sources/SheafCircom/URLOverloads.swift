import Foundation
import SheafGroth16

extension CircomWitnessCalculator {
    /// ``init(contentsOfFile:limits:)`` for a `file:` URL.
    ///
    /// - Throws: as ``init(contentsOfFile:limits:)``;
    ///   ``CircomWitnessError/unreadableFile(path:reason:)`` for a URL of another scheme.
    public init(contentsOf url: URL, limits: Limits = Limits()) throws(CircomWitnessError) {
        guard let path = url.sheafFilePath else { throw .unreadableFile(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        try self.init(contentsOfFile: path, limits: limits)
    }
}
