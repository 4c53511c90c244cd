/// A hash function a ``MerkleTree`` can be built over.
public protocol MerkleHashFunction {
    /// The 32-byte digest of `data`.
    static func hash<D: Collection>(_ data: D) -> [UInt8] where D.Element == UInt8
}

extension Keccak256: MerkleHashFunction {}
extension SHA256: MerkleHashFunction {}

/// The bundle manifest's tree (``MerkleTree`` over Keccak-256), which
/// `SheafSettlement` records and opens.
public typealias KeccakMerkleTree = MerkleTree<Keccak256>

/// The outer proof's statement tree (``MerkleTree`` over SHA-256), which the
/// outer settlement contract opens with the SHA-256 precompile.
public typealias SHA256MerkleTree = MerkleTree<SHA256>

/// A binary Merkle tree over a 32-byte hash H with domain-separated leaves and
/// nodes (leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right)), so a leaf can
/// never be passed off as an inner node. An odd node at any level is promoted
/// unchanged, which keeps the tree well defined for any leaf count.
public struct MerkleTree<Hash: MerkleHashFunction>: Sendable {
    /// levels[0] are the leaf hashes; the last level holds the root.
    public let levels: [[[UInt8]]]

    /// Builds the tree over `leaves` (at least one).
    public init(leaves: [[UInt8]]) {
        precondition(!leaves.isEmpty, "a Merkle tree needs at least one leaf")
        self.init(nodes: leaves.map { Self.leafHash($0) })
    }

    /// Builds the tree whose bottom level is `nodes`, already hashed: the roots
    /// of subtrees, as when trees of equal leaf count are joined under one root
    /// (a nested outer proof's tree over its children's statement roots).
    public init(nodes: [[UInt8]]) {
        precondition(!nodes.isEmpty, "a Merkle tree needs at least one node")
        var levels = [nodes]
        while levels.last!.count > 1 {
            let level = levels.last!
            var next = [[UInt8]]()
            for i in stride(from: 0, to: level.count, by: 2) {
                next.append(i + 1 < level.count ? Self.nodeHash(level[i], level[i + 1]) : level[i])
            }
            levels.append(next)
        }
        self.levels = levels
    }

    /// The 32-byte root.
    public var root: [UInt8] { levels.last![0] }

    /// The hash of a leaf's data.
    public static func leafHash(_ data: [UInt8]) -> [UInt8] { Hash.hash([0x00] + data) }

    /// The hash of an inner node.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { Hash.hash([0x01] + left + right) }

    /// The sibling path of leaf `index`, bottom up; `nil` marks a level where the
    /// node was promoted without a sibling.
    public func proof(forLeaf index: Int) -> MerkleInclusionProof {
        precondition(index >= 0 && index < levels[0].count, "leaf index out of range")
        var siblings = [[UInt8]?]()
        var i = index
        for level in levels.dropLast() {
            let sibling = i ^ 1
            siblings.append(sibling < level.count ? level[sibling] : nil)
            i >>= 1
        }
        return MerkleInclusionProof(leafIndex: index, leafCount: levels[0].count, siblings: siblings)
    }
}

/// Evidence that some data is leaf `leafIndex` of a ``MerkleTree``.
public struct MerkleInclusionProof: Sendable, Hashable, Codable {
    /// The position of the proven leaf, counted from 0.
    public let leafIndex: Int
    /// The number of leaves in the tree, which fixes where nodes were promoted.
    public let leafCount: Int
    /// The sibling hash at each level, bottom up; `nil` where the node was
    /// promoted without a sibling.
    public let siblings: [[UInt8]?]

    /// Whether `data` at `leafIndex` hashes up to `root` in a ``KeccakMerkleTree``.
    public func verifies(data: [UInt8], root: [UInt8]) -> Bool { verifies(data: data, root: root, in: KeccakMerkleTree.self) }

    /// Whether `data` at `leafIndex` hashes up to `root` in a tree of the given kind.
    public func verifies<H>(data: [UInt8], root: [UInt8], in tree: MerkleTree<H>.Type) -> Bool {
        guard leafIndex >= 0, leafIndex < leafCount else { return false }
        var hash = tree.leafHash(data)
        var i = leafIndex
        var width = leafCount
        for sibling in siblings {
            let hasSibling = (i ^ 1) < width
            guard hasSibling == (sibling != nil) else { return false }
            if let sibling {
                hash = i & 1 == 0 ? tree.nodeHash(hash, sibling) : tree.nodeHash(sibling, hash)
            }
            i >>= 1
            width = (width + 1) / 2
        }
        return width == 1 && hash == root
    }
}
