import Testing
import SheafField
@testable import SheafHash

/// circomlib's published outputs of poseidon([1, 2, …, k]) for k = 1…6 (circomlibjs
/// test suite and go-iden3-crypto), computed by implementations independent of this one.
let circomlibPoseidonVectors: [(inputs: Int, output: String)] = [
    (1, "18586133768512220936620570745912940619677854269274689475585506675881198879027"),
    (2, "7853200120776062878684798364095072458815029376092732009249414926327459813530"),
    (3, "6542985608222806190361240322586112750744169038454362455181422643027100751666"),
    (4, "18821383157269793795438455681495246036402687001665670618754263018637548127333"),
    (5, "6183221330272524995739186171720101788151706631170188140075976616310159254464"),
    (6, "20400040500897583745843009878988256314335038853985262692600694741116813247201"),
]

@Suite("Poseidon (circomlib-compatible)")
struct PoseidonTests {
    @Test("Required known answers: [1,2] (hex), [1,2,3], [1,2,3,4]")
    func requiredKnownAnswers() throws {
        #expect(try Poseidon.hash([1, 2]) == Fr(hex: "0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"))
        #expect(try Poseidon.hash([1, 2, 3]).decimalString
                == "6542985608222806190361240322586112750744169038454362455181422643027100751666")
        #expect(try Poseidon.hash([1, 2, 3, 4]).decimalString
                == "18821383157269793795438455681495246036402687001665670618754263018637548127333")
    }

    @Test("circomlib's outputs for 1 to 6 inputs (every width t = 2…7)", arguments: circomlibPoseidonVectors)
    func everyWidth(vector: (inputs: Int, output: String)) throws {
        let inputs = (1...vector.inputs).map { Fr(UInt64($0)) }
        #expect(try Poseidon.hash(inputs).decimalString == vector.output)
    }

    @Test("The two-argument node hash agrees with the array form")
    func nodeHash() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<5 {
            let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
            #expect(Poseidon.hash(a, b) == (try Poseidon.hash([a, b])))
            #expect(Poseidon.hash(a, b) != Poseidon.hash(b, a))
        }
    }

    @Test("0 and more than 6 inputs are refused with a typed error")
    func inputCount() {
        #expect(throws: PoseidonError.unsupportedInputCount(0)) { try Poseidon.hash([]) }
        #expect(throws: PoseidonError.unsupportedInputCount(7)) { try Poseidon.hash(Array(repeating: Fr.one, count: 7)) }
        #expect(PoseidonError.unsupportedInputCount(7).description.contains("1 to 6"))
    }

    @Test("Parameter tables have circomlib's round counts and sizes")
    func parameterShapes() throws {
        let expectedPartial = [56, 57, 56, 60, 60, 63]
        for inputs in 1...6 {
            let p = try PoseidonParameters.forInputCount(inputs)
            #expect(p.width == inputs + 1)
            #expect(p.fullRounds == 8)
            #expect(p.partialRounds == expectedPartial[inputs - 1])
            #expect(p.roundConstants.count == p.rounds * p.width)
            #expect(p.mds.count == p.width * p.width)
            #expect((0..<p.rounds).filter { p.isFullRound($0) }.count == 8)
            #expect(p.isFullRound(3) && !p.isFullRound(4) && p.isFullRound(4 + p.partialRounds))
        }
    }
}

/// The root of a dense tree over `leaves` (padded with zeros to 2^depth), computed
/// level by level: an independent check on the sparse tree's bookkeeping.
func denseRoot(_ leaves: [Fr], depth: Int) -> Fr {
    var level = leaves + Array(repeating: Fr.zero, count: (1 << depth) - leaves.count)
    while level.count > 1 {
        level = stride(from: 0, to: level.count, by: 2).map { Poseidon.hash(level[$0], level[$0 + 1]) }
    }
    return level[0]
}

@Suite("Poseidon Merkle tree")
struct PoseidonMerkleTreeTests {
    @Test("Empty roots follow Z₀ = 0, Z_{h+1} = H(Z_h, Z_h)")
    func emptyRoots() throws {
        let tree = try PoseidonMerkleTree(depth: 3)
        let z1 = Poseidon.hash(.zero, .zero)
        let z2 = Poseidon.hash(z1, z1)
        #expect(tree.emptyRoots == [.zero, z1, z2, Poseidon.hash(z2, z2)])
        #expect(tree.root == denseRoot([], depth: 3))
    }

    @Test("Sparse tree root equals the dense computation, and every path verifies")
    func matchesDense() throws {
        var rng = SeededGenerator(seed: 11)
        let leaves = (0..<11).map { _ in Fr.random(using: &rng) }
        let tree = try PoseidonMerkleTree(depth: 4, leaves: leaves)
        #expect(tree.root == denseRoot(leaves, depth: 4))
        for index in 0..<16 {
            let path = try tree.path(at: index)
            let leaf = try tree.leaf(at: index)
            #expect(path.siblings.count == 4)
            #expect(path.verifies(leaf: leaf, root: tree.root))
            #expect(!path.verifies(leaf: leaf + 1, root: tree.root))
        }
    }

    @Test("A path for one index does not verify the same leaf at another index")
    func indexBinding() throws {
        var rng = SeededGenerator(seed: 12)
        let leaves = (0..<8).map { _ in Fr.random(using: &rng) }
        let tree = try PoseidonMerkleTree(depth: 3, leaves: leaves)
        let path = try tree.path(at: 5)
        #expect(path.verifies(leaf: leaves[5], root: tree.root))
        let moved = PoseidonMerklePath(leafIndex: 4, siblings: path.siblings)
        #expect(!moved.verifies(leaf: leaves[5], root: tree.root))
        // An index too wide for the path's depth is an error, not a different leaf.
        let wide = PoseidonMerklePath(leafIndex: 13, siblings: path.siblings)
        #expect(throws: PoseidonError.leafIndexOutOfRange(index: 13, depth: 3)) { try wide.root(forLeaf: leaves[5]) }
    }

    @Test("Updates move the root; resetting a leaf to 0 restores the empty root")
    func updates() throws {
        var tree = try PoseidonMerkleTree(depth: 5)
        let empty = tree.root
        try tree.update(index: 17, leaf: 42)
        #expect(tree.root != empty)
        var leaves = Array(repeating: Fr.zero, count: 32)
        leaves[17] = 42
        #expect(tree.root == denseRoot(leaves, depth: 5))
        let oldPath = try tree.path(at: 3)
        try tree.update(index: 3, leaf: 9)
        leaves[3] = 9
        #expect(tree.root == denseRoot(leaves, depth: 5))
        // The sibling path of leaf 3 did not change, so it proves the new leaf.
        #expect(oldPath.verifies(leaf: 9, root: tree.root))
        try tree.update(index: 3, leaf: 0)
        try tree.update(index: 17, leaf: 0)
        #expect(tree.root == empty)
        #expect(tree == (try PoseidonMerkleTree(depth: 5)))
    }

    @Test("A non-zero empty leaf: empty roots and updates follow it")
    func customEmptyLeaf() throws {
        let e: Fr = 1234
        var tree = try PoseidonMerkleTree(depth: 3, emptyLeaf: e)
        #expect(tree.root == denseRoot(Array(repeating: e, count: 8), depth: 3))
        try tree.update(index: 6, leaf: 5)
        var leaves = Array(repeating: e, count: 8)
        leaves[6] = 5
        #expect(tree.root == denseRoot(leaves, depth: 3))
        #expect(try tree.leaf(at: 2) == e)
        #expect(try tree.path(at: 2).verifies(leaf: e, root: tree.root))
        try tree.update(index: 6, leaf: e)
        #expect(tree == (try PoseidonMerkleTree(depth: 3, emptyLeaf: e)))
    }

    @Test("Bad depths and indices throw typed errors")
    func errors() throws {
        #expect(throws: PoseidonError.unsupportedDepth(0)) { try PoseidonMerkleTree(depth: 0) }
        #expect(throws: PoseidonError.unsupportedDepth(49)) { try PoseidonMerkleTree(depth: 49) }
        var tree = try PoseidonMerkleTree(depth: 2)
        #expect(throws: PoseidonError.leafIndexOutOfRange(index: 4, depth: 2)) { try tree.update(index: 4, leaf: 1) }
        #expect(throws: PoseidonError.leafIndexOutOfRange(index: -1, depth: 2)) { try tree.path(at: -1) }
        #expect(throws: PoseidonError.leafIndexOutOfRange(index: 4, depth: 2)) {
            try PoseidonMerkleTree(depth: 2, leaves: Array(repeating: Fr.one, count: 5))
        }
    }
}
