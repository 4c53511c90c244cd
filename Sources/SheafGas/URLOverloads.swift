import Foundation
import SheafGroth16

extension ForkSchedule {
    /// ``load(path:)`` for a `file:` URL.
    ///
    /// - Throws: ``ScheduleError``; ``ScheduleError/unreadable(path:reason:)`` for a
    ///   URL of another scheme.
    public static func load(url: URL) throws(ScheduleError) -> ForkSchedule {
        guard let path = url.sheafFilePath else { throw .unreadable(path: url.absoluteString, reason: url.sheafNotAFileReason) }
        return try load(path: path)
    }
}
