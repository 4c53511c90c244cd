import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

/// Statements for a batch's proofs, application ids keccak256("app-i").
func outerStatements(keys: [VerifyingKey], keyOfProof: [Int], inputs: [[Fr]]) -> [OuterStatement] {
    inputs.enumerated().map { i, x in
        OuterStatement(applicationId: Keccak256.hash(Array("app-\(i)".utf8)),
                       keyHash: Groth16BatchVerifier.keyHash(keys[keyOfProof[i]]), publicInputs: x)
    }
}

@Suite("Outer circuit: batch verification committed to one statement root", .serialized)
struct OuterCircuitTests {
    @Test("Two proofs under keys with 0 and 2 inputs: satisfied, one public input, the root's low 253 bits")
    func twoKeys() throws {
        let first = try innerApplication(publicInputs: 0, proofs: 1, seed: 12)
        let second = try innerApplication(publicInputs: 2, proofs: 1, seed: 13)
        let circuit = try OuterCircuit(publicInputCounts: [0, 2], keyOfProof: [0, 1])
        let keys = [first.key, second.key]
        let statements = outerStatements(keys: keys, keyOfProof: [0, 1], inputs: first.inputs + second.inputs)
        let cs = try circuit.build(keys: keys, proofs: first.proofs + second.proofs, statements: statements, storage: .discard)
        #expect(cs.check().isSatisfied, "\(cs.check())")
        #expect(cs.publicInputCount == 2, "the root and the lookup challenge")
        let shape = circuit.shape(storage: .discard)
        #expect(cs.constraintCount == shape.constraintCount)
        let tree = OuterStatementTree(statements)
        #expect(cs.witness()[1] == tree.publicInput)
        #expect(tree.publicInput == Fr(reducingBigEndian: [tree.root[0] & 0x1f] + tree.root[1...]))
        for i in statements.indices {
            #expect(tree.inclusionProof(i).verifies(data: statements[i].leafData, root: tree.root, in: SHA256MerkleTree.self))
        }
        print("outer circuit, 2 proofs under 2 keys: \(cs.constraintCount) constraints")
    }

    @Test("A statement naming another key is refused before building; wrong inputs leave it unsatisfied")
    func mismatchedStatements() throws {
        let app = try innerApplication(publicInputs: 1, proofs: 1, seed: 21)
        let stranger = try innerApplication(publicInputs: 1, proofs: 1, seed: 22)
        let circuit = try OuterCircuit(publicInputCounts: [1], keyOfProof: [0])
        let honest = outerStatements(keys: [app.key], keyOfProof: [0], inputs: app.inputs)[0]
        let wrongKey = OuterStatement(applicationId: honest.applicationId, keyHash: Groth16BatchVerifier.keyHash(stranger.key),
                                      publicInputs: honest.publicInputs)
        #expect(throws: RecursionError.statementMismatch(proof: 0, reason: "its key hash is not that of key 0")) {
            _ = try circuit.build(keys: [app.key], proofs: app.proofs, statements: [wrongKey], storage: .discard)
        }
        let wrongInput = OuterStatement(applicationId: honest.applicationId, keyHash: honest.keyHash,
                                        publicInputs: [honest.publicInputs[0] + .one])
        let cs = try circuit.build(keys: [app.key], proofs: app.proofs, statements: [wrongInput], storage: .discard)
        #expect(!cs.check().isSatisfied)
    }
}

/// Fixed sizes: one key slot per proof, all of one input count, and bundles
/// padded by repeating their last proof (`OuterCircuit+FixedSize.swift`).
@Suite("Outer circuit: fixed sizes with padding", .serialized)
struct OuterFixedSizeTests {
    @Test("Two proofs under one shared key, padded into three slots: the witness satisfies the fixed-size circuit")
    func paddedSharedKey() throws {
        let app = try innerApplication(publicInputs: 1, proofs: 2, seed: 31)
        let circuit = try OuterCircuit.fixedSize(slots: 3, publicInputs: 1)
        #expect(circuit.isFixedSize)
        #expect(circuit == (try OuterCircuit(publicInputCounts: [1, 1, 1], keyOfProof: [0, 1, 2])))
        let statements = outerStatements(keys: [app.key], keyOfProof: [0, 0], inputs: app.inputs)
        let padded = try circuit.padded(keys: [app.key], keyOfProof: [0, 0], proofs: app.proofs, statements: statements)
        #expect(padded.keys == [app.key, app.key, app.key])
        #expect(padded.proofs == app.proofs + [app.proofs[1]])
        #expect(padded.statements == statements + [statements[1]])
        let cs = try circuit.build(keys: padded.keys, proofs: padded.proofs, statements: padded.statements, storage: .discard)
        #expect(cs.check().isSatisfied, "\(cs.check())")
        // The root covers the three leaves, the repeat included, and opens each.
        let tree = OuterStatementTree(padded.statements)
        #expect(cs.witness()[1] == tree.publicInput)
        #expect(tree.publicInput != OuterStatementTree(statements).publicInput)
        for i in 0..<3 {
            #expect(tree.inclusionProof(i).verifies(data: padded.statements[i].leafData, root: tree.root, in: SHA256MerkleTree.self))
        }
        #expect(cs.constraintCount == circuit.shape(storage: .discard).constraintCount)
    }

    @Test("Padding refuses what a fixed size cannot hold, and circuits that are not fixed-size")
    func paddingRefusals() throws {
        let app = try innerApplication(publicInputs: 1, proofs: 3, seed: 32)
        let other = try innerApplication(publicInputs: 2, proofs: 1, seed: 33)
        let circuit = try OuterCircuit.fixedSize(slots: 2, publicInputs: 1)
        let statements = outerStatements(keys: [app.key], keyOfProof: [0, 0, 0], inputs: app.inputs)
        #expect(throws: RecursionError.tooManyProofs(count: 3, maximum: 2)) {
            _ = try circuit.padded(keys: [app.key], keyOfProof: [0, 0, 0], proofs: app.proofs, statements: statements)
        }
        #expect(throws: RecursionError.emptyBatch) {
            _ = try circuit.padded(keys: [app.key], keyOfProof: [], proofs: [], statements: [])
        }
        #expect(throws: RecursionError.keyShapeMismatch(key: 1, expected: 1, actual: 2)) {
            _ = try circuit.padded(keys: [app.key, other.key], keyOfProof: [0, 1], proofs: [app.proofs[0], other.proofs[0]],
                                   statements: [statements[0], statements[0]])
        }
        #expect(throws: RecursionError.unknownKey(proof: 0, key: 4)) {
            _ = try circuit.padded(keys: [app.key], keyOfProof: [4], proofs: [app.proofs[0]], statements: [statements[0]])
        }
        #expect(throws: RecursionError.wrongCount(what: "statements", expected: 1, actual: 2)) {
            _ = try circuit.padded(keys: [app.key], keyOfProof: [0], proofs: [app.proofs[0]], statements: [statements[0], statements[1]])
        }
        let shared = try OuterCircuit(publicInputCounts: [1], keyOfProof: [0, 0])
        #expect(!shared.isFixedSize)
        #expect(!(try OuterCircuit(publicInputCounts: [1, 2], keyOfProof: [0, 1])).isFixedSize)
        #expect(throws: RecursionError.notFixedSize) {
            _ = try shared.padded(keys: [app.key], keyOfProof: [0], proofs: [app.proofs[0]], statements: [statements[0]])
        }
        #expect(OuterCircuit.standardSize(holding: 1) == 4)
        #expect(OuterCircuit.standardSize(holding: 5) == 8)
        #expect(OuterCircuit.standardSize(holding: 16) == 16)
        #expect(OuterCircuit.standardSize(holding: 17) == nil)
    }
}
