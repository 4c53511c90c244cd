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
