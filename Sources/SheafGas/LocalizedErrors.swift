#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// `LocalizedError`, so that `error.localizedDescription` (and every tool that shows
// it) gives the same one-line message as `description`, not "… error 0".

extension SettlementPlanError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension GasError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension ScheduleError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}
