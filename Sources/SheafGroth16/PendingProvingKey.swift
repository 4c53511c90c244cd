import Dispatch
import Foundation
import SheafCurve
import SheafField

/// A proving key that is still being read (or made) on another thread.
///
/// Reading a key of millions of constraints takes about a minute (every point
/// is decoded and checked on its curve), and building the witness of the
/// circuit it proves takes about as long on one core. The witness needs
/// nothing from the key until the very end (a commit-and-prove circuit's
/// lookup challenge hashes a commitment to the key's bases), so a prover that
/// starts both at once, and waits for the key only there, saves most of the
/// shorter of the two. ``Groth16/commitmentChallenge(pendingKey:)`` is the
/// challenge that waits.
public final class PendingProvingKey: @unchecked Sendable {
    // The result is written once, under the condition's lock, and read under it.
    private let condition = NSCondition()
    private var result: Result<ProvingKey, any Error>?
    private var readTime: Duration?

    /// Starts `read` on a background thread at once.
    public init(reading read: @escaping @Sendable () throws -> ProvingKey) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let clock = ContinuousClock(), start = clock.now
            let outcome = Result { try read() }
            let elapsed = start.duration(to: clock.now)
            condition.lock()
            result = outcome
            readTime = elapsed
            condition.broadcast()
            condition.unlock()
        }
    }

    /// A key that is already there.
    public init(_ key: ProvingKey) {
        result = .success(key)
        readTime = .zero
    }

    /// How long the reading took, once it is over (zero for a key given whole).
    public var readDuration: Duration? {
        condition.lock()
        defer { condition.unlock() }
        return readTime
    }

    /// Whether the key (or the error that stopped its reading) is there.
    public var isResolved: Bool {
        condition.lock()
        defer { condition.unlock() }
        return result != nil
    }

    /// The key, once read: blocks until then.
    ///
    /// - Throws: whatever the reading threw, every time it is asked.
    public func wait() throws -> ProvingKey {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}

extension Groth16 {
    /// ``commitmentChallenge(key:)`` for a key still being read: the challenge
    /// waits for it. When the reading failed, or the key's commitment bases do
    /// not match the committed values (a key of another circuit), the challenge
    /// is 0: the witness is then not provable, and the prover, which waits for
    /// the key itself, throws the reading's error or refuses the key
    /// (``Groth16Error/commitmentMismatch(_:)``,
    /// ``Groth16Error/wrongPublicInputCount(expected:got:)``) before any proving.
    public static func commitmentChallenge(pendingKey: PendingProvingKey) -> @Sendable ([Fr]) -> Fr {
        { values in
            guard let key = try? pendingKey.wait(), let basis = key.commitment?.basis, basis.count == values.count else {
                return .zero
            }
            return commitmentChallenge(MultiScalarMultiplication.compute(points: basis, scalars: values).affine)
        }
    }
}
