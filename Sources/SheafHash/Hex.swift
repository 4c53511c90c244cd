/// Why ``Hex/decode(_:what:)`` refused a string.
public struct HexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being read ("manifest root", "32-byte value"), for the message.
    public var what: String
    /// Why the text is not hex: an odd number of digits, a non-hex character or a
    /// wrong length.
    public var reason: String

    /// Creates an error for `what` with a `reason`.
    public init(what: String, reason: String) {
        self.what = what
        self.reason = reason
    }

    /// A one-line explanation for people.
    public var description: String { "invalid hex for \(what): \(reason)" }
}

/// Hex encoding and strict decoding of byte strings: digests, manifest roots, key
/// hashes and addresses.
///
/// ```swift
/// let text = Hex.encode(bundle.manifestRoot)              // "0x…", 64 digits
/// let root = try Hex.decode(text, what: "manifest root", length: 32)
/// ```
public enum Hex {
    /// `0x` followed by two lower-case digits per byte.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex digits, either case, with or without a `0x` prefix.
    ///
    /// - Parameters:
    ///   - text: the hex string.
    ///   - what: what the string is, for the error message.
    ///   - length: when given, the number of bytes the result must have.
    /// - Throws: ``HexError`` for an odd number of digits, a character that is not
    ///   a hex digit or, with `length`, a result of another length.
    public static func decode(_ text: String, what: String = "hex string", length: Int? = nil) throws(HexError) -> [UInt8] {
        var utf8 = Substring(text).utf8[...]
        if utf8.starts(with: "0x".utf8) || utf8.starts(with: "0X".utf8) { utf8 = utf8.dropFirst(2) }
        guard utf8.count % 2 == 0 else { throw HexError(what: what, reason: "odd number of hex digits") }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var high: UInt8? = nil
        for char in utf8 {
            let value: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = char - UInt8(ascii: "A") + 10
            default:
                throw HexError(what: what, reason: "character \(UnicodeScalar(char).escaped(asASCII: true)) is not a hex digit")
            }
            if let h = high { out.append(h << 4 | value); high = nil } else { high = value }
        }
        if let length, out.count != length {
            throw HexError(what: what, reason: "\(out.count) bytes, expected \(length)")
        }
        return out
    }
}
