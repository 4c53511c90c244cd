import Foundation
import SheafCurve
import SheafField
import Testing
@testable import SheafGroth16

/// Every rejection of the snarkjs decoders, each asserting its specific error.
/// The documents are built from a forged key and proof, so these tests run
/// without `../shared`.
@Suite("snarkjs JSON: hostile input")
struct SnarkJSHostileInputTests {
    let key: VerifyingKey
    let proof: Groth16Proof
    let inputs: [Fr]

    init() {
        var rng = SeededGenerator(seed: 500)
        let trapdoor = TestSupportTrapdoorKey(publicInputCount: 2, using: &rng)
        key = trapdoor.key
        inputs = trapdoor.randomInputs(using: &rng)
        proof = trapdoor.validProof(for: inputs, using: &rng)
    }

    var keyJSON: Any { try! testSupportJSONObject(SnarkJS.encodeVerifyingKey(key)) }
    var proofJSON: Any { try! testSupportJSONObject(SnarkJS.encodeProof(proof)) }

    func decodeKey(_ json: Any) throws -> VerifyingKey { try SnarkJS.decodeVerifyingKey(testSupportJSONData(json)) }
    func decodeProof(_ json: Any) throws -> Groth16Proof { try SnarkJS.decodeProof(testSupportJSONData(json)) }
    func decodeInputs(_ json: Any) throws -> [Fr] { try SnarkJS.decodePublicInputs(testSupportJSONData(json)) }

    @Test func baselineDocumentsDecode() throws {
        #expect(try decodeKey(keyJSON) == key)
        #expect(try decodeProof(proofJSON) == proof)
        #expect(try decodeInputs(inputs.map(\.decimalString)) == inputs)
    }

    @Test func wrongProtocolOrCurve() throws {
        #expect(throws: Groth16Error.unsupportedProtocol("plonk")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["protocol"]) { _ in "plonk" })
        }
        #expect(throws: Groth16Error.unsupportedProtocol("fflonk")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["protocol"]) { _ in "fflonk" })
        }
        #expect(throws: Groth16Error.unsupportedCurve("bls12381")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["curve"]) { _ in "bls12381" })
        }
        #expect(throws: Groth16Error.unsupportedCurve("bls12381")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["curve"]) { _ in "bls12381" })
        }
        // snarkjs's other names for BN254 are accepted.
        for name in ["BN254", "altbn128", "bn128"] {
            #expect(try decodeProof(testSupportEdit(proofJSON, at: ["curve"]) { _ in name }) == proof)
        }
        // A long hostile name is quoted only in part.
        let long = String(repeating: "x", count: 1000)
        #expect(throws: Groth16Error.unsupportedProtocol(String(repeating: "x", count: 40) + "…")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["protocol"]) { _ in long })
        }
    }

    @Test func publicCountMustMatchIC() throws {
        #expect(throws: Groth16Error.publicCountMismatch(nPublic: 3, icCount: 3)) {
            try decodeKey(testSupportEdit(keyJSON, at: ["nPublic"]) { _ in 3 })
        }
        #expect(throws: Groth16Error.publicCountMismatch(nPublic: 2, icCount: 2)) {
            try decodeKey(testSupportEdit(keyJSON, at: ["IC"]) { Array(($0 as! [Any]).dropLast()) })
        }
        #expect(throws: Groth16Error.publicCountMismatch(nPublic: -1, icCount: 3)) {
            try decodeKey(testSupportEdit(keyJSON, at: ["nPublic"]) { _ in -1 })
        }
        #expect(throws: Groth16Error.inputTooLarge(what: "nPublic", limit: SnarkJS.Limits.maxPublicInputs)) {
            try decodeKey(testSupportEdit(keyJSON, at: ["nPublic"]) { _ in 1_000_000_000 })
        }
    }

    @Test func coordinatesMustBeBelowP() throws {
        #expect(throws: Groth16Error.coordinateNotInField(field: "pi_a[0]")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_a", 0]) { _ in testSupportP })
        }
        #expect(throws: Groth16Error.coordinateNotInField(field: "pi_b[1][1]")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_b", 1, 1]) { _ in testSupportP })
        }
        // 2²⁵⁶ − 1 (78 digits): the largest string length accepted, still ≥ p.
        let max256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        #expect(throws: Groth16Error.coordinateNotInField(field: "IC[2][1]")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["IC", 2, 1]) { _ in max256 })
        }
        #expect(throws: Groth16Error.coordinateNotInField(field: "vk_alphabeta_12[1][2][0]")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_alphabeta_12", 1, 2, 0]) { _ in testSupportP })
        }
    }

    @Test func publicInputsMustBeBelowR() throws {
        var strings = inputs.map(\.decimalString)
        strings[1] = testSupportR
        #expect(throws: Groth16Error.publicInputNotInField(index: 1)) { try decodeInputs(strings) }
        // r − 1 is the largest accepted value.
        strings[1] = (Fr.zero - .one).decimalString
        #expect(try decodeInputs(strings)[1] == Fr.zero - .one)
        #expect(throws: Groth16Error.malformedNumber(field: "public[0]")) { try decodeInputs(["-1", "2"]) }
        #expect(throws: Groth16Error.malformedNumber(field: "public[1]")) { try decodeInputs(["1", "0x10"]) }
        #expect(throws: Groth16Error.malformedNumber(field: "public[0]")) { try decodeInputs([""]) }
        #expect(throws: Groth16Error.wrongShape(field: "[0]", expected: "a string")) { try decodeInputs([1, 2]) }
        #expect(throws: Groth16Error.wrongShape(field: "(document)", expected: "an array")) { try decodeInputs(["a": "1"]) }
    }

    @Test func projectiveZIsNormalisedAsJacobian() throws {
        // (x·z², y·z³, z) is ffjavascript's Jacobian form of the affine (x, y).
        let z = Fp(5)
        let a = proof.a
        let jacobianA = [(a.x * z.squared()).decimalString, (a.y * z.squared() * z).decimalString, z.decimalString]
        #expect(try decodeProof(testSupportEdit(proofJSON, at: ["pi_a"]) { _ in jacobianA }).a == a)
        let z2 = Fp2(Fp(3), Fp(7))
        let b = proof.b
        let (bx, by) = (b.x * z2.squared(), b.y * z2.squared() * z2)
        let jacobianB = [[bx.c0.decimalString, bx.c1.decimalString], [by.c0.decimalString, by.c1.decimalString],
                         [z2.c0.decimalString, z2.c1.decimalString]]
        #expect(try decodeProof(testSupportEdit(proofJSON, at: ["pi_b"]) { _ in jacobianB }).b == b)
        // z = 0 is the identity, with any x and y that are field elements.
        #expect(try decodeProof(testSupportEdit(proofJSON, at: ["pi_c", 2]) { _ in "0" }).c == .infinity)
        #expect(try decodeProof(testSupportEdit(proofJSON, at: ["pi_b", 2]) { _ in ["0", "0"] }).b == .infinity)
    }

    @Test func pointsMustBeOnTheCurveAndInTheSubgroup() throws {
        #expect(throws: Groth16Error.invalidPoint(field: "pi_a", reason: .notOnCurve("G1"))) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_a", 1]) { testSupportIncrementFp($0 as! String) })
        }
        #expect(throws: Groth16Error.invalidPoint(field: "vk_delta_2", reason: .notOnCurve("G2"))) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_delta_2", 0, 0]) { testSupportIncrementFp($0 as! String) })
        }
        #expect(throws: Groth16Error.invalidPoint(field: "IC[1]", reason: .notOnCurve("G1"))) {
            try decodeKey(testSupportEdit(keyJSON, at: ["IC", 1, 0]) { testSupportIncrementFp($0 as! String) })
        }
        let outside = testSupportTwistPointOutsideSubgroup()
        let outsideJSON = [[outside.x.c0.decimalString, outside.x.c1.decimalString],
                           [outside.y.c0.decimalString, outside.y.c1.decimalString], ["1", "0"]]
        #expect(throws: Groth16Error.invalidPoint(field: "pi_b", reason: .notInSubgroup("G2"))) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_b"]) { _ in outsideJSON })
        }
        #expect(throws: Groth16Error.invalidPoint(field: "vk_gamma_2", reason: .notInSubgroup("G2"))) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_gamma_2"]) { _ in outsideJSON })
        }
    }

    /// A key with γ at infinity accepts (α, β, ∞) for any input; the decoder
    /// refuses keys with any of α, β, γ, δ at infinity.
    @Test func keysWithAPointAtInfinityAreRejected() throws {
        var degenerate = key
        degenerate.gamma = .infinity
        let forged = Groth16Proof(a: key.alpha, b: key.beta, c: .infinity)
        #expect(try Groth16.verify(proof: forged, publicInputs: inputs, key: degenerate), "the forgery verifies")
        #expect(throws: Groth16Error.degenerateVerifyingKey(field: "vk_gamma_2")) {
            try decodeKey(testSupportJSONObject(SnarkJS.encodeVerifyingKey(degenerate, includeAlphaBeta: false)))
        }
        let g2Infinity: Any = [["0", "0"], ["1", "0"], ["0", "0"]]
        for field in ["vk_beta_2", "vk_gamma_2", "vk_delta_2"] {
            #expect(throws: Groth16Error.degenerateVerifyingKey(field: field)) {
                try decodeKey(testSupportEdit(keyJSON, at: [field]) { _ in g2Infinity })
            }
        }
        #expect(throws: Groth16Error.degenerateVerifyingKey(field: "vk_alpha_1")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_alpha_1"]) { _ in ["0", "1", "0"] })
        }
        #expect(key.pointAtInfinity == nil)
    }

    @Test func missingFields() throws {
        for field in ["pi_a", "pi_b", "pi_c", "protocol", "curve"] {
            #expect(throws: Groth16Error.missingField(field)) { try decodeProof(testSupportRemoving(field, from: proofJSON)) }
        }
        for field in ["nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2", "vk_delta_2", "IC", "protocol", "curve"] {
            #expect(throws: Groth16Error.missingField(field)) { try decodeKey(testSupportRemoving(field, from: keyJSON)) }
        }
        // vk_alphabeta_12 is optional.
        #expect(try decodeKey(testSupportRemoving("vk_alphabeta_12", from: keyJSON)) == key)
    }

    @Test func wrongNesting() throws {
        #expect(throws: Groth16Error.wrongShape(field: "pi_a", expected: "[x, y, z]: 3 decimal strings")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_a"]) { Array(($0 as! [Any]).prefix(2)) })
        }
        #expect(throws: Groth16Error.wrongShape(field: "pi_a[0]", expected: "a string")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_a", 0]) { [$0] })
        }
        #expect(throws: Groth16Error.wrongShape(field: "pi_b[0]", expected: "an array")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_b", 0]) { ($0 as! [Any])[0] })
        }
        #expect(throws: Groth16Error.wrongShape(field: "pi_b[2]", expected: "[c0, c1]: 2 decimal strings")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_b", 2]) { _ in ["1", "0", "0"] })
        }
        #expect(throws: Groth16Error.wrongShape(field: "pi_b", expected: "[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_b"]) { Array(($0 as! [Any]).prefix(2)) })
        }
        #expect(throws: Groth16Error.wrongShape(field: "nPublic", expected: "an integer")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["nPublic"]) { _ in "2" })
        }
        #expect(throws: Groth16Error.wrongShape(field: "IC", expected: "an array")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["IC"]) { _ in ["0": ["1", "2", "1"]] })
        }
        #expect(throws: Groth16Error.wrongShape(field: "vk_alphabeta_12", expected: "[[3 × [c0, c1]], [3 × [c0, c1]]]")) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_alphabeta_12"]) { Array(($0 as! [Any]).prefix(1)) })
        }
        #expect(throws: Groth16Error.wrongShape(field: "(document)", expected: "an object")) {
            try SnarkJS.decodeProof(Data("[]".utf8))
        }
        #expect(throws: Groth16Error.wrongShape(field: "pi_c[1]", expected: "a string")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_c", 1]) { _ in NSNull() })
        }
    }

    @Test func malformedNumbersAndJSON() throws {
        for bad in ["12a", "-5", " 1", "1.0", "0x1f", ""] {
            #expect(throws: Groth16Error.malformedNumber(field: "pi_c[0]")) {
                try decodeProof(testSupportEdit(proofJSON, at: ["pi_c", 0]) { _ in bad })
            }
        }
        // (Foundation's parser tolerates a trailing comma, so that is not among them.)
        for text in ["", "{", "{\"pi_a\" [1]}", "[1 2]", "not json", "\u{FF}"] {
            do throws(Groth16Error) {
                _ = try SnarkJS.decodeProof(Data(text.utf8))
                Issue.record("\(text.debugDescription) was accepted")
            } catch {
                guard case .malformedJSON = error else {
                    Issue.record("\(text.debugDescription): expected malformedJSON, got \(error)")
                    continue
                }
            }
        }
    }

    @Test func alphaBetaMustBeTheKeysPairing() throws {
        #expect(throws: Groth16Error.alphaBetaMismatch) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_alphabeta_12", 0, 1, 1]) { testSupportIncrementFp($0 as! String) })
        }
        // e(α, β) of another key.
        var rng = SeededGenerator(seed: 501)
        let other = SnarkJS.encodeVerifyingKey(TestSupportTrapdoorKey(publicInputCount: 2, using: &rng).key)
        let otherAlphaBeta = (try testSupportJSONObject(other) as! [String: Any])["vk_alphabeta_12"]!
        #expect(throws: Groth16Error.alphaBetaMismatch) {
            try decodeKey(testSupportEdit(keyJSON, at: ["vk_alphabeta_12"]) { _ in otherAlphaBeta })
        }
    }

    @Test func hugeInputsAreBounded() throws {
        let digits79 = String(repeating: "1", count: 79)
        #expect(throws: Groth16Error.inputTooLarge(what: "pi_a[0] (decimal digits)", limit: 78)) {
            try decodeProof(testSupportEdit(proofJSON, at: ["pi_a", 0]) { _ in digits79 })
        }
        #expect(throws: Groth16Error.inputTooLarge(what: "public[0] (decimal digits)", limit: 78)) {
            try decodeInputs([String(repeating: "0", count: 100_000)])
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: Groth16Error.inputTooLarge(what: "JSON nesting depth", limit: 8)) {
            try SnarkJS.decodePublicInputs(Data(deep.utf8))
        }
        // Brackets inside strings do not count towards the depth.
        #expect(throws: Groth16Error.unsupportedProtocol("[[[[[[[[[[[[")) {
            try decodeProof(testSupportEdit(proofJSON, at: ["protocol"]) { _ in "[[[[[[[[[[[[" })
        }
        let big = Data(repeating: 0x20, count: SnarkJS.Limits.maxDocumentBytes + 1)
        #expect(throws: Groth16Error.inputTooLarge(what: "document size in bytes", limit: SnarkJS.Limits.maxDocumentBytes)) {
            try SnarkJS.decodeVerifyingKey(big)
        }
        let many = [String](repeating: "1", count: SnarkJS.Limits.maxPublicInputs + 1)
        #expect(throws: Groth16Error.inputTooLarge(what: "public inputs", limit: SnarkJS.Limits.maxPublicInputs)) {
            try decodeInputs(many)
        }
        let manyIC = [Any](repeating: ["0", "1", "0"], count: SnarkJS.Limits.maxPublicInputs + 2)
        var edited = testSupportEdit(keyJSON, at: ["IC"]) { _ in manyIC }
        edited = testSupportEdit(edited, at: ["nPublic"]) { _ in SnarkJS.Limits.maxPublicInputs }
        #expect(throws: Groth16Error.inputTooLarge(what: "IC points", limit: SnarkJS.Limits.maxPublicInputs + 1)) {
            try decodeKey(edited)
        }
    }

    @Test func readingFiles() throws {
        do throws(Groth16Error) {
            _ = try SnarkJS.readFile(atPath: "/nonexistent/sheaf/proof.json")
            Issue.record("a missing file was read")
        } catch {
            guard case let .unreadableFile(path, _) = error else {
                Issue.record("expected unreadableFile, got \(error)")
                return
            }
            #expect(path == "/nonexistent/sheaf/proof.json")
        }
        // An endless device is cut off one byte past the limit instead of filling memory.
        #expect(throws: Groth16Error.inputTooLarge(what: "/dev/zero (bytes)", limit: SnarkJS.Limits.maxDocumentBytes)) {
            try SnarkJS.readFile(atPath: "/dev/zero")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-readfile-\(UInt64.random(in: 0...UInt64.max)).json")
        try SnarkJS.encodeProof(proof).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SnarkJS.decodeProof(SnarkJS.readFile(atPath: url.path)) == proof)
        // The URL overload reads the same file and refuses a URL that is not a file.
        #expect(try SnarkJS.decodeProof(SnarkJS.readFile(at: url)) == proof)
        let web = try #require(URL(string: "https://example.com/proof.json"))
        #expect(throws: Groth16Error.unreadableFile(path: "https://example.com/proof.json",
                                                    reason: "not a file URL (https://example.com/proof.json)")) {
            try SnarkJS.readFile(at: web)
        }
        #expect(throws: SnarkJSFileError.self) { try SnarkJS.readProvingKey(at: web) }
        #expect(throws: BoundedFile.Failure.unreadable("not a file URL (https://example.com/proof.json)")) {
            try BoundedFile.read(at: web, limit: 10)
        }
    }
}
