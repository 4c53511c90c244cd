import Foundation
import SheafCurve
import SheafField
import SheafGroth16
import SheafHash
import Testing
@testable import SheafRecursion

/// Nested outer circuits over the real outer proof of Fixtures/outer.
@Suite("Nested outer circuit")
struct NestedOuterTests {
    static func fixtureChild() throws -> (key: CommittedVerifyingKey, child: NestedOuterChild) {
        let key = try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("outer/verification_key.json"))
        let proof = try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("outer/proof.json"))
        return (key, NestedOuterChild(proof: proof, root: OuterStatementTree(try OuterFixtureTests.statements()).root))
    }

    @Test("Two real outer proofs satisfy the nested circuit (challenge recomputed by the Keccak gadget), which commits to the root over their roots")
    func satisfiedByRealOuterProofs() throws {
        let (key, child) = try Self.fixtureChild()
        let circuit = try NestedOuterCircuit(childKey: key, childCount: 2)
        let cs = try circuit.build(children: [child, child], storage: .discard)
        #expect(cs.check().isSatisfied, "\(cs.check())")
        let expected = OuterStatementTree.publicInput(root: SHA256.hash([0x01] + child.root + child.root))
        #expect(cs.witness()[1] == expected)
        #expect(NestedOuterCircuit.publicInput(childRoots: [child.root, child.root]) == expected)
        print("nested outer circuit over 2 outer proofs: \(cs.constraintCount) constraints")
    }

    @Test("A child on another root, or with its commitment moved, is refused natively and leaves the circuit unsatisfiable")
    func wrongChildRefused() throws {
        let (key, child) = try Self.fixtureChild()
        let circuit = try NestedOuterCircuit(childKey: key, childCount: 2)
        var root = child.root
        root[31] ^= 1
        let forged = NestedOuterChild(proof: child.proof, root: root)
        #expect(throws: RecursionError.invalidInnerProof(proof: 1)) {
            try NestedOuterProof.checkChildren(circuit: circuit, children: [child, forged])
        }
        var moved = child.proof
        moved.commitment = (G1Jacobian(moved.commitment) + G1Jacobian.generator).affine
        #expect(throws: RecursionError.invalidInnerProof(proof: 0)) {
            try NestedOuterProof.checkChildren(circuit: circuit, children: [NestedOuterChild(proof: moved, root: child.root), child])
        }
        let cs = try circuit.build(children: [child, forged], storage: .discard)
        #expect(!cs.check().isSatisfied)
        // A knowledge proof π moved: the Groth16 equation still holds (π is not
        // in it), only the in-circuit knowledge check can catch it.
        var wrongKnowledge = child.proof
        wrongKnowledge.knowledgeProof = (G1Jacobian(wrongKnowledge.knowledgeProof) + G1Jacobian.generator).affine
        #expect(throws: RecursionError.invalidInnerProof(proof: 1)) {
            try NestedOuterProof.checkChildren(circuit: circuit, children: [child, NestedOuterChild(proof: wrongKnowledge, root: child.root)])
        }
        for tampered in [moved, wrongKnowledge] {
            let cs = try circuit.build(children: [child, NestedOuterChild(proof: tampered, root: child.root)], storage: .discard)
            #expect(!cs.check().isSatisfied)
        }
    }

    @Test("Child keys that are not outer keys, and bad child counts, are refused with typed errors")
    func badShapes() throws {
        let (key, child) = try Self.fixtureChild()
        #expect(throws: RecursionError.emptyBatch) { try NestedOuterCircuit(childKey: key, childCount: 0) }
        #expect(throws: RecursionError.tooManyProofs(count: 17, maximum: 16)) { try NestedOuterCircuit(childKey: key, childCount: 17) }
        let otherBase = CommittedVerifyingKey(base: key.base, g: key.base.delta, gSigmaNeg: key.gSigmaNeg)
        #expect(throws: RecursionError.self) { try NestedOuterCircuit(childKey: otherBase, childCount: 1) }
        let circuit = try NestedOuterCircuit(childKey: key, childCount: 1)
        #expect(throws: RecursionError.wrongCount(what: "children", expected: 1, actual: 2)) {
            try NestedOuterProof.checkChildren(circuit: circuit, children: [child, child])
        }
        var infinite = child.proof
        infinite.knowledgeProof = .infinity
        #expect(throws: RecursionError.pointAtInfinity(proof: 0, what: "the knowledge proof π")) {
            try circuit.build(children: [NestedOuterChild(proof: infinite, root: child.root)])
        }
    }
}

/// Fixtures/nested: a real nested outer proof (`sheaf nest`, `make nested-fixture`)
/// over Fixtures/outer and a second outer proof under the same key
/// (Fixtures/nested/child-b). The EVM tests settle it
/// (Tests/EVM/test_nested_settlement.py).
@Suite("Nested outer proof fixture")
struct NestedFixtureTests {
    static func listing(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: OuterFixtureTests.data(path)) as? [String: Any])
    }

    static func statements(_ listing: [String: Any]) throws -> [OuterStatement] {
        let items = try #require(listing["statements"] as? [[String: Any]])
        return try items.map { item in
            OuterStatement(applicationId: try Hex.decode(try #require(item["applicationId"] as? String)),
                           keyHash: try Fr(bigEndianBytes: try Hex.decode(try #require(item["keyHash"] as? String))),
                           publicInputs: try #require(item["publicInputs"] as? [String]).map { try Fr(decimal: $0) })
        }
    }

    @Test("NestedStatementTree: one level is an outer proof's tree, two the nested fixture's (root, child roots, listed paths); three levels climb to the root by isSettled's walk; widths that do not hold the statements are refused")
    func nestedStatementTree() throws {
        let listing = try Self.listing("nested/statements.json")
        let statements = try Self.statements(listing)
        let items = try #require(listing["statements"] as? [[String: Any]])
        let two = try #require(NestedStatementTree(statements, levels: [3, 2]))
        #expect(Hex.encode(two.root) == listing["root"] as? String)
        #expect(two.childRoots.map(Hex.encode) == listing["childRoots"] as? [String])
        for (i, item) in items.enumerated() {
            #expect(two.siblings(forLeaf: i).map(Hex.encode) == item["siblings"] as? [String])
            #expect(Self.climb(statements[i], index: i, levels: [3, 2], siblings: two.siblings(forLeaf: i)) == two.root)
        }
        let flat = OuterStatementTree(statements)
        let one = try #require(NestedStatementTree(statements, levels: [6]))
        #expect(one.root == flat.root && one.childRoots == [flat.root])
        for i in 0..<6 { #expect(one.siblings(forLeaf: i) == flat.inclusionProof(i).siblings.compactMap { $0 }) }
        // Three levels: two nested trees of two outer trees of three statements.
        let twelve = statements + statements.reversed()
        let three = try #require(NestedStatementTree(twelve, levels: [3, 2, 2]))
        let lower = try [0, 6].map { try #require(NestedStatementTree(Array(twelve[$0..<($0 + 6)]), levels: [3, 2])) }
        #expect(three.childRoots == lower.map(\.root))
        #expect(three.root == SHA256MerkleTree(nodes: lower.map(\.root)).root)
        for i in 0..<12 {
            let path = three.siblings(forLeaf: i)
            #expect(Self.climb(twelve[i], index: i, levels: [3, 2, 2], siblings: path) == three.root)
            #expect(Self.climb(twelve[i], index: (i + 3) % 12, levels: [3, 2, 2], siblings: path) != three.root)
        }
        // Odd widths promote nodes at every level: [3, 3, 1] and [1, 3, 3].
        let nine = Array(twelve[0..<9])
        for levels in [[3, 3, 1], [1, 3, 3], [9]] {
            let tree = try #require(NestedStatementTree(nine, levels: levels))
            for i in 0..<9 { #expect(Self.climb(nine[i], index: i, levels: levels, siblings: tree.siblings(forLeaf: i)) == tree.root) }
        }
        #expect(NestedStatementTree(statements, levels: [4, 2]) == nil)
        #expect(NestedStatementTree(statements, levels: [6, 0]) == nil)
        #expect(NestedStatementTree(statements, levels: []) == nil)
        #expect(NestedStatementTree(statements, levels: [Int.max, Int.max, 2]) == nil)
    }

    @Test("Three levels (Fixtures/nested3): the top proof verifies on the root over two nested roots, each child nested proof on its own tree of trees, the listed paths climb all three levels; swapped children do not verify")
    func threeLevels() throws {
        let key = try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("nested3/verification_key.json"))
        let proof = try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("nested3/proof.json"))
        let listing = try Self.listing("nested3/statements.json")
        #expect(listing["levels"] as? [Int] == [3, 2, 2] && listing["childLeaves"] as? Int == 6 && listing["children"] as? Int == 2)
        let statements = try Self.statements(listing)
        let tree = try #require(NestedStatementTree(statements, levels: [3, 2, 2]))
        #expect(Hex.encode(tree.root) == listing["root"] as? String)
        // Child 0 is Fixtures/nested; child 1 its two outer proofs in the other order.
        let nestedKey = try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("nested/verification_key.json"))
        #expect(try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("nested3/child-b/verification_key.json")) == nestedKey)
        #expect(Array(statements[0..<6]) == (try Self.statements(try Self.listing("nested/statements.json"))))
        #expect(Array(statements[6..<12]) == Array(statements[3..<6]) + Array(statements[0..<3]))
        let childProofs = [try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("nested/proof.json")),
                           try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("nested3/child-b/proof.json"))]
        let children = zip(childProofs, tree.childRoots).map { NestedOuterChild(proof: $0, root: $1) }
        for child in children {
            #expect(try Groth16.verify(proof: child.proof, publicInputs: [OuterStatementTree.publicInput(root: child.root)], key: nestedKey))
        }
        let top = NestedOuterProof(children: children, proof: proof)
        #expect(top.root == tree.root)
        #expect(try top.verify(key: key))
        #expect(try SnarkJS.decodePublicInputs(OuterFixtureTests.data("nested3/public.json")) == [tree.publicInput])
        #expect(try !NestedOuterProof(children: [children[1], children[0]], proof: proof).verify(key: key))
        #expect(try !NestedOuterProof(children: children, proof: childProofs[0]).verify(key: key))
        let items = try #require(listing["statements"] as? [[String: Any]])
        for (i, item) in items.enumerated() {
            #expect(item["siblings"] as? [String] == tree.siblings(forLeaf: i).map(Hex.encode))
            #expect(Self.climb(statements[i], index: i, levels: [3, 2, 2], siblings: tree.siblings(forLeaf: i)) == tree.root)
        }
    }

    /// isSettled's walk (Contracts/SheafOuterSettlement.vy.template), written
    /// again: the leaf, then each level's tree bottom up, siblings consumed
    /// only where a node has one; nil when the path is too short or too long.
    static func climb(_ statement: OuterStatement, index: Int, levels: [Int], siblings: [[UInt8]]) -> [UInt8]? {
        var h = SHA256.hash([0x00] + statement.leafData), used = 0, below = 1
        for width in levels {
            var position = (index / below) % width, w = width
            while w > 1 {
                if position % 2 == 1 || position + 1 < w {
                    guard used < siblings.count else { return nil }
                    h = SHA256.hash([0x01] + (position % 2 == 1 ? siblings[used] + h : h + siblings[used]))
                    used += 1
                }
                position /= 2; w = (w + 1) / 2
            }
            below *= width
        }
        return used == siblings.count ? h : nil
    }

    @Test("The nested proof verifies on the root over its children's roots; each child's outer proof verifies on its own; swapped children do not")
    func verifies() throws {
        let key = try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("nested/verification_key.json"))
        let proof = try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("nested/proof.json"))
        let listing = try Self.listing("nested/statements.json")
        let statements = try Self.statements(listing)
        #expect(listing["childLeaves"] as? Int == 3 && listing["children"] as? Int == 2 && statements.count == 6)
        let trees = [OuterStatementTree(Array(statements[0..<3])), OuterStatementTree(Array(statements[3..<6]))]
        // Child 0 is Fixtures/outer's statements, child 1 child-b's.
        #expect(Array(statements[0..<3]) == (try OuterFixtureTests.statements()))
        let childKey = try SnarkJS.decodeCommittedVerifyingKey(OuterFixtureTests.data("outer/verification_key.json"))
        let childProofs = [try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("outer/proof.json")),
                           try SnarkJS.decodeCommittedProof(OuterFixtureTests.data("nested/child-b/proof.json"))]
        for (tree, childProof) in zip(trees, childProofs) {
            #expect(try OuterProof(statements: tree.statements, proof: childProof).verify(key: childKey))
        }
        let children = zip(childProofs, trees).map { NestedOuterChild(proof: $0, root: $1.root) }
        let nested = NestedOuterProof(children: children, proof: proof)
        #expect(try nested.verify(key: key))
        #expect(Hex.encode(nested.root) == listing["root"] as? String)
        #expect(try SnarkJS.decodePublicInputs(OuterFixtureTests.data("nested/public.json")) == [nested.publicInput])
        #expect(try !NestedOuterProof(children: [children[1], children[0]], proof: proof).verify(key: key))
        // The nested key is not the child key: a child proof does not pass as a nested one.
        #expect(try !NestedOuterProof(children: children, proof: childProofs[0]).verify(key: key))
        // Every listed path opens its statement at the nested root.
        let items = try #require(listing["statements"] as? [[String: Any]])
        for (i, item) in items.enumerated() {
            let c = i / 3, j = i % 3
            let expected = nested.siblings(child: c, childSiblings: trees[c].inclusionProof(j).siblings.compactMap { $0 })
            #expect(item["siblings"] as? [String] == expected.map(Hex.encode))
        }
    }
}
