/// Why bytes or coordinates do not describe an acceptable curve point.
public enum CurveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The coordinates do not satisfy the curve equation of the named group.
    case notOnCurve(String)
    /// The point is on the curve but outside the prime-order subgroup.
    case notInSubgroup(String)
    /// An input had `actual` bytes where `expected` were required.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// A coordinate was not below the field modulus.
    case coordinateNotInField(String)
    /// A scalar was not below the group order r.
    case scalarNotInField
    /// A flag byte or encoding marker was invalid.
    case invalidEncoding(String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .notOnCurve(group): return "point is not on the \(group) curve"
        case let .notInSubgroup(group): return "point is on the curve but not in the prime-order \(group) subgroup"
        case let .wrongLength(what, expected, actual): return "\(what): expected \(expected) bytes, got \(actual)"
        case let .coordinateNotInField(what): return "\(what): coordinate is not below the field modulus p"
        case .scalarNotInField: return "scalar is not below the group order r"
        case let .invalidEncoding(why): return "invalid point encoding: \(why)"
        }
    }
}
