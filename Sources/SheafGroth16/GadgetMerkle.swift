import SheafField
import SheafHash

extension CircuitBuilder {
    /// The root of a ``PoseidonMerkleTree`` computed in-circuit from a leaf, the
    /// leaf's index bits (least significant first: bit h = 1 means the node at height
    /// h is a right child) and the sibling values bottom-up.
    ///
    /// The bits must already be constrained boolean (for instance by
    /// ``bits(of:count:_:)`` on the index). Each level costs one constraint to order
    /// the pair and 243 for the hash.
    public mutating func merkleRoot(leaf: LinearCombination, indexBits: [LinearCombination],
                                    siblings: [LinearCombination], _ label: String = "merkle") throws -> LinearCombination {
        precondition(indexBits.count == siblings.count, "one index bit per sibling")
        return try withNamespace(label) { builder in
            var node = leaf
            for (height, sibling) in siblings.enumerated() {
                node = try builder.withNamespace("level[\(height)]") { builder in
                    let (left, right) = builder.conditionalSwap(indexBits[height], node, sibling, "order")
                    // Hash outputs are 3-term combinations; one more variable would cost a
                    // constraint and save nothing, so they are passed on as they are.
                    return try builder.poseidon([left, right], "hash")
                }
            }
            return node
        }
    }

    /// Constrains `leaf` to sit at `index` in the tree with root `root`, given the
    /// siblings; the index is decomposed into `siblings.count` bits (so it is
    /// range-checked too). Returns the index bits for reuse, such as recomputing the
    /// root after an update along the same path.
    /// depth + 1 + depth·244 + 1 constraints.
    @discardableResult
    public mutating func assertMerkleMembership(leaf: LinearCombination, index: LinearCombination,
                                                siblings: [LinearCombination], root: LinearCombination,
                                                _ label: String = "merkle") throws -> [LinearCombination] {
        try withNamespace(label) { builder in
            let bits = builder.bits(of: index, count: siblings.count, "index")
            let computed = try builder.merkleRoot(leaf: leaf, indexBits: bits, siblings: siblings, "path")
            builder.assertEqual(computed, root, "root")
            return bits
        }
    }
}
