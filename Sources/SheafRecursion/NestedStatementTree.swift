import SheafField
import SheafHash

/// The statement tree of a tree of outer proofs, of any depth.
///
/// `levels[0]` statements make one outer proof's tree (``OuterStatementTree``);
/// `levels[1]` of those proofs' roots make one nested proof's tree
/// (``NestedOuterProof/tree``); `levels[2]` nested roots make the next one's,
/// and so on up to one root. Every level joins its nodes by the same rule,
/// SHA-256(0x01 ‖ left ‖ right) with an odd node promoted, so an application's
/// path to the root is its path in its outer proof's tree, then that proof's
/// path among its siblings, one level after another: what a settlement
/// contract's `isSettled` climbs, knowing the widths alone.
public struct NestedStatementTree: Sendable {
    /// The statements, in leaf order: outer proof c's j-th statement is leaf
    /// c · levels[0] + j.
    public let statements: [OuterStatement]
    /// The widths, bottom up: statements per outer proof, then children per
    /// proof at each level above.
    public let levels: [Int]
    /// The trees of each level, bottom up: one per proof at that level.
    private let layers: [[SHA256MerkleTree]]

    /// The tree of `statements` under these widths, or nil when a width is
    /// below 1 or their product is not the statement count.
    public init?(_ statements: [OuterStatement], levels: [Int]) {
        guard !levels.isEmpty, levels.allSatisfy({ $0 >= 1 }) else { return nil }
        var product = 1
        for width in levels {
            let (next, overflow) = product.multipliedReportingOverflow(by: width)
            guard !overflow, next <= statements.count else { return nil }
            product = next
        }
        guard product == statements.count else { return nil }
        let bottom = stride(from: 0, to: statements.count, by: levels[0]).map {
            OuterStatementTree(Array(statements[$0..<($0 + levels[0])])).tree
        }
        var layers = [bottom]
        for width in levels.dropFirst() {
            let roots = layers.last!.map(\.root)
            layers.append(stride(from: 0, to: roots.count, by: width).map { SHA256MerkleTree(nodes: Array(roots[$0..<($0 + width)])) })
        }
        self.statements = statements
        self.levels = levels
        self.layers = layers
    }

    /// The root a settlement contract records.
    public var root: [UInt8] { layers.last![0].root }

    /// The proof's public input: the root's low 253 bits.
    public var publicInput: Fr { OuterStatementTree.publicInput(root: root) }

    /// The roots of the proofs one level below the top: the top proof's children
    /// (for one level, the root itself).
    public var childRoots: [[UInt8]] {
        layers.count == 1 ? [root] : layers[layers.count - 2].map(\.root)
    }

    /// The siblings of leaf `index`, bottom up and without the promoted levels,
    /// as `isSettled` takes them.
    public func siblings(forLeaf index: Int) -> [[UInt8]] {
        precondition(statements.indices.contains(index), "leaf \(index) of \(statements.count)")
        var path = [[UInt8]](), position = index
        for (width, trees) in zip(levels, layers) {
            path += trees[position / width].proof(forLeaf: position % width).siblings.compactMap { $0 }
            position /= width
        }
        return path
    }
}
