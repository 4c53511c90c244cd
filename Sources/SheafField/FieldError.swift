/// Why a field element could not be decoded from untrusted input.
public enum FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte string had `actual` bytes where `expected` were required.
    case wrongLength(expected: Int, actual: Int)
    /// The encoded integer is not smaller than the field modulus.
    case notCanonical(field: String)
    /// The string is not a number in the expected notation.
    case malformedNumber(String)
    /// The number is negative.
    case negative

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .wrongLength(expected, actual):
            return "expected \(expected) bytes for a field element, got \(actual)"
        case let .notCanonical(field):
            return "value is not smaller than the \(field) modulus"
        case let .malformedNumber(text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "'\(shown)' is not a valid unsigned number"
        case .negative:
            return "negative numbers are not field elements"
        }
    }
}
