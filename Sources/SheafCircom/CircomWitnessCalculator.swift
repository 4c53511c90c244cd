import SheafField
import SheafGroth16
import WasmKit

/// circom's witness calculator, the `circuit.wasm` that `circom --wasm` writes,
/// run in WasmKit: the full witness of a circuit from its `input.json`, without
/// Node.js.
///
/// The module's interface (circom 2.1 and later) is a handful of exports and
/// four imports under `runtime`:
/// - `getFieldNumLen32` and `getRawPrime` give the field: n32 32-bit words, and
///   the prime written to the shared read/write buffer;
/// - `readSharedRWMemory(i)` and `writeSharedRWMemory(i, word)` move one field
///   element through that buffer, least significant word first;
/// - `init(sanityCheck)` resets the state; `getInputSignalSize(hi, lo)` and
///   `setInputSignal(hi, lo, k)` find and set input signals by the 64-bit FNV-1a
///   hash of their qualified name, split into its high and low 32-bit halves;
///   the circuit runs once the last input is set (`getInputSize` counts them);
/// - `getWitnessSize` and `getWitness(i)` read the witness out;
/// - the imports `exceptionHandler(code)`, `printErrorMessage()`,
///   `writeBufferMessage()` and `showSharedRWMemory()` report errors and the
///   circuit's `log` output, the text read with `getMessageChar` until a 0.
///
/// Each ``calculate(inputs:log:)`` runs in a fresh instance of the parsed
/// module, so a failed calculation leaves nothing behind; the value is
/// `Sendable` and can be shared between threads.
public struct CircomWitnessCalculator: Sendable {
    /// Bounds on what a `.wasm` may make Sheaf do.
    public struct Limits: Sendable, Equatable {
        /// Largest `.wasm` file read, in bytes (256 MiB; circom's calculators for
        /// million-constraint circuits are a few MiB).
        public static let maxWasmBytes = 256 << 20
        /// Most witness values accepted (2²⁸, the largest witness a snarkjs key
        /// for BN254 can use).
        public static let maxWitnessSize = 1 << 28
        /// Longest message read from the module (characters).
        public static let maxMessageLength = 64 << 10

        /// The most WebAssembly instructions one calculation may run, so that a
        /// hostile module cannot loop forever; `nil` for no bound (the default:
        /// metering costs time on every instruction, and circom's own modules
        /// always halt).
        public var maxInstructions: UInt64?

        /// Limits with an optional instruction budget.
        public init(maxInstructions: UInt64? = nil) { self.maxInstructions = maxInstructions }
    }

    /// The runtime functions circom's calculators import, and their parameters
    /// (none return a value).
    static let runtimeImports: [String: [ValueType]] = [
        "exceptionHandler": [.i32], "printErrorMessage": [], "writeBufferMessage": [], "showSharedRWMemory": [],
    ]

    /// The exports used, with their types.
    static let requiredExports: [String: FunctionType] = [
        "getVersion": FunctionType(parameters: [], results: [.i32]),
        "getFieldNumLen32": FunctionType(parameters: [], results: [.i32]),
        "getRawPrime": FunctionType(parameters: [], results: []),
        "readSharedRWMemory": FunctionType(parameters: [.i32], results: [.i32]),
        "writeSharedRWMemory": FunctionType(parameters: [.i32, .i32], results: []),
        "init": FunctionType(parameters: [.i32], results: []),
        "getInputSignalSize": FunctionType(parameters: [.i32, .i32], results: [.i32]),
        "setInputSignal": FunctionType(parameters: [.i32, .i32, .i32], results: []),
        "getInputSize": FunctionType(parameters: [], results: [.i32]),
        "getWitnessSize": FunctionType(parameters: [], results: [.i32]),
        "getWitness": FunctionType(parameters: [.i32], results: []),
        "getMessageChar": FunctionType(parameters: [], results: [.i32]),
    ]

    let module: Module
    let engine: Engine
    let limits: Limits

    /// The circom version that wrote the module (`2.1.9`).
    public let circomVersion: String
    /// The number of witness values: circom's constant 1, the public outputs,
    /// the public inputs, then every other signal (the `.r1cs`'s nWires).
    public let witnessSize: Int
    /// The number of input values the circuit takes (array signals count each
    /// element).
    public let inputValueCount: Int

    /// Loads a circom witness calculator.
    ///
    /// The module is parsed and validated, its imports and exports checked
    /// against circom's interface, and one instance asked for its prime (it must
    /// be BN254's scalar field r), version and witness size.
    ///
    /// - Throws: ``CircomWitnessError/notWebAssembly(reason:)``,
    ///   ``CircomWitnessError/notAWitnessCalculator(reason:)``,
    ///   ``CircomWitnessError/incompatibleImports(reason:)``,
    ///   ``CircomWitnessError/wrongPrime(_:)`` or
    ///   ``CircomWitnessError/calculatorFailed(reason:)``.
    public init(wasm bytes: [UInt8], limits: Limits = Limits()) throws(CircomWitnessError) {
        guard bytes.count <= Limits.maxWasmBytes else {
            throw .notWebAssembly(reason: "\(bytes.count) bytes, larger than the limit of \(Limits.maxWasmBytes)")
        }
        guard bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) else {
            throw .notWebAssembly(reason: "the file does not start with the WebAssembly magic \\0asm")
        }
        do { module = try parseWasm(bytes: bytes) } catch {
            throw .notWebAssembly(reason: Self.oneLine(error.description))
        }
        for entry in module.imports {
            let name = "\(entry.module).\(entry.name)"
            guard entry.module == "runtime", Self.runtimeImports[entry.name] != nil else {
                throw .incompatibleImports(reason: "it imports \(name), which circom's runtime does not provide")
            }
            guard case .function = entry.descriptor else {
                throw .incompatibleImports(reason: "it imports \(name) as something other than a function")
            }
        }
        let exported = Set(module.exports.compactMap { export -> String? in
            if case .function = export.descriptor { return export.name } else { return nil }
        })
        if let missing = Self.requiredExports.keys.sorted().first(where: { !exported.contains($0) }) {
            throw .notAWitnessCalculator(reason: "it has no exported function \(missing)")
        }
        self.limits = limits
        engine = Engine(configuration: EngineConfiguration(fuelMetering: limits.maxInstructions != nil))

        // One instance for the module's constants: checks the export types and
        // runs the module's start code once.
        let session = try Session(module: module, engine: engine, limits: limits)
        let n32 = try session.i32("getFieldNumLen32")
        guard (1...64).contains(n32) else {
            throw .notAWitnessCalculator(reason: "getFieldNumLen32 returned \(n32), not a field size")
        }
        try session.call("getRawPrime")
        var primeWords: [UInt32] = []
        for j in 0..<n32 { primeWords.append(UInt32(truncatingIfNeeded: try session.i32("readSharedRWMemory", j))) }
        let expected = Limbs.array(Fr.modulus).flatMap { [UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $0 >> 32)] }
        guard primeWords == expected else {
            let hex = primeWords.reversed().map { word -> String in
                let digits = String(word, radix: 16)
                return String(repeating: "0", count: 8 - digits.count) + digits
            }.joined().drop { $0 == "0" }
            throw .wrongPrime("0x" + (hex.isEmpty ? "0" : hex))
        }
        let major = try session.i32("getVersion")
        let minor = try session.optionalI32("getMinorVersion")
        let patch = try session.optionalI32("getPatchVersion")
        circomVersion = [major, minor, patch].compactMap { $0.map(String.init) }.joined(separator: ".")
        guard major >= 2 else {
            throw .incompatibleImports(reason: "it was written by circom \(circomVersion); Sheaf runs circom 2 calculators")
        }
        let size = try session.i32("getWitnessSize")
        guard (1...Limits.maxWitnessSize).contains(size) else {
            throw .calculatorFailed(reason: "getWitnessSize returned \(size), outside 1…\(Limits.maxWitnessSize)")
        }
        witnessSize = size
        let inputs = try session.i32("getInputSize")
        guard (0..<size).contains(inputs) else {
            throw .calculatorFailed(reason: "getInputSize returned \(inputs) for a witness of \(size) values")
        }
        inputValueCount = inputs
    }

    /// Loads the circom witness calculator at `path` (read with a size bound).
    ///
    /// - Throws: ``CircomWitnessError/unreadableFile(path:reason:)`` or any error
    ///   of ``init(wasm:limits:)``.
    public init(contentsOfFile path: String, limits: Limits = Limits()) throws(CircomWitnessError) {
        let bytes: [UInt8]
        do { bytes = try BoundedFile.read(atPath: path, limit: Limits.maxWasmBytes) } catch {
            throw .unreadableFile(path: path, reason: error.reason)
        }
        try self.init(wasm: bytes, limits: limits)
    }

    /// The full witness for `inputs`, as `snarkjs wtns calculate` computes it:
    /// the constant 1, the public outputs, the public inputs, then the other
    /// signals, each in [0, r).
    ///
    /// - Parameter log: receives each line the circuit prints with `log(…)`.
    /// - Throws: ``CircomWitnessError``: an input signal the circuit lacks
    ///   (``CircomWitnessError/unknownSignal(_:)``), of the wrong size, ragged,
    ///   not an integer, missing, or a circuit that rejects the inputs
    ///   (``CircomWitnessError/circuitRejected(kind:message:)``), or a module that
    ///   misbehaves (``CircomWitnessError/calculatorFailed(reason:)``).
    public func calculate(inputs: CircomInputs, log: ((String) -> Void)? = nil) throws(CircomWitnessError) -> [Fr] {
        let signals = try inputs.flattened()
        let session = try Session(module: module, engine: engine, limits: limits)
        session.log = log
        try session.call("init", 1)
        var given = 0
        for signal in signals {
            let hash = Self.signalHash(signal.name)
            let high = Int(UInt32(truncatingIfNeeded: hash >> 32)), low = Int(UInt32(truncatingIfNeeded: hash))
            let size = try session.i32("getInputSignalSize", high, low)
            // circom 2.1's lookup gives 0 for a name it does not know (older ones -1).
            guard size > 0 else { throw .unknownSignal(signal.name) }
            guard size == signal.values.count else {
                throw .wrongSignalSize(signal: signal.name, expected: size, got: signal.values.count)
            }
            for (k, value) in signal.values.enumerated() {
                let element = try CircomInputs.fieldElement(value, signal: size == 1 ? signal.name : "\(signal.name)[\(k)]")
                try session.writeShared(element)
                try session.call("setInputSignal", high, low, k)
                given += 1
            }
        }
        guard given >= inputValueCount else {
            throw .missingInputs(expected: inputValueCount, got: given, missing: [])
        }
        var witness: [Fr] = []
        witness.reserveCapacity(witnessSize)
        for i in 0..<witnessSize {
            try session.call("getWitness", i)
            witness.append(try session.readShared(what: "witness value \(i)"))
        }
        guard witness[0] == .one else {
            throw .calculatorFailed(reason: "the first witness value is \(witness[0]), not circom's constant 1")
        }
        return witness
    }

    /// The witness for `inputs` as a `.wtns` file, byte for byte what snarkjs
    /// writes for the same circuit and inputs.
    ///
    /// - Throws: any error of ``calculate(inputs:log:)``.
    public func witnessFile(inputs: CircomInputs, log: ((String) -> Void)? = nil) throws(CircomWitnessError) -> [UInt8] {
        SnarkJS.encodeWitness(try calculate(inputs: inputs, log: log))
    }

    /// circom's signal-name hash: 64-bit FNV-1a over the qualified name's UTF-16
    /// code units (JavaScript's `charCodeAt`, as circom's own runtime hashes it).
    /// The calculator takes it as two i32 arguments, high half first.
    public static func signalHash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for unit in name.utf16 {
            hash ^= UInt64(unit)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}

// MARK: - One instance of the module

/// A store, an instance and the runtime imports' state for one calculation.
final class Session {
    let instance: Instance
    let store: Store
    let state: RuntimeState
    var log: ((String) -> Void)? {
        get { state.log }
        set { state.log = newValue }
    }
    private var functions: [String: Function] = [:]

    /// The runtime imports' view of the instance (set once it exists) and the
    /// text they collect.
    final class RuntimeState {
        var getMessageChar: Function?
        var errorText: [String] = []
        var logLine: [String] = []
        var log: ((String) -> Void)?

        /// Set while a message is read: a module whose `getMessageChar` calls
        /// back into the runtime would otherwise recurse without bound.
        var readingMessage = false

        func message() throws -> String {
            guard let getMessageChar else { return "" }
            guard !readingMessage else {
                throw CircomWitnessError.calculatorFailed(reason: "the module called the runtime while its message was being read")
            }
            readingMessage = true
            defer { readingMessage = false }
            var scalars = String.UnicodeScalarView()
            for _ in 0..<CircomWitnessCalculator.Limits.maxMessageLength {
                guard case let .i32(code) = try getMessageChar.invoke().first, code != 0 else { break }
                scalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: code)))
            }
            return String(scalars)
        }
    }

    init(module: Module, engine: Engine, limits: CircomWitnessCalculator.Limits) throws(CircomWitnessError) {
        store = Store(engine: engine)
        if let budget = limits.maxInstructions { store.fuel = Fuel(remaining: budget) }
        let state = RuntimeState()
        self.state = state
        var imports = Imports()
        for (name, parameters) in CircomWitnessCalculator.runtimeImports {
            imports.define(module: "runtime", name: name, Function(store: store, parameters: parameters) { _, arguments in
                switch name {
                case "exceptionHandler":
                    var code: Int32 = 0
                    if case let .i32(raw)? = arguments.first { code = Int32(bitPattern: raw) }
                    throw Session.runtimeError(code: code, text: state.errorText.joined(separator: " "))
                case "printErrorMessage":
                    let text = try state.message().trimmingCharacters(in: "\n")
                    if state.errorText.count < 64, !text.isEmpty { state.errorText.append(text) }
                case "writeBufferMessage":
                    // `log(a, b)` arrives as "a", "b", then "\n".
                    let text = try state.message()
                    if text == "\n" {
                        state.log?(state.logLine.joined(separator: " "))
                        state.logLine = []
                    } else if state.logLine.count < 1024 {
                        state.logLine.append(text)
                    }
                default:
                    break  // showSharedRWMemory: a debugging aid, not needed for the witness.
                }
                return []
            })
        }
        do { instance = try module.instantiate(store: store, imports: imports) } catch {
            throw Session.translate(error, during: "instantiating the module")
        }
        for (name, type) in CircomWitnessCalculator.requiredExports {
            guard let function = instance.exports[function: name] else {
                throw .notAWitnessCalculator(reason: "it has no exported function \(name)")
            }
            guard function.type == type else {
                throw .notAWitnessCalculator(reason: "its export \(name) has type \(function.type), not \(type)")
            }
            functions[name] = function
        }
        state.getMessageChar = functions["getMessageChar"]
    }

    static func runtimeError(code: Int32, text: String) -> CircomWitnessError {
        switch code {
        case 4: return .circuitRejected(kind: "Assert Failed", message: text)
        case 1: return .calculatorFailed(reason: "Signal not found. \(text)")
        case 2: return .calculatorFailed(reason: "Too many signals set. \(text)")
        case 3: return .calculatorFailed(reason: "Signal already set. \(text)")
        case 5: return .calculatorFailed(reason: "Not enough memory. \(text)")
        case 6: return .calculatorFailed(reason: "Input signal array access exceeds the size. \(text)")
        default: return .calculatorFailed(reason: "circom runtime error \(code). \(text)")
        }
    }

    static func translate(_ error: any Error, during activity: String) -> CircomWitnessError {
        if let error = error as? CircomWitnessError { return error }
        let text = CircomWitnessCalculator.oneLine(String(describing: error))
        if error is Trap {
            if text.contains("fuel") {
                return .calculatorFailed(reason: "\(activity): the module ran longer than its instruction budget (\(text))")
            }
            return .calculatorFailed(reason: "\(activity): the module trapped (\(text))")
        }
        if activity == "instantiating the module" { return .incompatibleImports(reason: text) }
        return .calculatorFailed(reason: "\(activity): \(text)")
    }

    @discardableResult
    func call(_ name: String, _ arguments: Int...) throws(CircomWitnessError) -> [Value] {
        // Known names only (checked at instantiation).
        guard let function = functions[name] else {
            throw .notAWitnessCalculator(reason: "it has no exported function \(name)")
        }
        do {
            return try function.invoke(arguments.map { .i32(UInt32(truncatingIfNeeded: $0)) })
        } catch {
            throw Session.translate(error, during: "calling \(name)")
        }
    }

    /// A function returning one i32, as a signed integer.
    func i32(_ name: String, _ arguments: Int...) throws(CircomWitnessError) -> Int {
        guard let function = functions[name] else {
            throw .notAWitnessCalculator(reason: "it has no exported function \(name)")
        }
        let results: [Value]
        do { results = try function.invoke(arguments.map { .i32(UInt32(truncatingIfNeeded: $0)) }) } catch {
            throw Session.translate(error, during: "calling \(name)")
        }
        guard case let .i32(raw)? = results.first else {
            throw .notAWitnessCalculator(reason: "\(name) did not return an i32")
        }
        return Int(Int32(bitPattern: raw))
    }

    /// An optional export returning one i32 (`getMinorVersion`), or nil.
    func optionalI32(_ name: String) throws(CircomWitnessError) -> Int? {
        guard let function = instance.exports[function: name],
              function.type == FunctionType(parameters: [], results: [.i32]) else { return nil }
        functions[name] = function
        return try i32(name)
    }

    /// The shared buffer's place in the exported memory, when the module
    /// exports both (`memory`, `getSharedRWMemoryStart`, as circom 2.1 does):
    /// then a field element moves in one copy rather than eight calls.
    private lazy var sharedBuffer: (memory: Memory, offset: UInt)? = {
        guard let memory = instance.exports[memory: "memory"],
              let start = instance.exports[function: "getSharedRWMemoryStart"],
              start.type == FunctionType(parameters: [], results: [.i32]),
              case let .i32(offset)? = try? start.invoke().first else { return nil }
        return (memory, UInt(offset))
    }()

    /// The 32 bytes of the shared buffer, little-endian, if the memory holds them.
    private func withSharedBytes<T>(_ body: (UnsafeMutableRawBufferPointer) -> T) -> T? {
        guard let (memory, offset) = sharedBuffer, offset + 32 <= UInt(memory.byteCount) else { return nil }
        return memory.withUnsafeMutableBufferPointer(offset: offset, count: 32) { body($0) }
    }

    /// Writes a field element to the shared buffer, least significant word first.
    func writeShared(_ element: Fr) throws(CircomWitnessError) {
        let limbs = Limbs.array(element.canonicalLimbs)
        let written: Void? = withSharedBytes { bytes in
            for (j, limb) in limbs.enumerated() {
                for k in 0..<8 { bytes[8 * j + k] = UInt8(truncatingIfNeeded: limb >> (8 * k)) }
            }
        }
        if written != nil { return }
        for (j, limb) in limbs.enumerated() {
            try call("writeSharedRWMemory", 2 * j, Int(UInt32(truncatingIfNeeded: limb)))
            try call("writeSharedRWMemory", 2 * j + 1, Int(UInt32(truncatingIfNeeded: limb >> 32)))
        }
    }

    /// Reads the field element in the shared buffer, which must be below r.
    func readShared(what: String) throws(CircomWitnessError) -> Fr {
        var limbs = [UInt](repeating: 0, count: 4)
        let direct: Void? = withSharedBytes { bytes in
            for i in 0..<32 { limbs[i / 8] |= UInt(bytes[i]) << (8 * (i % 8)) }
        }
        for j in 0..<8 where direct == nil {
            let word = UInt(UInt32(bitPattern: Int32(truncatingIfNeeded: try i32("readSharedRWMemory", j))))
            limbs[j / 2] |= word << (32 * (j % 2))
        }
        let raw: Limbs4 = (limbs[0], limbs[1], limbs[2], limbs[3])
        guard !Limbs.greaterOrEqual(raw, Fr.modulus) else {
            throw .calculatorFailed(reason: "\(what) is not below r")
        }
        return Fr(canonicalLimbs: raw)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
