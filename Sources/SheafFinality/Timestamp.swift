/// A point in time in whole seconds (Unix time on a real chain; seconds since the
/// start in simulations). All rules are evaluated at these instants, so a schedule
/// of events gives one exact result however often `tick` is called.
public struct Timestamp: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Seconds since the epoch of the chain or simulation.
    public var seconds: UInt64

    /// The instant `seconds` after the epoch.
    public init(seconds: UInt64) { self.seconds = seconds }

    /// The epoch itself.
    public static let zero = Timestamp(seconds: 0)

    /// `self` moved `duration` seconds later; saturates instead of overflowing so a
    /// huge configured delay means "never" rather than a crash.
    public func adding(_ duration: UInt64) -> Timestamp {
        let (sum, overflow) = seconds.addingReportingOverflow(duration)
        return Timestamp(seconds: overflow ? .max : sum)
    }

    /// Ordered by seconds.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// "day D hh:mm:ss" counted from the epoch: readable in simulations, exact.
    public var description: String {
        let day = seconds / 86_400, rest = seconds % 86_400
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "day \(day) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    }

    /// Encoded as a bare number of seconds.
    public init(from decoder: Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(UInt64.self)
    }

    /// Encoded as a bare number of seconds.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }
}

/// Durations in seconds (named so it does not shadow the standard library's `Duration`).
public enum Seconds {
    /// One hour.
    public static let hour: UInt64 = 3_600
    /// One day.
    public static let day: UInt64 = 86_400
    /// `n` days.
    public static func days(_ n: UInt64) -> UInt64 { n * day }
}
