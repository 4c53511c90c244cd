#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// `LocalizedError`, so that `error.localizedDescription` (and every tool that shows
// it) gives the same one-line message as `description`, not "… error 0".

extension HintError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension R1CSError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension CircuitError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension BoundedFile.Failure: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension Groth16Error: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}

extension SnarkJSFileError: LocalizedError {
    /// The same message as `description`.
    public var errorDescription: String? { description }
}
