#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// `LocalizedError`, so that `error.localizedDescription` (and every tool that shows
// it) gives the same one-line message as `description`, not "… error 0".

extension PoseidonError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension HexError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}
