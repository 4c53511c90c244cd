/// Why a circom witness could not be computed: a bad `.wasm`, a bad `input.json`,
/// or a circuit whose own checks (`assert`, `===`) rejected the inputs.
///
/// Every case names what to fix; ``description`` is one line for a person.
public enum CircomWitnessError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: The .wasm module

    /// The file could not be read (its reason), or is larger than the limit.
    case unreadableFile(path: String, reason: String)
    /// The bytes are not a valid WebAssembly module (WasmKit's reason).
    case notWebAssembly(reason: String)
    /// A valid WebAssembly module that is not a circom 2 witness calculator: it
    /// lacks an export circom's calculators have, or has one with another type.
    case notAWitnessCalculator(reason: String)
    /// The module imports something circom's runtime does not provide, or one of
    /// the runtime's functions with another signature, or could not be
    /// instantiated (WasmKit's reason).
    case incompatibleImports(reason: String)
    /// The calculator works over a field other than BN254's scalar field
    /// (circom's `--prime` option); the prime it reports, in decimal.
    case wrongPrime(String)
    /// The module misbehaved at run time in a way a circom calculator never does
    /// (a witness value ≥ r, an impossible size, a trap outside the circuit's own
    /// checks, running out of its step budget).
    case calculatorFailed(reason: String)

    // MARK: input.json

    /// `input.json` is not valid JSON, or not an object of signals (where, why).
    case malformedInput(String)
    /// A value is not an integer: a fraction, an exponent that does not give an
    /// integer, a boolean, null or a non-numeric string (the signal and value).
    case notAnInteger(signal: String, value: String)
    /// An input the circuit's `main` component does not have.
    case unknownSignal(String)
    /// An input array whose number of values differs from the signal's size.
    case wrongSignalSize(signal: String, expected: Int, got: Int)
    /// An input array whose rows have different lengths (`[[1, 2], [3]]`).
    case raggedArray(signal: String)
    /// Fewer input values than the circuit has; the names of any signals the
    /// circuit is known to have that `input.json` lacks (empty when the module
    /// gives no names, which circom's `.wasm` does not).
    case missingInputs(expected: Int, got: Int, missing: [String])

    // MARK: The circuit

    /// The circuit rejected the inputs: a failed `assert`, `===` or `<==`
    /// constraint check, as circom reports it (`Assert Failed.`) with the
    /// circuit's own message, usually `Error in template NAME line: N`.
    case circuitRejected(kind: String, message: String)

    /// One line for a person, naming what to fix.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .notWebAssembly(reason):
            return "not a WebAssembly module (\(reason)); give the circuit's circom-generated .wasm (circuit_js/circuit.wasm)"
        case let .notAWitnessCalculator(reason):
            return "not a circom witness calculator: \(reason); give the .wasm circom writes with --wasm (circuit_js/circuit.wasm)"
        case let .incompatibleImports(reason):
            return "not a circom 2 witness calculator: \(reason); compile the circuit with circom 2.1 or later (--wasm)"
        case let .wrongPrime(prime):
            return "the calculator works modulo \(prime), not BN254's scalar field; compile the circuit with circom's default --prime bn128"
        case let .calculatorFailed(reason):
            return "the witness calculator failed: \(reason)"
        case let .malformedInput(reason):
            return "input.json: \(reason)"
        case let .notAnInteger(signal, value):
            return "input signal '\(signal)': \(value) is not an integer (give decimal strings or integers)"
        case let .unknownSignal(name):
            return "input.json sets '\(name)', which is not an input signal of the circuit's main component"
        case let .wrongSignalSize(signal, expected, got):
            return "input signal '\(signal)' takes \(expected) value\(expected == 1 ? "" : "s") but input.json gives \(got); check the array's shape against the circuit"
        case let .raggedArray(signal):
            return "input signal '\(signal)': the nested arrays have different lengths; give a rectangular array"
        case let .missingInputs(expected, got, missing):
            let names = missing.isEmpty ? "" : " (missing: \(missing.joined(separator: ", ")))"
            return "the circuit takes \(expected) input values but input.json gives \(got)\(names); add the missing input signals"
        case let .circuitRejected(kind, message):
            let shown = message.count > 500 ? String(message.prefix(500)) + "…" : message
            let detail = shown.isEmpty ? "" : ": \(shown)"
            return "the circuit rejected the inputs (\(kind))\(detail)"
        }
    }
}
