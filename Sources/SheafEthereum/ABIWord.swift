import SheafHash

/// The Solidity ABI encoding rules the Sheaf contracts need: 32-byte words,
/// function selectors, and dynamic arrays laid out as head offsets then tails.
public enum ABIWord {
    /// The 4-byte selector of a function signature such as `"registerKey(bytes)"`.
    public static func selector(_ signature: String) -> [UInt8] {
        Array(Keccak256.hash(Array(signature.utf8)).prefix(4))
    }

    /// A non-negative integer as one big-endian word.
    public static func word(_ value: Int) -> [UInt8] {
        precondition(value >= 0, "ABI words here are unsigned")
        return [UInt8](repeating: 0, count: 24) + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(value) >> UInt64(56 - 8 * $0)) }
    }

    /// `bytes` right-padded with zeros to a whole number of words.
    public static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (32 - bytes.count % 32) % 32)
    }

    /// A call: the selector, then the head (static words and offsets of the
    /// dynamic parts), then the dynamic parts' tails in order.
    ///
    /// - Parameters:
    ///   - signature: the function signature, for the selector.
    ///   - arguments: each argument as `.static(words)` (inline in the head) or
    ///     `.dynamic(tail)` (an offset in the head, the tail after the head).
    public static func call(_ signature: String, _ arguments: [Argument]) -> [UInt8] {
        let headSize = arguments.reduce(0) { $0 + $1.headSize }
        var head = [UInt8](), tail = [UInt8]()
        for argument in arguments {
            switch argument {
            case .static(let bytes): head += bytes
            case .dynamic(let bytes):
                head += word(headSize + tail.count)
                tail += bytes
            }
        }
        return selector(signature) + head + tail
    }

    /// One argument of ``call(_:_:)``.
    public enum Argument {
        /// A static value, encoded in place (a whole number of words).
        case `static`([UInt8])
        /// A dynamic value's tail (length word and contents); the head holds its offset.
        case dynamic([UInt8])

        var headSize: Int {
            switch self {
            case .static(let bytes): return bytes.count
            case .dynamic: return 32
            }
        }
    }

    /// The tail of a dynamic array of static elements: length, then the elements.
    public static func array(_ elements: [[UInt8]]) -> [UInt8] {
        word(elements.count) + elements.flatMap { $0 }
    }

    /// The tail of `bytes`: length, then the bytes padded to whole words.
    public static func bytes(_ value: [UInt8]) -> [UInt8] {
        word(value.count) + padded(value)
    }
}
