import Foundation
import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

/// Fixtures/outer: a real outer proof made by `sheaf aggregate --outer` over
/// Fixtures/note-spend, rollup and wallet-recovery (three inner proofs under
/// three keys, about 3.9M constraints; regenerate with `make outer-fixture`,
/// which takes about 20 minutes). The EVM tests settle it
/// (Tests/EVM/test_outer_settlement.py).
@Suite("Outer proof fixture")
struct OuterFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let applications = ["note-spend", "rollup", "wallet-recovery"]

    static func data(_ path: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(path)) }

    /// The statements, recomputed from the applications' own files.
    static func statements() throws -> [OuterStatement] {
        try applications.map { name in
            let key = try SnarkJS.decodeVerifyingKey(data(name + "/verification_key.json"))
            let inputs = try SnarkJS.decodePublicInputs(data(name + "/public.json"))
            return OuterStatement(applicationId: Keccak256.hash(Array(name.utf8)), keyHash: Groth16BatchVerifier.keyHash(key),
                                  publicInputs: inputs)
        }
    }

    @Test("The outer proof verifies on the root of the applications' statements, and statements.json opens it")
    func verifies() throws {
        let key = try SnarkJS.decodeCommittedVerifyingKey(Self.data("outer/verification_key.json"))
        let proof = try SnarkJS.decodeCommittedProof(Self.data("outer/proof.json"))
        #expect(key.g == key.base.gamma && key.publicInputCount == 1)
        let statements = try Self.statements()
        let outer = OuterProof(statements: statements, proof: proof)
        #expect(try outer.verify(key: key))
        let listed = try #require(try JSONSerialization.jsonObject(with: Self.data("outer/statements.json")) as? [String: Any])
        #expect(listed["root"] as? String == Hex.encode(outer.tree.root))
        #expect(try SnarkJS.decodePublicInputs(Self.data("outer/public.json")) == [outer.tree.publicInput])
        let items = try #require(listed["statements"] as? [[String: Any]])
        for (i, item) in items.enumerated() {
            #expect(item["id"] as? String == Self.applications[i])
            #expect(item["statementHash"] as? String == Hex.encode(statements[i].statementHash))
            let path = outer.tree.inclusionProof(i)
            #expect(item["siblings"] as? [String] == path.siblings.compactMap { $0.map(Hex.encode) })
        }
        // Statements in another order, or one input changed: another root, refused.
        #expect(try !OuterProof(statements: [statements[1], statements[0], statements[2]], proof: proof).verify(key: key))
        var changed = statements
        changed[2] = OuterStatement(applicationId: changed[2].applicationId, keyHash: changed[2].keyHash,
                                    publicInputs: [changed[2].publicInputs[0] + .one] + changed[2].publicInputs.dropFirst())
        #expect(try !OuterProof(statements: changed, proof: proof).verify(key: key))
    }
}

/// Fixtures/outer-padded: note-spend and rollup padded to the three slots of
/// Fixtures/outer's key (`sheaf aggregate --outer-size 3`, `make
/// outer-padded-fixture`): another bundle, another size, the same key.
@Suite("Outer proof fixture, padded to a fixed size")
struct OuterPaddedFixtureTests {
    @Test("The padded proof verifies under Fixtures/outer's key on the padded statements, and on nothing shorter")
    func verifies() throws {
        let key = try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("outer-padded/verification_key.json"))
        #expect(key == (try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("outer/verification_key.json"))))
        let proof = try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("outer-padded/proof.json"))
        let statements = try Array(OuterFixtureTests.statements().prefix(2))
        let circuit = try OuterCircuit.fixedSize(slots: 3, publicInputs: 3)
        #expect(circuit == (try OuterCircuit(publicInputCounts: [3, 3, 3], keyOfProof: [0, 1, 2])), "Fixtures/outer's shape")
        let padded = statements + [statements[1]]
        #expect(try OuterProof(statements: padded, proof: proof).verify(key: key))
        #expect(try !OuterProof(statements: statements, proof: proof).verify(key: key))
        #expect(try !OuterProof(statements: padded + [statements[1]], proof: proof).verify(key: key))
        let listed = try #require(try JSONSerialization.jsonObject(with: OuterFixtureTests.data("outer-padded/statements.json")) as? [String: Any])
        #expect(listed["root"] as? String == Hex.encode(OuterStatementTree(padded).root))
        #expect(try SnarkJS.decodePublicInputs(OuterFixtureTests.data("outer-padded/public.json")) == [OuterStatementTree(padded).publicInput])
    }
}

/// snarkjs's own proofs (`../shared/vectors/snarkjs`: 1, 1 and 5 public
/// inputs, three keys) through the outer circuit: the witness satisfies it and
/// commits to their statements (a proving key for this shape is a setup of about
/// ten minutes, so the prove-and-settle path is shown on `Fixtures/outer`).
enum SharedSnarkJSVectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/vectors/snarkjs")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.path) }
}

@Suite("Outer circuit on snarkjs proofs", .enabled(if: SharedSnarkJSVectors.available,
                                                    "../shared/vectors/snarkjs is absent (it sits beside the repository in CI)"))
struct OuterSnarkJSVectorTests {

    @Test("Three snarkjs proofs under three keys satisfy the outer circuit and commit to their statements")
    func snarkjsProofs() throws {
        let names = ["merkletree-mimc-4undRaiser", "multiplier2-0x79de", "snarkjs-test-groth16"]
        var keys = [VerifyingKey](), proofs = [Groth16Proof](), inputs = [[Fr]]()
        for name in names {
            let dir = SharedSnarkJSVectors.directory.appendingPathComponent(name)
            keys.append(try SnarkJS.decodeVerifyingKey(Data(contentsOf: dir.appendingPathComponent("verification_key.json"))))
            proofs.append(try SnarkJS.decodeProof(Data(contentsOf: dir.appendingPathComponent("proof.json"))))
            inputs.append(try SnarkJS.decodePublicInputs(Data(contentsOf: dir.appendingPathComponent("public.json"))))
        }
        #expect(keys.map(\.publicInputCount) == [5, 1, 1])
        let circuit = try OuterCircuit(publicInputCounts: keys.map(\.publicInputCount), keyOfProof: [0, 1, 2])
        let statements = zip(names, zip(keys, inputs)).map { name, pair in
            OuterStatement(applicationId: Keccak256.hash(Array(name.utf8)), keyHash: Groth16BatchVerifier.keyHash(pair.0),
                           publicInputs: pair.1)
        }
        let cs = try circuit.build(keys: keys, proofs: proofs, statements: statements, storage: .discard)
        #expect(cs.check().isSatisfied, "\(cs.check())")
        #expect(cs.witness()[1] == OuterStatementTree(statements).publicInput)
        print("outer circuit on three snarkjs proofs (5, 1, 1 inputs): \(cs.constraintCount) constraints")
    }
}
