/// When ``Aggregator/seal(snarkPack:policy:)`` replaces the proofs of one verifying
/// key by a single SnarkPack aggregate.
///
/// A SnarkPack aggregate has a floor of size and verification work (3.5 KB for 2
/// proofs, 13.4 KB for 33–64; 20 pairing pairs plus the transcript), while a carried proof costs
/// 256 bytes and about one Miller-loop pair in the bundle's batch check. Below
/// ``SnarkPack/autoThreshold`` proofs per key, carrying them is both smaller and
/// faster to verify, so ``auto`` packs only from there.
///
/// The text forms (``init(_:)`` and ``description``) are `auto`, `off` and a group
/// size such as `64`, as `sheaf aggregate --snarkpack` takes them.
public enum SnarkPackPolicy: Sendable, Hashable, LosslessStringConvertible {
    /// Never aggregate: every proof is carried and batch-verified.
    case off
    /// Aggregate groups of at least ``SnarkPack/autoThreshold`` proofs: the
    /// measured size from which an aggregate is both smaller in bytes and faster
    /// to verify than the carried proofs.
    case auto
    /// Aggregate groups of at least this many proofs (values below 1 count as 1).
    case threshold(Int)

    /// The smallest group that gets an aggregate, or `nil` when none does.
    public var minimumGroupSize: Int? {
        switch self {
        case .off: return nil
        case .auto: return SnarkPack.autoThreshold
        case let .threshold(n): return max(1, n)
        }
    }

    /// Whether a group of `count` proofs under one key gets an aggregate.
    public func packs(groupOf count: Int) -> Bool {
        guard let minimum = minimumGroupSize else { return false }
        return count >= minimum
    }

    /// Parses `auto`, `off` or a positive group size; `nil` for anything else.
    public init?(_ description: String) {
        switch description.lowercased() {
        case "auto": self = .auto
        case "off", "none", "never": self = .off
        default:
            guard let n = Int(description), n >= 1 else { return nil }
            self = .threshold(n)
        }
    }

    /// `auto`, `off` or the group size.
    public var description: String {
        switch self {
        case .off: return "off"
        case .auto: return "auto"
        case let .threshold(n): return String(n)
        }
    }
}

extension SnarkPack {
    /// The group size from which ``SnarkPackPolicy/auto`` aggregates a verifying
    /// key's proofs: the smallest group for which the aggregate is both smaller
    /// than the carried proofs and faster to verify than batch-verifying them.
    ///
    /// Measured with `scripts/measure_snarkpack_crossover.sh 64 1 1` (release
    /// build; one key, one public input; time is the median of 9 runs of
    /// ``ProofBundle/verify(srs:)``) on 2026-12-05, Linux x86_64, 2 cores shared
    /// with other jobs:
    ///
    /// - Size binds: an aggregate for 33–64 proofs encodes in 13,412 bytes (plus a
    ///   4-byte key index and the 32-byte SRS hash), a carried proof in 256, so
    ///   packing is smaller from 53 proofs (bundle 16,406 against 16,526 bytes;
    ///   at 52, 16,362 against 16,226). This part does not depend on the machine.
    /// - Time crosses earlier: the aggregate verifies in about 15.9 ms for 33–64
    ///   proofs, carried proofs in about 0.34 ms each plus 1 ms (46 proofs:
    ///   16.25 ms raw against 16.06 ms packed; 53: 18.1 against 15.8 ms).
    /// - With 4 public inputs the sizes cross at the same point (both forms carry
    ///   the inputs) and time at 48; at 20 proofs (the old default of 16 applied)
    ///   packing gave 12,970 bytes and 14.5 ms against 6,626 bytes and 7.6 ms.
    public static let autoThreshold = 53
}
