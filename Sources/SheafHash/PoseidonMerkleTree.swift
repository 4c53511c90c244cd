import SheafField

/// A sparse binary Merkle tree of fixed depth over Poseidon, the shape circuits prove
/// membership in.
///
/// A node is `Poseidon(left, right)` (circomlib's 2-input hash) and an empty leaf is 0
/// unless another value is chosen, so the root of an empty tree of depth d is Z_d with
/// Z_0 = the empty leaf, Z_{l+1} = H(Z_l, Z_l).
/// Only nodes that differ from the empty subtree are stored, so a depth-32 tree with
/// a few leaves is cheap. Leaf `i` is reached from the root by the bits of `i`, most
/// significant first: bit l (from the least significant) set means the node at
/// height l is a right child.
public struct PoseidonMerkleTree: Sendable, Equatable {
    /// The largest supported depth: indices stay well inside `Int`, and deeper trees
    /// than this are far beyond what a circuit can afford anyway.
    public static let maxDepth = 48

    /// The number of levels between the leaves and the root.
    public let depth: Int
    /// nodes[h] maps a position at height h (0 = leaves) to its value, for nodes
    /// that differ from the empty subtree's root at that height.
    private var nodes: [[Int: Fr]]
    /// emptyRoots[h] is the root of an empty subtree of height h.
    public let emptyRoots: [Fr]

    /// An empty tree of the given depth, every leaf `emptyLeaf`. Applications whose
    /// leaves are hashes of records use the hash of the empty record, so an unused
    /// slot opens like any other.
    ///
    /// - Throws: ``PoseidonError/unsupportedDepth(_:)`` unless 1 ≤ depth ≤ 48.
    public init(depth: Int, emptyLeaf: Fr = .zero) throws {
        guard depth >= 1, depth <= Self.maxDepth else { throw PoseidonError.unsupportedDepth(depth) }
        self.depth = depth
        var empty = [emptyLeaf]
        for h in 0..<depth { empty.append(Poseidon.hash(empty[h], empty[h])) }
        emptyRoots = empty
        nodes = Array(repeating: [:], count: depth + 1)
    }

    /// A tree of the given depth whose first `leaves.count` leaves are `leaves`, the
    /// rest `emptyLeaf`.
    ///
    /// - Throws: ``PoseidonError/unsupportedDepth(_:)`` or
    ///   ``PoseidonError/leafIndexOutOfRange(index:depth:)`` when there are more than
    ///   2^depth leaves.
    public init(depth: Int, leaves: [Fr], emptyLeaf: Fr = .zero) throws {
        try self.init(depth: depth, emptyLeaf: emptyLeaf)
        for (index, leaf) in leaves.enumerated() { try update(index: index, leaf: leaf) }
    }

    /// The number of leaves, 2^depth.
    public var capacity: Int { 1 << depth }

    /// The root.
    public var root: Fr { node(height: depth, position: 0) }

    /// The value of the node at `height` and `position` (positions from 0, left to right).
    func node(height: Int, position: Int) -> Fr {
        nodes[height][position] ?? emptyRoots[height]
    }

    /// The leaf at `index` (the empty leaf for one never set).
    ///
    /// - Throws: ``PoseidonError/leafIndexOutOfRange(index:depth:)``.
    public func leaf(at index: Int) throws -> Fr {
        try checkIndex(index)
        return node(height: 0, position: index)
    }

    /// Sets the leaf at `index` and recomputes the `depth` nodes above it.
    ///
    /// - Throws: ``PoseidonError/leafIndexOutOfRange(index:depth:)``.
    public mutating func update(index: Int, leaf: Fr) throws {
        try checkIndex(index)
        var position = index
        var value = leaf
        for height in 0...depth {
            // Storing an empty-subtree value would only waste memory.
            nodes[height][position] = value == emptyRoots[height] ? nil : value
            if height == depth { break }
            let sibling = node(height: height, position: position ^ 1)
            value = position & 1 == 0 ? Poseidon.hash(value, sibling) : Poseidon.hash(sibling, value)
            position >>= 1
        }
    }

    /// The authentication path of the leaf at `index`: its siblings from the leaf
    /// level up.
    ///
    /// - Throws: ``PoseidonError/leafIndexOutOfRange(index:depth:)``.
    public func path(at index: Int) throws -> PoseidonMerklePath {
        try checkIndex(index)
        var siblings = [Fr]()
        siblings.reserveCapacity(depth)
        var position = index
        for height in 0..<depth {
            siblings.append(node(height: height, position: position ^ 1))
            position >>= 1
        }
        return PoseidonMerklePath(leafIndex: index, siblings: siblings)
    }

    private func checkIndex(_ index: Int) throws {
        guard index >= 0, index < capacity else {
            throw PoseidonError.leafIndexOutOfRange(index: index, depth: depth)
        }
    }
}

/// The siblings that connect one leaf of a ``PoseidonMerkleTree`` to the root.
public struct PoseidonMerklePath: Sendable, Hashable {
    /// The position of the leaf; bit l tells whether the node at height l is a right child.
    public let leafIndex: Int
    /// Sibling values from the leaf level up; the count is the tree depth.
    public let siblings: [Fr]

    /// Wraps a path; nothing is checked until it is used.
    public init(leafIndex: Int, siblings: [Fr]) {
        self.leafIndex = leafIndex
        self.siblings = siblings
    }

    /// The root obtained by hashing `leaf` up along this path.
    ///
    /// - Throws: ``PoseidonError/leafIndexOutOfRange(index:depth:)`` when the index
    ///   does not fit the path's depth, so a path cannot silently stand for a
    ///   different leaf.
    public func root(forLeaf leaf: Fr) throws -> Fr {
        let depth = siblings.count
        guard leafIndex >= 0, depth <= PoseidonMerkleTree.maxDepth, leafIndex >> depth == 0 else {
            throw PoseidonError.leafIndexOutOfRange(index: leafIndex, depth: depth)
        }
        var value = leaf
        for (height, sibling) in siblings.enumerated() {
            value = (leafIndex >> height) & 1 == 0 ? Poseidon.hash(value, sibling) : Poseidon.hash(sibling, value)
        }
        return value
    }

    /// Whether `leaf` at ``leafIndex`` hashes up to `root` along this path; a
    /// malformed path (index too large for its depth) does not verify.
    public func verifies(leaf: Fr, root: Fr) -> Bool {
        (try? self.root(forLeaf: leaf)) == root
    }
}
