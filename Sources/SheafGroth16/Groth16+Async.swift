import SheafField

/// How far an asynchronous Groth16 proof has got: the quotient h(X), then the
/// five multi-scalar multiplications, which are almost all of the time.
public struct ProvingProgress: Sendable, Equatable, CustomStringConvertible {
    /// Steps finished (0 at the start).
    public let completed: Int
    /// Steps in all: the quotient and the five MSMs.
    public let total: Int
    /// The step just finished: "quotient", "A", "B in G1", "B in G2", "L" or "H"
    /// ("start" before the first).
    public let step: String

    /// "3/6 B in G1".
    public var description: String { "\(completed)/\(total) \(step)" }
}

extension Groth16 {
    /// ``prove(key:constraintSystem:witness:using:)`` for Swift concurrency: it
    /// reports progress after each step and honours task cancellation between
    /// steps.
    ///
    /// The work runs on the calling task (each MSM spreads across cores itself),
    /// so cancellation takes effect when the step in progress is done.
    ///
    /// - Parameters:
    ///   - progress: called on the calling task with step 0 ("start") and after
    ///     each of the six steps.
    /// - Throws: `CancellationError` when the task is cancelled before the proof
    ///   is done, otherwise what the synchronous prover throws.
    public static func prove<G: RandomNumberGenerator>(
        key: ProvingKey, constraintSystem system: ConstraintSystem, witness: [Fr], using rng: inout G,
        progress: (ProvingProgress) -> Void
    ) async throws -> Groth16Proof {
        try Task.checkCancellation()
        guard system.publicInputCount == key.publicInputCount, system.variableCount == key.variableCount else {
            throw Groth16Error.wrongPublicInputCount(expected: key.publicInputCount, got: system.publicInputCount)
        }
        guard system.commitment == nil, key.commitment == nil else { throw Groth16Error.commitmentRequired }
        let total = 1 + msmSteps.count
        progress(ProvingProgress(completed: 0, total: total, step: "start"))
        let h = try QAP.computeH(constraintSystem: system, witness: witness, domainSize: key.domainSize)
        progress(ProvingProgress(completed: 1, total: total, step: "quotient"))
        try Task.checkCancellation()
        var completed = 1
        let proof = prove(key: key, witness: witness, h: h, using: &rng) { step in
            completed += 1
            progress(ProvingProgress(completed: completed, total: total, step: step))
            return !Task.isCancelled
        }
        guard let proof else { throw CancellationError() }
        return proof
    }

    /// The asynchronous prover with blinding from the system's cryptographically
    /// secure generator.
    public static func prove(
        key: ProvingKey, constraintSystem system: ConstraintSystem, witness: [Fr],
        progress: (ProvingProgress) -> Void
    ) async throws -> Groth16Proof {
        var generator = SystemRandomNumberGenerator()
        return try await prove(key: key, constraintSystem: system, witness: witness, using: &generator, progress: progress)
    }
}
