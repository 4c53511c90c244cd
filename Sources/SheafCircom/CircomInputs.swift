import SheafField

/// The inputs of a circom circuit, as in the `input.json` that `snarkjs wtns
/// calculate` reads: an object whose keys are the input signals of the main
/// component and whose values are integers (JSON numbers or decimal strings),
/// nested arrays of them for array signals, or nested objects for bus signals
/// (`{"b": {"x": 1}}` sets `b.x`).
///
/// Numbers are read exactly as written (snarkjs's JavaScript rounds integers
/// above 2⁵³ written as JSON numbers; write those as strings for both tools to
/// agree). Negative values and values ≥ r are taken mod r, as circom does.
public struct CircomInputs: Equatable, Sendable {
    /// One value of `input.json`.
    public indirect enum Value: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
        ExpressibleByArrayLiteral
    {
        /// An integer as written: a decimal integer with an optional `-`, or
        /// `0x` hexadecimal (from a JSON number or string).
        case integer(String)
        /// A field element given directly.
        case field(Fr)
        /// An array (of integers for an array signal, of objects for an array of buses).
        case array([Value])
        /// An object (a bus signal), its members in document order.
        case object([Member])
        /// Anything else JSON can hold (`true`, `null`, `1.5`, `"abc"`), as written,
        /// kept to be reported with the signal it was given for.
        case other(String)

        /// An integer value.
        public init(integerLiteral value: Int) { self = .integer(String(value)) }
        /// An integer written as a string (`"-5"`, `"0x1f"`).
        public init(stringLiteral value: String) { self = .integer(value) }
        /// An array value.
        public init(arrayLiteral elements: Value...) { self = .array(elements) }
    }

    /// One named member of an object (`input.json`'s top level or a bus).
    public struct Member: Equatable, Sendable {
        /// The member's key.
        public var name: String
        /// The member's value.
        public var value: Value
        /// A member.
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// Bounds on an `input.json`, so that a hostile document cannot exhaust the
    /// stack or memory.
    public enum Limits {
        /// Largest document, in bytes (64 MiB).
        public static let maxDocumentBytes = 64 << 20
        /// Deepest nesting of arrays and objects.
        public static let maxNestingDepth = 64
        /// Most characters in one number (a value ≥ r is reduced, but a
        /// thousand-digit number is not an input anyone means).
        public static let maxDigits = 1000
    }

    /// The top-level signals, in document order.
    public var signals: [Member]

    /// Inputs from signals given in code.
    public init(_ signals: [Member]) { self.signals = signals }

    /// Inputs from a dictionary of signal names to values.
    public init(_ signals: [String: Value]) {
        self.signals = signals.sorted { $0.key < $1.key }.map { Member($0.key, $0.value) }
    }

    /// Parses an `input.json` document.
    ///
    /// - Throws: ``CircomWitnessError/malformedInput(_:)`` for invalid JSON, a
    ///   top level other than an object, a key given twice in one object, or a
    ///   document beyond ``Limits``.
    public init(json bytes: [UInt8]) throws(CircomWitnessError) {
        guard bytes.count <= Limits.maxDocumentBytes else {
            throw .malformedInput("larger than \(Limits.maxDocumentBytes) bytes")
        }
        var parser = JSONParser(bytes: bytes)
        let value = try parser.parseDocument()
        guard case let .object(members) = value else {
            throw .malformedInput("the top level must be an object of input signals, like {\"a\": 3}")
        }
        signals = members
    }

    // MARK: Flattening

    /// One input signal as the calculator sets it: circom's qualified name
    /// (`a`, `b.x`, `buses[1].y`) and its values, arrays flattened row by row.
    struct FlatSignal {
        var name: String
        var values: [Value]
    }

    /// The signals with nested objects qualified and arrays flattened, as
    /// circom's witness calculator does.
    func flattened() throws(CircomWitnessError) -> [FlatSignal] {
        var out: [FlatSignal] = []
        var seen = Set<String>()
        func add(_ name: String, _ values: [Value]) throws(CircomWitnessError) {
            guard seen.insert(name).inserted else { throw .malformedInput("the signal '\(name)' is given twice") }
            out.append(FlatSignal(name: name, values: values))
        }
        func qualify(_ name: String, _ value: Value) throws(CircomWitnessError) {
            switch value {
            case let .object(members):
                for member in members {
                    try qualify(name.isEmpty ? member.name : name + "." + member.name, member.value)
                }
            case .array:
                var leaves: [Value] = []
                try Self.checkShape(value, signal: name)
                Self.flatten(value, into: &leaves)
                if leaves.contains(where: { if case .object = $0 { return true } else { return false } }) {
                    // An array of buses: each element is qualified by its index.
                    guard case let .array(elements) = value else { return }
                    for (i, element) in elements.enumerated() { try qualify("\(name)[\(i)]", element) }
                } else {
                    try add(name, leaves)
                }
            default:
                try add(name, [value])
            }
        }
        for member in signals { try qualify(member.name, member.value) }
        return out
    }

    /// Every array at the same depth must have the same length and hold the
    /// same kind of values (all arrays, all objects or all numbers).
    static func checkShape(_ value: Value, signal: String) throws(CircomWitnessError) {
        guard case let .array(elements) = value, let first = elements.first else { return }
        func kind(_ v: Value) -> Int {
            switch v {
            case .array: return 0
            case .object: return 1
            default: return 2
            }
        }
        let firstKind = kind(first)
        for element in elements {
            guard kind(element) == firstKind else {
                throw .malformedInput("the signal '\(signal)' mixes arrays, objects and numbers in one array")
            }
        }
        if case let .array(firstRow) = first {
            for element in elements {
                guard case let .array(row) = element, row.count == firstRow.count else { throw .raggedArray(signal: signal) }
            }
            for element in elements { try checkShape(element, signal: signal) }
        }
    }

    static func flatten(_ value: Value, into leaves: inout [Value]) {
        if case let .array(elements) = value {
            for element in elements { flatten(element, into: &leaves) }
        } else {
            leaves.append(value)
        }
    }

    /// A value as a field element, reduced mod r (negative values too).
    static func fieldElement(_ value: Value, signal: String) throws(CircomWitnessError) -> Fr {
        switch value {
        case let .field(element):
            return element
        case let .integer(text):
            guard let element = parseInteger(text) else { throw .notAnInteger(signal: signal, value: quoted(text)) }
            return element
        case let .other(text):
            throw .notAnInteger(signal: signal, value: quoted(text))
        case .array, .object:
            throw .notAnInteger(signal: signal, value: "a nested array or object")
        }
    }

    /// `[-]digits` or `[-]0x hexdigits`, reduced mod r; nil if malformed.
    static func parseInteger(_ text: String) -> Fr? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Limits.maxDigits else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        }
        var radix: UInt64 = 10
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            bytes.removeFirst(2)
        }
        guard !bytes.isEmpty else { return nil }
        let base = Fr(radix)
        var value = Fr.zero
        for byte in bytes {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * base + Fr(digit)
        }
        return negative ? Fr.zero - value : value
    }

    static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "'\(shown)'"
    }
}

// MARK: - A small strict JSON parser

/// RFC 8259 JSON, keeping numbers as written (exact big integers) and object
/// members in order, with a nesting bound. Errors name the byte offset.
struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws(CircomWitnessError) -> CircomInputs.Value {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the end of the document") }
        return value
    }

    func fail(_ reason: String) -> CircomWitnessError {
        .malformedInput("invalid JSON at byte \(index): \(reason)")
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func parseValue() throws(CircomWitnessError) -> CircomInputs.Value {
        guard index < bytes.count else { throw fail("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            let text = try parseString()
            return CircomInputs.parseInteger(text) != nil ? .integer(text) : .other("\"\(text)\"")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return .other(word)
            }
            throw fail("expected a value")
        }
    }

    mutating func enter() throws(CircomWitnessError) {
        depth += 1
        guard depth <= CircomInputs.Limits.maxNestingDepth else {
            throw .malformedInput("nested deeper than \(CircomInputs.Limits.maxNestingDepth) arrays and objects")
        }
    }

    mutating func parseObject() throws(CircomWitnessError) -> CircomInputs.Value {
        try enter()
        index += 1
        var members: [CircomInputs.Member] = []
        var keys = Set<String>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let key = try parseString()
            guard keys.insert(key).inserted else { throw .malformedInput("the key '\(key)' appears twice in one object") }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            members.append(CircomInputs.Member(key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of the document") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            index += 1
            depth -= 1
            return .object(members)
        }
    }

    mutating func parseArray() throws(CircomWitnessError) -> CircomInputs.Value {
        try enter()
        index += 1
        var elements: [CircomInputs.Value] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of the document") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
            index += 1
            depth -= 1
            return .array(elements)
        }
    }

    mutating func parseNumber() throws(CircomWitnessError) -> CircomInputs.Value {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        var integral = true
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let digitsStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > digitsStart else { throw fail("expected digits") }
        guard bytes[digitsStart] != UInt8(ascii: "0") || index - digitsStart == 1 else { throw fail("a number with a leading zero") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            let fraction = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fraction else { throw fail("expected digits after '.'") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponent else { throw fail("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return integral ? .integer(text) : .other(text)
    }

    mutating func parseString() throws(CircomWitnessError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw fail("unterminated string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count,
                          let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                        throw fail("invalid \\u escape")
                    }
                    index += 4
                    // Surrogates (outside the basic plane) are not names anyone gives a signal.
                    guard let scalar = Unicode.Scalar(code) else { throw fail("a \\u escape of a lone surrogate") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw fail("invalid escape")
                }
            case 0x00..<0x20:
                throw fail("a control character inside a string")
            default:
                out.append(byte)
            }
        }
    }
}
