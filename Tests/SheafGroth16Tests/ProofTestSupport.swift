import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

// TEST SUPPORT ONLY. Nothing here belongs in the library: it forges proofs from a
// known trapdoor, which is exactly what a real setup must make impossible.

/// A verifying key whose "toxic waste" is known: α, β, γ, δ and the discrete logs
/// of the IC points. With it, valid proofs are forged without any circuit: pick A
/// and B at random and solve the verification equation for C in the exponent.
/// The expected outcome of every forged proof therefore comes from plain Fr
/// arithmetic, independent of the pairing-based verifier under test.
struct TestSupportTrapdoorKey {
    let alpha: Fr, beta: Fr, gamma: Fr, delta: Fr
    /// Discrete logs of ic[0], ic[1], … to base G1.
    let icLogs: [Fr]
    let key: VerifyingKey
    let prepared: PreparedVerifyingKey

    init(publicInputCount: Int, using rng: inout SeededGenerator) {
        func nonzero() -> Fr {
            while true { let k = Fr.random(using: &rng); if !k.isZero { return k } }
        }
        alpha = nonzero(); beta = nonzero(); gamma = nonzero(); delta = nonzero()
        icLogs = (0...publicInputCount).map { _ in Fr.random(using: &rng) }
        let g1 = G1Affine.generator, g2 = G2Affine.generator
        key = VerifyingKey(
            alpha: g1 * alpha, beta: g2 * beta, gamma: g2 * gamma, delta: g2 * delta,
            ic: icLogs.map { g1 * $0 })
        prepared = PreparedVerifyingKey(key)
    }

    /// log of Σ = ic[0] + Σ xᵢ·ic[i].
    func sigmaLog(_ inputs: [Fr]) -> Fr {
        precondition(inputs.count == icLogs.count - 1)
        var s = icLogs[0]
        for (x, u) in zip(inputs, icLogs.dropFirst()) { s += x * u }
        return s
    }

    /// A valid proof: A = a·G1, B = b·G2, C = c·G1 with a·b = αβ + s·γ + c·δ.
    func validProof(for inputs: [Fr], using rng: inout SeededGenerator) -> Groth16Proof {
        let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
        let c = (a * b - alpha * beta - sigmaLog(inputs) * gamma) * delta.inverse()!
        return Groth16Proof(a: .generator * a, b: .generator * b, c: .generator * c)
    }

    /// A well-formed proof that fails: the exponent equation is off by δ·(junk),
    /// i.e. C is a random point other than the right one.
    func invalidProof(for inputs: [Fr], using rng: inout SeededGenerator) -> Groth16Proof {
        var proof = validProof(for: inputs, using: &rng)
        var shift = Fr.zero
        while shift.isZero { shift = Fr.random(using: &rng) }
        proof.c = proof.c + G1Affine.generator * shift
        return proof
    }

    func randomInputs(using rng: inout SeededGenerator) -> [Fr] {
        (0..<key.publicInputCount).map { _ in Fr.random(using: &rng) }
    }
}

/// A point on BN254's G2 twist that is not in the order-r subgroup (found by
/// trying x = 1, 2, … and taking a square root; the cofactor is huge, so the first
/// hit is outside the subgroup, which the caller checks).
func testSupportTwistPointOutsideSubgroup() -> G2Affine {
    var k: UInt64 = 1
    while true {
        let x = Fp2(Fp(k), Fp(1))
        if let y = (x.squared() * x + BN254G2Parameters.b).squareRoot() {
            return G2Affine(x: x, y: y)
        }
        k += 1
    }
}

/// The snarkjs vectors in `../shared/vectors/snarkjs`, found beside the repository
/// root (located from this file's path, as CI places `shared`).
enum SnarkJSVectors {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/vectors/snarkjs")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.path) }
    static let absentMessage: Comment = "../shared/vectors/snarkjs is absent (it sits beside the repository in CI); the snarkjs interop tests need it"

    /// The raw files of one vector.
    struct Vector {
        let name: String
        let key: Data
        let proof: Data
        let publicInputs: Data
    }

    /// Every subdirectory holding the three files, sorted by name.
    static func all() throws -> [Vector] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.compactMap { name in
            let dir = directory.appendingPathComponent(name)
            let files = ["verification_key.json", "proof.json", "public.json"].map { dir.appendingPathComponent($0) }
            guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else { return nil }
            return Vector(name: name, key: try Data(contentsOf: files[0]), proof: try Data(contentsOf: files[1]),
                          publicInputs: try Data(contentsOf: files[2]))
        }
    }

    /// How many vectors the shared directory holds (subdirectories).
    static func directoryCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue
        }.count
    }
}

/// Parses JSON for tests that edit snarkjs files.
func testSupportJSONObject(_ data: Data) throws -> Any {
    try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
}

/// Serialises an edited JSON value back to bytes.
func testSupportJSONData(_ value: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
}

/// Returns `document` with the value at `path` (object keys and array indices)
/// replaced by `transform(old)`.
func testSupportEdit(_ document: Any, at path: [Any], _ transform: (Any) -> Any) -> Any {
    guard let head = path.first else { return transform(document) }
    let rest = Array(path.dropFirst())
    if let key = head as? String, var object = document as? [String: Any] {
        object[key] = testSupportEdit(object[key] as Any, at: rest, transform)
        return object
    }
    if let index = head as? Int, var array = document as? [Any] {
        array[index] = testSupportEdit(array[index], at: rest, transform)
        return array
    }
    preconditionFailure("path \(path) does not match the document")
}

/// Returns `document` (an object) without `key`.
func testSupportRemoving(_ key: String, from document: Any) -> Any {
    var object = document as! [String: Any]
    object[key] = nil
    return object
}

/// The decimal string one above `text` modulo `modulus` (for Fp or Fr values).
func testSupportIncrementFp(_ text: String) -> String { (try! Fp(decimal: text) + .one).decimalString }
func testSupportIncrementFr(_ text: String) -> String { (try! Fr(decimal: text) + .one).decimalString }
func testSupportNegateFp(_ text: String) -> String { (-(try! Fp(decimal: text))).decimalString }

/// p and r in decimal (BN254), written out independently of the field code.
let testSupportP = "21888242871839275222246405745257275088696311157297823662689037894645226208583"
let testSupportR = "21888242871839275222246405745257275088548364400416034343698204186575808495617"

/// Bytes from an even-length hex string (test data only: traps on bad input).
func testSupportBytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "odd-length hex")
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: preconditionFailure("not a lowercase hex digit")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
}
