#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// `LocalizedError`, so that `error.localizedDescription` gives the same one-line
// message as `description`, as for every other module's errors.

extension RecursionError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}
