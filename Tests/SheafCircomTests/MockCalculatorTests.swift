import SheafCircom
import SheafField
import Testing
import WAT

/// A hand-written module with circom's witness-calculator interface, for what
/// Multiplier(100) cannot show: a failing `assert` with the circuit's message,
/// `log` output, and modules that break the interface in one place each.
///
/// The circuit takes inputs a and b and its witness is [1, a, b]; it asserts
/// a ≠ 0 (low word) and logs "hello 7" when b = 7.
enum MockCalculator {
    static let source = #"""
    (module
      (import "runtime" "exceptionHandler" (func $exception (param i32)))
      (import "runtime" "printErrorMessage" (func $printError))
      (import "runtime" "writeBufferMessage" (func $writeBuffer))
      (import "runtime" "showSharedRWMemory" (func $showShared))
      (memory (export "memory") 1)
      ;; 0..32 shared buffer, 64..96 the prime, 128..224 the witness, 512.. messages
      (data (i32.const 64) "\01\00\00\f0\93\f5\e1\43\91\70\b9\79\48\e8\33\28\5d\58\81\81\b6\45\50\b8\29\a0\31\e1\72\4e\64\30")
      (data (i32.const 512) "Error in template Mock_0 line: 7\00")
      (data (i32.const 600) "hello\00\n\00")
      (data (i32.const 610) "7\00")
      (global $set (mut i32) (i32.const 0))
      (global $msg (mut i32) (i32.const 0))
      (func (export "getVersion") (result i32) (i32.const 2))
      (func (export "getMinorVersion") (result i32) (i32.const 1))
      (func (export "getPatchVersion") (result i32) (i32.const 9))
      (func (export "getFieldNumLen32") (result i32) (i32.const 8))
      (func (export "getRawPrime") (memory.copy (i32.const 0) (i32.const 64) (i32.const 32)))
      (func (export "readSharedRWMemory") (param $i i32) (result i32)
        (i32.load (i32.shl (local.get $i) (i32.const 2))))
      (func (export "writeSharedRWMemory") (param $i i32) (param $v i32)
        (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $v)))
      (func (export "init") (param i32)
        (global.set $set (i32.const 0))
        (memory.fill (i32.const 128) (i32.const 0) (i32.const 96))
        (i32.store (i32.const 128) (i32.const 1)))
      (func $slot (param $hi i32) (param $lo i32) (result i32)
        (if (result i32) (i32.and (i32.eq (local.get $hi) (i32.const 0xaf63dc4c)) (i32.eq (local.get $lo) (i32.const 0x8601ec8c)))
          (then (i32.const 1))
          (else (if (result i32) (i32.and (i32.eq (local.get $hi) (i32.const 0xaf63df4c)) (i32.eq (local.get $lo) (i32.const 0x8601f1a5)))
            (then (i32.const 2)) (else (i32.const -1))))))
      (func (export "getInputSignalSize") (param $hi i32) (param $lo i32) (result i32)
        (if (result i32) (i32.lt_s (call $slot (local.get $hi) (local.get $lo)) (i32.const 0))
          (then (i32.const -1)) (else (i32.const 1))))
      (func (export "setInputSignal") (param $hi i32) (param $lo i32) (param $k i32)
        (local $s i32)
        (local.set $s (call $slot (local.get $hi) (local.get $lo)))
        (if (i32.lt_s (local.get $s) (i32.const 0)) (then (call $exception (i32.const 1)) (unreachable)))
        (memory.copy (i32.add (i32.const 128) (i32.shl (local.get $s) (i32.const 5))) (i32.const 0) (i32.const 32))
        (global.set $set (i32.add (global.get $set) (i32.const 1)))
        (if (i32.eq (global.get $set) (i32.const 2)) (then (call $run))))
      (func $run
        (if (i32.eqz (i32.load (i32.const 160)))
          (then (global.set $msg (i32.const 512)) (call $printError) (call $exception (i32.const 4)) (unreachable)))
        (if (i32.eq (i32.load (i32.const 192)) (i32.const 7))
          (then
            (global.set $msg (i32.const 600)) (call $writeBuffer)
            (global.set $msg (i32.const 610)) (call $writeBuffer)
            (global.set $msg (i32.const 606)) (call $writeBuffer))))
      (func (export "getInputSize") (result i32) (i32.const 2))
      (func (export "getWitnessSize") (result i32) (i32.const 3))
      (func (export "getWitness") (param $i i32)
        (memory.copy (i32.const 0) (i32.add (i32.const 128) (i32.shl (local.get $i) (i32.const 5))) (i32.const 32)))
      (func (export "getMessageChar") (result i32) (local $c i32)
        (local.set $c (i32.load8_u (global.get $msg)))
        (if (local.get $c) (then (global.set $msg (i32.add (global.get $msg) (i32.const 1)))))
        (local.get $c))
    )
    """#

    /// The module with `original` replaced by `replacement` (which must occur).
    static func wasm(replacing original: String = "", with replacement: String = "") throws -> [UInt8] {
        var text = source
        if !original.isEmpty {
            guard let range = text.range(of: original) else { throw MockError("no \(original) in the mock") }
            text.replaceSubrange(range, with: replacement)
        }
        return try wat2wasm(text)
    }

    static func calculator(replacing original: String = "", with replacement: String = "",
                           limits: CircomWitnessCalculator.Limits = .init()) throws -> CircomWitnessCalculator {
        try CircomWitnessCalculator(wasm: wasm(replacing: original, with: replacement), limits: limits)
    }

    /// The error of loading the modified module, or of calculating with it.
    static func error(replacing original: String, with replacement: String,
                      limits: CircomWitnessCalculator.Limits = .init(),
                      inputs: CircomInputs = CircomInputs(["a": 5, "b": 6])) throws -> CircomWitnessError? {
        let bytes = try wasm(replacing: original, with: replacement)
        do {
            _ = try CircomWitnessCalculator(wasm: bytes, limits: limits).calculate(inputs: inputs)
            return nil
        } catch {
            return error
        }
    }
}

struct MockError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite("circom witness calculator: the runtime interface")
struct MockCalculatorTests {
    @Test func computesTheWitness() throws {
        let calculator = try MockCalculator.calculator()
        #expect(calculator.circomVersion == "2.1.9")
        #expect(calculator.witnessSize == 3)
        #expect(calculator.inputValueCount == 2)
        #expect(try calculator.calculate(inputs: CircomInputs(["a": 5, "b": "-1"])) == [.one, Fr(5), Fr.zero - .one])
    }

    @Test func aFailedAssertIsReportedWithTheCircuitsMessage() throws {
        let calculator = try MockCalculator.calculator()
        #expect(throws: CircomWitnessError.circuitRejected(kind: "Assert Failed", message: "Error in template Mock_0 line: 7")) {
            try calculator.calculate(inputs: CircomInputs(["a": 0, "b": 6]))
        }
        let error = CircomWitnessError.circuitRejected(kind: "Assert Failed", message: "Error in template Mock_0 line: 7")
        #expect(error.description == "the circuit rejected the inputs (Assert Failed): Error in template Mock_0 line: 7")
        // The next calculation starts afresh.
        #expect(try calculator.calculate(inputs: CircomInputs(["a": 1, "b": 6])).count == 3)
    }

    @Test func logLinesReachTheHandler() throws {
        let calculator = try MockCalculator.calculator()
        var lines: [String] = []
        _ = try calculator.calculate(inputs: CircomInputs(["a": 1, "b": 7])) { lines.append($0) }
        #expect(lines == ["hello 7"])
    }

    @Test func modulesThatBreakTheInterfaceAreNamed() throws {
        #expect(try MockCalculator.error(replacing: #"(export "getWitness")"#, with: "")
            == .notAWitnessCalculator(reason: "it has no exported function getWitness"))
        if case .notAWitnessCalculator(let reason)? = try MockCalculator.error(
            replacing: #"(func (export "getWitnessSize") (result i32) (i32.const 3))"#,
            with: #"(func (export "getWitnessSize") (result i64) (i64.const 3))"#) {
            #expect(reason.contains("getWitnessSize"))
        } else { Issue.record("a wrong export type") }
        if case .incompatibleImports(let reason)? = try MockCalculator.error(
            replacing: #"(func $showShared)"#, with: #"(func $showShared (param i32))"#) {
            #expect(!reason.isEmpty)
        } else { Issue.record("a wrong import signature") }
        #expect(try MockCalculator.error(replacing: "(memory (export", with: #"(import "env" "foo" (func)) (memory (export"#)
            == .incompatibleImports(reason: "it imports env.foo, which circom's runtime does not provide"))
        #expect(try MockCalculator.error(replacing: #""\01\00\00\f0"#, with: #""\02\00\00\f0"#)
            == .wrongPrime("0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000002"))
        #expect(try MockCalculator.error(replacing: "(result i32) (i32.const 8))", with: "(result i32) (i32.const 4))")
            .map { if case .wrongPrime = $0 { true } else { false } } == true)
        #expect(try MockCalculator.error(replacing: #"(func (export "getVersion") (result i32) (i32.const 2))"#,
                                         with: #"(func (export "getVersion") (result i32) (i32.const 1))"#)
            .map { if case .incompatibleImports = $0 { true } else { false } } == true)
    }

    @Test func misbehavingModulesGiveTypedErrors() throws {
        // A witness value ≥ r, a first value other than 1, an impossible size.
        if case .calculatorFailed(let reason)? = try MockCalculator.error(
            replacing: "(i32.store (i32.const 128) (i32.const 1)))",
            with: "(i32.store (i32.const 128) (i32.const 1)) (i32.store (i32.const 156) (i32.const -1)))") {
            #expect(reason.contains("witness value 0 is not below r"))
        } else { Issue.record("a value ≥ r") }
        if case .calculatorFailed(let reason)? = try MockCalculator.error(
            replacing: "(i32.store (i32.const 128) (i32.const 1)))", with: "(i32.store (i32.const 128) (i32.const 2)))") {
            #expect(reason.contains("not circom's constant 1"))
        } else { Issue.record("a first value of 2") }
        #expect(try MockCalculator.error(replacing: "(result i32) (i32.const 3))", with: "(result i32) (i32.const -3))")
            .map { if case .calculatorFailed = $0 { true } else { false } } == true)
        // A trap inside the module (out-of-bounds read).
        if case .calculatorFailed(let reason)? = try MockCalculator.error(
            replacing: "(i32.load (i32.shl (local.get $i) (i32.const 2))))", with: "(i32.load (i32.const 0x7fffffff)))") {
            #expect(reason.contains("trapped"))
        } else { Issue.record("a trap") }
        // An endless loop, under an instruction budget.
        if case .calculatorFailed(let reason)? = try MockCalculator.error(
            replacing: #"(func (export "getWitness") (param $i i32)"#,
            with: #"(func (export "getWitness") (param $i i32) (loop $l (br $l))"#,
            limits: .init(maxInstructions: 1_000_000)) {
            #expect(reason.contains("instruction budget"))
        } else { Issue.record("an endless loop") }
        // A getMessageChar that calls back into the runtime does not recurse.
        if case .calculatorFailed(let reason)? = try MockCalculator.error(
            replacing: "(local.set $c (i32.load8_u (global.get $msg)))",
            with: "(call $printError) (local.set $c (i32.load8_u (global.get $msg)))",
            inputs: CircomInputs(["a": 0, "b": 1])) {
            #expect(reason.contains("while its message was being read"))
        } else { Issue.record("a re-entrant getMessageChar") }
        // An endless stream of message characters is cut off.
        let endless = try MockCalculator.error(
            replacing: "(if (local.get $c) (then (global.set $msg (i32.add (global.get $msg) (i32.const 1)))))",
            with: "(local.set $c (i32.const 65))", inputs: CircomInputs(["a": 0, "b": 1]))
        if case .circuitRejected(_, let message)? = endless {
            #expect(message.count == CircomWitnessCalculator.Limits.maxMessageLength)
        } else { Issue.record("an endless message: \(String(describing: endless).prefix(200))") }
    }
}
